"""CONSTRUCT and DESCRIBE over ``--backend`` Virtuoso answered 500 (issue 14).

``RemoteStore`` asked every query with one Accept header, SPARQL JSON results first and N-Triples
second. Virtuoso 7.2 ignores the q-values and answers a CONSTRUCT or DESCRIBE in SPARQL JSON results
(``s``/``p``/``o`` bindings), which the front then read as solutions: a 500 ("Unsupported term key:
lang") when the client accepts JSON, a 406 when it accepts only Turtle. These were the 300-1,400
non-2xx responses per row of the endpoint benchmark over Virtuoso. The backend is now asked for
N-Triples alone for a graph query. Checked with the benchmark's own queries against the embedded store.
(DESCRIBE is the service's choice in SPARQL 1.1: Virtuoso's also gives the triples that point at the
resource, so its answer holds the embedded store's, and more.)
"""

from __future__ import annotations

import httpx
import pyoxigraph as ox
import pytest

from tests.web.test_virtuoso import fronts, virtuoso  # noqa: F401 - the fixtures: a real Virtuoso and two fronts
from ungraph.config import Settings

pytestmark = pytest.mark.server

SKOS = "http://www.w3.org/2004/02/skos/core#"
QUERIES = [
    "DESCRIBE <{base}id/organization/UNGA>",
    "DESCRIBE <{base}id/country/AFG>\n# a trailing comment, as the benchmark sends",
    f"CONSTRUCT {{ ?s <{SKOS}prefLabel> ?l }} WHERE {{ ?s a <https://schema.org/Country> ; <{SKOS}prefLabel> ?l "
    "FILTER(LANG(?l) = 'en') }",
]
ACCEPTS = ["application/sparql-results+json, text/turtle;q=0.9", "text/turtle", "application/n-triples"]


def _triples(resp: httpx.Response) -> set[ox.Triple]:
    fmt = ox.RdfFormat.from_media_type(resp.headers["content-type"].split(";")[0])
    return {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(resp.content, format=fmt)}


@pytest.mark.parametrize("accept", ACCEPTS)
@pytest.mark.parametrize("template", QUERIES, ids=["describe", "describe-comment", "construct"])
def test_graph_query_over_virtuoso_same_as_embedded(built: Settings, fronts, template: str,  # noqa: F811
                                                    accept: str) -> None:
    embedded, remote = fronts
    query = template.replace("{base}", built.base)
    a = httpx.get(embedded + "sparql", params={"query": query}, headers={"Accept": accept}, timeout=60)
    b = httpx.get(remote + "sparql", params={"query": query}, headers={"Accept": accept}, timeout=60)
    assert a.status_code == 200, a.text[:300]
    assert b.status_code == 200, b.text[:300]
    assert b.headers["content-type"] == a.headers["content-type"]
    triples, remote_triples = _triples(a), _triples(b)
    assert triples
    if template.startswith("DESCRIBE"):
        assert triples <= remote_triples
        assert all(t.object == ox.NamedNode(query.split("<")[1].split(">")[0]) for t in remote_triples - triples)
    else:
        assert remote_triples == triples
