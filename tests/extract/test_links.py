"""Links out by rule and by ``links.tsv`` (issue 11, item 2), over the real report's records."""

from __future__ import annotations

import pytest

from ungraph.extract import ALL_EXTRACTORS, build_context, links
from ungraph.records import Ref, Statement


@pytest.fixture(scope="module")
def out(real):
    doc, segments, gazetteer = real
    ctx = build_context(doc, segments, gazetteer)
    records = [r for extractor in ALL_EXTRACTORS for r in extractor(doc, segments, ctx)]
    return [r for r in links.enrich(doc, segments, ctx, records) if isinstance(r, Statement)]


def _objects(out, ref: Ref, prop: str) -> set[str]:
    return {str(r.object) for r in out if r.subject == ref and r.predicate == prop}


def test_resolutions_link_to_undocs_as_iris(out) -> None:
    assert _objects(out, Ref("resolution", "S-RES-2282-2016"), "rdfs:seeAlso") == {"https://undocs.org/S/RES/2282(2016)"}


def test_the_report_links_to_both_undocs_texts(out) -> None:
    assert _objects(out, Ref("report", "A-78-1"), "rdfs:seeAlso") == {"https://undocs.org/A/78/1", "https://undocs.org/zh/A/78/1"}


def test_an_adopted_instrument_links_to_the_resolution_that_publishes_it(out) -> None:
    assert "https://undocs.org/A/RES/70/1" in _objects(out, Ref("instrument", "2030-agenda"), "rdfs:seeAlso")


def test_curated_links_use_their_row_property(out) -> None:
    ocha = Ref("organization", "OCHA")
    assert "http://www.wikidata.org/entity/Q1065854" in _objects(out, ocha, "skos:exactMatch")
    assert ("http://dbpedia.org/resource/United_Nations_Office_for_the_Coordination_of_Humanitarian_Affairs"
            in _objects(out, ocha, "skos:exactMatch"))
    assert "https://en.wikipedia.org/wiki/United_Nations_Office_for_the_Coordination_of_Humanitarian_Affairs" in _objects(
        out, ocha, "rdfs:seeAlso")


def test_no_link_without_an_entity(real) -> None:
    doc, segments, gazetteer = real
    subjects = {r.subject for r in links.enrich(doc, segments, build_context(doc, segments, gazetteer), [])}
    assert subjects == {Ref("report", doc.key)}


def test_m49_regions_link_to_the_un_page_that_defines_them(out) -> None:
    assert links.M49_PAGE in _objects(out, Ref("region", "eastern-africa"), "rdfs:seeAlso")
    assert links.M49_PAGE not in _objects(out, Ref("region", "sahel"), "rdfs:seeAlso")  # no M49 code
