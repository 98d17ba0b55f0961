"""Issue 9, item 5: names cut short by a list keep the full name as their label.

Chapter 9 lists "联合国日内瓦办事处、内罗毕办事处和维也纳办事处": the list shares 联合国, so the
offices are 联合国内罗毕办事处 and 联合国维也纳办事处; the short forms are what the list writes
(alternative labels, and the mentions still resolve).
"""

from __future__ import annotations

from ungraph.extract import organizations
from ungraph.records import Entity, Mention
from ungraph.extract import build_context


def test_offices_in_the_list_have_their_full_names(real) -> None:
    doc, segments, gazetteer = real
    records = list(organizations.extract(doc, segments, build_context(doc, segments, gazetteer)))
    labels = {(r.ref.key, p, lit.value) for r in records if isinstance(r, Entity) for p, lit in r.labels if lit.lang == "zh"}
    for key, full, short in (("UNON", "联合国内罗毕办事处", "内罗毕办事处"), ("UNOV", "联合国维也纳办事处", "维也纳办事处")):
        assert (key, "skos:prefLabel", full) in labels
        assert (key, "skos:altLabel", short) in labels
        assert (key, "skos:prefLabel", short) not in labels
    mentioned = {r.ref.key for r in records if isinstance(r, Mention)}
    assert {"UNON", "UNOV"} <= mentioned
