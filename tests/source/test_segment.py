"""Tests for ungraph.source.segment against the real report (data/source/A-78-1.zh.txt).

Expected numbers below were counted by reading the text, not computed with the code.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from pathlib import Path

import pytest

from ungraph.errors import SourceError
from ungraph.records import Document, Segment
from ungraph.source.load import load_report
from ungraph.source.segment import segment

SOURCE = Path(__file__).resolve().parents[2] / "data" / "source"

# the contents page (lines "<title> <page>") of the report
CHAPTERS = [
    ("促进持续经济增长和可持续发展", 33),
    ("维护国际和平与安全", 67),
    ("非洲的发展", 99),
    ("促进和保护人权", 111),
    ("有效协调人道主义援助", 129),
    ("促进司法和国际法", 147),
    ("裁军", 159),
    ("毒品管制、预防犯罪和打击恐怖主义", 171),
    ("联合国的有效运作", 183),
]
# mandate lines under 主要授权 per chapter, wrapped lines counted once
MANDATES = {1: 8, 2: 11, 3: 9, 4: 5, 5: 6, 6: 7, 7: 7, 8: 8, 9: 10}


@pytest.fixture(scope="session")
def doc() -> Document:
    return load_report(SOURCE)


@pytest.fixture(scope="session")
def segs(doc: Document) -> list[Segment]:
    return segment(doc)


@pytest.fixture(scope="session")
def by_id(segs: list[Segment]) -> dict[str, Segment]:
    return {s.id: s for s in segs}


def test_every_span_reproduces_its_text(doc: Document, segs: list[Segment]) -> None:
    bad = [s.id for s in segs if doc.text[s.start:s.end] != s.text]
    assert not bad


def test_ids_are_unique_and_readable(segs: list[Segment]) -> None:
    ids = [s.id for s in segs]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9\-/]*", i) for i in ids)


def test_children_lie_inside_their_parents(by_id: dict[str, Segment], segs: list[Segment]) -> None:
    for s in segs:
        if s.parent is not None:
            parent = by_id[s.parent]
            assert parent.start <= s.start <= s.end <= parent.end, s.id


def test_document_order_with_parents_first(segs: list[Segment]) -> None:
    seen: set[str] = set()
    for s in segs:
        assert s.parent is None or s.parent in seen, s.id
        seen.add(s.id)
    assert [s.start for s in segs] == sorted(s.start for s in segs)


def test_order_is_position_among_siblings(segs: list[Segment]) -> None:
    siblings: dict[str | None, list[int]] = {}
    for s in sorted(segs, key=lambda s: s.order):
        siblings.setdefault(s.parent, []).append(s.order)
    assert all(orders == list(range(1, len(orders) + 1)) for orders in siblings.values())


def test_report_spans_whole_text(doc: Document, by_id: dict[str, Segment]) -> None:
    report = by_id[""]
    assert (report.kind, report.start, report.end, report.title) == ("report", 0, len(doc.text), doc.title_zh)


def test_nine_chapters_with_titles_and_pages(segs: list[Segment]) -> None:
    chapters = [s for s in segs if s.kind == "chapter"]
    assert [(s.title, s.page) for s in chapters] == CHAPTERS
    assert [s.id for s in chapters] == [f"chapter/{n}" for n in range(1, 10)]


def test_contents_entries_carry_pages(segs: list[Segment], by_id: dict[str, Segment]) -> None:
    entries = [s for s in segs if s.kind == "contents-entry"]
    assert (entries[0].title, entries[0].attr("page")) == ("导言", "5")
    assert [(e.title, int(e.attr("page") or 0)) for e in entries[1:]] == CHAPTERS
    assert by_id["introduction"].page == 5 and by_id["front"].kind == "front-matter"


def test_introduction_spotlights(segs: list[Segment]) -> None:
    titles = [s.title for s in segs if s.kind == "spotlight" and s.parent == "introduction"]
    assert titles[:4] == ["联合国系统", "我们的共同议程", "全球粮食、能源和金融危机应对小组", "黑海倡议和谅解备忘录"]


@pytest.mark.parametrize("chapter,count", sorted(MANDATES.items()))
def test_mandate_lines_per_chapter(by_id: dict[str, Segment], segs: list[Segment], chapter: int, count: int) -> None:
    section = f"chapter/{chapter}/section/mandates"
    assert by_id[section].attr("section_kind") == "mandates"
    items = [s for s in segs if s.parent == section and s.kind == "item"]
    assert len(items) == count


def test_wrapped_mandate_line_is_one_item(segs: list[Segment]) -> None:
    items = [s for s in segs if s.parent == "chapter/5/section/mandates" and s.kind == "item"]
    first = items[0]
    assert "\n" in first.text and first.text.rstrip().endswith("(77/28号决议)")
    assert first.attr("normalized") == "加强联合国紧急人道主义援助的协调 (大会第46/182和77/28号决议)"
    assert items[3].text.startswith("(保护和援助境内流离失所者")


def test_sections_have_slugs(segs: list[Segment]) -> None:
    slugs = Counter(s.attr("section_kind") for s in segs if s.kind == "section")
    assert slugs["core-programmes"] == slugs["mandates"] == slugs["entities"] == slugs["results"] == 9
    assert slugs["background"] == 8  # the last chapter has none


def test_abbreviation_table_has_28_rows(segs: list[Segment]) -> None:
    rows = [s for s in segs if s.kind == "row"]
    assert len(rows) == 28
    pairs = {(r.attr("abbreviation"), r.attr("full_name")) for r in rows}
    assert ("联刚稳定团", "联合国组织刚果民主共和国稳定特派团") in pairs
    assert ("联塞部队", "联合国驻塞浦路斯维持和平部队") in pairs
    assert ("停战监督组织", "联合国停战监督组织") in pairs
    assert len({r.parent for r in rows}) == 1


def test_attribution_follows_its_quotation(segs: list[Segment], by_id: dict[str, Segment]) -> None:
    attribution = next(s for s in segs if s.kind == "attribution" and s.text == "常务副秘书长阿明娜 · 穆罕默德")
    quotation = by_id[attribution.attr("quotation") or ""]
    assert quotation.kind == "quotation" and quotation.text.startswith("“到 2030 年的行程已过半")
    assert quotation.end < attribution.start
    assert attribution.attr("normalized") == "常务副秘书长阿明娜·穆罕默德"


def test_wrapped_name_is_one_attribution(segs: list[Segment]) -> None:
    names = [s.attr("normalized") for s in segs if s.kind == "attribution"]
    assert "主管法律事务副秘书长兼联合国法律顾问米格尔·德塞尔帕·苏亚雷斯" in names


def test_caption_with_parsed_credit(segs: list[Segment], by_id: dict[str, Segment]) -> None:
    credit = next(s for s in segs if s.kind == "credit" and s.text.startswith("（纽约，2022 年 9 月）© 联合国图库 / 马克 · 加滕"))
    assert by_id[credit.attr("caption") or ""].text.startswith("小阿迈勒")
    assert dict(credit.attrs) | {"caption": ""} == {
        "caption": "", "place": "纽约", "date": "2022-09", "organisation": "联合国图库", "photographer": "马克·加滕",
    }


def test_figure_joined_with_its_label(segs: list[Segment]) -> None:
    figure = next(s for s in segs if s.kind == "figure" and s.attr("value") == "87 000+")
    assert figure.attr("label") == "名维和人员" and figure.text.endswith("名维和人员")


def test_repeated_kosovo_footnote_points_to_first(segs: list[Segment]) -> None:
    notes = [s for s in segs if s.kind == "footnote" and "提及科索沃时" in s.text]
    assert len(notes) == 3
    assert notes[0].repeat_of is None and {n.repeat_of for n in notes[1:]} == {notes[0].id}


def test_blocks_inherit_chapter_page(segs: list[Segment]) -> None:
    assert all(s.page == 67 for s in segs if s.id.startswith("chapter/2/"))


def _reflow_blank_lines(text: str) -> str:
    return "".join(line + line if not line.strip() else line for line in text.splitlines(keepends=True))


def _crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


@pytest.mark.parametrize("reflow", [_reflow_blank_lines, _crlf])
def test_reflowed_text_gives_same_structure(doc: Document, segs: list[Segment], reflow) -> None:
    other = segment(dataclasses.replace(doc, text=reflow(doc.text)))
    assert other[0].end != segs[0].end

    def shape(ss: list[Segment]) -> list[tuple]:
        return [(s.id, s.kind, s.title, s.page, s.repeat_of, s.attrs) for s in ss]

    assert shape(other) == shape(segs)


def test_text_without_contents_raises(doc: Document) -> None:
    with pytest.raises(SourceError, match="目录"):
        segment(dataclasses.replace(doc, text="导言\n\n过去一年。\n"))


def test_missing_chapter_heading_raises(doc: Document) -> None:
    with pytest.raises(SourceError, match="裁军"):
        segment(dataclasses.replace(doc, text="目录\n\n导言 5\n\n裁军 9\n\n导言\n\n过去一年。\n"))
