"""Consistency of the hand-read gold rows for events, figures and activities (issue 10).

The rows were written by reading the report; these checks only keep them honest against the
text: every printed figure is a substring of its line, every line number exists, every code is a
real ISO 3166 alpha-3 code, every figure an activity cites exists, and the vocabularies are the
ones tests/gold/README.md documents.
"""
from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
LINES = (ROOT / "data" / "source" / "A-78-1.zh.txt").read_text(encoding="utf-8").split("\n")

KINDS = {"conference", "summit", "session", "meeting", "dialogue", "forum", "day", "week", "year",
         "campaign", "agreement", "initiative", "exhibition", "other"}
UNITS = {"person", "household", "country", "organization", "mission", "meeting", "document", "project",
         "case", "visit", "location", "item", "USD", "tonne", "percent", "fraction", "km", "km2",
         "hectare", "barrel", "mile", "year", "day", "language"}
QUALIFIERS = {"", "约", "近", "超过", "逾", "多", "不到", "+", "以上", "至少", "接近", "不超过"}
ACTIONS = {"provide", "support", "deploy", "deliver", "broker", "monitor", "train", "allocate", "assist",
           "protect", "mediate", "adjudicate", "convene", "cooperate", "launch", "sign", "other"}
DATE = re.compile(r"\d{4}(-\d\d(-\d\d)?)?(/\d{4}(-\d\d(-\d\d)?)?)?")


def _rows(name: str) -> list[dict[str, str]]:
    with (GOLD / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def _codes(cell: str) -> list[str]:
    return [c for c in cell.split("|") if re.fullmatch(r"[A-Z]{3}", c)]


def test_events_are_well_formed() -> None:
    rows = _rows("events.tsv")
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert r["kind"] in KINDS, r["id"]
        assert r["required"] in {"yes", "optional"}, r["id"]
        assert all(DATE.fullmatch(d) for d in r["date"].split("|") if d), r["id"]
        lines = [int(n) for n in r["lines"].split("|")]
        assert all(1 <= n <= len(LINES) and LINES[n - 1].strip() for n in lines), r["id"]


def test_figures_are_printed_on_their_line() -> None:
    for r in _rows("figures.tsv"):
        assert r["text_as_printed"] in LINES[int(r["line"]) - 1], r["id"]
        assert r["required"] in {"yes", "optional", "no"}, r["id"]
        assert r["qualifier"] in QUALIFIERS, r["id"]
        if r["required"] != "no":
            assert r["unit"] in UNITS, r["id"]
        for v in r["value"].split("|"):
            if v:
                Decimal(v)


def test_activities_cite_existing_figures() -> None:
    figures = {r["id"]: r for r in _rows("figures.tsv")}
    for r in _rows("activities.tsv"):
        assert r["action"] in ACTIONS, r["id"]
        assert r["required"] in {"yes", "optional"}, r["id"]
        assert LINES[int(r["line"]) - 1].strip(), r["id"]
        for fid in filter(None, r["figures"].split("|")):
            assert figures[fid]["required"] != "no", (r["id"], fid)


def test_place_codes_are_iso_alpha3() -> None:
    pycountry = pytest.importorskip("pycountry")
    cells = ([r["place_country"] for r in _rows("events.tsv")] + [r["place"] for r in _rows("figures.tsv")]
             + [r["place"] for r in _rows("activities.tsv")])
    for code in {c for cell in cells for c in _codes(cell)}:
        assert pycountry.countries.get(alpha_3=code) is not None, code
