"""Activities of the real report (who did what where), their rules on small sentences, and the join to figures.

By reading the report: 粮食署 shipped 655 000 tonnes of wheat under the Black Sea Initiative for its
operations in Afghanistan, Ethiopia, Kenya, Somalia, the Sudan and Yemen (introduction, spotlight 4);
UNDP carries out the operation to remove the oil from the tanker off Yemen (chapter 5); in Lebanon
"our peacekeeping mission" (UNIFIL, the one peacekeeping operation serving Lebanon) helps maintain
stability (chapter 2); in chapter 7, whose only key entity is the Office for Disarmament Affairs,
我们 is that office.
"""

from __future__ import annotations

import dataclasses

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from ungraph.extract.actions import ACTIONS, find_actions
from ungraph.extract.activities import chapter_agents, extract, link, mission_areas, read_sentence, refer_back
from ungraph.extract.events import extract as extract_events
from ungraph.graph.ontology import load_ontology
from ungraph.records import Entity, Literal, Mention, Provenance, Ref, Statement
from ungraph.reference.gazetteer import Gazetteer
from ungraph.reference.tables import Country, Organization, Region
from ungraph.source.segment import segment
from ungraph.extract import build_context

BASE = "http://127.0.0.1:8080/"


@pytest.fixture(scope="module")
def report(real):
    doc, segments, gazetteer = real
    return doc, segments, gazetteer, list(extract(doc, segments, build_context(doc, segments, gazetteer)))


def _facts(records, predicate):
    out: dict[str, set] = {}
    for r in records:
        if isinstance(r, Statement) and r.predicate == predicate:
            out.setdefault(r.subject.key, set()).add(r.object)
    return out


def _activity_with(records, agent: str, place: str) -> list[str]:
    agents, places = _facts(records, "prov:wasAssociatedWith"), _facts(records, "dcterms:spatial")
    return sorted(k for k in agents if Ref("organization", agent) in agents[k]
                  and any(p.key == place for p in places.get(k, ())))


def test_wfp_ships_the_black_sea_grain_to_six_countries(report):
    records = report[3]
    [key] = _activity_with(records, "WFP", "AFG")
    assert {p.key for p in _facts(records, "dcterms:spatial")[key]} == {"AFG", "ETH", "KEN", "SOM", "SDN", "YEM"}
    assert _facts(records, "ug:action")[key] == {"ug:Delivering"}
    assert _facts(records, "ug:actionVerb")[key] == {Literal("运送", "zh")}


def test_the_shipment_concerns_the_black_sea_initiative(report):
    doc, segments, gazetteer, records = report
    events = list(extract_events(doc, segments, build_context(doc, segments, gazetteer)))
    added = refer_back(doc, segments, [*records, *events])
    [key] = _activity_with(records, "WFP", "AFG")
    [concerns] = [s for s in added if s.subject.key == key]
    assert concerns.object == Ref("event", "hei-hai-chang-yi-2022")  # 该倡议
    assert doc.text[concerns.provenance.start:concerns.provenance.end] == "该倡议"


def test_that_initiative_needs_an_initiative_event_named_before(report):
    doc, segments, gazetteer, records = report
    events = [r for r in extract_events(doc, segments, build_context(doc, segments, gazetteer)) if not (
        isinstance(r, Statement) and r.predicate == "ug:eventKind" and r.object == "ug:InitiativeEvent")]
    assert refer_back(doc, segments, [*records, *events]) == []


def test_undp_in_yemen(report):
    [key] = _activity_with(report[3], "UNDP", "YEM")
    assert _facts(report[3], "ug:action")[key] == {"ug:Implementing"}


def test_our_peacekeeping_mission_in_lebanon_is_unifil(report):
    [key] = _activity_with(report[3], "UNIFIL", "LBN")
    assert key.endswith("chapter-2-section-results-subsection-1-paragraph-1-s5")
    assert _activity_with(report[3], "UN", "LBN") == [] or key not in _activity_with(report[3], "UN", "LBN")


def test_we_is_the_only_key_entity_of_the_chapter(report):
    doc, segments, gazetteer, records = report
    assert chapter_agents(segments, gazetteer) == {"chapter/4": "OHCHR", "chapter/7": "ODA"}
    assert _activity_with(records, "ODA", "latin-america-and-the-caribbean")


def test_we_elsewhere_is_the_un_with_the_word_as_provenance(report):
    doc, _, _, records = report
    [key] = _activity_with(records, "UN", "abyei")
    [st] = [r for r in records if isinstance(r, Statement) and r.subject.key == key
            and r.predicate == "prov:wasAssociatedWith"]
    assert doc.text[st.provenance.start:st.provenance.end] == "我们"


@pytest.mark.parametrize("words", [
    "我们必须化解这一悖论",          # what must be done, not what was done
    "联合国总部一名导游",              # a place, not an agent
    "整个萨赫勒和非洲之角面临干旱",    # the places only set the scene of 我们对这些区域危机作出了应对
    "鉴于乌克兰东部和南部地区的人道准入",
])
def test_sentences_without_a_confident_activity_give_none(report, words):
    doc, _, _, records = report
    spans = [r.provenance for r in records if isinstance(r, Mention)]
    assert not [p for p in spans if words in doc.text[p.start:p.end]]


def test_courts_adjudicate_where_they_are_named_for(report):
    records = report[3]
    [eccc] = _activity_with(records, "Extraordinary-Chambers-in-the-Courts-of-Cambodia", "KHM")
    assert _facts(records, "ug:action")[eccc] == {"ug:Adjudicating"}
    assert {p.key for p in _facts(records, "dcterms:spatial")[eccc]} == {"KHM"}  # 越南人民: the victims, no place
    icj = {k for p in ("COD", "UGA", "UKR", "RUS") for k in _activity_with(records, "ICJ", p)}
    assert len(icj) == 2  # 国际法院审理了…; 法院还处理了… (法院: the court named before)


def test_an_object_of_a_verb_is_no_agent(report):
    agents = {a for v in _facts(report[3], "prov:wasAssociatedWith").values() for a in v}
    assert Ref("organization", "zhong-fei-gong-he-guo-te-bie-xing-shi-fa-yuan") not in agents  # 这促成了…法院…


def test_our_funds_are_the_funds_named_before(report):
    [key] = sorted(set(_activity_with(report[3], "CERF", "AFG")) & set(_activity_with(report[3], "CBPFs", "AFG")))
    assert _facts(report[3], "ug:action")[key] == {"ug:Funding"}


def test_two_sentences_state_one_activity(report):
    doc, _, _, records = report
    joined = [r for r in records if isinstance(r, Mention) and r.text.startswith("我们为国家司法机构")]
    assert [j.text.split("。")[1][:4] for j in joined] == ["这促成了"]
    places = _facts(records, "dcterms:spatial")[joined[0].ref.key]
    assert {p.key for p in places} == {"COD", "MLI", "SSD"}


def test_no_activity_in_lists_quotations_or_figures(report):
    doc, segments, _, records = report
    kinds = {s.id: s.kind for s in segments}
    blocks = {r.provenance.segment_id for r in records if isinstance(r, Mention)}
    assert {kinds[b] for b in blocks} <= {"paragraph", "caption", "item"}
    assert not [b for b in blocks if "/section/mandates/" in b or "/section/entities/" in b]


def test_every_activity_is_complete_and_its_spans_reproduce_the_text(report):
    doc, _, _, records = report
    activities = {r.ref.key for r in records if isinstance(r, Entity) and r.provenance}
    assert len(activities) >= 60
    for predicate in ("prov:wasAssociatedWith", "dcterms:spatial", "ug:actionVerb"):
        assert set(_facts(records, predicate)) == activities, predicate
    assert set(_facts(records, "ug:action")) < activities  # none where the verb is not read with confidence
    assert all(len(v) == 1 for v in _facts(records, "ug:action").values())
    for r in records:
        if isinstance(r, Mention):
            assert doc.text[r.provenance.start:r.provenance.end] == r.text
        if isinstance(r, Statement) and r.predicate == "ug:actionVerb":
            assert doc.text[r.provenance.start:r.provenance.end] == r.object.value


def test_extraction_is_deterministic(report):
    doc, segments, gazetteer, records = report
    assert list(extract(doc, segments, build_context(doc, segments, gazetteer))) == records


def test_reflowed_text_gives_the_same_activities(report):
    doc, _, gazetteer, records = report
    reflowed = dataclasses.replace(doc, text=doc.text.replace("\n", "\n\n"))
    again = list(extract(reflowed, segment(reflowed), build_context(reflowed, segment(reflowed), gazetteer)))

    def key(rs):
        """Statements by the words of their sentence (block numbers change when lines are reflowed)."""
        sentence = {r.ref: " ".join(r.text.split()) for r in rs if isinstance(r, Mention)}
        return {(sentence[s.subject], s.predicate, s.object) for s in rs if isinstance(s, Statement)}

    assert key(again) == key(records)


# --- the rules on small sentences ---------------------------------------------------------------

def _org(id: str, name: str, kind: str = "fund-or-programme") -> Organization:
    fields = {f.name: "" for f in dataclasses.fields(Organization)}
    return Organization(**{**fields, "id": id, "name_zh": name, "classification": kind, "source": "test"})


@pytest.fixture(scope="module")
def small() -> Gazetteer:
    return Gazetteer({
        "countries.tsv": [Country("YEM", "YE", "887", "", "", "也门", "Yemen", "t"),
                          Country("LBY", "LY", "434", "", "", "利比亚", "Libya", "t")],
        "regions.tsv": [Region("sahel", "萨赫勒", "Sahel", "", "", "region", "t")],
        "organizations.tsv": [_org("UN", "联合国", ""), _org("UNDP", "开发署"), _org("AU", "非洲联盟", "regional-organization"),
                              _org("bsi", "黑海倡议", "initiative")],
    })


@pytest.mark.parametrize(("text", "agents", "action", "places"), [
    ("在也门，由联合国促成的停火带来了好处。", ["UN"], "Brokering", ["YEM"]),
    ("在利比亚，我们提供支持，帮助进行协商。", [""], "Supporting", ["LBY"]),       # 提供 + 支持
    ("在利比亚，我们提供援助。", [""], "Providing", ["LBY"]),
    ("我们与非洲联盟合作，支持萨赫勒的过渡。", [""], "Supporting", ["sahel"]),    # 与…合作 says with whom
    ("我们与萨赫勒各国合作。", [""], "Cooperating", ["sahel"]),
    ("我们协助向也门运送粮食。", [""], "Assisting", ["YEM"]),                      # the head of a verb series
    ("开发署和联合国向也门提供了援助。", ["UNDP", "UN"], "Providing", ["YEM"]),
    ("也门在联合国见证下签署了协定。", ["UN"], "Brokering", ["YEM"]),
    ("在利比亚，我们为促进妇女参与的努力提供了协助。", [""], "Assisting", ["LBY"]),  # 促进 inside 为…的
    ("在也门，新的应用程序使我们能够作出响应。", [""], None, ["YEM"]),               # 响应: vague, no concept
    ("在利比亚，我们帮助培训记者。", [""], "Training", ["LBY"]),                  # 帮助 gives way
    ("在利比亚，我们帮助维持稳定。", [""], None, ["LBY"]),                        # 帮助 + a verb outside the scheme
    ("联合国正在帮助也门改造农业。", ["UN"], "Assisting", ["YEM"]),              # 帮助 + a place: assist
    ("我们在也门建立伙伴关系。", [""], None, ["YEM"]),                            # bare 建立: how, not what
    ("我们在也门建立了一个信息中心。", [""], "Establishing", ["YEM"]),
    ("在利比亚，我们与非洲联盟合作，维护和平框架。", [""], None, ["LBY"]),        # 与…合作 gives way to no verb
    ("我们积极参与谈判并推动落实也门的停火。", [""], None, ["YEM"]),              # the head, 参与, is not in the scheme
    ("开发署为各国提供支持，并首次讨论了也门的优先事项。", ["UNDP"], None, ["YEM"]),  # the place belongs to 讨论
    ("我们提出了关于也门港口的倡议。", [""], None, ["YEM"]),                      # 提出: vague
    ("2022年，我们在也门努力支持过渡。", [""], "Supporting", ["YEM"]),           # 努力 gives way
    ("我们在利比亚向利比亚妇女提供了援助。", [""], "Providing", ["LBY", "LBY"]),
])
def test_read_sentence(small, text, agents, action, places):
    found = read_sentence(text, small)
    assert found is not None
    assert [a for a, _, _ in found.agents] == agents
    assert [a.name if a else None for a, _, _ in found.actions] == [action]
    assert [v for _, v, _ in found.actions][0] in text
    assert [p.key for p, _, _ in found.places] == places


@pytest.mark.parametrize("text", [
    "我们必须在也门提供援助。",             # a modal: not done yet
    "也门向联合国提供了报告。",             # 联合国 is the recipient; a country is no agent
    "我们的世界在也门面临危机。",           # 我们的世界 is no body
    "联合国在利比亚。",                     # no verb
    "联合国提供了援助。",                   # no place
    "我们支持《也门和平协定》。",           # the place is only inside a title
    "鉴于也门的局势，我们提出了建议。",     # the place only sets the scene
    "我们向利比亚妇女提供了援助。",         # the place names who the women are, not where one acts
])
def test_read_sentence_leaves_out_what_it_cannot_read(small, text):
    assert read_sentence(text, small) is None


def test_an_initiative_named_is_not_an_agent(small):
    found = read_sentence("黑海倡议和联合国向也门运送了粮食。", small)
    assert found is not None and [a for a, _, _ in found.agents] == ["UN"]
    assert [b for b, _, _ in found.initiatives] == ["bsi"]


def test_period_is_the_one_year_or_month_the_sentence_states(small):
    assert read_sentence("2022年3月，联合国向也门提供了援助。", small).period[:2] == ("2022-03", "xsd:gYearMonth")
    assert read_sentence("2022 年，联合国向也门提供了援助。", small).period[:2] == ("2022", "xsd:gYear")
    assert read_sentence("2021年和2022年，联合国向也门提供了援助。", small).period is None
    assert read_sentence("联合国为落实《2030 年议程》向也门提供了援助。", small).period is None


def test_mission_areas_come_from_the_mission_names(real):
    areas = mission_areas(real[2])
    assert areas[(Ref("country", "LBN"), "维持和平特派团")] == ["UNIFIL"]
    assert sorted(areas[(Ref("country", "LBN"), "特派团")]) == ["UNIFIL", "UNSCOL"]


# --- figures and events joined by the sentence they share -----------------------------------------

def test_link_joins_figures_and_events_inside_the_sentence():
    act = Ref("activity", "a")
    records = [Entity(act, ("ug:Activity",), (), Provenance(10, 40, "p")),
               Entity(Ref("figure", "f"), ("ug:Figure",), (), Provenance(20, 25, "p")),
               Entity(Ref("figure", "g"), ("ug:Figure",), (), Provenance(45, 50, "p")),
               Mention(Ref("event", "e"), Provenance(30, 34, "p"), "会议"),
               Mention(Ref("event", "e"), Provenance(35, 39, "p"), "会议")]
    assert link(records) == [Statement(act, "ug:concerns", Ref("event", "e"), Provenance(30, 34, "p")),
                             Statement(act, "ug:figure", Ref("figure", "f"), Provenance(20, 25, "p"))]
    assert link(records[1:]) == []


# --- the verb scheme ------------------------------------------------------------------------------

def test_every_action_is_a_concept_of_the_scheme_in_the_ontology():
    g: Graph = load_ontology(BASE)
    scheme = URIRef(BASE + "ontology#ActionKinds")
    concepts = {s for s in g.subjects(SKOS.inScheme, scheme)}
    assert concepts == {URIRef(BASE + "ontology#" + a.name) for a in ACTIONS}
    for a in ACTIONS:
        labels = {(str(o), o.language) for o in g.objects(URIRef(BASE + "ontology#" + a.name), RDFS.label)}
        assert labels == {(a.en, "en"), (a.zh, "zh")}
        assert (URIRef(BASE + "ontology#" + a.name), RDF.type, SKOS.Concept) in g


@pytest.mark.parametrize(("text", "verbs"), [
    ("联合国和合作伙伴提供了援助", ["提供"]), ("区域组织合作", ["合作"]), ("我们组织了一次研讨会", ["组织了"]),
    ("罪名成立，", []), ("建立监测框架", ["建立"]),
])
def test_verbs_that_are_also_nouns_are_read_only_as_verbs(text, verbs):
    assert [v for _, v, _ in find_actions(text)] == verbs


def test_a_verb_in_a_since_frame_is_not_the_action(small):
    """Issue 10: 自…签署和平协定六年来，联合国继续支持… is support, not sign."""
    found = read_sentence("自利比亚政府2016年签署和平协定六年来，联合国继续支持利比亚的前战斗人员。", small)
    assert found is not None and found.actions[0][0].name == "Supporting"
