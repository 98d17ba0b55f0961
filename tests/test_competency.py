"""Competency questions: every ``NN-slug.rq`` of the package's example queries
(``src/ungraph/data/examples/``, read through :func:`ungraph.paths.examples_dir`, as the query page's
gallery reads them) runs on the real build and must give the answer in
``tests/queries/NN-slug.expected.tsv``, established by reading the report (not by running the code).

An ``.rq`` file starts with ``# <title>`` and ``# zh: <标题>``; a ``# xfail: <reason>`` line marks a
question the graph cannot answer yet (strict: it fails loudly once it can). Answers are compared
as sets of rows (as lists when the query has ORDER BY), after :func:`ungraph.evaluate.normalize_label`
on every cell, so "阿明娜 · 穆罕默德" and "阿明娜·穆罕默德" are the same answer.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from ungraph.evaluate import normalize_label
from ungraph.paths import examples_dir
from ungraph.sparql import execute
from ungraph.web.sparql_page import absolute_prefixes

QUERIES = Path(__file__).resolve().parent / "queries"  # the expected answers
FILES = sorted(examples_dir().glob("*.rq"))


def _header(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    head = {"title": lines[0].removeprefix("# ").strip(), "zh": lines[1].removeprefix("# zh:").strip()}
    for line in lines[2:4]:
        if line.startswith("# xfail:"):
            head["xfail"] = line.removeprefix("# xfail:").strip()
    return head


def _cell(value: object) -> str:
    if isinstance(value, ox.Literal):
        value = value.value
    elif isinstance(value, ox.NamedNode):
        value = value.value
    return normalize_label(str(value))


def _expected(path: Path) -> tuple[list[str], list[tuple[str, ...]]]:
    with open(QUERIES / f"{path.stem}.expected.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[0], [tuple(_cell(c) for c in r) for r in rows[1:]]


def _params() -> list:
    params = []
    for path in FILES:
        reason = _header(path).get("xfail")
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        params.append(pytest.param(path, id=path.stem, marks=marks))
    return params


def test_there_are_at_least_25_questions() -> None:
    assert len(FILES) >= 25


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_question_files_are_well_formed(path: Path) -> None:
    assert re.match(r"^\d\d-[a-z0-9-]+$", path.stem)
    head = _header(path)
    assert head["title"] and not head["title"].startswith("#")
    assert re.search(r"[\u4e00-\u9fff]", head["zh"]), "second line must be '# zh: <Chinese title>'"
    assert (QUERIES / f"{path.stem}.expected.tsv").exists()


@pytest.fixture(scope="module")
def store(built):
    from ungraph.store import open_store

    return open_store(built.store, read_only=True)


@pytest.mark.parametrize("path", _params())
def test_competency_question_gives_the_expected_answer(store, built, path: Path) -> None:
    query = absolute_prefixes(path.read_text(encoding="utf-8"), built.base)  # as the gallery shows it
    header, expected = _expected(path)
    result = execute(store, query)
    if isinstance(result, ox.QueryBoolean):
        got = [(_cell(str(bool(result)).lower()),)]
    else:
        variables = [v.value for v in result.variables]
        assert variables == header, f"{path.name}: projects {variables}, the expected file has {header}"
        got = [tuple(_cell(row[v]) if row[v] is not None else "" for v in variables) for row in result]
    if re.search(r"\bORDER\s+BY\b", query, re.IGNORECASE):
        assert got == expected
    else:
        assert sorted(set(got)) == sorted(set(expected)), (
            f"missing {sorted(set(expected) - set(got))}, unexpected {sorted(set(got) - set(expected))}")
