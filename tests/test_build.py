"""The build: deterministic dumps and an atomic swap that a failure never half-does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from ungraph import store as stores
from ungraph.build import build
from ungraph.cli import cli
from ungraph.config import Settings
from ungraph.errors import ExtractionError, SourceError, StoreError

from tests.conftest import make_settings


def _snapshot(settings: Settings) -> tuple[bytes, int, list[str]]:
    store = Path(settings.store)
    count = len(ox.Store.read_only(str(store)))
    siblings = sorted(p.name for p in store.parent.iterdir())
    return Path(settings.dump).read_bytes(), count, siblings


@pytest.fixture()
def previous(built: Settings, tmp_path: Path) -> Settings:
    """A copy of a good build that a failing build must leave untouched."""
    settings = make_settings(tmp_path)
    shutil.copytree(built.store, settings.store)
    shutil.copy(built.dump, settings.dump)
    return settings


@pytest.mark.slow
def test_build_is_deterministic(built: Settings, tmp_path: Path) -> None:
    """Two builds in fresh interpreters with different hash seeds give the session's dump, byte for byte."""
    runs = []
    for seed in ("0", "4242"):
        (tmp_path / f"seed-{seed}").mkdir()
        again = make_settings(tmp_path / f"seed-{seed}")
        env = {**os.environ, "PYTHONHASHSEED": seed, "UNGRAPH_SOURCE_DIR": again.source_dir,
               "UNGRAPH_REFERENCE_DIR": again.reference_dir, "UNGRAPH_STORE": again.store, "UNGRAPH_DUMP": again.dump}
        proc = subprocess.Popen([sys.executable, "-m", "ungraph", "build", "-q"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        runs.append((again, proc))
    for again, proc in runs:  # the two builds run side by side
        out, _ = proc.communicate(timeout=600)
        assert proc.returncode == 0, out.decode(errors="replace")[-2000:]
        assert Path(again.dump).read_bytes() == Path(built.dump).read_bytes()


def test_dump_is_sorted_nquads_without_blank_nodes(built: Settings) -> None:
    lines = Path(built.dump).read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)
    assert not any(line.startswith("_:") or " _:" in line for line in lines)


def test_changed_source_stops_the_build_and_keeps_the_previous_store(previous: Settings, tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(previous.source_dir, source)
    text = source / "A-78-1.zh.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("导言", "导论", 1), encoding="utf-8")
    before = _snapshot(previous)
    result = CliRunner().invoke(cli, ["build", "-q", "--store", previous.store, "--dump", previous.dump],
                                env={"UNGRAPH_SOURCE_DIR": str(source)})
    assert result.exit_code == 2
    assert "sha256" in result.output and "Traceback" not in result.output
    assert _snapshot(previous) == before


def test_missing_source_is_a_source_error(previous: Settings, tmp_path: Path) -> None:
    with pytest.raises(SourceError):
        build(previous.replace(source_dir=str(tmp_path / "nowhere")))


def test_failure_in_a_later_stage_keeps_the_previous_store(previous: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> list[object]:
        raise ExtractionError("an extractor broke")

    monkeypatch.setattr("ungraph.build.run_extractors", broken)
    before = _snapshot(previous)
    with pytest.raises(ExtractionError):
        build(previous)
    assert _snapshot(previous) == before


def test_failure_while_writing_keeps_the_previous_store_and_leaves_no_temporaries(previous: Settings) -> None:
    def quads():
        yield ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/b"), ox.NamedNode("http://x/c"))
        raise OSError(28, "No space left on device")

    before = _snapshot(previous)
    with pytest.raises(StoreError, match="No space left"):
        stores.write_build(quads(), previous.store, previous.dump)
    assert _snapshot(previous) == before


def test_unwritable_store_location_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreError):
        stores.write_build([], blocker / "store", tmp_path / "d.nq")
