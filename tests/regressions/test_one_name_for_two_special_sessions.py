"""Issue 11: "人权理事会的常会和关于乌克兰和伊朗伊斯兰共和国的特别会议" names two special sessions of the
Human Rights Council, one on Ukraine and one on the Islamic Republic of Iran, yet the graph had one
event for both. A name "关于 <place> 和 <place> 的 <head>" whose subject is two places the gazetteer
knows is one event per place: each named for its place (关于乌克兰的特别会议), the printed name its
``skos:altLabel`` and its mention, and ``dcterms:subject`` the country, with the span of its name."""

from __future__ import annotations

from ungraph.extract import build_context, events
from ungraph.kinds import name_key
from ungraph.records import Entity, Mention, Ref, Statement

WRITTEN = "关于乌克兰和伊朗伊斯兰共和国的特别会议"
SPLIT = {"关于乌克兰的特别会议": ("UKR", "乌克兰"), "关于伊朗伊斯兰共和国的特别会议": ("IRN", "伊朗伊斯兰共和国")}


def test_two_places_in_the_subject_of_one_name_are_two_events(real) -> None:
    doc, segments, gazetteer = real
    records = list(events.extract(doc, segments, build_context(doc, segments, gazetteer)))
    entities = {r.ref: r for r in records if isinstance(r, Entity)}
    assert Ref("event", name_key(WRITTEN)) not in entities
    for label, (code, place) in SPLIT.items():
        ref = Ref("event", name_key(label))
        labels = {(p, lit.value) for p, lit in entities[ref].labels}
        assert ("skos:prefLabel", label) in labels and ("skos:altLabel", WRITTEN) in labels
        assert {r.text.replace(" ", "") for r in records if isinstance(r, Mention) and r.ref == ref} == {WRITTEN}
        subjects = [r for r in records if isinstance(r, Statement) and r.subject == ref and r.predicate == "dcterms:subject"]
        assert [s.object for s in subjects] == [Ref("country", code)]
        assert doc.text[subjects[0].provenance.start:subjects[0].provenance.end] == place
        kinds = {r.object for r in records if isinstance(r, Statement) and r.subject == ref and r.predicate == "ug:eventKind"}
        assert kinds == {"ug:SessionEvent"}


def test_a_name_about_one_place_or_a_pair_that_is_not_two_places_stays_one_event() -> None:
    assert events.distributed_subjects("关于乌克兰的特别会议", None) == []
    assert events.distributed_subjects("关于和平与安全的高级别会议", None) == []
