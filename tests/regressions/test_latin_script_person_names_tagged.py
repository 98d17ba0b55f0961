"""Issue 11: a person whose name the report prints in Latin letters (the photo credit
"© 柬埔寨法院特别法庭 /Nhet Sokheng") got untagged labels: a plain ``skos:prefLabel "Nhet Sokheng"``
counts as neither Chinese nor English, so the English coverage query and the English pages had no
name for them. Such names are now tagged ``en`` like the report's other Latin-script names
(:func:`ungraph.records.name_literal`); names with a Han character stay ``zh``."""

from __future__ import annotations

from ungraph.extract import build_context
from ungraph.extract.persons import extract
from ungraph.records import Entity


def test_every_person_label_has_a_language(real) -> None:
    doc, segments, gazetteer = real
    records = list(extract(doc, segments, build_context(doc, segments, gazetteer)))
    persons = [r for r in records if isinstance(r, Entity) and r.ref.kind == "person"]
    untagged = sorted({(r.ref.key, lit.value) for r in persons for _, lit in r.labels if not lit.lang})
    assert not untagged, untagged
    labels = {(p, lit.value, lit.lang) for r in persons if r.ref.key == "nhet-sokheng" for p, lit in r.labels}
    assert ("skos:prefLabel", "Nhet Sokheng", "en") in labels, labels
    english = {}
    for r in persons:
        for p, lit in r.labels:
            if p == "skos:prefLabel" and lit.lang == "en":
                english.setdefault(r.ref.key, set()).add(lit.value)
    assert all(len(v) == 1 for v in english.values()), {k: v for k, v in english.items() if len(v) > 1}
