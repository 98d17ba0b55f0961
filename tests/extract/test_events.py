"""Events of the real report: every named conference, summit, session, forum, observance, campaign,
initiative or agreement signed, exhibition ..., with kind, dates, places, editions, organisers.

By reading (a few of the about 60 the rules find): 2022 年在葡萄牙举行的联合国海洋大会; 2022 年 9 月举行的
教育变革峰会; 第一次联合国全球恐怖主义受害者大会于 2022 年 9 月 8 日至 9 日在纽约举行; 在埃及沙姆沙伊赫举行的
《联合国气候变化框架公约》缔约方第二十七届会议 (COP27, also 缔约方会议第二十七届会议); 2022年7月22日 …
签署了《关于从乌克兰港口安全运输谷物和食品的倡议》(黑海倡议); 大会决议定于 2024 年 9 月 22 日和 23 日举行
未来峰会; 人权日 in Port-au-Prince (December 2022) and in Pretoria (March 2022): two events.
"""

from __future__ import annotations

import dataclasses

import pytest

from ungraph.extract.event_context import parse_date
from ungraph.extract.event_names import EVENT_KINDS, edition_of, find_names
from ungraph.extract.events import extract
from ungraph.graph.ontology import ontology_terms
from ungraph.records import Entity, Literal, Mention, Ref, Statement
from ungraph.source.segment import segment
from ungraph.extract import build_context

BASE = "http://127.0.0.1:8080/"


@pytest.fixture(scope="module")
def report(real):
    doc, segments, gazetteer = real
    return doc, segments, gazetteer, list(extract(doc, segments, build_context(doc, segments, gazetteer)))


def _events(records):
    return {r.ref: r for r in records if isinstance(r, Entity)}


def _by_label(records):
    return {lit.value: r.ref for r in records if isinstance(r, Entity) for _, lit in r.labels}


def _facts(records, ref):
    out: dict[str, list] = {}
    for s in records:
        if isinstance(s, Statement) and s.subject == ref:
            out.setdefault(s.predicate, []).append(s.object)
    return out


def test_event_count_and_kinds(report):
    events = _events(report[3])
    assert 70 <= len(events) <= 85
    kinds = {s.object for s in report[3] if isinstance(s, Statement) and s.predicate == "ug:eventKind"}
    assert kinds <= set(EVENT_KINDS)
    assert {"ug:SummitEvent", "ug:SessionEvent", "ug:ObservanceEvent", "ug:InitiativeEvent", "ug:ExhibitionEvent"} <= kinds


def test_event_kinds_are_concepts_of_the_ontology():
    terms = ontology_terms(BASE)
    assert all(BASE + "ontology#" + k.split(":")[1] in terms for k in EVENT_KINDS)


@pytest.mark.parametrize("name,start,end", [
    ("第一次联合国全球恐怖主义受害者大会", Literal("2022-09-08", datatype="xsd:date"), Literal("2022-09-09", datatype="xsd:date")),
    ("未来峰会", Literal("2024-09-22", datatype="xsd:date"), Literal("2024-09-23", datatype="xsd:date")),
    ("教育变革峰会", Literal("2022-09", datatype="xsd:gYearMonth"), None),
    ("第五次联合国最不发达国家问题会议", Literal("2023-03", datatype="xsd:gYearMonth"), None),
    ("联合国粮食体系峰会", Literal("2021", datatype="xsd:gYear"), None),
    ("打击仇恨言论国际日", Literal("2022-06-18", datatype="xsd:date"), None),
    ("黑海倡议", Literal("2022-07-22", datatype="xsd:date"), None),
])
def test_dates_as_precise_as_written(report, name, start, end):
    facts = _facts(report[3], _by_label(report[3])[name])
    assert facts["schema:startDate"] == [start]
    assert facts.get("schema:endDate", [None]) == [end]


@pytest.mark.parametrize("name,place,country", [
    ("联合国海洋大会", Ref("country", "PRT"), Ref("country", "PRT")),
    ("第五次联合国最不发达国家问题会议", Ref("country", "QAT"), Ref("country", "QAT")),
    ("《联合国气候变化框架公约》缔约方会议第二十七届会议", Ref("city", "sharm-el-sheikh"), Ref("country", "EGY")),
    ("第一次联合国全球恐怖主义受害者大会", Ref("city", "new-york-city"), Ref("country", "USA")),  # the city's country
    ("第十五届拉丁美洲和加勒比妇女问题区域会议", Ref("city", "buenos-aires"), Ref("country", "ARG")),  # from the photo credit
])
def test_places_are_entities_with_their_country(report, name, place, country):
    facts = _facts(report[3], _by_label(report[3])[name])
    assert place in facts["schema:location"]
    assert facts["lode:atPlace"] == [country]


def test_one_event_under_several_names(report):
    labels = _by_label(report[3])
    assert labels["黑海倡议"] == labels["关于从乌克兰港口安全运输谷物和食品的倡议"]
    cop27 = labels["缔约方会议第二十七届会议"]
    assert cop27 == labels["《联合国气候变化框架公约》缔约方第二十七届会议"]
    assert _facts(report[3], cop27)["ug:edition"] == [Literal("27", datatype="xsd:integer")]
    assert labels["第一次人权、民间社会和反恐高级别国际会议"] == labels["人权、民间社会和反恐问题高级别国际会议"]
    ent = _events(report[3])[labels["黑海倡议"]]
    assert ent.labels[0] == ("skos:prefLabel", Literal("黑海倡议", "zh"))


def test_same_name_two_months_is_two_events(report):
    refs = {r.ref.key for r in _events(report[3]).values() if r.labels[0][1].value == "人权日"}
    assert refs == {"ren-quan-ri-2022-03", "ren-quan-ri-2022-12"}


def test_organisers_and_sessions_of_bodies(report):
    labels = _by_label(report[3])
    assert _facts(report[3], labels["联合国环境大会第五届会议"])["schema:organizer"] == [Ref("organization", "UNEP")]
    assert _facts(report[3], labels["土著问题常设论坛第二十二届会议"])["schema:organizer"] == [Ref("organization", "PFII")]
    assert Ref("organization", "UN") in _facts(report[3], labels["第一次联合国全球恐怖主义受害者大会"])["schema:organizer"]


def test_bodies_are_not_events(report):
    labels = set(_by_label(report[3]))
    assert not labels & {"联合国大会", "联合国贸易和发展会议", "裁军谈判会议", "大湖区问题国际会议", "经济及社会理事会会议",
                         "南部非洲发展共同体和大湖区问题国际会议"}
    assert not [x for x in labels if x.endswith(("区域会议", "政府间会议")) and not x.startswith("第")]


def test_names_inside_instrument_titles_are_not_events(report):
    assert "第三次发展筹资问题国际会议" not in _by_label(report[3])  # 《第三次发展筹资问题国际会议亚的斯亚贝巴行动议程》


def test_instrument_adopted_at_an_event(report):
    labels = _by_label(report[3])
    facts = _facts(report[3], labels["《生物多样性公约》缔约方大会"])
    assert [r.key for r in facts["ug:adopted"]] == ["kun-ming-meng-te-li-er-quan-qiu-sheng-wu-duo-yang-xing-kuang-jia"]


def test_mentions_reproduce_their_text_and_cover_every_block(report):
    doc, records = report[0], report[3]
    mentions = [m for m in records if isinstance(m, Mention)]
    assert all(doc.text[m.provenance.start:m.provenance.end] == m.text for m in mentions)
    summit = _by_label(records)["教育变革峰会"]
    assert len({m.provenance.segment_id for m in mentions if m.ref == summit}) >= 5
    black_sea = _by_label(records)["黑海倡议"]
    assert len([m for m in mentions if m.ref == black_sea]) >= 6  # headings and paragraphs, no verb needed there


@pytest.mark.parametrize("text,names", [
    ("在 2023 年 3 月举行的第五次联合国最不发达国家问题会议上，", ["第五次联合国最不发达国家问题会议"]),
    ("这次会议将推动拟订一项宣言。", []),
    ("我们协助安全理事会举行了292次会议和127次磋商。", []),
    ("包括现场会议和虚拟会议。", []),
    ("数字对话，让妇女就和平与安全问题发声", []),
    ("大会一般性辩论、《联合国气候变化框架公约》缔约方会议第二十七届会议和妇女地位委员会届会。",
     ["大会一般性辩论", "《联合国气候变化框架公约》缔约方会议第二十七届会议", "妇女地位委员会届会"]),
    ("签署了《关于从乌克兰港口安全运输谷物和食品的倡议》(黑海倡议)。", ["关于从乌克兰港口安全运输谷物和食品的倡议", "黑海倡议"]),
    ("根据我们打击人口贩运的区域倡议进行", []),  # a generic initiative
    ("我们在乌克兰与政府签署了一项协定草案的谈判", []),  # an agreement nobody signed: only its negotiation
    ("为印度尼西亚和越南启动了公正能源转型伙伴关系", ["公正能源转型伙伴关系"]),  # a partnership launched
])
def test_find_names(text, names):
    assert [n.name for n in find_names(text)] == names


def test_an_initiative_launched_elsewhere_is_known_everywhere():
    assert [n.name for n in find_names("聚焦：黑海倡议和谅解备忘录")] == ["黑海倡议"]
    assert [n.name for n in find_names("聚焦：黑海倡议和谅解备忘录", known=frozenset({"谅解备忘录"}))] == ["黑海倡议"]  # a head alone is no name
    assert [n.name for n in find_names("与俄罗斯联邦的伙伴关系")] == []
    assert [n.name for n in find_names("根据公正能源转型伙伴关系", known=frozenset({"公正能源转型伙伴关系"}))] == [
        "公正能源转型伙伴关系"]


def test_edition_and_date_grammar():
    assert edition_of("第二十七届会议") == 27 and edition_of("第83次全体会议") == 83
    assert parse_date("2022年2-3月") == (Literal("2022-02", datatype="xsd:gYearMonth"),
                                        Literal("2022-03", datatype="xsd:gYearMonth"))


def _key(records):
    return {(s.subject, s.predicate, s.object) for s in records if isinstance(s, Statement)}


def test_reflowed_text_gives_the_same_events(report):
    """Blank lines doubled (as in the photos test): the same events and facts."""
    doc, _, gazetteer, records = report
    doubled = "".join(line + line if not line.strip() else line for line in doc.text.splitlines(keepends=True))
    reflowed = dataclasses.replace(doc, text=doubled)
    assert _key(extract(reflowed, segment(reflowed), build_context(reflowed, segment(reflowed), gazetteer))) == _key(records)


def test_every_line_break_doubled_keeps_the_events_of_paragraphs(report):
    """Every line break doubled: the segmenter then cuts wrapped captions and labels into blocks of a line
    each, which splits names wrapped over two lines; the events of the paragraphs stay."""
    doc, segments, gazetteer, records = report
    reflowed = dataclasses.replace(doc, text=doc.text.replace("\n", "\n\n"))
    again = {r.ref for r in extract(reflowed, segment(reflowed), build_context(reflowed, segment(reflowed), gazetteer)) if isinstance(r, Entity)}
    before = {r.ref for r in records if isinstance(r, Entity)}
    assert len(again & before) >= 0.85 * len(before)
