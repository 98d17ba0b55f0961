"""Issue 10/11: since an activity may have no action concept (a verb not read with confidence keeps only
``ug:actionVerb``), its English label showed the Chinese verb ("Peacebuilding Commission: 提供支持 (South
Sudan, …)"), and English pages linked it with Chinese text. The English label now names only actions
that have a concept; the verb as written stays in the Chinese label and in ``ug:actionVerb``."""

from __future__ import annotations

from ungraph.extract import activities, build_context
from ungraph.records import Entity, Literal, Statement

def test_no_english_activity_label_holds_a_chinese_verb(real) -> None:
    doc, segments, gazetteer = real
    records = list(activities.extract(doc, segments, build_context(doc, segments, gazetteer)))
    statements = [r for r in records if isinstance(r, Statement)]
    verbs = {r.subject: r.object.value for r in statements if r.predicate == "ug:actionVerb"
             and isinstance(r.object, Literal)}
    labels = {r.ref: {lit.lang: lit.value for p, lit in r.labels if p == "rdfs:label"}
              for r in records if isinstance(r, Entity) and r.labels}
    without_concept = set(verbs) - {r.subject for r in statements if r.predicate == "ug:action"}
    assert without_concept, "the real report has activities whose verb has no concept"
    for ref in without_concept:
        assert verbs[ref] not in labels[ref]["en"], labels[ref]["en"]
        assert verbs[ref] in labels[ref]["zh"]
