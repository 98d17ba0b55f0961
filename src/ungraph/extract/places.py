"""Countries, territories, regions and cities: every mention in every block, through the gazetteer.

The gazetteer (``countries.tsv``, ``regions.tsv``, ``cities.tsv``, ``aliases.tsv``,
``blockers.tsv`` and the names of every other registered table) is the one arbiter of what a
name is: its leftmost-longest :meth:`~ungraph.reference.gazetteer.Gazetteer.find` makes
发展中国家, 索马里, 马里卜, 南苏丹, 印度尼西亚, 撒哈拉以南非洲, 巴布亚新几内亚 win over the
shorter 中国, 马里, 苏丹, 印度, 南非, 几内亚 inside them, and the names of agreements
(萨摩亚途径, 毛里求斯战略) and organisations (非洲联盟) consume the place names they contain.

Inside an organisation's name a country, an area or a city is still a mention
(联合国驻塞浦路斯维持和平部队 names Cyprus, 联合国内罗毕办事处 Nairobi); a region is one only
inside the name of a UN body, which is named for the region it serves (联合国中部非洲区域办事处
names 中部非洲), not inside an outside organisation's (非洲联盟 does not name Africa as a place).

Every written form resolves to one entity: the short and adjectival forms (俄罗斯粮食 ->
Russian Federation, 一个叙利亚难民 -> Syria, 诉玻利维亚案 -> Bolivia) through the aliases, former
States (苏联, ISO 3166-3 ``SUN``), territories (西撒哈拉 and Kosovo: hdx-python-country says they are
not independent, so ``ug:Territory``), sub-national areas (布干维尔 inside Papua New Guinea, the
provinces and states of photo credits such as 巴基斯坦信德省: ``schema:AdministrativeArea``), other
named places that are neither (拉斯伊萨, a port; 圣安唐, an island: ``schema:Place``) and populated
places, cities, towns and villages alike (海牙, 内罗毕, 乌日霍罗德, 杜洛, 戴利村: the ``city`` kind,
``schema:City``) as places of their own. Each form the report uses that is not the
entity's name becomes a ``skos:altLabel`` (Chinese when it has a Han character, else English).

Each place used becomes an :class:`~ungraph.records.Entity` whose provenance is its first
mention, plus reference facts without provenance: ISO 3166-1 alpha-3 and M49 as typed
``skos:notation``, ``skos:exactMatch`` GeoNames, ``skos:closeMatch`` Wikidata, and
``schema:containedInPlace`` to every M49 region that holds it (a country to its intermediate
region, sub-region and region; a region to the regions above it; a city or an area to its
country). The containing places are entities too, so every link resolves. A footnote that reads
"提及<place>时…" is the place's ``skos:scopeNote``.

Other extractors resolve a place phrase with :func:`resolve_place` (the most specific place it
names) or :func:`find_places` (every place in a text).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from ungraph.extract.blocks import CONTAINERS
from ungraph.extract.context import Context
from ungraph.extract.place_names import PLACE_KINDS, find_places, places_only, resolve_place
from ungraph.records import (
    Document,
    Entity,
    Literal,
    Mention,
    Provenance,
    Record,
    Ref,
    Segment,
    Statement,
    name_literal,
)

__all__ = ["PLACE_KINDS", "CONTAINERS", "find_places", "resolve_place", "place_entity", "containers", "extract"]

_SCOPE = re.compile(r"^[\W\d¹²³⁴⁵⁶⁷⁸⁹⁰]*提及")


def _types(ref: Ref, row: Any) -> tuple[str, ...]:
    if ref.kind == "city":
        return ("schema:City",)
    if ref.kind == "country":
        status = getattr(row, "status", "state")
        if status == "territory" or row.alpha2.startswith("X"):
            return ("ug:Territory", "schema:Place")
        return ("schema:Country", "ug:FormerState") if status == "former" else ("schema:Country",)
    if row.kind == "subnational":
        return ("schema:AdministrativeArea",)
    if row.kind == "place":  # a port or an island: neither an administrative area nor a settlement
        return ("schema:Place",)
    return ("ug:Territory", "schema:Place") if row.kind == "area" else ("ug:Region", "schema:Place")


def _within(ref: Ref, row: Any, gazetteer: Any) -> list[Ref]:
    """The places that directly or through the M49 hierarchy contain a place (from its table row)."""
    if ref.kind == "city":
        return [Ref("country", row.country)]
    out = []
    for key in (getattr(row, "within", "") or "").split("|"):
        if key and gazetteer.get("region", key) is not None:
            out.append(Ref("region", key))
        elif key and gazetteer.get("country", key) is not None:
            out.append(Ref("country", key))
    return out


def containers(refs: Sequence[Ref], gazetteer: Any) -> list[Ref]:
    """``refs`` and every place that contains one of them, transitively, sorted by kind and key."""
    seen: set[Ref] = set()
    todo = list(refs)
    while todo:
        ref = todo.pop()
        row = gazetteer.get(ref.kind, ref.key)
        if ref in seen or row is None:
            continue
        seen.add(ref)
        todo.extend(_within(ref, row, gazetteer))
    return sorted(seen, key=lambda r: (r.kind, r.key))


def place_entity(ref: Ref, row: Any, prov: Provenance | None, forms: Sequence[str] = (),
                 gazetteer: Any | None = None) -> Iterator[Record]:
    """The entity of a place and its reference facts (codes, matches, containment; no provenance).

    ``forms``: the ways the report writes it; those that are not its name become ``skos:altLabel``.

    >>> from ungraph.reference.tables import Country
    >>> row = Country("COD", "CD", "180", "203312", "Q974", "刚果民主共和国", "Democratic Republic of the Congo", "t")
    >>> recs = list(place_entity(Ref("country", "COD"), row, None, ["刚果（金）"]))
    >>> recs[0].types, recs[0].labels[-1]
    (('schema:Country',), ('skos:altLabel', Literal(value='刚果（金）', lang='zh', datatype=None)))
    >>> [(r.predicate, getattr(r.object, "value", r.object)) for r in recs[1:]]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('skos:notation', 'COD'), ('skos:notation', '180'),
     ('skos:exactMatch', 'http://sws.geonames.org/203312/'), ('skos:closeMatch', 'http://www.wikidata.org/entity/Q974')]
    """
    labels: list[tuple[str, Literal]] = [("skos:prefLabel", Literal(row.name_zh, "zh"))]
    if row.name_en:
        labels.append(("skos:prefLabel", Literal(row.name_en, "en")))
    names = {row.name_zh, row.name_en}
    for form in forms:
        if form not in names:
            names.add(form)
            labels.append(("skos:altLabel", name_literal(form)))
    yield Entity(ref, _types(ref, row), tuple(labels), prov)
    source = row.source
    if ref.kind == "country":
        yield Statement(ref, "skos:notation", Literal(row.id, datatype="ug:ISO3166Alpha3"), None, source)
    if getattr(row, "m49", ""):
        yield Statement(ref, "skos:notation", Literal(row.m49, datatype="ug:M49Code"), None, source)
    if row.geonames_id:
        yield Statement(ref, "skos:exactMatch", f"http://sws.geonames.org/{row.geonames_id}/", None, source)
    if getattr(row, "wikidata", ""):
        yield Statement(ref, "skos:closeMatch", f"http://www.wikidata.org/entity/{row.wikidata}", None, source)
    if gazetteer is not None:
        for outer in _within(ref, row, gazetteer):
            yield Statement(ref, "schema:containedInPlace", outer, None, source)


def _form(surface: str) -> str:
    """A written form as a label: PDF whitespace removed."""
    return re.sub(r"\s+", "", surface)


def extract(doc: Document, segments: Sequence[Segment], ctx: Context) -> Iterator[Record]:
    """Mentions of every place in every block, then one entity (+ reference facts) per place and container."""
    gazetteer = ctx.required_gazetteer("places")
    places = places_only(gazetteer)
    first: dict[Ref, Provenance] = {}
    forms: dict[Ref, list[str]] = {}
    notes: set[Ref] = set()
    for seg in segments:
        if seg.kind in CONTAINERS:
            continue
        for start, end, ref, surface in find_places(seg.text, gazetteer, places):
            prov = Provenance(seg.start + start, seg.start + end, seg.id)
            first.setdefault(ref, prov)
            if _form(surface) not in forms.setdefault(ref, []):
                forms[ref].append(_form(surface))
            yield Mention(ref, prov, surface)
            note = " ".join(seg.text.split())
            if seg.kind == "footnote" and _SCOPE.match(seg.text[:start]) and ref not in notes:
                notes.add(ref)
                yield Statement(ref, "skos:scopeNote", Literal(note, "zh"), Provenance(seg.start, seg.end, seg.id))
    for ref in containers(list(first), gazetteer):
        row = gazetteer.get(ref.kind, ref.key)
        yield from place_entity(ref, row, first.get(ref), sorted(forms.get(ref, [])), gazetteer)
