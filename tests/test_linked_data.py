"""Integrity of ``english.tsv`` and ``links.tsv`` (issue 11), one rule per test, failures naming the row.

The data-only rules run on the tables; the rules that need to know which entities exist and what we
call them in English run on the real build (the ``built`` session fixture).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from ungraph.config import Settings
from ungraph.reference.tables import LINK_SCHEMES, MAPPING_PROPERTIES, English, Link, read_table

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "reference"
LINKS: list[Link] = read_table(DATA / "links.tsv", Link)
ENGLISH: list[English] = read_table(DATA / "english.tsv", English)
#: How a target is written in each scheme.
TARGETS = {"wikidata": r"^Q[1-9]\d*$", "wikipedia": r"^[^\s/?#]+(?:/[^\s?#]+)*$", "geonames": r"^[1-9]\d*$",
           "un": r"^https?://[^\s]+$", "web": r"^https?://[^\s]+$"}
_WORDS = re.compile(r"\b(?:the|of|for|on|in|and|to|un|united nations)\b")


def name_key(text: str) -> str:
    """A name folded for comparison: case, accents, punctuation, "United Nations"/"UN" and small words.

    >>> name_key("UN Office for the Coordination of Humanitarian Affairs") == name_key("Office for the Coordination of Humanitarian Affairs")
    True
    >>> name_key("World Bank") == name_key("World Bank Group")
    False
    """
    text = unicodedata.normalize("NFKD", text.replace("_", " ").replace("’", "'")).casefold()
    text = re.sub(r"[^a-z0-9 ]", " ", "".join(c for c in text if not unicodedata.combining(c)))
    return " ".join(_WORDS.sub(" ", text).split())


@pytest.mark.parametrize("row", LINKS, ids=[r.id for r in LINKS])
def test_link_property_is_a_mapping_property(row: Link) -> None:
    assert row.property in MAPPING_PROPERTIES, f"links.tsv:{row.id}: {row.property} is not one of {MAPPING_PROPERTIES}"


@pytest.mark.parametrize("row", LINKS, ids=[r.id for r in LINKS])
def test_link_target_is_written_as_its_scheme_writes_it(row: Link) -> None:
    assert row.scheme in LINK_SCHEMES
    assert re.match(TARGETS[row.scheme], row.target), f"links.tsv:{row.id}: target {row.target!r}"


@pytest.mark.parametrize("row", LINKS, ids=[r.id for r in LINKS])
def test_link_records_the_name_at_the_target_and_where_it_was_found(row: Link) -> None:
    assert row.target_name, f"links.tsv:{row.id}: record the English name the target gives"
    assert row.lead and row.source, f"links.tsv:{row.id}: lead and source are both needed"


@pytest.mark.parametrize("row", [r for r in LINKS if r.scheme == "wikidata"],
                         ids=[r.id for r in LINKS if r.scheme == "wikidata"])
def test_wikidata_links_are_checked_against_a_second_source(row: Link) -> None:
    """A third-party table is a lead, not a proof: the source must be another document naming the QID."""
    assert row.source != row.lead, f"links.tsv:{row.id}: the check must be a second source"
    assert row.target in row.source and row.target in row.lead, f"links.tsv:{row.id}: both sources must give {row.target}"


@pytest.mark.parametrize("row", [r for r in LINKS if r.scheme in ("un", "web")],
                         ids=[r.id for r in LINKS if r.scheme in ("un", "web")])
def test_a_page_about_a_body_is_see_also(row: Link) -> None:
    """A web page is about the body, not the body: never a match or an identity (ontology/README.md)."""
    assert row.property == "rdfs:seeAlso", f"links.tsv:{row.id}: a page links with rdfs:seeAlso, not {row.property}"


def test_one_link_per_entity_and_scheme() -> None:
    assert len({r.id for r in LINKS}) == len(LINKS)


def test_owl_same_as_only_for_persons() -> None:
    """owl:sameAs claims identity; the policy (ontology/README.md) allows it only for persons."""
    bad = [r.id for r in LINKS if r.property == "owl:sameAs" and not r.id.startswith("person/")]
    assert not bad, f"owl:sameAs outside persons: {bad}"


@pytest.mark.parametrize("row", ENGLISH, ids=[r.id for r in ENGLISH])
def test_english_rows_give_english(row: English) -> None:
    assert row.name_en or row.alt_en, f"english.tsv:{row.id}: neither name_en nor alt_en"
    for text in [row.name_en, *row.alt_en.split("|")]:
        assert not re.search(r"[\u4e00-\u9fff]", text), f"english.tsv:{row.id}: {text!r} is not English"


# --- against the real build ------------------------------------------------------------------

@pytest.fixture(scope="module")
def english_names(built: Settings) -> dict[str, set[str]]:
    """Entity path -> every English name the build gives it (labels, abbreviations, titles)."""
    from ungraph import store as stores

    store = stores.open_store(built.store, read_only=True)
    base = built.base + "id/"
    rows = store.query("""
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?s ?o WHERE { ?s ?p ?o FILTER(?p IN (skos:prefLabel, skos:altLabel, dcterms:title)
                                             || STRENDS(STR(?p), "#abbreviation"))
                             FILTER(isIRI(?s) && (LANG(?o) = "en")) }""", use_default_graph_as_union=True)
    names: dict[str, set[str]] = {}
    for r in rows:
        names.setdefault(r["s"].value[len(base):], set()).add(r["o"].value)
    typed = store.query("SELECT DISTINCT ?s WHERE { ?s a ?c }", use_default_graph_as_union=True)
    for r in typed:
        if r["s"].value.startswith(base):
            names.setdefault(r["s"].value[len(base):], set())
    return names


@pytest.mark.slow
def test_every_link_and_english_row_names_an_entity_of_the_build(english_names) -> None:
    missing = [r.id for r in LINKS if r.entity not in english_names]
    missing += [r.id for r in ENGLISH if r.id not in english_names]
    assert not missing, f"rows for entities the build does not have: {missing}"


@pytest.mark.slow
@pytest.mark.parametrize("row", LINKS, ids=[r.id for r in LINKS])
def test_the_linked_item_has_our_english_name(row: Link, english_names) -> None:
    ours = {name_key(n) for n in english_names.get(row.entity, set())}
    theirs = name_key(row.target_name)
    if row.entity.startswith("person/"):  # a person's page may leave out middle names: every word must be ours
        words = set(theirs.split())
        assert len(words) >= 2 and any(words <= set(n.split()) for n in ours), (
            f"links.tsv:{row.id}: the target calls them {row.target_name!r}, we call them {sorted(english_names.get(row.entity, []))}")
        return
    assert theirs in ours, (
        f"links.tsv:{row.id}: the target calls it {row.target_name!r}, we call it {sorted(english_names.get(row.entity, []))}")
