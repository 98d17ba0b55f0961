"""reference/tables.py: reading, canonical writing and linting of the curated TSVs."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from ungraph.errors import ReferenceDataError
from ungraph.reference.tables import (
    TABLES,
    Blocker,
    Country,
    canonical_text,
    columns,
    lint,
    read_table,
    render,
    spec_for,
    write_table,
)

HEADER = "id\ttext\treason\tsource\n"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_read_table_returns_row_objects_with_clean_cells(tmp_path: Path) -> None:
    path = _write(tmp_path / "blockers.tsv", HEADER + "marib\t 马里卜 \ta  b\treport reading\n")
    assert read_table(path, Blocker) == [Blocker("marib", "马里卜", "a b", "report reading")]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (HEADER + "a\tx\ty\n", 2, "expected 4 columns, got 3"),
        ("id\ttext\treason\tsource\textra\n", 1, "unknown ['extra']"),
        ("id\ttext\treason\n", 1, "missing ['source']"),
        (HEADER + "\tx\ty\tz\n", 2, "empty id"),
        (HEADER + "a\tx\ty\tz\nb\tx\ty\tz\na\tx\ty\tz\n", 4, "duplicate id 'a' (first on line 2)"),
        ("", 1, "empty file"),
    ],
    ids=["column-count", "unknown-header", "missing-header", "empty-id", "duplicate-id", "empty-file"],
)
def test_read_table_bad_rows_raise_with_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = _write(tmp_path / "blockers.tsv", text)
    with pytest.raises(ReferenceDataError) as info:
        read_table(path, Blocker)
    assert (info.value.file, info.value.line) == ("blockers.tsv", line)
    assert message in info.value.message


def test_write_table_is_canonical_sorted_utf8_lf(tmp_path: Path) -> None:
    path = tmp_path / "blockers.tsv"
    write_table(path, [Blocker("b", "乙", "r", "s"), Blocker("a", "甲\t", "r  r", "s")])
    assert path.read_bytes() == (HEADER + "a\t甲\tr r\ts\nb\t乙\tr\ts\n").encode("utf-8")


def test_canonical_text_sorts_and_normalises(tmp_path: Path) -> None:
    path = _write(tmp_path / "blockers.tsv", "source\tid\ttext\treason\r\ns\tb\t乙\tr\r\ns\ta\t甲\tr\r\n")
    assert canonical_text(path, Blocker) == HEADER + "a\t甲\tr\ts\nb\t乙\tr\ts\n"


def _data_dir(tmp_path: Path) -> Path:
    for spec in TABLES:
        write_table(tmp_path / spec.file, [], spec.row_cls)
    return tmp_path


def test_lint_clean_directory_has_no_problems(tmp_path: Path) -> None:
    assert lint(_data_dir(tmp_path)) == []


def test_lint_reports_then_fixes_non_canonical_file(tmp_path: Path) -> None:
    directory = _data_dir(tmp_path)
    _write(directory / "blockers.tsv", HEADER + "b\t乙\tr\ts\na\t甲\tr\ts\n")
    assert lint(directory) == ["blockers.tsv: not in canonical form (run `ungraph lint-data --fix`)"]
    assert lint(directory, fix=True) == []
    assert (directory / "blockers.tsv").read_text(encoding="utf-8") == HEADER + "a\t甲\tr\ts\nb\t乙\tr\ts\n"
    assert lint(directory) == []


def test_lint_reports_bad_ids_broken_missing_and_unknown_files(tmp_path: Path) -> None:
    directory = _data_dir(tmp_path)
    _write(directory / "blockers.tsv", HEADER + "Not A Slug\t甲\tr\ts\n")
    _write(directory / "regions.tsv", "id\tname\n")
    (directory / "aliases.tsv").unlink()
    _write(directory / "stray.tsv", "id\n")
    problems = lint(directory, fix=True)
    assert "aliases.tsv: missing" in problems
    assert any(p.startswith("blockers.tsv: id 'Not A Slug'") for p in problems)
    assert any(p.startswith("regions.tsv:1: header must be") for p in problems)
    assert any(p.startswith("stray.tsv: not a registered table") for p in problems)
    assert problems == sorted(problems)


def test_registry_rows_start_with_id_and_carry_a_source() -> None:
    for spec in TABLES:
        names = columns(spec.row_cls)
        assert names[0] == "id" and "source" in names, spec.file
        assert all(column in names for column in spec.names), spec.file
        assert spec_for(spec.file) is spec


def test_a_new_kind_needs_only_a_dataclass_and_a_spec(tmp_path: Path) -> None:
    """The registry is generic: read/render work for any row dataclass."""

    @dataclasses.dataclass(frozen=True)
    class Organization:
        id: str
        name_zh: str
        country: str
        source: str

    rows = [Organization("UNDP", "开发署", "", "report reading")]
    write_table(tmp_path / "organizations.tsv", rows)
    assert read_table(tmp_path / "organizations.tsv", Organization) == rows
    assert render(rows, Organization).startswith("id\tname_zh\tcountry\tsource\n")


def test_country_columns_are_the_documented_ones() -> None:
    assert columns(Country) == ["id", "alpha2", "m49", "geonames_id", "wikidata", "name_zh", "name_en", "source",
                                "status", "within"]
