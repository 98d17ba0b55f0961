"""Issue 11: two events are named only generically, 总统选举 (Somalia's presidential election, 2022) and
第一次高级别活动 (the first high-level meeting of West African counter-terrorism agencies, Marrakech), and
their keys (``zong-tong-xuan-ju-2022``, ``di-yi-ci-gao-ji-bie-huo-dong``) would clash with next year's
report's presidential election or first high-level event anywhere. A generic name (an edition, a
generic qualifier and a head word, nothing that names a thing) is keyed by its name, the country it
took place in and its year; the label stays as printed. The old IRIs are in ``moved.tsv``."""

from __future__ import annotations

from ungraph.extract import build_context, events, run_extractors
from ungraph.records import Entity, Ref, Statement

NEW_OLD = {"zong-tong-xuan-ju-som-2022": "zong-tong-xuan-ju-2022",
           "di-yi-ci-gao-ji-bie-huo-dong-mar": "di-yi-ci-gao-ji-bie-huo-dong"}


def test_a_generic_name_is_keyed_by_its_country_and_year(real) -> None:
    doc, segments, gazetteer = real
    records = list(events.extract(doc, segments, build_context(doc, segments, gazetteer)))
    entities = {r.ref: r for r in records if isinstance(r, Entity)}
    for new, old in NEW_OLD.items():
        assert Ref("event", new) in entities and Ref("event", old) not in entities
    labels = {lit.value for p, lit in entities[Ref("event", "zong-tong-xuan-ju-som-2022")].labels if p == "skos:prefLabel"}
    assert labels == {"总统选举"}  # the label as printed
    # a name that names something keeps its key
    assert Ref("event", "jiao-yu-bian-ge-feng-hui-2022") in entities


def test_generic_names() -> None:
    assert events.generic_name("总统选举") and events.generic_name("第一次高级别活动")
    assert events.generic_name("第七十八届会议")
    assert not events.generic_name("教育变革峰会") and not events.generic_name("人权日")
    assert not events.generic_name("大屠杀遇难者仪式")


def test_the_old_keys_moved(real) -> None:
    doc, segments, gazetteer = real
    records = run_extractors(doc, segments, gazetteer)
    moved = {(r.subject.key, r.object.key) for r in records if isinstance(r, Statement)
             and r.predicate == "dcterms:isReplacedBy"}
    assert {(old, new) for new, old in NEW_OLD.items()} <= moved
    english = {r.ref.key: lit.value for r in records if isinstance(r, Entity) and r.ref.kind == "event"
               for p, lit in r.labels if p == "skos:prefLabel" and lit.lang == "en"}
    assert english["zong-tong-xuan-ju-som-2022"] == "2022 Somali presidential election"
