"""UN bodies and other organisations: key entities per chapter, mentions, false friends, table rules.

The expected lists below were established by reading the report's 主要实体 sections, not by
running the extractor.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from ungraph.extract.organizations import classification_curie, extract, kind_from_name
from ungraph.kinds import name_key
from ungraph.records import Entity, Mention, Statement
from ungraph.reference.gazetteer import normalise
from ungraph.reference.tables import Organization, read_table
from ungraph.source.segment import segment
from ungraph.extract import build_context

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "reference"
ROWS = read_table(DATA / "organizations.tsv", Organization)

#: Items of each chapter's 主要实体 list, read in the report (compound items name several bodies).
KEY_ENTITIES = {
    1: ["经济和社会事务部", "发展协调办公室", "联合国贸易和发展会议",
        "最不发达国家、内陆发展中国家和小岛屿发展中国家高级代表办公室", "区域委员会", "妇女署", "人居署",
        "联合国环境规划署"],
    2: ["政治和建设和平事务部", "和平行动部"],  # 维持和平特派团、特别政治任务和各办事处 is a list, not a body
    3: ["非洲问题特别顾问办公室", "非洲经济委员会"],
    4: ["联合国人权事务高级专员办事处"],
    5: ["人道主义事务协调厅", "联合国减少灾害风险办公室"],
    6: ["法律事务厅", "国际法院", "国际追责机制"],
    7: ["裁军事务厅"],
    8: ["联合国毒品和犯罪问题办公室", "反恐怖主义办公室"],
    9: ["大会和会议管理部", "全球传播部", "管理战略、政策和合规部", "业务支助部", "安全和安保部", "内部监督事务厅",
        "联合国日内瓦办事处", "内罗毕办事处", "维也纳办事处", "联合国道德操守办公室",
        "改进联合国应对性剥削和性虐待措施特别协调员办公室", "受害人权利倡导者办公室"],
}


@pytest.fixture(scope="module")
def report(real):
    doc, segments, gazetteer = real
    return doc, segments, gazetteer, list(extract(doc, segments, build_context(doc, segments, gazetteer)))


def _key_entities(doc, records) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for r in records:
        if isinstance(r, Statement) and r.predicate == "ug:keyEntityOf":
            chapter = int(r.object.key.rsplit("/", 1)[1])
            out.setdefault(chapter, []).append(doc.text[r.provenance.start:r.provenance.end])
    return out


def test_every_key_entity_item_resolves(report):
    doc, _, _, records = report
    assert _key_entities(doc, records) == KEY_ENTITIES


def test_key_entity_counts_per_chapter(report):
    doc, _, _, records = report
    counts = {c: len(v) for c, v in _key_entities(doc, records).items()}
    assert counts == {1: 8, 2: 2, 3: 2, 4: 1, 5: 2, 6: 3, 7: 1, 8: 2, 9: 12}


def test_key_entity_provenance_is_inside_an_item_of_the_entities_section(report):
    doc, segments, _, records = report
    by_id = {s.id: s for s in segments}
    for r in records:
        if isinstance(r, Statement) and r.predicate == "ug:keyEntityOf":
            item = by_id[r.provenance.segment_id]
            assert item.kind == "item" and "/section/entities/" in item.id
            assert item.start <= r.provenance.start < r.provenance.end <= item.end
            assert r.object.key == f"{doc.key}/{item.id.split('/section/')[0]}"


def test_ocha_is_key_entity_of_chapter_5(report):
    _, _, _, records = report
    keys = {(r.subject.key, r.object.key) for r in records if isinstance(r, Statement) and r.predicate == "ug:keyEntityOf"}
    assert ("OCHA", "A-78-1/chapter/5") in keys
    assert ("OCHA", "A-78-1/chapter/4") not in keys


def test_mentions_reproduce_their_text(report):
    doc, _, _, records = report
    mentions = [r for r in records if isinstance(r, Mention)]
    assert len(mentions) > 500
    for m in mentions:
        assert doc.text[m.provenance.start:m.provenance.end] == m.text


def test_every_table_row_is_mentioned(report):
    _, _, _, records = report
    mentioned = {r.ref.key for r in records if isinstance(r, Mention)}
    assert sorted(r.id for r in ROWS if r.id not in mentioned) == []


def test_organisation_names_shadow_places(report):
    """非洲联盟 and 非洲经济委员会 are organisations, not mentions of 非洲."""
    doc, _, gazetteer, _ = report
    at = doc.text.index("非洲联盟")
    hits = [m for m in gazetteer.find(doc.text) if m.start <= at < m.end]
    assert [(m.kind, m.surface) for m in hits] == [("organization", "非洲联盟")]


@pytest.mark.parametrize("phrase", ["缔约方大会", "审议大会", "司法大会堂", "秘书处大楼", "这次大会"])
def test_false_friends_of_general_assembly_and_secretariat(report, phrase):
    doc, _, _, records = report
    at = doc.text.replace("\n", "").find(phrase)
    assert at >= 0
    spans = [(m.provenance.start, m.provenance.end) for m in records if isinstance(m, Mention)
             and m.ref.key in ("UNGA", "UN-Secretariat")]
    start = [i for i in range(len(doc.text)) if doc.text.startswith(phrase, i)]
    for s in start:
        assert not any(a < s + len(phrase) and s < b for a, b in spans), phrase


def test_spot_checks(report):
    doc, _, _, records = report
    counts = Counter(r.ref.key for r in records if isinstance(r, Mention))
    assert counts["OHCHR"] >= 6  # 联合国人权事务高级专员办事处 once, 人权高专办 in photo credits
    assert counts["ECOSOC"] >= 5
    pref = {(r.ref.key, lit.value) for r in records if isinstance(r, Entity) for p, lit in r.labels if lit.lang == "en"}
    assert ("OCHA", "Office for the Coordination of Humanitarian Affairs") in pref
    units = {(r.subject.key, r.predicate, r.object.key) for r in records if isinstance(r, Statement)
             and r.predicate in ("org:unitOf", "org:subOrganizationOf")}
    assert ("DPO", "org:unitOf", "UN-Secretariat") in units
    assert ("UNSC", "org:subOrganizationOf", "UN") in units


def test_reflowed_text_gives_the_same_organisations(report):
    doc, segments, gazetteer, records = report
    # line breaks changed (the segmenter needs blank lines between blocks, so they are doubled, not removed)
    reflowed = dataclasses.replace(doc, text=doc.text.replace("\n", "\n\n"))
    again = list(extract(reflowed, segment(reflowed), build_context(reflowed, segment(reflowed), gazetteer)))

    def summary(recs):
        ments = Counter(r.ref.key for r in recs if isinstance(r, Mention))
        facts = {(r.subject.key, r.predicate, getattr(r.object, "key", str(r.object)))
                 for r in recs if isinstance(r, Statement)}
        return ments, facts, {r.ref for r in recs if isinstance(r, Entity)}

    assert summary(again) == summary(records)


# -- the table ---------------------------------------------------------------------------

def test_rows_are_sorted_and_unique():
    ids = [r.id for r in ROWS]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


def _concepts() -> set[str]:
    g = Graph()
    g.parse(ROOT / "ontology" / "ungraph.ttl", format="turtle", publicID="http://x.test/ontology")
    scheme = URIRef("http://x.test/ontology#OrganizationKinds")
    return {"ug:" + str(s).rsplit("#", 1)[1] for s in g.subjects(URIRef("http://www.w3.org/2004/02/skos/core#inScheme"), scheme)}


@pytest.mark.parametrize("row", [r for r in ROWS if r.classification], ids=lambda r: r.id)
def test_classification_is_a_concept_of_the_ontology(row):
    assert classification_curie(row.classification) in _concepts()


@pytest.mark.parametrize("row", [r for r in ROWS if "name rule" in r.source], ids=lambda r: r.id)
def test_name_rule_rows_follow_the_rule(row):
    assert row.classification == kind_from_name(row.name_zh)


@pytest.mark.parametrize("row", [r for r in ROWS if r.parent], ids=lambda r: r.id)
def test_parents_resolve(row):
    assert row.parent in {r.id for r in ROWS} and row.parent != row.id


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.id)
def test_ids_are_checked_acronyms_or_pinyin(row):
    """An id is the checked acronym, a slug of the checked English name, or the pinyin rule."""
    if row.acronym_en:
        assert row.id == row.acronym_en
    elif row.name_en:
        assert normalise(row.id.replace("-", " ")).lower() in normalise(row.name_en).lower() or row.id.startswith("UN-")
    else:
        assert row.id == name_key(row.name_zh)
    if row.name_en or row.acronym_en:
        assert "http" in row.source, f"{row.id}: an English form needs the page it was checked on"


# -- bodies named in running text (issue 9) ------------------------------------------------

#: Bodies the report names only in running text, photo credits or figure sources, with the kind
#: the table gives them (read in the report; see data/README.md).
IN_RUNNING_TEXT = [
    ("驻地协调员办公室", "ug:Office"), ("联合国国家工作队", "ug:Team"), ("特别程序", "ug:Mechanism"),
    ("人权条约机构", "ug:GroupOfBodies"), ("联合国发展系统", "ug:System"), ("区域协作平台", "ug:Platform"),
    ("损失和损害基金", "ug:TrustFund"), ("阿拉伯青年参与选举网络", "ug:Network"),
    ("非国家实体净零排放承诺问题高级别专家组", "ug:Panel"), ("境内流离失所问题监测中心", "ug:NonGovernmentalOrganization"),
    ("非洲妇女参与法律和发展协会坦桑尼亚分会", "ug:NonGovernmentalOrganization"), ("提格雷人民解放阵线", "ug:ArmedGroup"),
]


@pytest.mark.parametrize(("name", "kind"), IN_RUNNING_TEXT)
def test_bodies_in_running_text_are_entities_with_their_kind(report, name, kind):
    _, _, gazetteer, records = report
    ref = gazetteer.ref(name)
    assert ref is not None and ref.kind == "organization"
    mentioned = {r.ref for r in records if isinstance(r, Mention)}
    assert ref in mentioned
    kinds = {r.object for r in records if isinstance(r, Statement) and r.subject == ref and r.predicate == "org:classification"}
    assert kinds == {kind}


def test_variants_are_alternative_labels_and_resolve(report):
    _, _, gazetteer, records = report
    team = gazetteer.ref("联合国国家工作队")
    assert gazetteer.ref("国家工作队") == team and gazetteer.ref("联合国工作队") == team
    alts = {lit.value for r in records if isinstance(r, Entity) and r.ref == team for p, lit in r.labels if p == "skos:altLabel"}
    assert {"国家工作队", "联合国工作队"} <= alts


def test_parents_of_bodies_in_running_text(report):
    _, _, _, records = report
    facts = {(r.subject.key, r.predicate, r.object.key) for r in records if isinstance(r, Statement)
             and r.predicate in ("org:unitOf", "org:subOrganizationOf")}
    assert ("lian-he-guo-guo-jia-gong-zuo-dui", "org:subOrganizationOf", "lian-he-guo-fa-zhan-xi-tong") in facts
    assert ("zhu-di-xie-tiao-yuan-ban-gong-shi", "org:unitOf", "UN-Secretariat") in facts
    assert ("te-bie-cheng-xu", "org:subOrganizationOf", "HRC") in facts


def test_an_agreement_is_no_body(report):
    """黑海倡议 is the Black Sea Initiative, an agreement (see issue 9): not an organisation."""
    _, _, gazetteer, _ = report
    assert gazetteer.ref("黑海倡议") is None or gazetteer.ref("黑海倡议").kind != "organization"


def test_external_kinds_are_external_organisations(report):
    _, _, _, records = report
    types = {r.ref.key: r.types for r in records if isinstance(r, Entity)}
    for key in ("ti-ge-lei-ren-min-jie-fang-zhen-xian", "lian-he-guo-ji-jin-hui", "ban-quan-jie-suan-zhong-xin"):
        assert "ug:ExternalOrganization" in types[key]
    assert "ug:UNBody" in types["lian-he-guo-guo-jia-gong-zuo-dui"]


def test_a_list_line_is_a_collection_of_the_missions_not_a_body(report):
    """"维持和平特派团、特别政治任务和各办事处" (chapter 2's key entities) names kinds of body: a list."""
    _, _, gazetteer, records = report
    ref = gazetteer.ref("维持和平特派团、特别政治任务和各办事处")
    entities = [r for r in records if isinstance(r, Entity) and r.ref == ref]
    assert entities and all(e.types == ("skos:Collection",) for e in entities)
    members = {r.object.key for r in records if isinstance(r, Statement) and r.subject == ref and r.predicate == "skos:member"}
    assert len(members) == 28 and "MONUSCO" in members
    assert not any(isinstance(r, Statement) and r.subject == ref and r.predicate == "org:classification" for r in records)
