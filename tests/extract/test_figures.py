"""Infographic figures of the real report: the ``figure`` blocks outside the resources sections.

By reading: 102 figure blocks outside the nine 指示性资源 sections, of which 10 are the bars of
the three panels of the uniformed gender parity chart (22%, 12%, 6%, 4% / 32%, 20%, 15%, 8% /
40%, 25%): 92 labelled figures and 10 chart cells.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from ungraph.extract.figures import currency_code, decimal_text, extract, figure_ref, parse_number
from ungraph.records import Entity, Literal, Ref, Statement
from ungraph.source.segment import segment
from ungraph.extract import build_context


@pytest.fixture(scope="module")
def report(real):
    doc, segments, _gazetteer = real
    return doc, segments, list(extract(doc, segments, build_context(doc, segments, None)))


def _facts(records, ref):
    return {s.predicate: s.object for s in records if isinstance(s, Statement) and s.subject == ref}


def test_figure_count(report):
    figures = [r for r in report[2] if isinstance(r, Entity) and "ug:Figure" in r.types]
    assert len(figures) == 102
    assert len([r for r in figures if r.ref.key.count("-cell-")]) == 10
    assert all(r.types == ("ug:Figure", "qb:Observation") for r in figures)


@pytest.mark.parametrize("block,verbatim,value,qualifier,label", [
    ("chapter/2/section/results/subsection/1/figure/1", "87 000+", "87000", "ug:LowerBound", "名维和人员"),
    ("chapter/2/section/results/subsection/1/figure/2", "6000", "6000", None, "名女性维和人员"),
    ("chapter/5/section/background/figure/4", "2.16亿", "216000000", None, "人为援助对象"),
    ("chapter/5/section/results/subsection/1/figure/3", "400 万 +", "4000000", "ug:LowerBound", "次 CRAF'd 支持数据年下载"),
    ("chapter/3/section/objectives/figure/1", "73 000+", "73000", "ug:LowerBound", "名文职人员在非洲工作"),  # **73 000+**
    ("chapter/2/section/results/subsection/5/figure/4", "226.4", "226.4", None,
     "平方公里土地和 8468 公里道路（在开展联合国地雷行动方案的国家）经确认已无爆炸物污染"),
    ("introduction/figure/1", "36 000+", "36000", "ug:LowerBound", "多名联合国秘书处工作人员在 8 个优先领域交付成果"),
    ("chapter/1/section/results/subsection/9/spotlight/1/figure/2", "174项", "174", None,
     "关于暴力侵害妇女行为的法律和政策在21个国家签署或加强"),  # bold markers dropped from the label
])
def test_figure_values(report, block, verbatim, value, qualifier, label):
    doc, _, records = report
    ref = figure_ref(doc, block)
    facts = _facts(records, ref)
    assert facts["sdmx-measure:obsValue"] == Literal(value, datatype="xsd:decimal")
    assert facts["ug:verbatimValue"] == Literal(verbatim)
    assert facts.get("ug:valueQualifier") == qualifier
    ent = next(r for r in records if isinstance(r, Entity) and r.ref == ref)
    assert ent.labels == (("rdfs:label", Literal(f"{verbatim} {label}", "zh")),)  # what it counts, not a fragment
    assert ent.provenance.segment_id == block


def test_value_span_is_the_printed_value(report):
    doc, _, records = report
    for st in records:
        if isinstance(st, Statement) and st.predicate == "ug:verbatimValue":
            assert doc.text[st.provenance.start:st.provenance.end] == st.object.value


def test_percent_and_currency(report):
    doc, _, records = report
    pct = _facts(records, figure_ref(doc, "chapter/1/section/results/subsection/10/figure/1"))  # 85% 的方案国政府表示…
    assert pct["sdmx-measure:obsValue"] == Literal("85", datatype="xsd:decimal")
    assert pct["sdmx-attribute:unitMeasure"] == "ug:Percent"
    money = _facts(records, figure_ref(doc, "chapter/1/section/results/subsection/9/spotlight/1/figure/5"))  # 1.9亿美元
    assert money["schema:currency"] == Literal("USD")
    assert money["sdmx-measure:obsValue"] == Literal("190000000", datatype="xsd:decimal")
    # "300亿" over "美元的人道主义援助已调集": the currency is the label's first word
    raised = _facts(records, figure_ref(doc, "chapter/5/section/background/figure/3"))
    assert raised["schema:currency"] == Literal("USD")
    assert raised["sdmx-measure:obsValue"] == Literal("30000000000", datatype="xsd:decimal")
    counted = _facts(records, figure_ref(doc, "chapter/5/section/background/figure/5"))  # 1.57亿 人获得援助
    assert "schema:currency" not in counted and counted["sdmx-attribute:unitMeasure"] == "ug:Person"
    staff = _facts(records, figure_ref(doc, "chapter/3/section/objectives/figure/1"))  # 73 000+ 名文职人员在非洲工作
    assert staff["ug:measure"] == Literal("文职人员", "zh") and staff["sdmx-attribute:unitMeasure"] == "ug:Person"


def test_chart_noise_and_resources_are_skipped(report):
    doc, _, records = report
    refs = {r.ref for r in records if isinstance(r, Entity)}
    assert figure_ref(doc, "chapter/2/section/results/subsection/2/figure/3") not in refs  # a chart cell now
    assert Ref("figure", figure_ref(doc, "chapter/2/section/results/subsection/2/figure/3").key + "-cell-1") in refs
    assert not any("resources" in r.key for r in refs)


def test_every_figure_is_in_the_data_set(report):
    doc, _, records = report
    figures = {r.ref for r in records if isinstance(r, Entity) and "ug:Figure" in r.types}
    in_set = {s.subject for s in records if isinstance(s, Statement) and s.predicate == "qb:dataSet"}
    assert figures == in_set  # chart cells are in their panel's own data set
    assert Ref("dataset", "A-78-1-figures") in {r.ref for r in records if isinstance(r, Entity)}


@pytest.mark.parametrize("text,value,qualifier", [
    ("87 000+", "87000", "ug:LowerBound"), ("2.16亿", "216000000", None), ("1.15 亿 +", "115000000", "ug:LowerBound"),
    ("13 000", "13000", None), ("约3 000", "3000", "ug:Approximate"), ("近 90%", "90", "ug:Approximate"),
    ("逾 100万", "1000000", "ug:LowerBound"), ("2 百万", "2000000", None), ("**1.74亿**", "174000000", None),
])
def test_parse_number(text, value, qualifier):
    number = parse_number(text)
    assert number is not None and (decimal_text(number.value), number.qualifier) == (value, qualifier)


@pytest.mark.parametrize("text", ["2021/2022", "COVID-19", "名维和人员", "1 23", "12 3456", ""])
def test_parse_number_rejects_what_is_not_one_number(text):
    assert parse_number(text) is None


def test_decimal_text_has_no_exponent():
    assert decimal_text(Decimal("2.8") * 10 ** 8) == "280000000"
    assert currency_code("美元") == "USD"


def test_reflowed_text_gives_the_same_figures(report):
    """Blank lines doubled (as in the photos test): same figures, same keys, same facts."""
    doc, _, records = report
    doubled = "".join(line + line if not line.strip() else line for line in doc.text.splitlines(keepends=True))
    reflowed = dataclasses.replace(doc, text=doubled)
    again = list(extract(reflowed, segment(reflowed), build_context(reflowed, segment(reflowed), None)))
    def key(rs):
        return {(s.subject, s.predicate, s.object) for s in rs if isinstance(s, Statement)}
    assert key(again) == key(records)


def test_every_line_break_doubled_gives_the_same_values(report):
    """Every line break doubled: the segmenter then numbers subsections and cuts wrapped labels
    differently (keys and labels are its structure), but the figures and their values stay."""
    doc, _, records = report
    reflowed = dataclasses.replace(doc, text=doc.text.replace("\n", "\n\n"))
    again = list(extract(reflowed, segment(reflowed), build_context(reflowed, segment(reflowed), None)))
    def values(rs):
        return sorted(s.object.value for s in rs if isinstance(s, Statement)
                      and s.predicate in ("ug:verbatimValue", "sdmx-measure:obsValue"))
    assert values(again) == values(records)
