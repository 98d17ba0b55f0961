"""An entity's document (its page, Turtle, JSON-LD) took seconds at the 100x enlargement (issue 14).

``queries.describe`` read the labels of every IRI a resource links to in one SPARQL query,
``{ ?iri ?p0 ?s FILTER(isIRI(?s)) VALUES ?p { rdfs:label skos:prefLabel } ?s ?p ?o } UNION { ?s ?p1 ?iri ... }``
with ``?iri`` bound by ``substitutions=``. The engine plans a query before the substitutions bind it, so
it read every label triple of the store and joined after: 2.2 s for the outgoing part of one report's
introduction at 100x and 0.85 s for the incoming part (3.0 s for the whole query, 6.8 s for the
document; 152 ms at 1x), the same with a constant predicate per branch (2.1 s) or both patterns in one
group (1.2 s). Measured in process on ``build/bench-x100/store``, 2026-12-03. The links are now taken
from the document's own triples and their labels read by index lookups (``describe_labels.label_triples``:
two per IRI; on a remote store one query with a constant predicate per branch).
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from tests.web.sample_graph import sample_store
from ungraph import queries
from ungraph.config import Settings
from ungraph.describe_labels import LABEL_PREDICATES
from ungraph.namespaces import PREFIXES

#: The document's query before the change, kept as the reference of what a document holds.
_BEFORE = (queries._PROLOGUE + "SELECT ?iri ?s ?p ?o WHERE { "
           "{ ?iri ?p ?o BIND(?iri AS ?s) } UNION { ?s ?p ?iri BIND(?iri AS ?o) } UNION "
           "{ ?iri oa:hasTarget ?s . ?s ?p ?o } UNION { ?iri oa:hasTarget/oa:hasSelector ?s . ?s ?p ?o } UNION "
           "{ ?iri ?p0 ?s FILTER(isIRI(?s)) VALUES ?p { rdfs:label skos:prefLabel } ?s ?p ?o } UNION "
           "{ ?s ?p1 ?iri VALUES ?p { rdfs:label skos:prefLabel } ?s ?p ?o } }")


def _before(store: ox.Store, iri: str) -> list[ox.Triple]:
    rows = store.query(_BEFORE, use_default_graph_as_union=True, substitutions={ox.Variable("iri"): ox.NamedNode(iri)})
    return sorted({ox.Triple(r["s"], r["p"], r["o"]) for r in rows}, key=str)


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return sample_store()


def test_every_document_holds_what_it_held(store: ox.Store) -> None:
    iris = sorted({str(t.value) for q in store for t in (q.subject, q.object) if isinstance(t, ox.NamedNode)})
    assert len(iris) > 100
    for iri in iris:
        assert queries.describe(store, iri) == _before(store, iri), iri


def test_documents_of_the_build_hold_what_they_held(built: Settings) -> None:
    store = ox.Store.read_only(str(built.store))
    base = built.base
    for path in ("report/A-78-1/introduction", "country/AFG", "organization/UNGA", "person/an-dong-ni-ao-gu-te-lei-si"):
        iri = base + "id/" + path
        doc = queries.describe(store, iri)
        assert doc == _before(store, iri), path
    assert queries.describe(store, base + "id/country/nowhere") == []


def test_the_document_query_reads_no_label_scan() -> None:
    """The labels are not in the document's SPARQL: a label pattern whose subject the engine cannot
    plan as bound reads every label of the store."""
    text = queries._describe_extra_query()
    for p in LABEL_PREDICATES:
        prefix, local = next((k, p[len(v):]) for k, v in PREFIXES.items() if p.startswith(v))
        assert f"<{p}>" not in text and f"{prefix}:{local}" not in text
