"""The app's response class (``ungraph.web.body``): bodies in memory reach the WSGI server as one list,
the rest keeps werkzeug's iterator, and what the client gets is the same."""

from __future__ import annotations

from werkzeug.test import create_environ

from ungraph.web.body import Response


def _app_iter(app, path: str, method: str = "GET", **headers: str):
    environ = create_environ(path, method=method, headers=headers)
    got = {}

    def start_response(status, response_headers, exc_info=None):
        got["status"] = status

    rv = app.wsgi_app(environ, start_response)
    return got["status"], rv


def test_pages_answers_and_errors_are_handed_over_as_one_list(sample_app) -> None:
    for path, accept in (("/health", "application/json"), ("/id/organization/MONUSCO", "text/turtle"),
                         ("/sparql?query=ASK%7B%7D", "application/sparql-results+json"), ("/no/such", "text/html")):
        status, rv = _app_iter(sample_app, path, Accept=accept)
        assert type(rv) is list and len(rv) == 1 and rv[0], (path, status)
        assert rv[0] == sample_app.test_client().get(path, headers={"Accept": accept}).data


def test_head_and_not_modified_have_no_body(sample_app) -> None:
    status, rv = _app_iter(sample_app, "/health", method="HEAD")
    assert status.startswith("200") and list(rv) == []
    etag = sample_app.test_client().get("/id/organization/MONUSCO", headers={"Accept": "text/turtle"}).headers["ETag"]
    status, rv = _app_iter(sample_app, "/id/organization/MONUSCO", Accept="text/turtle", **{"If-None-Match": etag})
    assert status.startswith("304") and list(rv) == []


def test_a_download_keeps_werkzeug_s_iterator(sample_app, tmp_path) -> None:
    status, rv = _app_iter(sample_app, "/download/")
    assert status.startswith("200")
    closed = []
    resp = Response(b"x")
    resp.call_on_close(lambda: closed.append(True))  # callbacks need werkzeug's ClosingIterator
    rv = resp.get_app_iter(create_environ())
    assert type(rv) is not list
    rv.close()
    assert closed == [True]
