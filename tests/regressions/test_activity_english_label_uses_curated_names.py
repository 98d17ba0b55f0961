"""Issue 11: an activity's English label named its places and agents from their table rows only, so a
region or body whose English name is a curated ``english.tsv`` row appeared as its key ("United Nations
(Democratic Republic of the Congo, great-lakes-region)"). The label now takes the curated name too."""

from __future__ import annotations

from ungraph.extract import activities, build_context
from ungraph.records import Entity, Ref, Statement


def test_english_activity_labels_use_the_curated_english_names(real) -> None:
    doc, segments, gazetteer = real
    records = list(activities.extract(doc, segments, build_context(doc, segments, gazetteer)))
    curated = {row.id: row.name_en for row in gazetteer.tables.get("english.tsv", []) if row.name_en}
    labels = {r.ref: {lit.lang: lit.value for p, lit in r.labels if p == "rdfs:label"}
              for r in records if isinstance(r, Entity) and r.labels}
    checked = 0
    for r in records:
        if isinstance(r, Statement) and r.predicate in ("dcterms:spatial", "prov:wasAssociatedWith") \
                and isinstance(r.object, Ref) and f"{r.object.kind}/{r.object.key}" in curated:
            english = labels[r.subject]["en"]
            assert r.object.key not in english.replace(curated[f"{r.object.kind}/{r.object.key}"], ""), english
            checked += 1
    assert checked > 0
    assert any("Great Lakes region" in lab.get("en", "") for lab in labels.values())
