"""The W3C SPARQL 1.1 Protocol + Service Description tests (37), read-only, against the real server.

A tiny store is made, the suite's three graphs are added with ``ungraph load`` (the CLI), the store
is served with ``python -m ungraph serve`` and the shared runner is run with ``--read-only``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.web.servers import ROOT, ungraph_server

pytestmark = pytest.mark.server

def _suite() -> Path:
    """``$UNGRAPH_CONFORMANCE_DIR``, else ``../shared/conformance/sparql-protocol`` next to this checkout or,
    for a git worktree, next to the main checkout."""
    if os.environ.get("UNGRAPH_CONFORMANCE_DIR"):
        return Path(os.environ["UNGRAPH_CONFORMANCE_DIR"])
    candidates = [ROOT.parent]
    git = ROOT / ".git"
    if git.is_file():  # a worktree: ".git" names the main repository's git directory
        gitdir = Path(git.read_text(encoding="utf-8").split(":", 1)[1].strip())
        candidates.append(gitdir.parents[2].parent)  # <main>/.git/worktrees/<name> -> parent of <main>
    for parent in candidates:
        suite = parent / "shared" / "conformance" / "sparql-protocol"
        if (suite / "protocol_runner.py").is_file():
            return suite
    return candidates[0] / "shared" / "conformance" / "sparql-protocol"


SUITE = _suite()
RUNNER = SUITE / "protocol_runner.py"
#: In CI (``CI`` set, as ``.ci/run`` does) a missing suite is a failure, not a skip.
IN_CI = bool(os.environ.get("CI"))

MISSING = (f"THE W3C SPARQL PROTOCOL SUITE WAS NOT RUN: it is not at {SUITE} "
           "(set UNGRAPH_CONFORMANCE_DIR to its directory)")
if not RUNNER.is_file() and not IN_CI:
    warnings.warn(MISSING, stacklevel=1)  # in the warnings summary of every run, not only a skip count


@pytest.fixture(scope="module")
def suite_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not RUNNER.is_file():
        if IN_CI:
            pytest.fail(MISSING)  # CI must not pass with the conformance run skipped
        pytest.skip(MISSING)
    store = tmp_path_factory.mktemp("conformance") / "store"
    ox.Store(str(store)).flush()  # an empty store directory
    done = subprocess.run([sys.executable, "-m", "ungraph", "load", str(SUITE / "data" / "preload.nq"),
                           "--store", str(store)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "loaded 3 quads" in done.stdout
    return store


@pytest.fixture(scope="module")
def root(suite_store: Path):
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
    rows = sw.query().convert()["results"]["bindings"]
    assert [r["g"]["value"] for r in rows][0] == DATA1 and len(rows) == 3
    sw.setMethod(POST)
    sw.setReturnFormat(CSV)
    assert sw.query().convert().splitlines()[0] == b"g,n"
    sw.setQuery(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{DATA1}> {{ ?s ?p ?o }} }}")
    sw.setReturnFormat(TURTLE)
    from rdflib import Graph

    assert len(Graph().parse(data=sw.query().convert(), format="turtle")) == 1
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
