"""Figures: the numbers of the report's infographic panels as ``ug:Figure`` observations.

The segmenter cuts an infographic panel into ``figure`` blocks whose ``value`` attribute is the
number standing on its own line ("87 000+", "**1.18亿+**", "85%") and whose ``label`` attribute is
the text that says what is counted ("名维和人员"). Each such block is one ``ug:Figure`` (a
``qb:Observation`` of the data set ``{report}-figures``) with

- ``sdmx-measure:obsValue``: the value as an ``xsd:decimal`` with 亿 (1e8), 万 (1e4), 百万, 千万
  multiplied out and the thousands spaces dropped ("2.16亿" -> 216000000, "13 000" -> 13000);
- ``ug:verbatimValue``: the value exactly as printed (without the ``**`` bold markers);
- ``ug:valueQualifier``: ``ug:LowerBound`` for a trailing "+" or 逾/超过/以上, ``ug:Approximate`` for
  约/近/大约, ``ug:UpperBound`` for 不到/少于;
- ``sdmx-attribute:unitMeasure`` ``ug:Percent`` for "85%"; ``schema:currency`` (ISO 4217, looked
  up in the CLDR currency names of ``babel``) when the value or the start of the label names a
  currency ("1.9亿美元", "300亿" + "美元的人道主义援助已调集");
- ``rdfs:label``: the value as printed and the label, bold markers removed, line breaks joined
  ("87 000+ 名维和人员": what it counts, never the fragment "名维和人员" alone); ``ug:measure`` the
  counted noun (维和人员) and ``sdmx-attribute:unitMeasure`` the unit its classifier gives.

Rules (documented choices):

- a block without a label is chart noise (the bare percentages of a bar chart, "22%") and is
  skipped: without a label nothing says what the number counts;
- a block inside an 指示性资源 (indicative resources) section is left to
  :mod:`ungraph.extract.resources`;
- a value the number grammar cannot read is skipped rather than guessed;
- numbers in running text are out of scope.

Provenance: the figure (entity) carries the span of the whole block; its value statements the
span of the printed value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from ungraph.extract.charts import chart_records, find_charts
from ungraph.extract.context import Context
from ungraph.extract.datasets import dataset_entity, dataset_ref
from ungraph.extract.figures_text import heading_periods, measure_of, place_in
from ungraph.extract.quantities import (
    NUMBER_PATTERN,
    UNIT_WORDS,
    Number,
    currency_code,
    decimal_text,
    parse_number,
    printed,
    unit_of,
)
from ungraph.records import Document, Entity, Literal, Provenance, Record, Ref, Segment, Statement

__all__ = ["Number", "parse_number", "decimal_text", "currency_code", "figure_ref", "dataset_ref", "extract",
           "NUMBER_PATTERN"]

_CURRENCY_WORD = re.compile(r"美元|欧元|瑞士法郎")


def figure_ref(doc: Document, segment_id: str) -> Ref:
    """The figure of a ``figure`` block, keyed by the report and the block's structural id.

    >>> figure_ref(Document("", "0", "A/78/1", "", ""), "chapter/2/section/results/subsection/1/figure/1")
    Ref(kind='figure', key='A-78-1-chapter-2-section-results-subsection-1-figure-1')
    """
    return Ref("figure", f"{doc.key}-{segment_id.replace('/', '-')}")


def _structure(doc: Document, dataset: Ref) -> Statement:
    return Statement(dataset, "qb:structure", Ref("structure", f"{doc.key}-figures"))


def _in_resources(seg: Segment, by_id: dict[str, Segment]) -> bool:
    parent = seg.parent
    while parent:
        up = by_id.get(parent)
        if up is None:
            return False
        if up.kind == "section" and up.attr("section_kind") == "resources":
            return True
        parent = up.parent
    return False


def _value_span(seg: Segment, value: str) -> Provenance | None:
    at = seg.text.find(value)
    return Provenance(seg.start + at, seg.start + at + len(value), seg.id) if at >= 0 else None


def _label(seg: Segment) -> str:
    return printed(seg.attr("label") or "")


def _label_measure(label: str, unit_word: str | None) -> str:
    """The panel's label as what it counts, where no noun phrase follows the unit ("人为援助对象" -> 援助对象,
    "次，联合国录像节目被各广播公司播放" -> 联合国录像节目被各广播公司播放): its first clause that says
    something, without the unit word, a leading 为/是, spaces and bold markers, at most 20 characters."""
    text = printed(label).replace(" ", "")
    if unit_word and text.startswith(unit_word):
        text = text[len(unit_word):]
    for clause in re.split(r"[，,；;。（(]", text):
        clause = re.sub(r"^(?:为|是|的)", "", clause)
        if len(clause) >= 2:
            return clause[:20]
    return ""


def _figure_records(doc: Document, seg: Segment, dataset: Ref,
                    period: tuple[Literal, tuple[int, int], str] | None = None, gazetteer: Any = None) -> Iterator[Record]:
    value, label = seg.attr("value") or "", _label(seg)
    number = parse_number(value) if value else None
    at = _value_span(seg, value) if number else None
    if number is None or at is None or not label:
        return
    ref = figure_ref(doc, seg.id)
    as_printed = printed(doc.text[at.start:at.end])
    yield Entity(ref, ("ug:Figure", "qb:Observation"), (("rdfs:label", Literal(f"{as_printed} {label}", "zh")),),
                 Provenance(seg.start, seg.end, seg.id))
    yield Statement(ref, "qb:dataSet", dataset)
    yield Statement(ref, "sdmx-measure:obsValue", Literal(decimal_text(number.value), datatype="xsd:decimal"), at)
    yield Statement(ref, "ug:verbatimValue", Literal(doc.text[at.start:at.end]), at)
    if number.qualifier:
        yield Statement(ref, "ug:valueQualifier", number.qualifier, at)
    if number.percent:
        yield Statement(ref, "sdmx-attribute:unitMeasure", "ug:Percent", at)
    currency, where = number.currency, at
    word = _CURRENCY_WORD.match(label)
    if currency is None and word:  # "300亿" over "美元的人道主义援助已调集": the label starts with the currency
        currency = currency_code(word[0])
        pos = seg.text.find(word[0], at.end - seg.start)
        where = Provenance(seg.start + pos, seg.start + pos + len(word[0]), seg.id) if pos >= 0 else at
    if currency:
        yield Statement(ref, "schema:currency", Literal(currency), where)
    unit_word = next((w for w in UNIT_WORDS if label.startswith(w)), None) if not number.percent else None
    unit = unit_of(unit_word) if unit_word else None
    if unit is not None and not currency:
        yield Statement(ref, "sdmx-attribute:unitMeasure", unit.concept, at)
    measure = measure_of(label, unit_word, currency)
    if len(measure) < 2 or measure in ("人", "资金"):
        measure = _label_measure(label, unit_word) or measure
    if measure:
        yield Statement(ref, "ug:measure", Literal(measure, "zh"), Provenance(seg.start, seg.end, seg.id))
    place = place_in(gazetteer, label) if gazetteer is not None else None
    if place is not None:  # "名文职人员在非洲工作"
        from ungraph.extract.blocks import locate

        yield Statement(ref, "sdmx-dimension:refArea", place[0], locate(seg, place[1]) or Provenance(seg.start, seg.end, seg.id))
    if period is not None:  # the year of the panel's title heading ("2022年成果")
        yield Statement(ref, "sdmx-dimension:refPeriod", period[0], Provenance(*period[1], period[2]))


def extract(doc: Document, segments: Sequence[Segment], ctx: Context) -> Iterator[Record]:
    """Every labelled infographic figure outside the indicative-resources sections, and every chart cell."""
    gazetteer = ctx.gazetteer
    by_id = {s.id: s for s in segments}
    dataset = dataset_ref(doc, "figures")
    charts, _skipped = find_charts([s for s in segments if not s.repeat_of])
    in_chart = {b.id for c in charts for b in c.blocks}
    periods = heading_periods(segments)
    found = False
    for seg in segments:
        if seg.kind != "figure" or seg.repeat_of or seg.id in in_chart or _in_resources(seg, by_id):
            continue
        for rec in _figure_records(doc, seg, dataset, periods.get(seg.id), gazetteer):
            found = True
            yield rec
    for chart in charts:
        chart_set = dataset_ref(doc, chart.blocks[0].id.replace("/", "-"))
        yield from chart_records(doc, chart, figure_ref(doc, chart.blocks[0].id), chart_set)
        yield _structure(doc, chart_set)
    if found:
        yield dataset_entity(doc, "figures", "Infographic figures", "图示数字")
        yield _structure(doc, dataset)
