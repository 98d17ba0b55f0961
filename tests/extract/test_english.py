"""English by rule and by ``english.tsv`` (issue 11, item 1), over the real report's records."""

from __future__ import annotations

import pytest

from ungraph.extract import ALL_EXTRACTORS, build_context, english
from ungraph.records import Entity, Literal, Ref, Statement


@pytest.fixture(scope="module")
def enriched(real):
    doc, segments, gazetteer = real
    ctx = build_context(doc, segments, gazetteer)
    records = [r for extractor in ALL_EXTRACTORS for r in extractor(doc, segments, ctx)]
    return records, list(english.enrich(doc, segments, ctx, records))


def _english(out, ref: Ref, prop: str = "skos:prefLabel") -> set[str]:
    return {lit.value for r in out if isinstance(r, Entity) and r.ref == ref for p, lit in r.labels
            if p == prop and lit.lang == "en"}


@pytest.mark.parametrize(("symbol", "expected"), [
    ("S/RES/2282 (2016)", "Security Council resolution 2282 (2016)"),
    ("A/RES/70/1", "General Assembly resolution 70/1"),
    ("A/HRC/RES/39/2", "Human Rights Council resolution 39/2"),
    ("A/RES/217(III)", "General Assembly resolution 217 (III)"),
    ("A/RES/76/84 A-B", "General Assembly resolution 76/84 A-B"),
])
def test_resolution_english_by_rule(symbol: str, expected: str) -> None:
    assert english.resolution_english(symbol) == expected


def test_resolution_english_refuses_other_symbols() -> None:
    with pytest.raises(ValueError):
        english.resolution_english("E/HLPF/2020/3")


def test_every_resolution_of_the_report_gets_its_english_name(enriched) -> None:
    records, out = enriched
    resolutions = {r.ref for r in records if isinstance(r, Entity) and r.ref.kind == "resolution"}
    named = {r.ref for r in out if isinstance(r, Entity) and r.ref.kind == "resolution"}
    assert resolutions and named == resolutions
    assert _english(out, Ref("resolution", "S-RES-2282-2016")) == {"Security Council resolution 2282 (2016)"}


def test_every_figure_gets_an_english_description_from_its_parts(enriched) -> None:
    records, out = enriched
    figures = {r.ref for r in records if isinstance(r, Entity) and r.ref.kind == "figure"}
    described = {r.subject: r.object for r in out if isinstance(r, Statement) and r.predicate == "dcterms:description"
                 and r.subject.kind == "figure"}
    assert figures and set(described) == figures
    assert all(isinstance(d, Literal) and d.lang == "en" and d.value.startswith("Figure: ") for d in described.values())


def test_chapters_get_the_english_titles_of_the_english_edition(enriched) -> None:
    _records, out = enriched
    titles = {r.subject.key: r.object.value for r in out if isinstance(r, Statement) and r.predicate == "dcterms:title"}
    assert titles["A-78-1/chapter/2"] == "Maintenance of international peace and security"
    assert len([k for k in titles if "/chapter/" in k]) == 9


def test_english_aliases_are_search_terms(enriched) -> None:
    _records, out = enriched
    assert "Turkey" in _english(out, Ref("country", "TUR"), "skos:altLabel")
    assert "Jean-Pierre Lacroix" in _english(out, Ref("person", "rang-pi-ai-er-la-ke-lu-wa"), "skos:altLabel")


def test_posts_get_the_english_post_title(enriched) -> None:
    _records, out = enriched
    assert _english(out, Ref("post", "mi-shu-zhang")) == {"Secretary-General"}
    assert _english(out, Ref("post", "zhu-guan-he-ping-xing-dong-fu-mi-shu-zhang")) == {"Under-Secretary-General for Peace Operations"}


def test_rows_for_entities_the_build_lacks_are_left_out(real) -> None:
    doc, segments, gazetteer = real
    assert not any(isinstance(r, Entity) for r in english.enrich(doc, segments, build_context(doc, segments, gazetteer), []))


def test_every_titled_part_of_the_report_has_english(enriched, real) -> None:
    """Chapters and every section heading (issue 11, item 1): an English title, or a description by rule."""
    _records, out = enriched
    doc, segments, _gazetteer = real
    english = {r.subject.key for r in out if isinstance(r, Statement) and r.subject.kind == "report"
               and r.predicate in ("dcterms:title", "dcterms:description") and isinstance(r.object, Literal)
               and r.object.lang == "en"}
    titled = {f"{doc.key}/{s.id}" for s in segments if s.id and s.title}
    assert titled and titled - english == set()


def test_contents_entries_take_the_english_title_of_the_part_they_name(enriched) -> None:
    _records, out = enriched
    titles = {r.subject.key: r.object.value for r in out if isinstance(r, Statement) and r.predicate == "dcterms:title"}
    assert titles["A-78-1/contents/entry/3"] == titles["A-78-1/chapter/2"] == "Maintenance of international peace and security"
    assert titles["A-78-1/contents/entry/1"] == "Introduction"
    assert titles["A-78-1/front/heading/1"] == "Determined"


def test_a_heading_is_described_by_its_place_and_quoted(enriched) -> None:
    _records, out = enriched
    described = {r.subject.key: r.object.value for r in out if isinstance(r, Statement) and r.predicate == "dcterms:description"}
    text = described["A-78-1/chapter/1/section/results/subsection/9/spotlight/1/heading/2"]
    assert text == ("Heading 2 of spotlight 1, subsection 9, key results, chapter 1 (Promotion of sustained economic growth"
                    " and sustainable development); printed “2022年成果”")
    assert described["A-78-1/chapter/2/section/mandates"].startswith("Key mandates, chapter 2 (Maintenance")


def test_section_kinds_are_named_as_the_ontology_names_their_classes() -> None:
    from ungraph.graph.assemble import SECTION_CLASSES
    from ungraph.graph.ontology import label

    assert set(english.SECTIONS_EN) == set(SECTION_CLASSES)
    for slug, cls in SECTION_CLASSES.items():
        assert english.SECTIONS_EN[slug] == label(f"http://x.test/ontology#{cls}", "en"), slug
