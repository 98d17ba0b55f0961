"""One error handler, one JSON error shape: ``{"ok": false, "error": message, "status": code}``.

Requests that prefer HTML get a small HTML page (escaped); everything else gets the JSON shape,
so SPARQL clients and scripts can read the message.
"""

from __future__ import annotations

from flask import Flask, Response, jsonify, request
from markupsafe import escape
from werkzeug.exceptions import HTTPException

from ungraph.web.negotiation import prefers

__all__ = ["register", "wants_html", "error_response"]


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
    @app.errorhandler(HTTPException)
    def _http(e: HTTPException) -> Response:
        resp = error_response(e.code or 500, e.description or e.name)
        if e.code == 405 and e.get_response().headers.get("Allow"):
            resp.headers["Allow"] = e.get_response().headers["Allow"]
        return resp
