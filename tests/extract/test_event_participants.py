"""Participants of events (``lode:involvedAgent``): the rules on small sentences and the real report.

By reading the report: Türkiye, the Russian Federation and Ukraine signed the Black Sea Initiative
in the presence of the UN (introduction, line 610; chapter 2, line 1247); the UN ("我们") signed the
memorandum of understanding with the Russian Federation (line 1247); the Government of Ethiopia and
the TPLF signed the agreement on a permanent cessation of hostilities (line 3044); participants
from the UN attended the opening of the Permanent Forum on People of African Descent (line 1853).
"""

from __future__ import annotations

import pytest

from ungraph.extract import build_context
from ungraph.extract.event_participants import PREDICATE, enrich, participants
from ungraph.extract.activities import extract as extract_activities
from ungraph.extract.events import extract as extract_events
from ungraph.records import Ref, Statement


@pytest.fixture(scope="module")
def stated(real):
    doc, segments, gazetteer = real
    ctx = build_context(doc, segments, gazetteer)
    records = [*extract_events(doc, segments, ctx), *extract_activities(doc, segments, ctx)]
    return doc, enrich(doc, segments, ctx, records)


def _of(statements, event_key: str) -> set[str]:
    return {s.object.key for s in statements if s.subject == Ref("event", event_key)}


def test_the_black_sea_initiative_has_its_three_signatories_not_the_witness(stated):
    doc, statements = stated
    assert _of(statements, "hei-hai-chang-yi-2022") == {"TUR", "RUS", "UKR"}
    # stated twice (lines 610 and 1247): one statement for each span
    assert len([s for s in statements if s.subject.key == "hei-hai-chang-yi-2022" and s.object.key == "TUR"]) == 2


def test_a_party_with_us_is_the_signing_activity_s_agent(stated):
    doc, statements = stated
    mou = next(s.subject.key for s in statements if s.subject.key.startswith("e-luo-si-lian-bang-he-lian-he-guo"))
    assert _of(statements, mou) == {"RUS", "UN"}
    un = next(s for s in statements if s.subject.key == mou and s.object.key == "UN")
    assert doc.text[un.provenance.start:un.provenance.end] == "我们"


def test_every_statement_names_its_participant_and_is_sorted(stated):
    doc, statements = stated
    assert statements and all(isinstance(s, Statement) and s.predicate == PREDICATE for s in statements)
    for s in statements:
        assert s.object.kind in ("country", "territory", "organization")
    assert statements == sorted(statements, key=lambda s: (s.subject.key, s.object.kind, s.object.key,
                                                           s.provenance.start))


@pytest.mark.parametrize(("text", "event", "expected", "counterpart"), [
    ("2022年7月22日，土耳其、俄罗斯联邦和乌克兰在联合国见证下签署了《黑海倡议》。", "黑海", ["TUR", "RUS", "UKR"], False),
    ("在埃塞俄比亚联邦民主共和国政府与提格雷人民解放阵线签署《和平协定》之后，", "和平", ["ETH", "ti-ge-lei-ren-min-jie-fang-zhen-xian"], False),
    ("我们还与俄罗斯联邦签署了关于粮食的谅解备忘录。", "关于", ["RUS"], True),
    ("我们在乌克兰与政府签署了一项框架协议。", "框架", [], True),
    ("来自各国、民间社会及联合国的 700 多名与会者参加了论坛的开幕会议。", "论坛", ["UN"], False),
    # not participants: the places an initiative concerns, a generic list, a witness alone
    ("我们提出了关于从乌克兰港口运输谷物到土耳其、俄罗斯联邦和乌克兰的倡议（黑海倡议）。", "黑海", [], False),
    ("我们召集会员国参加全球减少灾害风险平台第七次会议。", "全球", [], False),
    ("在联合国见证下签署了《黑海倡议》。", "黑海", [], False),
])
def test_participants_of_a_sentence(real, text, event, expected, counterpart):
    found, opened_with = participants(text, text.index(event), real[2])
    assert [r.key for r, _, _ in found] == expected
    assert opened_with == counterpart
