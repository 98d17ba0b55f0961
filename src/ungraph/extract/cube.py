"""The figures as an RDF Data Cube: one data structure, and the running text's figures as observations.

Every data set of figures (the infographic panels, each chart panel, the running text) has
``qb:structure`` the report's ``qb:DataStructureDefinition`` (kind ``structure``): dimensions
``sdmx-dimension:refArea`` (a country or region of the graph), ``sdmx-dimension:refPeriod`` (an
``xsd:gYear``/``xsd:gYearMonth``) and ``ug:actor`` (the body acting); the measure
``sdmx-measure:obsValue``; attributes ``sdmx-attribute:unitMeasure``, ``ug:valueQualifier``,
``schema:currency``. So figures can be sliced by place, period and actor in SPARQL.

A figure of the running text (:class:`~ungraph.extract.figures_text.TextFigure`) becomes a
``ug:Figure`` keyed by its block and its rank there (``A-78-1-chapter-5-section-results-paragraph-2-q3``),
with ``ug:verbatimValue`` as printed, ``sdmx-measure:obsValue`` (or ``schema:minValue`` and
``schema:maxValue`` for a range), ``ug:measure``, the dimensions it has, an ``rdfs:label`` saying what it counts, where and when
("人道主义援助：300亿美元（2022）"), and a mention in its block.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

from ungraph.extract.context import Context
from ungraph.extract.figures_text import TextFigure, text_figures
from ungraph.extract.quantities import decimal_text
from ungraph.records import Document, Entity, Literal, Mention, Provenance, Record, Ref, Segment, Statement

__all__ = ["structure_ref", "structure_records", "text_figure_ref", "extract", "COMPONENTS"]

#: (component, kind of component, property of the component specification, Chinese label).
COMPONENTS = (
    ("refArea", "sdmx-dimension:refArea", "qb:dimension", "参考地区"),
    ("refPeriod", "sdmx-dimension:refPeriod", "qb:dimension", "参考期"),
    ("actor", "ug:actor", "qb:dimension", "行为方"),
    ("obsValue", "sdmx-measure:obsValue", "qb:measure", "数值"),
    ("unitMeasure", "sdmx-attribute:unitMeasure", "qb:attribute", "计量单位"),
    ("valueQualifier", "ug:valueQualifier", "qb:attribute", "数值限定"),
)


def structure_ref(doc: Document) -> Ref:
    """The data structure of the report's figures."""
    return Ref("structure", f"{doc.key}-figures")


def structure_records(doc: Document) -> Iterator[Record]:
    """The data structure definition and its component specifications (the graph's own making)."""
    dsd = structure_ref(doc)
    yield Entity(dsd, ("qb:DataStructureDefinition",),
                 (("rdfs:label", Literal(f"Structure of the figures of {doc.symbol}", "en")),
                  ("rdfs:label", Literal(f"{doc.symbol} 数字的数据结构", "zh"))))
    for order, (name, prop, role, zh) in enumerate(COMPONENTS, start=1):
        spec = Ref("structure", f"{doc.key}-figures-{name}")
        yield Entity(spec, ("qb:ComponentSpecification",), (("rdfs:label", Literal(name, "en")), ("rdfs:label", Literal(zh, "zh"))))
        yield Statement(spec, role, prop)
        yield Statement(spec, "qb:order", Literal(str(order), datatype="xsd:integer"))
        yield Statement(dsd, "qb:component", spec)


def text_figure_ref(doc: Document, fig: TextFigure, rank: int) -> Ref:
    """The figure of the running text at ``rank`` in its block.

    >>> from ungraph.records import Document
    >>> from decimal import Decimal
    >>> f = TextFigure("chapter/5/paragraph/2", (0, 3), (0, 9), "12人", Decimal(12), None, None, None, None, None, "人")
    >>> text_figure_ref(Document("", "0", "A/78/1", "", ""), f, 3)
    Ref(kind='figure', key='A-78-1-chapter-5-paragraph-2-q3')
    """
    return Ref("figure", f"{doc.key}-{fig.segment_id.replace('/', '-')}-q{rank}")


def _label(fig: TextFigure) -> str:
    where = "，".join(x for x in (re.sub(r"\s", "", fig.place_name or ""), fig.period.value if fig.period else "") if x)
    what = fig.measure or (fig.clause[:24] if fig.clause else "数字")
    shown = re.sub(r"\s+", "", fig.verbatim)
    return f"{what}：{shown}" + (f"（{where}）" if where else "")


def _records(doc: Document, fig: TextFigure, ref: Ref, dataset: Ref) -> Iterator[Record]:
    at = Provenance(*fig.span, fig.segment_id)
    yield Entity(ref, ("ug:Figure", "qb:Observation"), (("rdfs:label", Literal(_label(fig), "zh")),), at)
    yield Mention(ref, at, doc.text[at.start:at.end])
    yield Statement(ref, "qb:dataSet", dataset)
    yield Statement(ref, "ug:verbatimValue", Literal(doc.text[at.start:at.end]), at)
    if fig.value is not None:
        yield Statement(ref, "sdmx-measure:obsValue", Literal(decimal_text(fig.value), datatype="xsd:decimal"), at)
    if fig.low is not None and fig.high is not None:
        yield Statement(ref, "schema:minValue", Literal(decimal_text(fig.low), datatype="xsd:decimal"), at)
        yield Statement(ref, "schema:maxValue", Literal(decimal_text(fig.high), datatype="xsd:decimal"), at)
    if fig.qualifier:
        yield Statement(ref, "ug:valueQualifier", fig.qualifier, at)
    if fig.unit:
        yield Statement(ref, "sdmx-attribute:unitMeasure", fig.unit, at)
    if fig.currency:
        yield Statement(ref, "schema:currency", Literal(fig.currency), at)
    if fig.measure:
        span = Provenance(*fig.measure_span, fig.segment_id) if fig.measure_span else at
        yield Statement(ref, "ug:measure", Literal(fig.measure, "zh"), span)
    if fig.place is not None and fig.place_span:
        yield Statement(ref, "sdmx-dimension:refArea", fig.place, Provenance(*fig.place_span, fig.segment_id))
    if fig.period is not None and fig.period_span:
        yield Statement(ref, "sdmx-dimension:refPeriod", fig.period,
                        Provenance(*fig.period_span, fig.period_segment or fig.segment_id))
    if fig.actor is not None and fig.actor_span:
        yield Statement(ref, "ug:actor", fig.actor, Provenance(*fig.actor_span, fig.segment_id))


def extract(doc: Document, segments: Sequence[Segment], ctx: Context) -> Iterator[Record]:
    """The running text's figures, their data set and the data structure all figure data sets share."""
    gazetteer = ctx.gazetteer
    figures, _vague = text_figures(segments, gazetteer)
    dataset = Ref("dataset", f"{doc.key}-text-figures")
    yield from structure_records(doc)
    yield Entity(dataset, ("qb:DataSet",), (("rdfs:label", Literal(f"Figures of the running text of {doc.symbol}", "en")),
                                            ("rdfs:label", Literal(f"{doc.symbol} 正文数字", "zh"))))
    yield Statement(dataset, "qb:structure", structure_ref(doc))
    ranks: Counter[str] = Counter()
    for fig in figures:
        ranks[fig.segment_id] += 1
        yield from _records(doc, fig, text_figure_ref(doc, fig, ranks[fig.segment_id]), dataset)
