"""Issue 11: villages and towns of photo credits (肯尼亚戴利村, 索马里杜洛, 布基纳法索吉博 "该镇") were
regions typed ``schema:AdministrativeArea``, so the graph called a village an administrative area and
counted it among the regions without a link. A populated place (GeoNames feature class P) is the
``city`` kind, typed ``schema:City``, with its GeoNames feature where GeoNames has one; a port or an
island that is neither (拉斯伊萨, 圣安唐) is a ``schema:Place``, not an administrative area."""

from __future__ import annotations

from ungraph.extract import build_context, places
from ungraph.records import Entity, Ref, Statement

#: Written form -> (settlement key, GeoNames id or "") as cities.tsv records them.
SETTLEMENTS = {
    "戴利村": ("dai-li-cun", ""), "坎迪伦戈": ("candirenggo", ""), "杜洛": ("dolow", ""),
    "圣何塞德莱昂": ("san-jose-de-leon", ""), "吉博": ("djibo", "2361177"), "贝尼": ("beni", "219057"),
    "杜安扎": ("douentza", "2458334"), "马南扎里": ("mananjary", "1061335"), "马里卜": ("ma-rib", "72968"),
}


def _entities(real) -> tuple[dict[Ref, Entity], list[Statement]]:
    doc, segments, gazetteer = real
    records = list(places.extract(doc, segments, build_context(doc, segments, gazetteer)))
    return ({r.ref: r for r in records if isinstance(r, Entity)},
            [r for r in records if isinstance(r, Statement)])


def test_villages_and_towns_are_settlements_not_administrative_areas(real) -> None:
    entities, statements = _entities(real)
    by_name = {lit.value: ref for ref, e in entities.items() for p, lit in e.labels if p == "skos:prefLabel"}
    for name, (key, geonames) in SETTLEMENTS.items():
        ref = by_name[name]
        assert ref == Ref("city", key), (name, ref)
        assert entities[ref].types == ("schema:City",), name
        matches = {s.object for s in statements if s.subject == ref and s.predicate == "skos:exactMatch"}
        assert matches == ({f"http://sws.geonames.org/{geonames}/"} if geonames else set()), name
    assert not [lit.value for ref, e in entities.items() if "schema:AdministrativeArea" in e.types
                for p, lit in e.labels if p == "skos:prefLabel" and lit.value[-1:] in "村镇"]


def test_a_port_and_an_island_are_places(real) -> None:
    entities, _ = _entities(real)
    for key in ("la-si-yi-sa", "sheng-an-tang"):
        assert entities[Ref("region", key)].types == ("schema:Place",), key


def test_no_rule_derives_a_settlement_back_into_the_regions(real) -> None:
    from ungraph.reference.cities import derive_subnational

    _, _, gazetteer = real
    tables = gazetteer.tables
    derived = {r.name_zh for r in derive_subnational(tables["countries.tsv"], tables["aliases.tsv"], tables["cities.tsv"],
                                                     regions=tables["regions.tsv"])}
    assert not derived & (set(SETTLEMENTS) | {"拉斯伊萨", "圣安唐"})
