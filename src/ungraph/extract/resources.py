"""Indicative resources: the money of each chapter's 指示性资源 section as ``ug:ResourceAmount`` s.

The section gives a total on a line of its own ("73亿美元") and a breakdown by funding source
("9.32亿美元经常摊款 / 60亿美元维持和平摊款(2021/2022) / 3.67亿美元自愿捐款"). Rules, over the
section's text (so they do not depend on how the lines are broken):

- an *amount* is a number (:data:`ungraph.extract.quantities.NUMBER_PATTERN`: "13 000", "5.26",
  with 亿/万/百万) followed by a currency word (美元);
- an amount followed by the Chinese name of a funding source is a *component*; the funding
  sources are the concepts of ``ug:FundingSources`` in the ontology, recognised by their
  ``skos:prefLabel`` @zh (经常摊款, 维持和平摊款, 自愿捐款, 其他摊款), so a new kind of funding
  is added in the ontology, not here; a "(2021/2022)" right after it is its
  ``sdmx-dimension:refPeriod`` (kept as written);
- the first amount that is not a component is the *total*.

Each amount is a ``ug:ResourceAmount`` (also ``qb:Observation`` of the data set
``{report}-resources``) with ``ug:amount`` (``xsd:decimal`` in currency units), ``ug:verbatimValue``
(as written, e.g. "2800 万美元"), ``schema:currency`` (ISO 4217 from CLDR), ``ug:resourcesFor``
the chapter; a component also ``ug:fundingSource`` and ``ug:componentOf`` the total. Values are
kept as the report prints them, even where the components do not add up to the total.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ungraph.extract.context import Context, funding_sources
from ungraph.extract.datasets import dataset_entity, dataset_ref
from ungraph.extract.quantities import NUMBER_PATTERN, decimal_text, parse_number
from ungraph.records import Document, Entity, Literal, Provenance, Record, Ref, Segment, Statement

__all__ = ["Amount", "amounts", "amount_ref", "extract"]

_PERIOD = r"(?:\s*[(（]\s*(?P<period>\d{4}\s*/\s*\d{4})\s*[)）])?"


@lru_cache(maxsize=4)
def _amount_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    sources = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(rf"(?P<amount>{NUMBER_PATTERN})(?:\s*(?P<source>{sources}){_PERIOD})?")


@dataclass(frozen=True)
class Amount:
    """An amount of the section: spans are offsets into the document text."""

    start: int
    end: int
    value: str
    currency: str
    source: str | None = None
    source_span: tuple[int, int] | None = None
    period: str | None = None
    period_span: tuple[int, int] | None = None
    whole_end: int = 0


def amounts(text: str, offset: int = 0, sources: Mapping[str, str] | None = None) -> list[Amount]:
    """Every amount of money in ``text`` (a resources section), in order.

    :param sources: the funding sources by Chinese name (default: the ontology's, :func:`funding_sources`).

    >>> [(a.value, a.source) for a in amounts("19亿美元\\n\\n5.26亿美元经常摊款和14亿美元自愿捐款")]
    [('1900000000', None), ('526000000', 'ug:RegularAssessment'), ('1400000000', 'ug:VoluntaryContribution')]
    >>> a = amounts("60亿美元维持和平摊款(2021/2022)")[0]
    >>> a.period, a.value
    ('2021/2022', '6000000000')
    """
    sources = funding_sources() if sources is None else sources
    out = []
    for m in _amount_pattern(tuple(sorted(sources))).finditer(text):
        number = parse_number(m["amount"])
        if number is None or number.currency is None or number.qualifier or number.percent:
            continue
        period = re.sub(r"\s", "", m["period"]) if m["period"] else None
        start = m.start("qual") if m["qual"] else m.start("digits")
        out.append(Amount(
            offset + start, offset + m.end("amount"), decimal_text(number.value), number.currency,
            sources[m["source"]] if m["source"] else None,
            (offset + m.start("source"), offset + m.end("source")) if m["source"] else None,
            period, (offset + m.start("period"), offset + m.end("period")) if period else None,
            offset + m.end()))
    return out


def amount_ref(doc: Document, chapter_id: str, source: str | None) -> Ref:
    """The total (``source`` None) or the component of one funding source of a chapter's resources.

    >>> d = Document("", "0", "A/78/1", "", "")
    >>> amount_ref(d, "chapter/2", None), amount_ref(d, "chapter/2", "ug:PeacekeepingAssessment").key
    (Ref(kind='amount', key='A-78-1-chapter-2-total'), 'A-78-1-chapter-2-peacekeeping-assessment')
    """
    what = "total" if source is None else re.sub(r"(?<!^)(?=[A-Z])", "-", source.split(":", 1)[1]).lower()
    return Ref("amount", f"{doc.key}-{chapter_id.replace('/', '-')}-{what}")


def _label(doc: Document, start: int, end: int) -> Literal:
    return Literal(re.sub(r"\s+", "", doc.text[start:end]), "zh")


def _block(blocks: Sequence[Segment], section: Segment, start: int, end: int) -> str:
    """The id of the innermost block of the section holding the span (the section itself if none)."""
    holding = [b for b in blocks if b.start <= start and end <= b.end]
    return min(holding, key=lambda b: b.end - b.start).id if holding else section.id


def _amount_records(doc: Document, section: Segment, blocks: Sequence[Segment], chapter: Ref, ref: Ref, a: Amount,
                    total: Ref | None) -> Iterator[Record]:
    block = _block(blocks, section, a.start, a.whole_end)
    at = Provenance(a.start, a.end, block)
    whole = Provenance(a.start, a.source_span[1] if a.source_span else a.end, block)
    yield Entity(ref, ("ug:ResourceAmount", "qb:Observation"), (("rdfs:label", _label(doc, whole.start, whole.end)),),
                 whole)
    yield Statement(ref, "qb:dataSet", dataset_ref(doc, "resources"))
    yield Statement(ref, "ug:amount", Literal(a.value, datatype="xsd:decimal"), at)
    yield Statement(ref, "ug:verbatimValue", Literal(doc.text[a.start:a.end]), at)
    yield Statement(ref, "schema:currency", Literal(a.currency), at)
    yield Statement(ref, "ug:resourcesFor", chapter, at)
    if a.source and a.source_span:
        yield Statement(ref, "ug:fundingSource", a.source, Provenance(*a.source_span, block))
    if total is not None:
        yield Statement(ref, "ug:componentOf", total, whole)
    if a.period and a.period_span:
        yield Statement(ref, "sdmx-dimension:refPeriod", Literal(a.period), Provenance(*a.period_span, block))


def extract(doc: Document, segments: Sequence[Segment], ctx: Context) -> Iterator[Record]:
    """The total and the components of every 指示性资源 section."""
    found = False
    for section in segments:
        if section.kind != "section" or section.attr("section_kind") != "resources" or not section.parent:
            continue
        chapter = Ref("report", f"{doc.key}/{section.parent}")
        blocks = [s for s in segments if s.parent == section.id]
        found_here = amounts(section.text, section.start, ctx.funding_sources)
        total_amount = next((a for a in found_here if a.source is None), None)
        total = amount_ref(doc, section.parent, None) if total_amount else None
        if total_amount is not None and total is not None:
            yield from _amount_records(doc, section, blocks, chapter, total, total_amount, None)
        seen: dict[str, int] = {}
        for a in found_here:
            if a.source is None:
                continue
            ref = amount_ref(doc, section.parent, a.source)
            seen[a.source] = n = seen.get(a.source, 0) + 1
            if n > 1:  # the same source twice in one breakdown: number the later ones
                ref = Ref(ref.kind, f"{ref.key}-{n}")
            yield from _amount_records(doc, section, blocks, chapter, ref, a, total)
        found = found or bool(found_here)
    if found:
        yield dataset_entity(doc, "resources", "Indicative resources", "指示性资源")
