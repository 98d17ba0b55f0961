"""The issue 11 bar for links out, measured on the real build: at least 90% of instruments and 80% of
titled officials (persons holding a post) carry an outward identifier in a mapping property.

Officials area. The figures themselves are in the README ("Links out and labels") and come from
``benchmarks/links/coverage.rq``; this test only holds the floor, so a table edit that drops links fails.
"""

from __future__ import annotations

import pytest

from ungraph.config import Settings

MAPPING = """
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    PREFIX owl: <http://www.w3.org/2002/07/owl#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    PREFIX org: <http://www.w3.org/ns/org#>
    SELECT ?s ?base (COUNT(?o) AS ?links) WHERE {
      %s
      OPTIONAL { ?s ?p ?o FILTER(?p IN (owl:sameAs, skos:exactMatch, skos:closeMatch, rdfs:seeAlso)
                                 && isIRI(?o) && !STRSTARTS(STR(?o), ?base)) }
    } GROUP BY ?s ?base"""
#: kind -> (graph pattern selecting the entities, the share that must be linked)
FLOORS = {
    "instrument": ("?s a ?c FILTER(STRSTARTS(STR(?s), CONCAT(?base, 'id/instrument/')))", 0.90),
    "titled official": ("?s org:holds ?post FILTER(STRSTARTS(STR(?s), CONCAT(?base, 'id/person/')))", 0.80),
}


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_links_out_reach_the_issue_bar(kind: str, built: Settings) -> None:
    import pyoxigraph

    from ungraph import store as stores

    pattern, floor = FLOORS[kind]
    store = stores.open_store(built.store, read_only=True)
    rows = list(store.query(MAPPING % pattern, substitutions={pyoxigraph.Variable("base"): pyoxigraph.Literal(built.base)},
                            use_default_graph_as_union=True))
    linked = [r["s"].value for r in rows if int(r["links"].value) > 0]
    unlinked = sorted(r["s"].value for r in rows if int(r["links"].value) == 0)
    assert rows, f"no {kind} in the build"
    assert len(linked) / len(rows) >= floor, (
        f"{len(linked)}/{len(rows)} {kind}s linked, below {floor:.0%}; unlinked: {unlinked}")
