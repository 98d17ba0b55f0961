"""One error handler, one JSON error shape: ``{"ok": false, "error": message, "status": code}``.

Requests that prefer HTML get a small HTML page (escaped); everything else gets the JSON shape,
so SPARQL clients and scripts can read the message. Every request has an id (``X-Request-Id``,
:func:`request_id`); an unexpected exception is logged with it and answered 500 with that id and no
stack trace; a remote backend that is down or slow is a 503 with ``Retry-After`` on every page.

A request id made here is ``{process}-{n}``: 12 random hex digits drawn once per server process
(again in a forked child) and a counter, so it is unique across the processes of a server and its
restarts without drawing 16 random bytes per request as ``uuid4`` did; the prefix also tells which
server process answered (``tests/web/test_faults.py``).
"""

from __future__ import annotations

import itertools
import logging
import os
import secrets

from flask import Flask, Response, g, has_request_context, jsonify, request
from markupsafe import escape
from werkzeug.exceptions import HTTPException

from ungraph.web.negotiation import prefers

__all__ = ["register", "wants_html", "error_response", "request_id"]

log = logging.getLogger("ungraph.web")


class _Ids:
    """``{prefix}-{counter}`` ids; the prefix is drawn again after a fork (granian forks its workers)."""

    def __init__(self) -> None:
        self.renew()

    def renew(self) -> None:
        self.prefix = secrets.token_hex(6)
        self.counter = itertools.count(1)  # next() on it is atomic under the GIL

    def next(self) -> str:
        return f"{self.prefix}-{next(self.counter):x}"


_ids = _Ids()
os.register_at_fork(after_in_child=_ids.renew)


def request_id() -> str:
    """The id of the current request (the client's ``X-Request-Id`` when it is short and plain)."""
    if not has_request_context():
        return "-"
    rid = getattr(g, "request_id", None)
    if rid is None:
        given = request.headers.get("X-Request-Id", "")
        rid = given if 0 < len(given) <= 64 and given.replace("-", "").isalnum() else _ids.next()
        g.request_id = rid
    return rid


def wants_html() -> bool:
    """True when the client prefers HTML to JSON (a browser); scripts and RDF clients get JSON."""
    return prefers(request.headers.get("Accept"), "text/html", "application/json")


def error_response(status: int, message: str) -> Response:
    if wants_html():
        body = (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{status}</title></head>"
                f"<body><h1>{status}</h1><p>{escape(message)}</p><p><a href=\"/\">ungraph home</a></p></body></html>")
        resp = Response(body, status=status, mimetype="text/html")
    else:
        resp = jsonify(ok=False, error=message, status=status)
        resp.status_code = status
    resp.headers["X-Content-Type-Options"] = "nosniff"
    return resp


def register(app: Flask) -> None:
    from ungraph.backend import BackendError, BackendTimeout

    @app.errorhandler(HTTPException)
    def _http(e: HTTPException) -> Response:
        resp = error_response(e.code or 500, e.description or e.name)
        if e.code == 405 and e.get_response().headers.get("Allow"):
            resp.headers["Allow"] = e.get_response().headers["Allow"]
        return resp

    @app.errorhandler(BackendError)
    def _backend(e: BackendError) -> Response:
        kind = "did not answer in time" if isinstance(e, BackendTimeout) else "is unavailable"
        log.warning("backend %s (request %s): %s", kind, request_id(), e)
        resp = error_response(503, f"the SPARQL backend {kind}; try again shortly")
        resp.headers["Retry-After"] = "5"
        return resp

    @app.errorhandler(Exception)
    def _internal(e: Exception) -> Response:
        log.exception("internal error (request %s) on %s %s", request_id(), request.method, request.path)
        return error_response(500, f"internal error (request id {request_id()}); it was logged")
