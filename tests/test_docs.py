"""The README documents every setting and every CLI command (datasette's test_docs)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ungraph.cli import cli
from ungraph.config import SETTINGS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", [s.name for s in SETTINGS])
def test_setting_is_in_readme_settings_table(name: str) -> None:
    assert re.search(rf"^\| `UNGRAPH_{name.upper()}` \|", README, re.M), f"UNGRAPH_{name.upper()} missing from README"


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_cli_command_is_documented(command: str) -> None:
    assert f"ungraph {command}" in README, f"`ungraph {command}` missing from README"


def test_quick_start_is_exactly_the_two_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^(make \w+)$", quick, re.M)
    assert commands == ["make run", "make test"]
