"""Places of the real report. Counts by grep arithmetic on the raw text, e.g. 马里 occurs 18
times = 索马里 7 + 马里卜 (Marib, Yemen) 2 + Mali 9; 苏丹 16 = 南苏丹 10 + Sudan 6;
印度 4 = 印度尼西亚 3 + India 1; 南非 4 = 撒哈拉以南非洲 3 + South Africa 1;
几内亚 2 = 巴布亚新几内亚 1 + Guinea 1; 中国 23 = 发展中国家 23 (China never);
萨摩亚 2 and 毛里求斯 1 only inside agreement names.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

import pytest

from ungraph.extract.places import extract, find_places
from ungraph.records import Entity, Mention, Ref, Statement
from ungraph.reference.gazetteer import Gazetteer
from ungraph.source.load import load_report
from ungraph.source.segment import segment


@pytest.fixture(scope="module")
def report():
    doc = load_report("data/source")
    segments = segment(doc)
    gazetteer = Gazetteer.from_dir("data/reference")
    return doc, segments, gazetteer, list(extract(doc, segments, gazetteer))


def _counts(records):
    return Counter(r.ref.key for r in records if isinstance(r, Mention))


@pytest.mark.parametrize("key,expected", [
    ("MLI", 9), ("SOM", 7), ("SDN", 6), ("SSD", 10), ("IND", 1), ("IDN", 3), ("ZAF", 1), ("GIN", 1),
    ("PNG", 1), ("UKR", 24), ("YEM", 17), ("XKX", 6),
])
def test_mention_counts_established_by_reading(report, key, expected):
    assert _counts(report[3])[key] == expected


@pytest.mark.parametrize("key", ["CHN", "WSM", "MUS"])
def test_false_friends_never_become_places(report, key):
    assert _counts(report[3])[key] == 0
    assert not any(isinstance(r, Entity) and r.ref.key == key for r in report[3])


@pytest.mark.parametrize("outer,inner", [
    ("发展中国家", "CHN"), ("索马里", "MLI"), ("马里卜", "MLI"), ("南苏丹", "SDN"), ("印度尼西亚", "IND"),
    ("撒哈拉以南非洲", "ZAF"), ("巴布亚新几内亚", "GIN"), ("萨摩亚途径", "WSM"), ("毛里求斯战略", "MUS"),
])
def test_no_mention_inside_a_false_friend(report, outer, inner):
    doc, records = report[0], report[3]
    spans = [(m.start(), m.end()) for m in re.finditer(outer, doc.text)]
    assert spans, f"{outer} should occur in the report"
    for r in records:
        if isinstance(r, Mention) and r.ref.key == inner:
            assert not any(a <= r.provenance.start < b for a, b in spans), r


@pytest.mark.parametrize("sentence,keys", [
    ("一名来自西尔瓦的境内流离失所妇女抵达也门马里卜的苏米亚难民营", ["YEM"]),
    ("在这方面，我们为印度尼西亚和越南启动了公正能源转型伙伴关系，并为南非伙伴关系敲定了一项投资计划",
     ["IDN", "VNM", "ZAF"]),
    ("56家撒哈拉以南非洲数字行业的中小微企业（**11**家由女性领导）获得额外**400**万美元由出口驱动的收入",
     ["sub-saharan-africa"]),
])
def test_false_friends_on_real_sentences(report, sentence, keys):
    assert sentence in report[0].text
    assert [ref.key for _, _, ref, _ in find_places(sentence, report[2])] == keys


def test_kosovo_is_a_territory_with_its_footnote(report):
    records = report[3]
    kosovo = next(r for r in records if isinstance(r, Entity) and r.ref == Ref("country", "XKX"))
    assert "ug:Territory" in kosovo.types and "schema:Country" not in kosovo.types
    notes = [r for r in records if isinstance(r, Statement) and r.subject == kosovo.ref and r.predicate == "skos:scopeNote"]
    assert len(notes) == 1 and "1244(1999)" in notes[0].object.value.replace(" ", "")


def test_reference_facts_of_a_country_have_no_provenance(report):
    facts = {(r.predicate, getattr(r.object, "value", r.object)) for r in report[3]
             if isinstance(r, Statement) and r.subject == Ref("country", "COD")}
    assert ("skos:notation", "COD") in facts and ("skos:notation", "180") in facts
    assert any(p == "skos:exactMatch" and str(o).startswith("http://sws.geonames.org/") for p, o in facts)
    assert all(r.provenance is None for r in report[3] if isinstance(r, Statement) and r.subject == Ref("country", "COD"))


def test_entity_provenance_is_the_first_mention(report):
    records = report[3]
    first = {}
    for r in records:
        if isinstance(r, Mention):
            first.setdefault(r.ref, r.provenance)
    for r in records:
        if isinstance(r, Entity):
            assert r.provenance == first[r.ref]


def test_every_mention_reproduces_its_span(report):
    doc = report[0]
    for r in report[3]:
        if isinstance(r, Mention):
            assert doc.text[r.provenance.start:r.provenance.end] == r.text


def test_reflowed_text_gives_the_same_places(report):
    doc, _, gazetteer, records = report
    reflowed = dataclasses.replace(doc, text=doc.text.replace("\n", "\n\n"))
    again = list(extract(reflowed, segment(reflowed), gazetteer))
    assert {r.ref for r in again if isinstance(r, Entity)} == {r.ref for r in records if isinstance(r, Entity)}
    assert _counts(again) == _counts(records)
