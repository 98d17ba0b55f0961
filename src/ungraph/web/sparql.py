"""``/sparql``: the SPARQL 1.1 Protocol for queries, read-only (oxigraph's rules).

* GET ``?query=``; POST ``application/x-www-form-urlencoded`` with ``query=``; POST
  ``application/sparql-query``; any other body type -> 415.
* Any update, by any route -> 403. No query -> the service description.
* A query that does not parse -> 400 with the parser's message; no acceptable format -> 406.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, abort, request

from ungraph.errors import FormatError
from ungraph.sparql import QueryError, execute, serialize
from ungraph.web.context import services
from ungraph.web.errors import error_response

__all__ = ["blueprint"]

blueprint = Blueprint("sparql", __name__)

_RESULT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
_GRAPH_TYPES = {
    "text/turtle": "ttl", "application/n-triples": "nt", "application/ld+json": "jsonld",
    "application/rdf+xml": "rdf", "application/n-quads": "nq", "application/trig": "trig",
}
_MIME = {v: k for k, v in reversed(list({**_RESULT_TYPES, **_GRAPH_TYPES}.items()))}


def _pick(table: dict[str, str], default: str) -> str | None:
    fmt = request.args.get("format")
    if fmt:
        return fmt if fmt in table.values() else None
    if not request.accept_mimetypes or request.accept_mimetypes.best == "*/*":
        return default
    best = request.accept_mimetypes.best_match(list(table), default=None)
    return table[best] if best else None


def _query_text() -> tuple[str | None, dict[str, list[str]]]:
    if request.method == "GET":
        if "update" in request.args:
            abort(403, "this endpoint is read-only: SPARQL Update is refused")
        return request.args.get("query"), {k: request.args.getlist(k) for k in request.args}
    ctype = (request.mimetype or "").lower()
    if ctype == "application/x-www-form-urlencoded":
        form = request.form
        if "update" in form:
            abort(403, "this endpoint is read-only: SPARQL Update is refused")
        params = {k: form.getlist(k) for k in form} | {k: request.args.getlist(k) for k in request.args}
        return form.get("query"), params
    if ctype == "application/sparql-query":
        return request.get_data(as_text=True), {k: request.args.getlist(k) for k in request.args}
    if ctype == "application/sparql-update":
        abort(403, "this endpoint is read-only: SPARQL Update is refused")
    abort(415, f"unsupported body type {ctype or '(none)'}: use application/sparql-query or a form")


@blueprint.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    query, params = _query_text()
    if not query:
        return Response(_service_description(), mimetype="text/turtle")
    try:
        results = execute(services.store, query, base=services.settings.base,
                          default_graph=params.get("default-graph-uri"), named_graphs=params.get("named-graph-uri"))
    except QueryError as e:
        if "update" in str(e).lower() or query.lstrip().upper().startswith(("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE")):
            return error_response(403, "this endpoint is read-only: SPARQL Update is refused")
        return error_response(400, str(e))
    graph_result = isinstance(results, ox.QueryTriples)
    table = _GRAPH_TYPES if graph_result else _RESULT_TYPES
    fmt = _pick(table, "ttl" if graph_result else "json")
    if fmt is None:
        return error_response(406, "no acceptable result format; offer one of " + ", ".join(table))
    try:
        body = serialize(results, fmt)
    except FormatError as e:
        return error_response(406, str(e))
    return Response(body, mimetype=_MIME[fmt])


def _service_description() -> str:
    """A SPARQL 1.1 Service Description of this endpoint (Turtle)."""
    endpoint = request.base_url
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>, <http://www.w3.org/ns/formats/SPARQL_Results_XML>,
        <http://www.w3.org/ns/formats/SPARQL_Results_CSV>, <http://www.w3.org/ns/formats/SPARQL_Results_TSV>,
        <http://www.w3.org/ns/formats/Turtle>, <http://www.w3.org/ns/formats/N-Triples> ;
    sd:feature sd:UnionDefaultGraph .
"""
