"""``ungraph.web.query_cost``: which queries are answered without a query worker."""

from __future__ import annotations

import pytest

from ungraph.web import sparql_pool
from ungraph.web.query_cost import bounded

S = "<http://127.0.0.1:8080/id/country/AFG>"


@pytest.mark.parametrize("query", [
    f"SELECT ?p ?o WHERE {{ {S} ?p ?o }} LIMIT 200",
    f"select * {{ {S} ?p ?o . }} limit 10",
    f"SELECT ?s WHERE {{ ?s a {S} }} LIMIT 50\n#8-1234",
    f"# a comment first\nSELECT ?p ?o WHERE {{ {S} ?p ?o }} LIMIT 0",
    r"\u0053ELECT ?p ?o WHERE { <http://x/a> ?p ?o } LIMIT 5",  # escapes are undone first, as a parser does
])
def test_bounded(query: str) -> None:
    assert bounded(query, max_rows=10000)


@pytest.mark.parametrize("query", [
    f"SELECT ?p ?o WHERE {{ {S} ?p ?o }}",                           # no LIMIT
    f"SELECT ?p ?o WHERE {{ {S} ?p ?o }} LIMIT 20000",               # past max_rows
    f"SELECT ?p ?o WHERE {{ {S} ?p ?o }} LIMIT 10 OFFSET 1000000",   # OFFSET: it scans what it skips
    "SELECT DISTINCT ?p WHERE { ?s ?p ?o } LIMIT 10",                # DISTINCT may scan everything
    "SELECT ?p WHERE { ?s ?p ?o } ORDER BY ?p LIMIT 10",             # ORDER BY sorts everything
    "SELECT * WHERE { ?s ?p ?o . ?o ?q ?r } LIMIT 10",               # a join
    "SELECT * WHERE { ?s ?p ?o FILTER(STRLEN(STR(?o)) > 3) } LIMIT 10",
    "SELECT * WHERE { ?s ?p 'x' } LIMIT 10",                         # literals are not read here
    "PREFIX ex: <http://x/> SELECT * WHERE { ex:a ?p ?o } LIMIT 10",  # nor prefixes
    "SELECT * WHERE { { SELECT * WHERE { ?s ?p ?o } ORDER BY ?o } } LIMIT 10",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } LIMIT 1",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } } LIMIT 1",
    f"DESCRIBE {S}", f"DESCRIBE {S} <http://x/b>", "DESCRIBE ?s WHERE { ?s ?p ?o }", "ASK { ?s ?p ?o }",
    "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "", "SELECT", "LIMIT 10",
    "SELECT ?p ?o WHERE { <http://x/a> ?p ?o } LIMIT 10" + " " * 5000,  # long texts are not read
])
def test_not_bounded(query: str) -> None:
    assert not bounded(query, max_rows=10000)


def test_a_bounded_query_is_answered_without_a_worker_and_others_are_not(client, monkeypatch) -> None:
    def no_worker(self, job, timeout):
        return sparql_pool.Answer("unavailable", error="no worker in this test")

    monkeypatch.setattr(sparql_pool.WorkerPool, "run", no_worker)
    lookup = client.get("/sparql", query_string={"query": f"SELECT ?p ?o WHERE {{ {S} ?p ?o }} LIMIT 200 # t1"})
    assert lookup.status_code == 200 and lookup.get_json()["results"]["bindings"]
    # DESCRIBE <iri> too, from the store's columns (ungraph.web.describe); the engine's DESCRIBE of a query
    # that is not that shape needs a worker
    describe = client.get("/sparql", query_string={"query": f"DESCRIBE {S} # t1"}, headers={"Accept": "text/turtle"})
    assert describe.status_code == 200 and describe.data
    describe = client.get("/sparql", query_string={"query": f"DESCRIBE ?s WHERE {{ BIND({S} AS ?s) }} # t1"},
                          headers={"Accept": "text/turtle"})
    assert describe.status_code == 503
    # a join under a LIMIT is answered from the columns too (ungraph.web.bgp); a shape it declines needs a worker
    join = client.get("/sparql", query_string={"query": f"SELECT * WHERE {{ {S} ?p ?o . ?o ?q ?r }} LIMIT 5 # t1"})
    assert join.status_code == 200 and join.get_json()["results"]["bindings"]
    optional = client.get("/sparql", query_string={
        "query": f"SELECT * WHERE {{ {S} ?p ?o OPTIONAL {{ ?o ?q ?r }} }} LIMIT 5 # t1"})
    assert optional.status_code == 503
