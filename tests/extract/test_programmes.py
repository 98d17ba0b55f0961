"""Core programmes of the real report: the 核心方案 list of each of the nine chapters (49 items,
counted by reading: 4, 6, 4, 4, 5, 7, 5, 8 and 6)."""

from __future__ import annotations

import dataclasses

import pytest

from ungraph.extract.programmes import extract, normalise_name, programme_ref
from ungraph.records import Document, Entity, Literal, Mention, Ref, Segment, Statement
from ungraph.source.segment import segment
from ungraph.extract import build_context


@pytest.fixture(scope="module")
def report(real):
    doc, segments, _gazetteer = real
    return doc, segments, list(extract(doc, segments, build_context(doc, segments, None)))


def _listed(records, chapter):
    return [s.object for s in records if isinstance(s, Statement) and s.predicate == "ug:coreProgramme"
            and s.subject == Ref("report", f"A-78-1/chapter/{chapter}")]


def test_programme_count(report):
    records = report[2]
    assert len([r for r in records if isinstance(r, Entity)]) == 49
    assert all(r.types == ("ug:Programme",) for r in records if isinstance(r, Entity))


@pytest.mark.parametrize("chapter,count", [(1, 4), (2, 6), (3, 4), (4, 4), (5, 5), (6, 7), (7, 5), (8, 8), (9, 6)])
def test_programmes_per_chapter(report, chapter, count):
    assert len(_listed(report[2], chapter)) == count


def test_peace_and_security_programmes_in_order(report):
    # chapter 2: "- 预防、管控和解决冲突 / - 建设和平支助 / - 政策、评价和培训 / - 保护平民 / - 法治和安全机构 / - 选举援助"
    names = ["预防、管控和解决冲突", "建设和平支助", "政策、评价和培训", "保护平民", "法治和安全机构", "选举援助"]
    assert _listed(report[2], 2) == [programme_ref(n) for n in names]
    positions = {s.subject: s.object for s in report[2] if isinstance(s, Statement) and s.predicate == "schema:position"}
    assert positions[programme_ref("选举援助")] == Literal("6", datatype="xsd:integer")


def test_label_and_span_leave_out_the_bullet(report):
    doc, _, records = report
    ent = next(r for r in records if isinstance(r, Entity) and r.ref == Ref("programme", "xuan-ju-yuan-zhu"))
    assert ent.labels == (("skos:prefLabel", Literal("选举援助", "zh")),)
    assert doc.text[ent.provenance.start:ent.provenance.end] == "选举援助"
    assert all(doc.text[m.provenance.start:m.provenance.end] == m.text for m in records if isinstance(m, Mention))


def test_long_names_and_labels_as_written(report):
    labels = {lit.value for r in report[2] if isinstance(r, Entity) for _, lit in r.labels}
    assert {"为联合国各机关、基金和方案提供法律服务", "打击恐怖主义和预防暴力极端主义", "人权主流化、发展权、研究和分析"} <= labels
    assert "域合作促进非洲经济和社会发展" in labels  # chapter 3 prints it without 区: kept as written


def test_false_friends_are_not_programmes(report):
    labels = {lit.value for r in report[2] if isinstance(r, Entity) for _, lit in r.labels}
    assert "核心方案" not in labels  # the section heading
    assert not any("美元" in label for label in labels)  # the resources section right after


def test_same_name_in_two_chapters_is_one_programme():
    text = "核心方案\n- 选举援助\n核心方案\n- 选举援助"
    doc = Document(text, "0", "A/1", "", "")
    segs = [Segment("chapter/1", "chapter", "", 1, 0, 12, text[0:12]),
            Segment("chapter/1/section/core-programmes", "section", "chapter/1", 1, 0, 12, text[0:12],
                    attrs=(("section_kind", "core-programmes"),)),
            Segment("chapter/1/section/core-programmes/item/1", "item", "chapter/1/section/core-programmes", 1, 5, 12, text[5:12]),
            Segment("chapter/2", "chapter", "", 2, 13, 25, text[13:25]),
            Segment("chapter/2/section/core-programmes", "section", "chapter/2", 1, 13, 25, text[13:25],
                    attrs=(("section_kind", "core-programmes"),)),
            Segment("chapter/2/section/core-programmes/item/1", "item", "chapter/2/section/core-programmes", 1, 18, 25, text[18:25])]
    records = list(extract(doc, segs, build_context(doc, segs, None)))
    assert [r.ref for r in records if isinstance(r, Entity)] == [Ref("programme", "xuan-ju-yuan-zhu")]
    assert len([s for s in records if isinstance(s, Statement) and s.predicate == "ug:coreProgramme"]) == 2


def test_normalise_name():
    assert normalise_name("- 人权主流化、发展权、\n研究和分析") == "人权主流化、发展权、研究和分析"


def test_reflowed_text_gives_the_same_programmes(report):
    doc, _, records = report
    reflowed = dataclasses.replace(doc, text=doc.text.replace("\n", "\n\n"))
    again = list(extract(reflowed, segment(reflowed), build_context(reflowed, segment(reflowed), None)))
    def key(rs):
        return {(s.subject, s.predicate, s.object) for s in rs if isinstance(s, Statement)}
    assert key(again) == key(records)
