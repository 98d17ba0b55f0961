"""Hostile and malformed input, route by route: none of it gets a 5xx (issue 13).

Every route of the app's URL map is tried with bad IRIs, broken UTF-8 and percent-escapes,
10,000-character paths, path traversal, huge and malformed ``Accept`` headers, bad page and sort
parameters, and every HTTP method. The app is the sample graph with its worker pool, so the SPARQL
path is the real one.
"""

from __future__ import annotations

import pytest

from tests.web.sample_graph import BASE, sample_store
from ungraph.config import Settings
from ungraph.web.app import create_app


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("hostile")
    return create_app(Settings(base=BASE, store=str(tmp / "store"), dump=str(tmp / "ungraph.nq"),
                               query_timeout=3.0), store=sample_store())


@pytest.fixture()
def web(app):
    return app.test_client()


def _paths(app) -> list[str]:
    """One concrete path per rule of the URL map (converters filled with a plausible value)."""
    out = []
    for rule in app.url_map.iter_rules():
        path = rule.rule
        for arg in rule.arguments:
            path = path.replace(f"<path:{arg}>", "id/organization/MONUSCO" if arg == "rest" else "x")
            path = path.replace(f"<{arg}>", "ug:PeaceOperation" if "name" in arg or "curie" in arg else "x")
        out.append(path.replace("//", "/"))
    return sorted(set(out))


BAD_PATHS = [
    "/id/person/<script>alert(1)</script>", "/id/%FF%FE", "/id/%", "/id/%zz/x", "/id/org/" + "a" * 10000,
    "/" + "x/" * 5000, "/../../../etc/passwd", "/id/../../etc/passwd", "/static/../../pyproject.toml",
    "/download/..%2F..%2Fpyproject.toml", "/download/%2e%2e%2fungraph.nq", "/class/%00", "/class/ug:<x>",
    "/read/A-78-1/chapter/99999999999999999999", "/read/%FF", "/lang/%FF", "/id/\u202e", "/id/organization/MONUSCO%0d%0aX: y",
    "/search?q=%FF", "/search?q=" + "联" * 5000, "/api/search?q=%ED%A0%80", "/class/ug:PeaceOperation?page=-1",
    "/class/ug:PeaceOperation?page=99999999999999999999999", "/class/ug:PeaceOperation?page=abc",
    "/class/ug:PeaceOperation?sort=%FF&order=sideways", "/class/ug:PeaceOperation?sort=" + "s" * 5000,
    "/api/search?q=x&limit=-5", "/api/search?q=x&limit=1e309", "/sparql?query=%FF", "/sparql?query=%",
    "/sparql?query=SELECT%20*%20%7B&format=%FF", "/sparql?default-graph-uri=%3Cx%3E&query=ASK%7B%7D",
    "/sparql?named-graph-uri=not%20an%20iri&query=ASK%7B%7D", "/validation?format=%FF",
    "/id/organization/MONUSCO?format=" + "x" * 10000, "/ontology?view=%FF", "/lang/en?next=//evil.test/",
    "/lang/en?next=%FF", "/.well-known/void?format=docx", "/download/%FF",
]
ACCEPTS = ["", "*/*;q=2", "text/html;q=abc", ";;;,,,", "a/b/c", "text/" + "x" * 10000,
           ", ".join(f"type{i}/sub{i};q=0.{i % 10}" for i in range(2000)), "application/ld+json;profile=\"\\\"",
           "\u00ff/\u00fe"]
METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"]


def _ok(resp, what: object) -> None:
    assert resp.status_code < 500, (what, resp.status_code, resp.get_data(as_text=True)[:300])


@pytest.mark.parametrize("path", BAD_PATHS)
def test_bad_paths_and_parameters_never_get_a_5xx(web, path: str) -> None:
    _ok(web.get(path), path)
    _ok(web.get(path, headers={"Accept": "text/html"}), path)


def test_every_route_with_hostile_accept_headers(app, web) -> None:
    for path in _paths(app):
        for accept in ACCEPTS:
            _ok(web.get(path, headers={"Accept": accept}), (path, accept[:40]))


def test_every_route_with_every_method(app, web) -> None:
    for path in _paths(app):
        for method in METHODS:
            _ok(web.open(path, method=method, data=b"\xff\xfe garbage", content_type="application/x-www-form-urlencoded"),
                (method, path))


@pytest.mark.parametrize("body,ctype", [
    (b"\xff\xfe", "application/sparql-query"), (b"query=%FF", "application/x-www-form-urlencoded"),
    (b"query=" + b"%" * 3000, "application/x-www-form-urlencoded"), (b"ASK {}", "application/sparql-query; charset=latin-1"),
    (b"SELECT * WHERE { " + b"{ " * 3000 + b"}" * 3000 + b" }", "application/sparql-query"),
    (b"SELECT * WHERE { ?s ?p '" + "\u0000".encode() + b"' }", "application/sparql-query"),
    (b"ASK { <" + b"x" * 5000 + b"> ?p ?o }", "application/sparql-query"), (b"", "application/sparql-query"),
])
def test_hostile_query_bodies_never_get_a_5xx(web, body: bytes, ctype: str) -> None:
    _ok(web.post("/sparql", data=body, content_type=ctype), body[:40])


def test_the_routes_were_all_tried(app) -> None:
    paths = _paths(app)
    for expected in ("/sparql", "/id/organization/MONUSCO", "/.well-known/void", "/validation", "/download/", "/context.jsonld",
                     "/class/", "/read/", "/search", "/lang/"):
        assert any(p.startswith(expected) for p in paths), (expected, paths)
