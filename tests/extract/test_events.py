"""Events of the real report: conferences and summits anchored by a date or a place.

By reading: 2022 年在葡萄牙举行的联合国海洋大会; 2022 年 9 月举行的教育变革峰会; 2023年联合国水事会议;
2021 年举行的联合国粮食体系峰会; 在2023年可持续发展目标峰会; 在日内瓦举行的有效发展合作峰会;
在卡塔尔举行的第五次联合国最不发达国家问题会议 (2023 年 3 月); 第一次联合国全球恐怖主义受害者大会于 2022 年
9 月 8 日至 9 日在纽约举行 — eight events.
"""

from __future__ import annotations

import dataclasses

import pytest

from ungraph.extract.events import extract, finds
from ungraph.records import Entity, Literal, Mention, Ref, Statement
from ungraph.reference.gazetteer import Gazetteer
from ungraph.source.load import load_report
from ungraph.source.segment import segment


@pytest.fixture(scope="module")
def report(real):  # type: ignore[no-untyped-def]
    doc, segments, gazetteer = real
    return doc, segments, gazetteer, list(extract(doc, segments, gazetteer))


def _labels(records):
    return {r.labels[0][1].value: r.ref for r in records if isinstance(r, Entity)}


def test_events_found(report):
    assert set(_labels(report[3])) == {
        "联合国海洋大会", "教育变革峰会", "联合国水事会议", "联合国粮食体系峰会", "可持续发展目标峰会",
        "有效发展合作峰会", "第五次联合国最不发达国家问题会议", "第一次联合国全球恐怖主义受害者大会"}


def test_ocean_conference_place_and_year(report):
    ref = _labels(report[3])["联合国海洋大会"]
    facts = {(s.predicate, s.object) for s in report[3] if isinstance(s, Statement) and s.subject == ref}
    assert ("lode:atPlace", Ref("country", "PRT")) in facts
    assert ("schema:startDate", Literal("2022", datatype="xsd:gYear")) in facts
    assert ref == Ref("event", "lian-he-guo-hai-yang-da-hui-2022")


@pytest.mark.parametrize("name,date", [
    ("教育变革峰会", Literal("2022-09", datatype="xsd:gYearMonth")),
    ("第五次联合国最不发达国家问题会议", Literal("2023-03", datatype="xsd:gYearMonth")),
    ("第一次联合国全球恐怖主义受害者大会", Literal("2022-09", datatype="xsd:gYearMonth")),
    ("联合国水事会议", Literal("2023", datatype="xsd:gYear")),
])
def test_dates(report, name, date):
    ref = _labels(report[3])[name]
    assert any(s.subject == ref and s.predicate == "schema:startDate" and s.object == date
               for s in report[3] if isinstance(s, Statement))


def test_mentions_reproduce_their_text(report):
    doc, records = report[0], report[3]
    mentions = [m for m in records if isinstance(m, Mention)]
    assert all(doc.text[m.provenance.start:m.provenance.end] == m.text for m in mentions)
    summit = _labels(records)["教育变革峰会"]
    assert len([m for m in mentions if m.ref == summit]) == 5  # lines 211, 475, 566, 762, 790 of the text


def test_false_friends(report):
    labels = set(_labels(report[3]))
    assert "联合国大会" not in labels and "联合国贸易和发展会议" not in labels  # bodies, not events
    assert not any(label.startswith("举行") for label in labels)  # "2023 年 9 月举行部长级会议"
    assert not [f for f in finds("2022 年召开了会议") if f.name.endswith("会议")]


def test_reflowed_text_gives_the_same_events(report):
    doc, _, gazetteer, records = report
    reflowed = dataclasses.replace(doc, text=doc.text.replace("\n", "\n\n"))
    again = list(extract(reflowed, segment(reflowed), gazetteer))
    key = lambda rs: {(s.subject, s.predicate, s.object) for s in rs if isinstance(s, Statement)}  # noqa: E731
    assert key(again) == key(records)
