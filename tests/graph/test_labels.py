"""Labels every tool reads (issue 11, item 1): derived at assemble time, on the real build."""

from __future__ import annotations

import pytest

from ungraph import store as stores
from ungraph.config import Settings

P = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


@pytest.fixture(scope="module")
def store(built: Settings):
    return stores.open_store(built.store, read_only=True)


def _ask(store, q: str) -> bool:
    return bool(store.query(P + q, use_default_graph_as_union=True))


def test_every_preferred_label_is_also_an_rdfs_label(store) -> None:
    assert not _ask(store, "ASK { ?s skos:prefLabel ?l FILTER NOT EXISTS { ?s rdfs:label ?l } }")


def test_every_abbreviation_is_also_an_alt_label(built: Settings, store) -> None:
    assert not _ask(store, f"ASK {{ ?s <{built.base}ontology#abbreviation> ?a FILTER NOT EXISTS {{ ?s skos:altLabel ?a }} }}")


def test_schema_org_instances_have_schema_name(store) -> None:
    assert not _ask(store, """ASK { VALUES ?c { schema:Person schema:Country schema:Legislation schema:Report }
                               ?s a ?c FILTER NOT EXISTS { ?s schema:name ?n } }""")


def test_chapters_have_rdfs_labels_in_both_languages(store) -> None:
    rows = list(store.query(P + """SELECT ?l WHERE { ?c rdfs:label ?l FILTER(STRENDS(STR(?c), "/chapter/2")) }""",
                            use_default_graph_as_union=True))
    assert {r["l"].language for r in rows} == {"zh", "en"}


def test_a_label_copy_lives_in_the_graph_of_its_source(built: Settings, store) -> None:
    q = P + """SELECT ?g WHERE { GRAPH ?g { ?s rdfs:label "Office for the Coordination of Humanitarian Affairs"@en } }"""
    assert {r["g"].value for r in store.query(q)} == {built.base + "graph/reference"}
