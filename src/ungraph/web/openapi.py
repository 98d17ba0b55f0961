"""``/openapi.json``: an OpenAPI 3.1 description of the HTTP API, built from one table of operations.

:data:`OPERATIONS` has a plain record per route of :func:`ungraph.web.app.routes` (the path in
Flask's syntax, its methods, parameters, the use of :mod:`ungraph.formats` whose media types it
answers with, and the status codes it can give); :func:`document` turns it into the OpenAPI
document. ``tests/web/test_openapi.py`` checks that it lists exactly the rules of the app's URL map,
and the fuzzer (``tests/web/test_fuzz.py``, schemathesis) checks the server against it: no 5xx, only
the documented status codes and media types, error bodies of the documented shape.

Every error is one shape (:mod:`ungraph.web.errors`): JSON ``{"ok": false, "error", "status"}``, or a
small HTML page for browsers. Every route may also answer 429 (fair use, with ``Retry-After``) and
503 (a remote backend down, or a query past the time limit). The home page links here, and its
``Link`` header says ``rel="service-desc"`` (RFC 8631).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, Response, jsonify, request

from ungraph import __version__, formats

__all__ = ["OPERATIONS", "PATH", "Operation", "Param", "blueprint", "document", "openapi_path"]

blueprint = Blueprint("openapi", __name__)

PATH = "/openapi.json"
MEDIA_TYPE = "application/openapi+json"


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    schema: dict[str, Any] = field(default_factory=lambda: {"type": "string"})
    where: str = "query"
    required: bool = False


@dataclass(frozen=True)
class Operation:
    path: str  #: the rule, in Flask's syntax (``/id/<path:rest>``)
    summary: str
    methods: tuple[str, ...] = ("GET",)
    params: tuple[Param, ...] = ()
    #: what a 200 answers with: a use of :mod:`ungraph.formats`, or media types
    ok: tuple[str, ...] = ("text/html",)
    statuses: tuple[int, ...] = ()  #: error codes besides 429 and 503
    ok_schema: dict[str, Any] | None = None  #: the JSON schema of a 200's ``application/json`` body
    redirect: bool = False  #: answers 303 (and 304 for conditional GETs when ``conditional``)
    conditional: bool = False
    body: bool = False  #: POST takes a SPARQL query body or a form
    json_body: bool = False  #: POST takes a JSON object (the reconciliation API's 1.0 draft)


def _uses(*uses: str) -> tuple[str, ...]:
    """Every media type the formats of ``uses`` can be served as."""
    return tuple(formats.media_types([f for use in uses for f in formats.offers(use)]))


_FORMAT = Param("format", "A format name or media type instead of `Accept` (e.g. `ttl`, `jsonld`).")
_LANG = Param("lang", "Interface language of the labels.", {"type": "string", "enum": ["en", "zh"]})
_Q = Param("q", "Search text (Chinese or English).")
_JSON_OBJECT: dict[str, Any] = {"type": "object"}
_PAGE = Param("page", "Page number, from 1 (out-of-range values are clamped).")
_KIND = Param("kind", "Only entities of this class (a CURIE such as `ug:PeaceOperation`).")
_CHAPTER = Param("chapter", "Only this chapter (its number).")
_RESOURCE = Param("rest", "The rest of the IRI's path.", where="path", required=True)
_PREFIX = Param("prefix", "The typed prefix.")

#: One record per route (methods HEAD and OPTIONS, which Flask adds, are not listed).
OPERATIONS: tuple[Operation, ...] = (
    Operation("/health", "Readiness: the store answers and the query workers are alive (200) or not (503).",
              ok=("application/json",), ok_schema={"type": "object", "required": ["ok"]}),
    Operation(PATH, "This description of the HTTP API (OpenAPI 3.1).", ok=(MEDIA_TYPE, "application/json"),
              ok_schema=_JSON_OBJECT),
    Operation("/context.jsonld", "The JSON-LD context of every JSON-LD document of this server.",
              ok=("application/ld+json",), conditional=True),
    Operation("/sparql", "The SPARQL 1.1 Protocol for queries (read-only). Without a query: the Service "
                         "Description (RDF clients) or the query page (browsers).",
              methods=("GET", "POST"), body=True,
              params=(Param("query", "A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE)."),
                      Param("default-graph-uri", "An IRI of a named graph to use as the default graph."),
                      Param("named-graph-uri", "An IRI of a named graph to make available with GRAPH."),
                      Param("format", "A result format name instead of `Accept` (json, xml, csv, tsv, ttl, ...).")),
              ok=("text/html", *_uses("bindings", "graph", "description")), statuses=(400, 403, 406, 413, 414, 415),
              conditional=True),
    Operation("/.well-known/void", "The VoID description of the dataset (RDF, or a page for browsers).",
              params=(_FORMAT,), ok=("text/html", *_uses("description")), statuses=(406,), conditional=True),
    Operation("/validation", "The SHACL validation report of the build.", params=(_FORMAT,),
              ok=_uses("report"), statuses=(406,), conditional=True),
    Operation("/download/", "The list of dumps (JSON, or a page for browsers).", ok=("application/json", "text/html"),
              ok_schema=_JSON_OBJECT),
    Operation("/download/<name>", "A dump of the build, as `ungraph build` wrote it.",
              params=(Param("name", "The file name (listed at /download/).", where="path", required=True),),
              ok=("application/octet-stream", *_uses("dump"), "application/gzip"), statuses=(404,), conditional=True),
    Operation("/", "The home page.", params=(_LANG,)),
    Operation("/lang/<code>", "Set the interface language (a cookie) and go back to `next`.",
              params=(Param("code", "The language.", {"type": "string"}, where="path", required=True),
                      Param("next", "A path on this site to go back to.")), statuses=(404,), redirect=True, ok=()),
    Operation("/class/", "Every kind of entity, with counts."),
    Operation("/class/<path:curie>", "The entities of a class, paged, sortable and searchable.",
              params=(Param("curie", "The class as a CURIE (`ug:PeaceOperation`).", where="path", required=True),
                      _Q, Param("sort", "A column to sort by."), _PAGE), statuses=(404,)),
    Operation("/read/<path:rest>", "The report's reader, one top-level part a page (a deeper part redirects to "
                                   "its anchor).", params=(_RESOURCE,), statuses=(404,), redirect=True),
    Operation("/search", "Full-text search over labels and the report (a page).",
              params=(_Q, _KIND, _CHAPTER, Param("terms", "`1` to include ontology terms."), _PAGE)),
    Operation("/api/search", "Full-text search (JSON).",
              params=(_Q, _KIND, _CHAPTER, Param("terms", "`1` to include ontology terms."),
                      Param("offset", "Results to skip."), Param("limit", "Results to return (1-100).")),
              ok=("application/json",), ok_schema=_JSON_OBJECT),
    Operation("/reconcile", "The W3C Reconciliation Service API: the manifest, or the answers to `queries` / "
                            "`extend` (JSON).", methods=("GET", "POST"),
              params=(Param("queries", "A JSON object of reconciliation queries."),
                      Param("extend", "A JSON data-extension query."),
                      Param("callback", "A JSONP callback name.")),
              ok=("application/json", "application/javascript"), statuses=(400,)),
    Operation("/reconcile/suggest/entity", "Entity suggestions for a prefix.", params=(_PREFIX,),
              ok=("application/json", "application/javascript")),
    Operation("/reconcile/suggest/type", "Type suggestions for a prefix.", params=(_PREFIX,),
              ok=("application/json", "application/javascript")),
    Operation("/reconcile/suggest/property", "Property suggestions for a prefix.", params=(_PREFIX,),
              ok=("application/json", "application/javascript")),
    Operation("/reconcile/properties", "Properties proposed for data extension.",
              params=(Param("type", "The type of the entities."), Param("limit", "How many.")),
              ok=("application/json", "application/javascript")),
    Operation("/reconcile/preview", "A small HTML preview of an entity.",
              params=(Param("id", "The entity's id."), Param("lang", "en or zh.")), statuses=(400, 404),
              ok=("text/html",)),
    Operation("/reconcile/1.0-draft", "The Reconciliation Service API, 1.0 draft: the manifest (JSON).",
              ok=("application/json",), ok_schema=_JSON_OBJECT),
    Operation("/reconcile/1.0-draft/match", "Reconciliation queries, 1.0 draft: POST `{\"queries\": [...]}` "
                                           "(GET answers 405).",
              methods=("GET", "POST"), json_body=True, ok=("application/json",), ok_schema=_JSON_OBJECT,
              statuses=(400, 405)),
    Operation("/reconcile/1.0-draft/extend", "Data extension, 1.0 draft: POST `{\"ids\": [...], \"properties\": "
                                            "[...]}` (GET answers 405).",
              methods=("GET", "POST"), json_body=True, ok=("application/json",), ok_schema=_JSON_OBJECT,
              statuses=(400, 405)),
    Operation("/reconcile/1.0-draft/extend/propose", "Properties proposed for data extension, 1.0 draft.",
              params=(Param("type", "The type of the entities."), Param("limit", "How many.")),
              ok=("application/json",), ok_schema=_JSON_OBJECT, statuses=(400,)),
    Operation("/reconcile/1.0-draft/suggest/entity", "Entity suggestions for a prefix, 1.0 draft.",
              params=(_PREFIX, Param("limit", "How many.")), ok=("application/json",), ok_schema=_JSON_OBJECT,
              statuses=(400,)),
    Operation("/reconcile/1.0-draft/suggest/type", "Type suggestions for a prefix, 1.0 draft.",
              params=(_PREFIX, Param("limit", "How many.")), ok=("application/json",), ok_schema=_JSON_OBJECT,
              statuses=(400,)),
    Operation("/reconcile/1.0-draft/suggest/property", "Property suggestions for a prefix, 1.0 draft.",
              params=(_PREFIX, Param("limit", "How many.")), ok=("application/json",), ok_schema=_JSON_OBJECT,
              statuses=(400,)),
    Operation("/reconcile/1.0-draft/preview", "A small HTML preview of an entity, 1.0 draft.",
              params=(Param("id", "The entity's id."), Param("lang", "en or zh.")), statuses=(400, 404),
              ok=("text/html",)),
    Operation("/timeline", "The events of the report on a timeline.", params=(_KIND, _CHAPTER), statuses=(400,)),
    Operation("/api/timeline", "The timeline's data (JSON).", params=(_LANG, _KIND, _CHAPTER),
              ok=("application/json",), ok_schema=_JSON_OBJECT, statuses=(400,)),
    Operation("/map", "The countries the report names, on a map.",
              params=(Param("country", "An ISO 3166-1 alpha-3 or M49 code to select."),), statuses=(400,)),
    Operation("/api/map", "The map's data (JSON).",
              params=(_LANG, Param("country", "An ISO 3166-1 alpha-3 or M49 code.")),
              ok=("application/json",), ok_schema=_JSON_OBJECT, statuses=(400,)),
    Operation("/charts", "The report's figures as charts."),
    Operation("/api/charts", "The charts' data (JSON).", params=(_LANG,), ok=("application/json",),
              ok_schema=_JSON_OBJECT, statuses=(400,)),
    Operation("/id/<path:rest>", "An entity: its page (browsers) or its RDF (by `Accept` or `format`).",
              params=(_RESOURCE, _FORMAT), ok=_uses("document"), statuses=(404, 406), conditional=True),
    Operation("/ontology", "The ontology: documentation (browsers; `view=lode` for pyLODE's) or RDF.",
              params=(_FORMAT, Param("view", "`lode` for pyLODE's documentation.")), ok=_uses("document"),
              statuses=(404, 406), conditional=True),
    Operation("/shapes", "The SHACL shapes: a page or RDF.", params=(_FORMAT,), ok=_uses("document"),
              statuses=(404, 406), conditional=True),
    Operation("/static/<path:filename>", "The site's static files (style, scripts, vendored libraries).",
              params=(Param("filename", "The file's path.", where="path", required=True),),
              ok=("text/css", "text/javascript", "application/javascript", "application/json", "image/svg+xml",
                  "image/png", "text/plain", "application/octet-stream"), statuses=(404,), conditional=True),
    Operation("/<path:rest>", "Any other IRI under the base the graph knows (graph names, validation results...).",
              params=(_RESOURCE, _FORMAT), ok=_uses("document"), statuses=(404, 406), conditional=True),
)

_ERROR_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["ok", "error", "status"],
    "properties": {"ok": {"const": False}, "error": {"type": "string"}, "status": {"type": "integer"}},
}
_REASONS = {200: "OK", 303: "See Other (a redirect)", 304: "Not Modified (the same build)", 400: "Bad Request",
            403: "Forbidden (an update or SERVICE)", 404: "Not Found", 405: "Method Not Allowed",
            406: "Not Acceptable (no format fits `Accept` or `format`)", 413: "Request body too large",
            414: "Query string too long", 415: "Unsupported body type",
            429: "Too Many Requests (fair use; see `Retry-After`)", 500: "Internal error (logged with the request id)",
            503: "Unavailable: a query past the time limit or a backend down (see `Retry-After`)"}


def openapi_path(rule: str) -> str:
    """A Flask rule in OpenAPI's path template syntax.

    >>> openapi_path("/class/<path:curie>"), openapi_path("/lang/<code>")
    ('/class/{curie}', '/lang/{code}')
    """
    return re.sub(r"<(?:[a-z]+:)?([A-Za-z_]+)>", r"{\1}", rule)


def _error(code: int) -> dict[str, Any]:
    return {"description": _REASONS[code],
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}, "text/html": {}}}


def _operation(op: Operation, method: str) -> dict[str, Any]:
    params = [{"name": p.name, "in": p.where, "required": p.required or p.where == "path", "description": p.description,
               "schema": p.schema} for p in op.params]
    responses: dict[str, Any] = {}
    if op.ok:
        responses["200"] = {"description": "OK", "content": {
            m: ({"schema": op.ok_schema} if op.ok_schema and m in ("application/json", MEDIA_TYPE) else {})
            for m in op.ok}}
    if op.redirect:
        responses["303"] = {"description": _REASONS[303]}
    if op.conditional and method == "GET":
        responses["304"] = {"description": _REASONS[304]}
    codes = sorted({*op.statuses, 429, 500, 503} | ({405} if op.methods == ("GET",) else set()))
    for code in codes:
        responses[str(code)] = _error(code)
    out: dict[str, Any] = {"summary": op.summary, "operationId": f"{method.lower()}{openapi_path(op.path)}",
                           "parameters": params, "responses": responses}
    if op.path == "/sparql" and method == "POST":
        out["parameters"] = [p for p in params if p["name"] != "query"]
        out["requestBody"] = {"required": True, "content": {
            "application/sparql-query": {"schema": {"type": "string"}},
            "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
                "query": {"type": "string"}, "default-graph-uri": {"type": "string"},
                "named-graph-uri": {"type": "string"}}}}}}
    elif method == "POST" and op.json_body:
        out["requestBody"] = {"required": True, "content": {"application/json": {"schema": {"type": "object"}}}}
    elif method == "POST":
        out["requestBody"] = {"required": False, "content": {"application/x-www-form-urlencoded": {"schema": {
            "type": "object", "properties": {p.name: {"type": "string"} for p in op.params}}}}}
    return out


def document(server: str = "/") -> dict[str, Any]:
    """The OpenAPI 3.1 document, with ``server`` as its one server URL."""
    paths: dict[str, Any] = {}
    for op in OPERATIONS:
        paths[openapi_path(op.path)] = {m.lower(): _operation(op, m) for m in op.methods}
    return {
        "openapi": "3.1.0",
        "info": {"title": "ungraph", "version": __version__,
                 "description": "A linked-data edition of the UN Secretary-General's report A/78/1: a read-only "
                                "SPARQL endpoint, entity pages with content negotiation, search, reconciliation, "
                                "views and dumps. Fair use: per-client request and query-time budgets (429 with "
                                "`Retry-After`)."},
        "servers": [{"url": server}],
        "paths": paths,
        "components": {"schemas": {"Error": _ERROR_SCHEMA}},
    }


@blueprint.route(PATH, methods=["GET"])
def openapi_document() -> Response:
    resp = jsonify(document(request.url_root))
    resp.headers["Access-Control-Allow-Origin"] = "*"
    resp.headers["Cache-Control"] = "public, max-age=3600"
    return resp


@blueprint.after_app_request
def _service_desc(resp: Response) -> Response:
    """The home page's ``Link`` to this description (RFC 8631 ``service-desc``)."""
    if request.path == "/":
        link = f'<{request.script_root}{PATH}>; rel="service-desc"; type="{MEDIA_TYPE}"'
        resp.headers["Link"] = f"{resp.headers['Link']}, {link}" if resp.headers.get("Link") else link
    return resp
