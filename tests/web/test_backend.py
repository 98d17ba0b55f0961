"""``ungraph publish`` and ``ungraph serve --backend`` against a real ``oxigraph serve`` on 127.0.0.1."""

from __future__ import annotations

import httpx
import pytest

from tests.web.sample_graph import BASE
from tests.web.servers import VENV_BIN, ungraph_server
from ungraph.backend import BackendError, RemoteStore

pytestmark = [pytest.mark.server,
              pytest.mark.skipif(not (VENV_BIN / "oxigraph").exists(), reason="the oxigraph server (PyPI oxigraph) is not installed")]

AMINA_PATH = "id/person/amina-j-mohammed"


def _count(endpoint: str) -> int:
    r = httpx.post(endpoint, data={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
                   headers={"Accept": "application/sparql-results+json"})
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_publish_uploads_every_graph(published) -> None:
    remote, expected, out = published
    assert _count(remote + "query") == expected
    assert out.startswith(f"published {expected} triples in ")


def test_serve_over_the_backend_keeps_endpoint_pages_and_safety(published) -> None:
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


# --- several fronts over one backend (issue 14, item 2) ----------------------------------------------

FRONT_QUERIES = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    f"DESCRIBE <{BASE}{AMINA_PATH}>",
    "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } ORDER BY ?s ?l LIMIT 50",
    "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } ORDER BY ?s ?c LIMIT 40",
    "ASK { ?s a ?c }",
]
FRONT_PAGES = [("", "text/html"), (AMINA_PATH, "text/html"), (AMINA_PATH, "text/turtle"),
               (AMINA_PATH, "application/ld+json"), (".well-known/void", "text/turtle"),
               ("search?q=%E9%98%BF%E6%98%8E%E5%A8%9C", "text/html"), ("validation", "application/json")]


def _without_start_time(body: bytes) -> bytes:
    """VoID's ``dcterms:modified`` is when the front started (a backend states no build time): the one line that may differ."""
    return b"\n".join(line for line in body.split(b"\n") if b"dcterms:modified" not in line)


#: What a load balancer in front of both passes on: one public host (the pages and VoID name their own URL).
PUBLIC = {"Host": "127.0.0.1:8080"}


def _answers(root: str) -> list[tuple[int, str, bytes]]:
    out = []
    for q in FRONT_QUERIES:
        r = httpx.get(root + "sparql", params={"query": q}, headers=PUBLIC, timeout=60)
        out.append((r.status_code, r.headers.get("content-type", ""), r.content))
    for path, accept in FRONT_PAGES:
        r = httpx.get(root + path, headers={**PUBLIC, "Accept": accept}, timeout=60)  # the first page builds the catalog
        out.append((r.status_code, r.headers.get("content-type", ""), _without_start_time(r.content)))
    return out


def test_two_fronts_over_one_backend_give_the_same_answers(published) -> None:
    """The web front keeps no state of its own: two ``serve --backend`` processes (as behind a load
    balancer) answer every query and page byte for byte alike, with the same validators."""
    remote, _, _ = published
    env = {"UNGRAPH_BASE": BASE}
    with ungraph_server(backend=remote + "query", env=env) as one, ungraph_server(backend=remote + "query", env=env) as two:
        a, b = _answers(one), _answers(two)
        assert [s for s, _, _ in a] == [200] * len(a)
        for (label, x, y) in zip([*FRONT_QUERIES, *(p for p, _ in FRONT_PAGES)], a, b):
            assert x == y, label
        q = {"query": FRONT_QUERIES[0]}
        e1 = httpx.get(one + "sparql", params=q, headers=PUBLIC).headers["ETag"]
        e2 = httpx.get(two + "sparql", params=q, headers=PUBLIC).headers["ETag"]
        assert e1 == e2  # a cache in front of both may serve either's answer
        assert httpx.get(two + "sparql", params=q, headers={**PUBLIC, "If-None-Match": e1}).status_code == 304
