"""Peace operations and political missions: the report's table of abbreviations, and every mention.

The report's table "维和行动、特别政治任务和支助办事处" has one row per operation (segments of
kind ``row`` with attrs ``abbreviation`` and ``full_name``). From each row, by rule:

* an :class:`Entity` (``ug:PeaceOperation``) whose Chinese full name (``skos:prefLabel``) and
  abbreviation (``ug:abbreviation``) are the row's own text, with the row as provenance;
* ``ug:servesArea`` for every country or region the full name contains (联合国组织刚果民主共和国
  稳定特派团 -> COD), with the place's span inside the row as provenance;
* ``ug:servesOrganization`` for every organisation other than the UN the full name contains:
  联合国驻非洲联盟办事处 is the office *to* the African Union, and serves it, not Ethiopia where
  it sits (issue 9).

``data/reference/missions.tsv`` joins a row by its abbreviation and adds what the report does not
say: the English name and acronym (the entity's key), the kind, the mandating organ
(``ug:mandatedBy`` and ``org:subOrganizationOf``) and, only for names without a place, the area
served. A row the table does not know still becomes an entity, keyed by the pinyin of its
abbreviation. Every occurrence of an abbreviation or name elsewhere is a :class:`Mention`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ungraph.extract.bodies import KIND, classification_curie, mentions
from ungraph.extract.context import Context
from ungraph.kinds import name_key
from ungraph.records import Document, Entity, Literal, Provenance, Record, Ref, Segment, Statement, name_literal
from ungraph.reference.gazetteer import Gazetteer, normalise

__all__ = ["TABLE", "PLACE_KINDS", "table_rows", "place_gazetteer", "extract"]

#: The curated table this extractor reads.
TABLE = "missions.tsv"
#: Entity kinds that are places (targets of ``ug:servesArea``).
PLACE_KINDS = frozenset({"country", "region"})
_TYPES = ("org:Organization", "ug:UNBody", "ug:PeaceOperation")
#: The United Nations itself (联合国 opens most names and is not what a mission serves).
UN = "UN"


def table_rows(segments: Sequence[Segment]) -> list[Segment]:
    """The rows of the report's table of missions, in document order."""
    return [s for s in segments if s.kind == "row" and s.attr("abbreviation") and s.attr("full_name")]


def place_gazetteer(gazetteer: Any) -> Gazetteer:
    """The gazetteer without the missions table, to find the places inside a mission's name.

    Organisation names stay indexed, so 非洲联盟 in 联合国驻非洲联盟办事处 is not read as 非洲.
    """
    return Gazetteer({name: rows for name, rows in gazetteer.tables.items() if name != TABLE})


def _span(row: Segment, part: str) -> Provenance:
    at = row.text.find(part)
    if at < 0:
        return Provenance(row.start, row.end, row.id)
    return Provenance(row.start + at, row.start + at + len(part), row.id)


def _row_records(row: Segment, curated: Any, places: Gazetteer) -> Iterator[Record]:
    abbreviation, full_name = row.attr("abbreviation") or "", row.attr("full_name") or ""
    key = curated.id if curated is not None else name_key(abbreviation)
    ref = Ref(KIND, key)
    whole = Provenance(row.start, row.end, row.id)
    yield Entity(ref, _TYPES, (("skos:prefLabel", Literal(full_name, "zh")),), whole)
    yield Statement(ref, "ug:abbreviation", Literal(abbreviation, "zh"), _span(row, abbreviation))
    name_span = _span(row, full_name)
    name_text = row.text[name_span.start - row.start:name_span.end - row.start]
    served = False
    for m in places.find(name_text):
        start = name_span.start + m.start
        prov = Provenance(start, start + len(m.surface), row.id)
        if m.kind in PLACE_KINDS:
            served = True
            yield Statement(ref, "ug:servesArea", Ref(m.kind, m.id), prov)
        elif m.kind == KIND and m.id != UN and m.id != key:
            yield Statement(ref, "ug:servesOrganization", Ref(m.kind, m.id), prov)
    if curated is None:
        return
    yield from _curated(ref, curated, served, places)


def _curated(ref: Ref, row: Any, served: bool, places: Gazetteer) -> Iterator[Record]:
    labels: list[tuple[str, Literal]] = []
    if row.name_en:
        labels.append(("skos:prefLabel", Literal(row.name_en, "en")))
    if row.acronym_en:
        labels.append(("ug:abbreviation", Literal(row.acronym_en, "en")))
    labels.extend(("skos:altLabel", name_literal(a.strip())) for a in row.alt_zh.split("|") if a.strip())
    yield Entity(ref, _TYPES, tuple(labels))
    if row.classification:
        yield Statement(ref, "org:classification", classification_curie(row.classification),
                        None, row.source)
    if row.mandated_by:
        organ = Ref(KIND, row.mandated_by)
        yield Statement(ref, "ug:mandatedBy", organ, None, row.source)
        yield Statement(ref, "org:subOrganizationOf", organ, None, row.source)
    if row.serves and not served:
        kind = "country" if places.get("country", row.serves) is not None else "region"
        yield Statement(ref, "ug:servesArea", Ref(kind, row.serves), None, row.source)


def extract(doc: Document, segments: Sequence[Segment], ctx: Context) -> Iterator[Record]:
    """Entities and facts from the table rows, then every mention of a mission in the text."""
    gazetteer = ctx.required_gazetteer("missions")
    curated = {normalise(r.abbreviation_zh): r for r in gazetteer.tables.get(TABLE, [])}
    places = place_gazetteer(gazetteer)
    keys: set[str] = set()
    for row in table_rows(segments):
        match = curated.get(normalise(row.attr("abbreviation") or ""))
        keys.add(match.id if match is not None else name_key(row.attr("abbreviation") or ""))
        yield from _row_records(row, match, places)
    yield from sorted(mentions(doc, segments, gazetteer, keys), key=lambda m: m.provenance)
