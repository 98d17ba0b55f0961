"""The W3C SPARQL 1.1 Protocol + Service Description tests (37), read-only, against the real server.

A tiny store is made, the suite's three graphs are added with ``ungraph load`` (the CLI), the store
is served with ``python -m ungraph serve`` and the shared runner is run with ``--read-only``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.web.servers import ROOT, ungraph_server

SUITE = ROOT.parent / "shared" / "conformance" / "sparql-protocol"
RUNNER = SUITE / "protocol_runner.py"

pytestmark = pytest.mark.skipif(not RUNNER.is_file(), reason=f"the W3C protocol suite is not at {SUITE}")


@pytest.fixture(scope="module")
def suite_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("conformance") / "store"
    ox.Store(str(store)).flush()  # an empty store directory
    done = subprocess.run([sys.executable, "-m", "ungraph", "load", str(SUITE / "data" / "preload.nq"),
                           "--store", str(store)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "loaded 3 quads" in done.stdout
    return store


@pytest.fixture(scope="module")
def root(suite_store: Path):  # type: ignore[no-untyped-def]
    with ungraph_server(suite_store) as url:
        yield url


def test_w3c_protocol_suite_passes_read_only(root: str) -> None:
    done = subprocess.run([sys.executable, str(RUNNER), "--endpoint", root + "sparql", "--read-only"],
                          capture_output=True, text=True, timeout=300)
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr
    failures = [line for line in done.stdout.splitlines() if line.startswith("FAIL")]
    assert done.returncode == 0, "\n".join(failures) or done.stderr
    assert summary.startswith("37 passed, 0 failed"), summary


DATA1 = "http://kasei.us/2009/09/sparql/data/data1.rdf"


def test_sparqlwrapper_works(root: str) -> None:
    from SPARQLWrapper import CSV, JSON, POST, TURTLE, SPARQLWrapper

    sw = SPARQLWrapper(root + "sparql")
    sw.setQuery("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
    sw.setReturnFormat(JSON)
    rows = sw.query().convert()["results"]["bindings"]  # type: ignore[index]
    assert [r["g"]["value"] for r in rows][0] == DATA1 and len(rows) == 3
    sw.setMethod(POST)
    sw.setReturnFormat(CSV)
    assert sw.query().convert().splitlines()[0] == b"g,n"  # type: ignore[union-attr]
    sw.setQuery(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{DATA1}> {{ ?s ?p ?o }} }}")
    sw.setReturnFormat(TURTLE)
    from rdflib import Graph

    assert len(Graph().parse(data=sw.query().convert(), format="turtle")) == 1  # type: ignore[arg-type]
    sw.setQuery("INSERT DATA { <http://e/x> <http://e/p> 1 }")
    import urllib.error

    with pytest.raises(urllib.error.HTTPError) as refused:  # SPARQLWrapper passes a 403 through as it is
        sw.query()
    assert refused.value.code == 403


def test_rdflib_sparqlstore_works(root: str) -> None:
    from rdflib import Graph, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(root + "sparql", returnFormat="json")
    g = Graph(store=store, identifier=URIRef(DATA1))
    triples = list(g.triples((None, None, None)))
    assert len(triples) == 1
    answer = list(Graph(store=store).query(f"ASK {{ GRAPH <{DATA1}> {{ ?s ?p ?o }} }}"))
    assert answer == [True]
    with pytest.raises(TypeError):  # read-only store: rdflib refuses locally
        g.add((URIRef("http://e/x"), URIRef("http://e/p"), URIRef("http://e/o")))
