"""Indicative resources of the real report: the 指示性资源 section of each of the nine chapters.

Expected values are read from the text (section by section), never from the extractor's output.
Four breakdowns do not add up to their total (chapters 1, 2, 5 and 9): they are kept as printed.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from ungraph.extract import build_context
from ungraph.extract.context import funding_sources
from ungraph.extract.resources import amount_ref, amounts, extract
from ungraph.records import Document, Entity, Literal, Ref, Statement
from ungraph.source.segment import segment

R, P, V, OA = "ug:RegularAssessment", "ug:PeacekeepingAssessment", "ug:VoluntaryContribution", "ug:OtherAssessment"

#: chapter -> (total as printed, value), [(component as printed, value, funding source)], read from the report.
EXPECTED = {
    1: (("19亿美元", "1900000000"), [("5.26亿美元", "526000000", R), ("14亿美元", "1400000000", V)]),
    2: (("73亿美元", "7300000000"), [("9.32亿美元", "932000000", R), ("60亿美元", "6000000000", P),
                                   ("3.67亿美元", "367000000", V)]),
    3: (("1.09亿美元", "109000000"), [("1.05亿美元", "105000000", R), ("400万美元", "4000000", V)]),
    4: (("3.99亿美元", "399000000"), [("1.58亿美元", "158000000", R), ("200万美元", "2000000", P),
                                    ("2.39亿美元", "239000000", V)]),
    5: (("26亿美元", "2600000000"), [("1.08亿美元", "108000000", R), ("25亿美元", "2500000000", V)]),
    6: (("2.2亿美元", "220000000"), [("1.04亿美元", "104000000", R), ("400万美元", "4000000", P),
                                   ("9000万美元", "90000000", OA), ("2200万美元", "22000000", V)]),
    7: (("4000万美元", "40000000"), [("1500万美元", "15000000", R), ("2500万美元", "25000000", V)]),
    8: (("4.52亿美元", "452000000"), [("2800 万美元", "28000000", R), ("4.24 亿美元", "424000000", V)]),
    9: (("17亿美元", "1700000000"), [("13亿美元", "1300000000", R), ("3.53亿美元", "353000000", P),
                                   ("7100万美元", "71000000", V)]),
}


@pytest.fixture(scope="module")
def report(real):
    doc, segments, _gazetteer = real
    return doc, segments, list(extract(doc, segments, build_context(doc, segments, None)))


def _facts(records, ref):
    return {s.predicate: s for s in records if isinstance(s, Statement) and s.subject == ref}


def test_amount_count(report):
    observations = [r for r in report[2] if isinstance(r, Entity) and "ug:ResourceAmount" in r.types]
    assert len(observations) == 9 + sum(len(parts) for _, parts in EXPECTED.values())  # 9 totals, 23 components


@pytest.mark.parametrize("chapter", sorted(EXPECTED))
def test_total_and_components(report, chapter):
    doc, _, records = report
    (total_text, total_value), parts = EXPECTED[chapter]
    total = amount_ref(doc, f"chapter/{chapter}", None)
    facts = _facts(records, total)
    assert facts["ug:amount"].object == Literal(total_value, datatype="xsd:decimal")
    assert facts["ug:verbatimValue"].object == Literal(total_text)
    assert facts["ug:resourcesFor"].object == Ref("report", f"A-78-1/chapter/{chapter}")
    assert "ug:fundingSource" not in facts and "ug:componentOf" not in facts
    for text, value, source in parts:
        facts = _facts(records, amount_ref(doc, f"chapter/{chapter}", source))
        assert facts["ug:amount"].object == Literal(value, datatype="xsd:decimal")
        assert facts["ug:verbatimValue"].object == Literal(text)
        assert facts["ug:fundingSource"].object == source
        assert facts["ug:componentOf"].object == total
        assert facts["schema:currency"].object == Literal("USD")
        prov = facts["ug:amount"].provenance
        assert doc.text[prov.start:prov.end] == text


def test_values_are_kept_even_when_they_do_not_add_up(report):
    _, _, records = report
    # chapter 1: 5.26亿 + 14亿 = 19.26亿, printed total 19亿
    values = {s.subject: Decimal(s.object.value) for s in records if isinstance(s, Statement) and s.predicate == "ug:amount"}
    doc = report[0]
    assert values[amount_ref(doc, "chapter/1", None)] == Decimal("1900000000")
    assert values[amount_ref(doc, "chapter/1", R)] + values[amount_ref(doc, "chapter/1", V)] == Decimal("1926000000")


def test_peacekeeping_period(report):
    doc, _, records = report
    facts = _facts(records, amount_ref(doc, "chapter/2", P))
    assert facts["sdmx-dimension:refPeriod"].object == Literal("2021/2022")
    assert "sdmx-dimension:refPeriod" not in _facts(records, amount_ref(doc, "chapter/2", R))


def test_spans_and_labels(report):
    doc, _, records = report
    ent = next(r for r in records if isinstance(r, Entity) and r.ref == amount_ref(doc, "chapter/8", R))
    assert doc.text[ent.provenance.start:ent.provenance.end] == "2800 万美元经常摊款"
    assert ent.labels == (("rdfs:label", Literal("2800万美元经常摊款", "zh")),)
    assert ent.provenance.segment_id == "chapter/8/section/resources/figure/1"
    for st in records:
        if isinstance(st, Statement) and st.provenance:
            assert st.provenance.end > st.provenance.start
            assert doc.text[st.provenance.start:st.provenance.start + 1].strip()


def test_funding_sources_come_from_the_ontology():
    assert funding_sources() == {"经常摊款": R, "维持和平摊款": P, "自愿捐款": V, "其他摊款": OA}


def test_false_friends():
    # a scope note, a percentage and a year are not amounts; a number without currency is not money
    found = amounts("1.05亿美元经常摊款(包括非洲经济委员会), 占48%, 2022年, 400万人")
    assert [(a.value, a.source) for a in found] == [("105000000", R)]


def test_reflowed_text_gives_the_same_amounts(report):
    doc, _, records = report
    reflowed = dataclasses.replace(doc, text=doc.text.replace("\n", "\n\n"))
    again = list(extract(reflowed, segment(reflowed), build_context(reflowed, segment(reflowed), None)))
    def key(rs):
        return {(s.subject, s.predicate, s.object) for s in rs if isinstance(s, Statement)}
    assert key(again) == key(records)


def test_section_without_breakdown_gives_only_the_total():
    from ungraph.records import Segment

    text = "指示性资源\n\n5亿美元"
    doc = Document(text, "0", "A/1", "", "")
    segs = [Segment("chapter/1/section/resources", "section", "chapter/1", 1, 0, len(text), text,
                    attrs=(("section_kind", "resources"),))]
    refs = [r.ref for r in extract(doc, segs, build_context(doc, segs, None)) if isinstance(r, Entity)]
    assert refs == [Ref("amount", "A-1-chapter-1-total"), Ref("dataset", "A-1-resources")]
