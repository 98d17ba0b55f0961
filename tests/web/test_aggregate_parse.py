"""ungraph.web.aggregate_parse: the one shape the columnar scan answers, and nothing else (every other
text goes to the engine). What is answered for the accepted shapes: ``tests/web/test_aggregate.py``."""

from __future__ import annotations

import pytest

from ungraph.web.aggregate_parse import parse


def test_the_shape_read_into_its_parts() -> None:
    found = parse("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n) LIMIT 3 # 7")
    assert found is not None
    assert (found.projection, found.group, found.count, found.counted, found.distinct) == (("c", "n"), "c", "n", "s", True)
    assert (found.order, found.limit, found.offset) == ((("n", True),), 3, 0)


@pytest.mark.parametrize("query", [
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?p != <http://x/p>) } GROUP BY ?p",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?o ?q ?r } GROUP BY ?p",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p 'x' } GROUP BY ?p",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p 3 } GROUP BY ?p",
    "SELECT ?c (COUNT(*) AS ?n) WHERE { ?s rdf:type ?c } GROUP BY ?c",
    "PREFIX x: <http://x/> SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a ?c } GROUP BY ?c",
    "BASE <http://x/> SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a ?c } GROUP BY ?c",
    "SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a ?c } GROUP BY ?c HAVING (COUNT(*) > 2)",
    "SELECT ?p (SUM(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p",
    "SELECT ?p (COUNT(*) AS ?n) (COUNT(?o) AS ?m) WHERE { ?s ?p ?o } GROUP BY ?p",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { _:b ?p ?o } GROUP BY ?p",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { [] ?p ?o } GROUP BY ?p",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s <http://x/a>/<http://x/b> ?o } GROUP BY ?p",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ?s",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?s",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) ?p ?n",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY STR(?p)",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p LIMIT 5 LIMIT 6",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?n #\rLIMIT 5\n HAVING(?n > 1)",
    "SELECT ?p ?o (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p",
    "SELECT ?o (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p",
    "SELECT ?p (COUNT(*) AS ?p) WHERE { ?s ?p ?o } GROUP BY ?p",
    "SELECT ?p (COUNT(?x) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p",
    "SELECT ?x (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?x",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",  # ?p is not grouped: an error the engine reports
    "SELECT * WHERE { ?s ?p ?o } GROUP BY ?p",
    "SELECT DISTINCT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?p",
    "SELECT ?p (COUNT(*) AS ?n) FROM <http://x/g> WHERE { ?s ?p ?o } GROUP BY ?p",
    "SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a <c> } GROUP BY ?c",  # a relative IRI
    "SELECT ?p (COUNT(*) AS ?n) WHERE { <http://x/../a> ?p ?o } GROUP BY ?p",  # resolved against the base
    "SELECT ?p (COUNT(*) AS ?n) WHERE { <http://[x/a> ?p ?o } GROUP BY ?p",  # not an IRI
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p LIMIT 1.5",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p LIMIT 1234567890123456789012",
    "SELECT ?p (COUNT(*) AS ?n) WHERE {\u00a0?s ?p ?o } GROUP BY ?p",  # not SPARQL white space
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o }\x0cGROUP BY ?p",
    "ASK { ?s ?p ?o }",
    # oxigraph reads \\u escapes in IRIs and strings only (here: "expected OPTIONAL"): any escape, the engine
    "SELECT ?c (COUNT(*) AS ?n) WHERE { ?s \\u0061 ?c } GROUP BY ?c ORDER BY ?c",
    "SELECT ?c (COUNT(*) AS ?n) WHERE { ?s <http://x/\\u0061> ?c } GROUP BY ?c",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } } GROUP BY ?p",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p VALUES ?p { <http://x/p> }",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) LIMIT 5 " + "#" * 4096,
])
def test_other_shapes_go_to_the_engine(query: str) -> None:
    assert parse(query) is None
