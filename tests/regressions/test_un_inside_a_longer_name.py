"""Issue 9, item 5: 联合国 inside a longer proper name is not a mention of the United Nations.

The rule (``ungraph.extract.organizations.inside_longer_name``): 联合国 written directly before
the rest of a name that ends in a head noun of a meeting (会议, 大会, 峰会) — 联合国海洋大会,
联合国水事会议, 联合国最不发达国家问题会议, 联合国全球恐怖主义受害者大会, 联合国粮食体系峰会 — is
part of that name (an event's), not a mention of the Organization; the longer name is the mention,
of the event. Names of bodies (联合国国家工作队, 联合国发展系统) are bodies of their own, found
first by the gazetteer, and carry their parent instead. Elsewhere 联合国 is a mention of the UN.
"""

from __future__ import annotations

import pytest

from ungraph.extract import organizations
from ungraph.records import Mention
from ungraph.extract import build_context


def _un_mentions(real):
    doc, segments, gazetteer = real
    return doc, [r for r in organizations.extract(doc, segments, build_context(doc, segments, gazetteer)) if isinstance(r, Mention) and r.ref.key == "UN"]


def test_un_in_event_names_is_no_mention(real) -> None:
    doc, mentions = _un_mentions(real)
    after = [doc.text[m.provenance.end:m.provenance.end + 8] for m in mentions]
    for name in ("海洋大会", "水事会议", "最不发达国家问题会议", "全球恐怖主义受害者大会", "粮食体系峰会"):
        assert not any(a.replace(" ", "").startswith(name) for a in after), name


def test_un_elsewhere_is_a_mention(real) -> None:
    doc, mentions = _un_mentions(real)
    assert len(mentions) > 150
    assert any(doc.text[m.provenance.end:].startswith("和合作伙伴") for m in mentions)


@pytest.mark.parametrize(("text", "inside"), [
    ("2022 年在葡萄牙举行的联合国海洋大会重点动员", True),
    ("第五次联合国最不发达国家问题会议上", True),
    ("第一次联合国全球恐怖主义受害者大会于 2022 年 9 月", True),
    ("在阿富汗，联合国和合作伙伴向2600多万人提供了援助", False),
    ("联合国对2022年巴基斯坦洪灾的应对工作帮助为建设具有气候适应能力的巴基斯坦国际会议", False),
    ("风景园林师修整联合国总部迎接联合国大会第七十七届会议", False),
    ("除联合国各机构列入会议日历的会议外", False),
])
def test_rule(text: str, inside: bool) -> None:
    assert organizations.inside_longer_name(text, text.index("联合国")) is inside
