"""``ungraph publish`` and ``ungraph serve --backend`` against a real ``oxigraph serve`` on 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from tests.web.sample_graph import BASE, sample_quads
from tests.web.servers import ROOT, VENV_BIN, oxigraph_server, ungraph_server
from ungraph.backend import BackendError, RemoteStore

pytestmark = pytest.mark.skipif(not (VENV_BIN / "oxigraph").exists(), reason="the oxigraph server (PyPI oxigraph) is not installed")

AMINA_PATH = "id/person/amina-j-mohammed"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("backend")
    local = tmp / "store"
    s = ox.Store(str(local))
    s.bulk_extend(sample_quads())
    s.flush()
    expected = len(s)
    del s
    with oxigraph_server(tmp / "oxigraph") as remote:
        done = subprocess.run([sys.executable, "-m", "ungraph", "publish", "--to", remote + "store", "--store", str(local)],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        yield remote, expected, done.stdout


def _count(endpoint: str) -> int:
    r = httpx.post(endpoint, data={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
                   headers={"Accept": "application/sparql-results+json"})
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_publish_uploads_every_graph(published) -> None:  # type: ignore[no-untyped-def]
    remote, expected, out = published
    assert _count(remote + "query") == expected
    assert out.startswith(f"published {expected} triples in ")


def test_serve_over_the_backend_keeps_endpoint_pages_and_safety(published) -> None:  # type: ignore[no-untyped-def]
    remote, expected, _ = published
    with ungraph_server(backend=remote + "query", env={"UNGRAPH_MAX_ROWS": "30", "UNGRAPH_BASE": BASE}) as root:
        base = BASE
        r = httpx.get(root + "sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
        assert r.status_code == 200 and int(r.json()["results"]["bindings"][0]["n"]["value"]) > 0
        d = httpx.get(root + "sparql", params={"query": f"DESCRIBE <{base}{AMINA_PATH}>"})
        assert d.status_code == 200 and d.headers["content-type"].startswith("text/turtle")
        assert "常务副秘书长" in d.text  # the label of the post Amina holds
        cut = httpx.get(root + "sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert cut.headers["X-Ungraph-Truncated"] == "30" and len(cut.json()["results"]["bindings"]) == 30
        bad = httpx.get(root + "sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
        assert bad.status_code == 400
        for hostile in ({"update": "DROP ALL"}, {"query": "CLEAR ALL"},
                        {"query": f"SELECT * WHERE {{ SERVICE <{remote}query> {{ ?s ?p ?o }} }}"}):
            assert httpx.post(root + "sparql", data=hostile).status_code == 403
        assert _count(remote + "query") == expected  # nothing reached the backend's data
        home = httpx.get(root, headers={"Accept": "text/html"})
        assert home.status_code == 200 and "<html" in home.text
        page = httpx.get(root + AMINA_PATH, headers={"Accept": "text/html"}, follow_redirects=True)
        assert page.status_code == 200 and "阿明娜" in page.text
        void = httpx.get(root + ".well-known/void")
        assert void.status_code == 200 and "void:triples" in void.text
        assert httpx.get(root + "download/ungraph.nq").status_code == 404
        # one read-store interface: what works on the embedded store works over the backend (issue 13)
        ttl = httpx.get(root + "validation", params={"format": "ttl"})
        assert ttl.status_code == 200 and ttl.headers["content-type"].startswith("text/turtle")
        assert httpx.get(root + "validation", headers={"Accept": "application/json"}).status_code == 200
        assert httpx.get(root + AMINA_PATH, headers={"Accept": "application/rdf+xml"}).status_code == 200


def test_unreachable_backend_is_a_clear_error() -> None:
    from tests.web.servers import free_port

    store = RemoteStore(f"http://127.0.0.1:{free_port()}/query", timeout=2)
    with pytest.raises(BackendError, match="cannot reach"):
        store.query("ASK {}")
    with pytest.raises(BackendError, match="http"):
        RemoteStore("file:///etc/passwd")
