"""Countries, territories and regions: every mention in every block, through the gazetteer.

The gazetteer (``countries.tsv``, ``regions.tsv``, ``aliases.tsv``, ``blockers.tsv`` and the
names of every other registered table) is the one arbiter of what a name is: its
leftmost-longest :meth:`~ungraph.reference.gazetteer.Gazetteer.find` makes 发展中国家,
索马里, 马里卜, 南苏丹, 印度尼西亚, 撒哈拉以南非洲, 巴布亚新几内亚 win over the
shorter 中国, 马里, 苏丹, 印度, 南非, 几内亚 inside them, and the names of agreements
(萨摩亚途径, 毛里求斯战略) and organisations (非洲联盟) consume the place names they
contain. Inside an organisation's name a *country* or *area* (not a region) is still a
mention: 联合国驻塞浦路斯维持和平部队 names Cyprus, 非洲联盟 does not name Africa as a place.

Each place used becomes an :class:`~ungraph.records.Entity` (schema:Country; ug:Territory for
a user-assigned code such as Kosovo's XK and for areas; ug:Region for regions) whose
provenance is its first mention, plus reference facts without provenance: ISO 3166-1
alpha-3 and M49 as typed ``skos:notation``, ``skos:exactMatch`` GeoNames and
``skos:closeMatch`` Wikidata. A footnote that reads "提及<place>时…" is the place's
``skos:scopeNote``. Which chapters mention a place follows from ``ug:mentionedIn`` and
``dcterms:isPartOf`` (see ``data/README.md``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from ungraph.records import Document, Entity, Literal, Mention, Provenance, Record, Ref, Segment, Statement

__all__ = ["PLACE_KINDS", "CONTAINERS", "find_places", "place_entity", "extract"]

PLACE_KINDS = frozenset({"country", "region"})
CONTAINERS = frozenset({"report", "front-matter", "contents", "introduction", "chapter", "section",
                        "spotlight", "subsection", "table"})
_PLACE_TABLES = ("countries.tsv", "regions.tsv", "aliases.tsv", "blockers.tsv")
_SCOPE = re.compile(r"^[\W\d¹²³⁴⁵⁶⁷⁸⁹⁰]*提及")


def _places_only(gazetteer: Any) -> Any:
    """A gazetteer over the place tables alone (for names inside organisation names)."""
    from ungraph.reference.gazetteer import Gazetteer

    tables = {name: rows for name, rows in gazetteer.tables.items() if name in _PLACE_TABLES}
    tables["aliases.tsv"] = [a for a in tables.get("aliases.tsv", []) if a.kind in PLACE_KINDS]
    return Gazetteer(tables)


def _nested_ok(gazetteer: Any, ref: Ref) -> bool:
    if ref.kind == "country":
        return True
    row = gazetteer.get(ref.kind, ref.key)
    return row is not None and row.kind == "area"


def find_places(text: str, gazetteer: Any, places: Any | None = None) -> list[tuple[int, int, Ref, str]]:
    """Place mentions in ``text`` as ``(start, end, ref, surface)``, in text order.

    :param places: a place-only gazetteer for names inside organisation names (built if omitted).
    """
    out = []
    for m in gazetteer.find(text):
        if m.kind in PLACE_KINDS:
            out.append((m.start, m.end, m.ref, m.surface))
        elif m.kind == "organization":
            places = places if places is not None else _places_only(gazetteer)
            for n in places.find(m.surface):
                if n.kind in PLACE_KINDS and _nested_ok(gazetteer, n.ref):
                    out.append((m.start + n.start, m.start + n.end, n.ref, n.surface))
    return out


def _types(ref: Ref, row: Any) -> tuple[str, ...]:
    if ref.kind == "country":
        return ("ug:Territory", "schema:Place") if row.alpha2.startswith("X") else ("schema:Country",)
    return ("ug:Territory", "schema:Place") if row.kind == "area" else ("ug:Region", "schema:Place")


def place_entity(ref: Ref, row: Any, prov: Provenance | None) -> Iterator[Record]:
    """The entity of a place and its reference facts (codes and matches, no provenance).

    >>> from ungraph.reference.tables import Country
    >>> row = Country("COD", "CD", "180", "203312", "Q974", "刚果民主共和国", "Democratic Republic of the Congo", "t")
    >>> recs = list(place_entity(Ref("country", "COD"), row, None))
    >>> recs[0].types, [(r.predicate, getattr(r.object, "value", r.object)) for r in recs[1:]]
    ... # doctest: +NORMALIZE_WHITESPACE
    (('schema:Country',), [('skos:notation', 'COD'), ('skos:notation', '180'),
     ('skos:exactMatch', 'http://sws.geonames.org/203312/'), ('skos:closeMatch', 'http://www.wikidata.org/entity/Q974')])
    """
    labels = [("skos:prefLabel", Literal(row.name_zh, "zh"))]
    if row.name_en:
        labels.append(("skos:prefLabel", Literal(row.name_en, "en")))
    yield Entity(ref, _types(ref, row), tuple(labels), prov)
    source = row.source
    if ref.kind == "country":
        yield Statement(ref, "skos:notation", Literal(row.id, datatype="ug:ISO3166Alpha3"), None, source)
    if row.m49:
        yield Statement(ref, "skos:notation", Literal(row.m49, datatype="ug:M49Code"), None, source)
    if row.geonames_id:
        yield Statement(ref, "skos:exactMatch", f"http://sws.geonames.org/{row.geonames_id}/", None, source)  # type: ignore[arg-type]
    if getattr(row, "wikidata", ""):
        yield Statement(ref, "skos:closeMatch", f"http://www.wikidata.org/entity/{row.wikidata}", None, source)  # type: ignore[arg-type]


def extract(doc: Document, segments: Sequence[Segment], gazetteer: Any) -> Iterator[Record]:
    """Mentions of every place in every block, then one entity (+ reference facts) per place."""
    places = _places_only(gazetteer)
    first: dict[Ref, Provenance] = {}
    notes: set[Ref] = set()
    for seg in segments:
        if seg.kind in CONTAINERS:
            continue
        for start, end, ref, surface in find_places(seg.text, gazetteer, places):
            prov = Provenance(seg.start + start, seg.start + end, seg.id)
            first.setdefault(ref, prov)
            yield Mention(ref, prov, surface)
            note = " ".join(seg.text.split())
            if seg.kind == "footnote" and _SCOPE.match(seg.text[:start]) and ref not in notes:
                notes.add(ref)
                yield Statement(ref, "skos:scopeNote", Literal(note, "zh"), Provenance(seg.start, seg.end, seg.id))
    for ref in sorted(first, key=lambda r: (r.kind, r.key)):
        row = gazetteer.get(ref.kind, ref.key)
        if row is not None:
            yield from place_entity(ref, row, first[ref])
