"""Every annotation of the built graph reproduces the text it quotes (issue 3, "Provenance").

For every ``oa:Annotation``: its target has a position selector and a quote selector, and
``text[start:end] == exact``, ``prefix`` ends right before ``start`` and ``suffix`` starts at ``end``.
Every entity derived from the report and every reified statement has at least one annotation.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ungraph import store as stores
from ungraph.config import Settings
from ungraph.sparql import execute

ROOT = Path(__file__).resolve().parents[2]
TEXT = (ROOT / "data" / "source" / "A-78-1.zh.txt").read_text(encoding="utf-8")

PREFIXES = """PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""


@pytest.fixture(scope="module")
def store(built: Settings):
    return stores.open_store(built.store, read_only=True)


def test_every_annotation_reproduces_its_text(store) -> None:
    rows = list(execute(store, PREFIXES + """
        SELECT ?a ?start ?end ?exact ?prefix ?suffix WHERE {
          ?a a oa:Annotation ; oa:hasTarget ?t .
          ?t oa:hasSelector ?p , ?q .
          ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
          ?q a oa:TextQuoteSelector ; oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix .
        }"""))
    annotations = {r["a"] for r in execute(store, PREFIXES + "SELECT ?a WHERE { ?a a oa:Annotation }")}
    assert len(rows) == len(annotations) > 3000
    bad = []
    for r in rows:
        start, end = int(r["start"].value), int(r["end"].value)
        exact, prefix, suffix = r["exact"].value, r["prefix"].value, r["suffix"].value
        if not (TEXT[start:end] == exact and TEXT[:start].endswith(prefix) and TEXT[end:].startswith(suffix)):
            bad.append((r["a"].value, start, end, exact))
    assert not bad, bad[:5]


def test_every_entity_derived_from_the_report_has_an_annotation(store) -> None:
    rows = list(execute(store, PREFIXES + """
        SELECT ?e WHERE { ?e prov:wasDerivedFrom ?text FILTER NOT EXISTS { ?a oa:hasBody ?e } }"""))
    assert not rows, [r["e"].value for r in rows[:5]]


def test_every_stated_statement_has_an_annotation(store) -> None:
    total = list(execute(store, PREFIXES + "SELECT (COUNT(?s) AS ?n) WHERE { ?s a rdf:Statement }"))
    assert int(total[0]["n"].value) > 500
    rows = list(execute(store, PREFIXES + """
        SELECT ?s WHERE { ?s a rdf:Statement FILTER NOT EXISTS { ?a oa:hasBody ?s } }"""))
    assert not rows, [r["s"].value for r in rows[:5]]


def test_every_reified_statement_is_also_asserted(store) -> None:
    rows = list(execute(store, PREFIXES + """
        SELECT ?st WHERE { ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o
                           FILTER NOT EXISTS { ?s ?p ?o } }"""))
    assert not rows, [r["st"].value for r in rows[:5]]
