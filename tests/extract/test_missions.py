"""Peace operations and political missions: the 28 table rows, areas served, mentions, reflow."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest

from ungraph.extract.missions import extract, table_rows
from ungraph.extract.bodies import classification_curie
from ungraph.kinds import name_key
from ungraph.records import Entity, Mention, Ref, Statement
from ungraph.reference.gazetteer import normalise
from ungraph.reference.tables import Country, Mission, Organization, Region, read_table
from ungraph.source.segment import segment
from ungraph.extract import build_context

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "reference"
ROWS = read_table(DATA / "missions.tsv", Mission)


@pytest.fixture(scope="module")
def report(real):
    doc, segments, gazetteer = real
    return doc, segments, gazetteer, list(extract(doc, segments, build_context(doc, segments, gazetteer)))


def _entities(records):
    return {r.ref.key: r for r in records if isinstance(r, Entity) and r.provenance}


def test_twenty_eight_missions(report):
    _, segments, _, records = report
    assert len(table_rows(segments)) == 28
    assert len(_entities(records)) == 28


def test_labels_come_from_the_table_row(report):
    doc, _, _, records = report
    monusco = _entities(records)["MONUSCO"]
    assert dict(monusco.labels)["skos:prefLabel"].value == "联合国组织刚果民主共和国稳定特派团"
    assert doc.text[monusco.provenance.start:monusco.provenance.end] == "联刚稳定团 联合国组织刚果民主共和国稳定特派团"
    abbr = [r for r in records if isinstance(r, Statement) and r.subject.key == "MONUSCO" and r.predicate == "ug:abbreviation"]
    assert [doc.text[a.provenance.start:a.provenance.end] for a in abbr] == ["联刚稳定团"]


def _served(records):
    return {(r.subject.key, r.object.kind, r.object.key) for r in records
            if isinstance(r, Statement) and r.predicate == "ug:servesArea"}


def test_serves_area_from_the_name(report):
    doc, _, _, records = report
    served = _served(records)
    for expected in [("MONUSCO", "country", "COD"), ("MINUSCA", "country", "CAF"), ("UNMISS", "country", "SSD"),
                     ("UNISFA", "region", "abyei"), ("UNMOGIP", "country", "IND"), ("UNMOGIP", "country", "PAK"),
                     ("CNMC", "country", "CMR"), ("UNOWAS", "region", "sahel"), ("UNMIK", "country", "XKX")]:
        assert expected in served
    cod = [r for r in records if isinstance(r, Statement) and r.predicate == "ug:servesArea" and r.subject.key == "MONUSCO"]
    assert doc.text[cod[0].provenance.start:cod[0].provenance.end] == "刚果民主共和国"
    # the mission to the African Union serves no 非洲: 非洲联盟 is an organisation
    assert ("UNOAU", "region", "africa") not in served


def test_every_mission_serves_an_area_except_the_geneva_representative_and_the_office_to_the_au(report):
    _, _, _, records = report
    served = {s for s, _, _ in _served(records)}
    assert sorted(set(_entities(records)) - served) == ["UNOAU", "UNRGID"]  # UNOAU serves the African Union


def test_minusca_abbreviation_is_a_mission_not_a_place(report):
    doc, _, gazetteer, records = report
    at = doc.text.index("中非稳定团")
    hits = [m for m in gazetteer.find(doc.text) if m.start <= at < m.end]
    assert [(m.kind, m.id) for m in hits] == [("organization", "MINUSCA")]


def test_mentions_elsewhere(report):
    doc, segments, _, records = report
    by_id = {s.id: s for s in segments}
    outside = [r for r in records if isinstance(r, Mention) and by_id[r.provenance.segment_id].kind != "row"]
    # 联合国驻塞浦路斯维和部队 in a caption, 联刚稳定团 in a photo credit
    assert Counter(m.ref.key for m in outside) == Counter({"UNFICYP": 1, "MONUSCO": 1})


def test_reflowed_text_gives_the_same_missions(report):
    doc, segments, gazetteer, records = report
    # line breaks changed (the segmenter needs blank lines between blocks, so they are doubled, not removed)
    reflowed = dataclasses.replace(doc, text=doc.text.replace("\n", "\n\n"))
    again = list(extract(reflowed, segment(reflowed), build_context(reflowed, segment(reflowed), gazetteer)))

    def summary(recs):
        facts = {(r.subject.key, r.predicate, getattr(r.object, "key", getattr(r.object, "value", r.object)))
                 for r in recs if isinstance(r, Statement)}
        return set(_entities(recs)), facts, Counter(r.ref.key for r in recs if isinstance(r, Mention))

    assert summary(again) == summary(records)


# -- the table ---------------------------------------------------------------------------

def test_table_joins_every_report_row_once(report):
    _, segments, _, _ = report
    report_rows = {normalise(s.attr("abbreviation")): normalise(s.attr("full_name")) for s in table_rows(segments)}
    assert {normalise(r.abbreviation_zh): normalise(r.name_zh) for r in ROWS} == report_rows


def test_rows_sorted_unique_and_disjoint_from_organizations():
    ids = [r.id for r in ROWS]
    assert ids == sorted(ids) and len(set(ids)) == len(ids) == 28
    orgs = {r.id for r in read_table(DATA / "organizations.tsv", Organization)}
    assert not set(ids) & orgs


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.id)
def test_row_values_are_valid(row):
    orgs = {r.id for r in read_table(DATA / "organizations.tsv", Organization)}
    places = {r.id for r in read_table(DATA / "countries.tsv", Country)} | {r.id for r in read_table(DATA / "regions.tsv", Region)}
    if row.classification:
        assert classification_curie(row.classification) in {
            "ug:PeacekeepingOperation", "ug:SpecialPoliticalMission", "ug:Envoy", "ug:Office"}
    assert not row.mandated_by or row.mandated_by in orgs
    assert not row.serves or row.serves in places
    assert row.id == (row.acronym_en or name_key(row.abbreviation_zh))
    if row.name_en or row.acronym_en or row.classification or row.mandated_by or row.serves:
        assert "http" in row.source


def test_reference_facts_have_no_provenance(report):
    _, _, _, records = report
    mandated = [r for r in records if isinstance(r, Statement) and r.predicate == "ug:mandatedBy"]
    assert mandated and all(r.provenance is None and r.source for r in mandated)
    assert Statement(Ref("organization", "UNOAU"), "ug:mandatedBy", Ref("organization", "UNGA")) in mandated
