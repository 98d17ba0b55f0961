"""Hostile requests: each is refused AND leaves no trace — the store unchanged, no outbound request.

A local HTTP listener records every hit; the SERVICE and LOAD requests point at it. The first test
shows that pyoxigraph itself *would* call it, so the refusals below are what keeps it silent.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from tests.web.sparql_fixtures import EX, make_app, snapshot


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def _answer(self) -> None:
        type(self).hits.append(f"{self.command} {self.path}")
        body = b'{"head":{"vars":["s"]},"results":{"bindings":[]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def listener() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):
    return make_app(tmp_path_factory.mktemp("safety"), max_body=2048)


def test_the_listener_records_what_pyoxigraph_would_fetch(listener: str) -> None:
    _Recorder.hits.clear()
    list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <{listener}> {{ ?s ?p ?o }} }}"))
    assert _Recorder.hits, "pyoxigraph did not call the SERVICE IRI: this test file could not catch a leak"
    _Recorder.hits.clear()


def _hostile_queries(url: str) -> list[str]:
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",  # codepoint escape of the keyword
        f"SELECT * WHERE {{ \\U00000073ervice <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }} }}",
        f"# SERVICE in a comment first\nPREFIX x: <{EX}>\nSELECT * WHERE {{ ?s ?p 'service' . SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
    ]


def _updates(url: str) -> list[str]:
    return [
        "INSERT DATA { <http://example.org/x> <http://example.org/p> 1 }",
        "CLEAR ALL", "DROP ALL", "DELETE WHERE { ?s ?p ?o }",
        f"LOAD <{url}>", f"LOAD SILENT <{url}> INTO GRAPH <{EX}loaded>",
        "# comment\nPREFIX ex: <http://example.org/>\nINSERT DATA { ex:x ex:p 1 }",
        "\\u0049NSERT DATA { <http://example.org/x> <http://example.org/p> 1 }",
        f"WITH <{EX}noise> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}",
        "CREATE GRAPH <http://example.org/new>",
    ]


def _routes(client, text: str, param: str = "query"):
    yield "GET", client.get("/sparql", query_string={param: text})
    yield "form", client.post("/sparql", data={param: text})
    ctype = "application/sparql-update" if param == "update" else "application/sparql-query"
    yield "direct", client.post("/sparql", data=text.encode(), content_type=ctype)


@pytest.mark.parametrize("index", range(9))
def test_service_is_refused_before_execution(app, listener: str, index: int) -> None:
    store = app.extensions["ungraph"].store
    before = snapshot(store)
    _Recorder.hits.clear()
    query = _hostile_queries(listener)[index]
    for route, r in _routes(app.test_client(), query):
        assert r.status_code == 403, (route, r.data)
        assert "SERVICE" in r.get_json()["error"]
    assert _Recorder.hits == []
    assert snapshot(store) == before


@pytest.mark.parametrize("index", range(10))
@pytest.mark.parametrize("param", ["query", "update"])
def test_updates_are_refused_by_every_route(app, listener: str, index: int, param: str) -> None:
    store = app.extensions["ungraph"].store
    before = snapshot(store)
    _Recorder.hits.clear()
    for route, r in _routes(app.test_client(), _updates(listener)[index], param):
        assert r.status_code == 403, (route, r.data)
        assert "read-only" in r.get_json()["error"]
    assert _Recorder.hits == []
    assert snapshot(store) == before


def test_using_graph_parameters_are_update_parameters(app) -> None:
    store = app.extensions["ungraph"].store
    before = snapshot(store)
    r = app.test_client().post("/sparql", data={"update": "DELETE WHERE { ?s ?p ?o }", "using-graph-uri": EX + "noise"})
    assert r.status_code == 403 and snapshot(store) == before


def test_the_word_service_elsewhere_is_harmless(app, listener: str) -> None:
    _Recorder.hits.clear()
    q = f"# service <{listener}>\nSELECT ?s WHERE {{ ?s ?p ?o FILTER(?o != 'SERVICE <{listener}>') }} LIMIT 1"
    r = app.test_client().get("/sparql", query_string={"query": q})
    assert r.status_code == 200 and len(r.get_json()["results"]["bindings"]) == 1
    assert _Recorder.hits == []


@pytest.mark.parametrize("request_kwargs", [
    {"query_string": {"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": "not an IRI"}},
    {"query_string": {"query": "SELECT * WHERE { ?s ?p ?o }", "named-graph-uri": "<>"}},
    {"query_string": {"query": "SELECT * WHERE {" * 2000}},
    {"query_string": {"query": "\x00\x01\x02"}},
    {"query_string": {"query": "SELECT (1/0 AS ?x) {}", "format": "\x00"}},
    {"query_string": {"query": "ASK {}"}, "headers": {"Accept": ";;;,,,q=foo/*/*"}},
    {"query_string": {"query": "ASK {}"}, "headers": {"If-Modified-Since": "not a date"}},
    {"query_string": {"query": "ASK {}"}, "headers": {"If-None-Match": "\x7f"}},
    {"query_string": {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT -1"}},
    {"query_string": {"query": "SELECT ?x WHERE { BIND(<http://a b> AS ?x) }"}},
    {"query_string": {"query": "DESCRIBE <" + "a" * 1000 + ">"}},
    {"query_string": {"query": "PREFIX : <http://x/> SELECT * { ?s :p \"\\ud800\" }"}},
])
def test_never_a_500_for_bad_input(app, request_kwargs) -> None:
    r = app.test_client().get("/sparql", **request_kwargs)
    assert r.status_code < 500, r.data


def test_oversized_bodies_are_refused_unread(app) -> None:
    store = app.extensions["ungraph"].store
    before = snapshot(store)
    big = "INSERT DATA { <http://e/x> <http://e/p> \"" + "x" * 4096 + "\" }"
    assert app.test_client().post("/sparql", data=big.encode(), content_type="application/sparql-query").status_code == 413
    assert snapshot(store) == before
