"""Issue 11 (found while naming the last events in English): a sentence that opens with an
adverbial phrase in 在…, not a place, gave its event a place: "在这方面，我们为印度尼西亚和越南启动了公正
能源转型伙伴关系" put the Just Energy Transition Partnerships (and South Africa's) at ``schema:location
"这方面"`` ("in this regard"); "在我们的支持下，" ("with our support"), "在秘书长的倡导下，" ("at the
Secretary-General's initiative") and "在网络犯罪相关问题上，" ("on cybercrime") did the same. A phrase
closed by a postposition (下, 上, 中, 方面...) or naming the speaker (我们, 这, 该...) is not a place; a
place the sentence opens with still is ("在摩洛哥马拉喀什，我们召集了…")."""

from __future__ import annotations

import pytest

from ungraph.extract import build_context
from ungraph.extract.event_context import sentence_place
from ungraph.extract.events import extract
from ungraph.records import Literal, Statement


@pytest.mark.parametrize("sentence", [
    "在这方面，我们为印度尼西亚和越南启动了公正能源转型伙伴关系。",
    "在我们的支持下，来自各国的700多名与会者参加了开幕会议。",
    "在秘书长的倡导下，全民预警倡议得以启动。",
    "在网络犯罪相关问题上，会员国继续谈判。",
    "在此期间，我们继续提供支持。",
])
def test_an_adverbial_opening_is_not_a_place(sentence: str) -> None:
    assert sentence_place(sentence) is None


@pytest.mark.parametrize(("sentence", "place"), [
    ("在摩洛哥马拉喀什，我们召集了西非反恐和安全机构负责人参加第一次高级别活动。", "摩洛哥马拉喀什"),
    ("在日内瓦，双方举行了会谈。", "日内瓦"),
])
def test_a_place_the_sentence_opens_with_is_still_one(sentence: str, place: str) -> None:
    assert sentence_place(sentence) == place


def test_no_event_of_the_report_is_located_at_a_phrase(real) -> None:
    doc, segments, gazetteer = real
    records = list(extract(doc, segments, build_context(doc, segments, gazetteer)))
    literals = sorted({(r.subject.key, r.object.value) for r in records if isinstance(r, Statement)
                       and r.predicate == "schema:location" and isinstance(r.object, Literal)})
    phrases = [(k, v) for k, v in literals if v.endswith(("下", "上", "方面", "中", "期间")) or "我们" in v or "这" in v]
    assert not phrases, phrases
