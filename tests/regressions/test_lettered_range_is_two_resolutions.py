"""Issue 15, item 2: a lettered range "76/84 A-B" cites two documents, A/RES/76/84 A and A/RES/76/84 B.

The report writes "大会第76/84 A-B和77/128 A-B号决议" (chapter 9, 有关新闻的问题). The official
symbols are one document per letter, as for "72/266 A和B"; the graph kept each range as one
resolution (``A-RES-76-84-A-B``), so the example query 14 (resolutions by organ) counted two too few.
"""

from __future__ import annotations

from ungraph.extract import build_context, resolutions
from ungraph.extract.citations import find_citations, resolution_symbol
from ungraph.records import Entity


def test_a_range_of_letters_is_one_symbol_per_letter() -> None:
    assert resolution_symbol("GA", "76/84 A-B") == ["A/RES/76/84 A", "A/RES/76/84 B"]
    assert resolution_symbol("GA", "77/128 A - C") == ["A/RES/77/128 A", "A/RES/77/128 B", "A/RES/77/128 C"]


def test_both_parts_share_the_span_as_written() -> None:
    cites = find_citations("(大会第76/84 A-B号决议)")
    assert [c.symbol for c in cites] == ["A/RES/76/84 A", "A/RES/76/84 B"]
    assert {c.surface for c in cites} == {"76/84 A-B"}


def test_the_report_cites_each_part_as_a_resolution(real) -> None:
    doc, segments, gazetteer = real
    keys = {r.ref.key for r in resolutions.extract(doc, segments, build_context(doc, segments, gazetteer))
            if isinstance(r, Entity)}
    assert {"A-RES-76-84-A", "A-RES-76-84-B", "A-RES-77-128-A", "A-RES-77-128-B"} <= keys
    assert not {"A-RES-76-84-A-B", "A-RES-77-128-A-B"} & keys
