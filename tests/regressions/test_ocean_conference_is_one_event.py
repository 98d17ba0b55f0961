"""Issue 11: the 2022 UN Ocean Conference was two events. The report names it by its short name
(2022 年在葡萄牙举行的联合国海洋大会, the caption's 联合国海洋大会) and, in chapter 1, by its formal name
(2022 年联合国支持落实可持续发展目标 14 即保护和可持续利用海洋和海洋资源以促进可持续发展会议); nothing in
the text joins the two, so each became an entity with its own links. An event alias in
``aliases.tsv`` (kind ``event``: the name as written -> the key of the event it names, with the source
that says so) makes them one event: the formal name a ``skos:altLabel`` and a mention of it, the links
of both on the one entity, the dropped key in ``moved.tsv``."""

from __future__ import annotations

from ungraph.extract import events, run_extractors
from ungraph.kinds import name_key
from ungraph.records import Entity, Mention, Ref, Statement

KEPT = Ref("event", "lian-he-guo-hai-yang-da-hui-2022")
FORMAL = "联合国支持落实可持续发展目标14即保护和可持续利用海洋和海洋资源以促进可持续发展会议"
DROPPED = Ref("event", name_key(FORMAL) + "-2022")


def test_the_formal_name_is_an_alternative_label_of_the_one_event(real) -> None:
    doc, segments, gazetteer = real
    from ungraph.extract import build_context

    records = list(events.extract(doc, segments, build_context(doc, segments, gazetteer)))
    refs = {r.ref for r in records if isinstance(r, Entity)}
    assert KEPT in refs and DROPPED not in refs
    labels = {(p, lit.value) for r in records if isinstance(r, Entity) and r.ref == KEPT for p, lit in r.labels}
    assert ("skos:prefLabel", "联合国海洋大会") in labels
    assert ("skos:altLabel", FORMAL) in labels
    mentioned = {r.text.replace(" ", "") for r in records if isinstance(r, Mention) and r.ref == KEPT}
    assert FORMAL in mentioned and "联合国海洋大会" in mentioned


def test_the_one_event_keeps_the_links_of_both_and_the_old_key_moved(real) -> None:
    doc, segments, gazetteer = real
    records = run_extractors(doc, segments, gazetteer)
    seealso = {r.object for r in records if isinstance(r, Statement) and r.subject == KEPT
               and r.predicate == "rdfs:seeAlso"}
    assert {"https://press.un.org/en/saveourocean", "https://oceanconference.un.org/"} <= seealso
    english = {lit.value for r in records if isinstance(r, Entity) and r.ref == KEPT
               for p, lit in r.labels if lit.lang == "en"}
    assert "2022 United Nations Ocean Conference" in english
    assert any(v.startswith("2022 United Nations Conference to Support the Implementation of Sustainable Development "
                            "Goal 14") for v in english)
    moved = {(r.subject, r.predicate) for r in records if isinstance(r, Statement) and r.object == KEPT}
    assert (DROPPED, "dcterms:isReplacedBy") in moved
