"""``/validation``: the SHACL report of the build being served (the named graph ``graph/validation``).

HTML for browsers (grouped by shape, every value escaped; each message in the interface language,
marked with the language it is in), JSON (``application/json``: ``message`` in English, ``messages``
by language) or an RDF graph (``text/turtle``, ``application/n-triples``) by ``Accept`` or ``?format=html|json|ttl|nt``.
A blueprint of its own in the routing table (:func:`ungraph.web.app.routes`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from flask import Blueprint, Response, jsonify, render_template, request

from ungraph import formats
from ungraph.validate import read_results
from ungraph.web import documents
from ungraph.shacl_messages import message_in
from ungraph.web.context import services
from ungraph.web.errors import error_response
from ungraph.web.negotiation import negotiate

__all__ = ["blueprint", "report_rows"]

blueprint = Blueprint("validation", __name__)

_SH = "http://www.w3.org/ns/shacl#"
#: The report graph's triples; a query, so it works on every read store (embedded or ``--backend``).
_GRAPH_QUERY = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


@dataclass(frozen=True)
class Row:
    """One result; ``message`` in English, ``messages`` every language's as sorted ``(lang, text)`` pairs."""

    severity: str
    shape: str
    focus: str
    path: str | None
    value: str | None
    message: str
    component: str
    messages: tuple[tuple[str, str], ...] = ()

    def message_in(self, lang: str) -> tuple[str, str]:
        """The message in ``lang`` (else English, else any) and its language; the component if none."""
        return message_in(self.messages, lang) if self.messages else (self.component, "")

    def as_json(self) -> dict[str, object]:
        return {"severity": self.severity, "shape": self.shape, "focus": self.focus, "path": self.path,
                "value": self.value, "message": self.message, "messages": dict(self.messages), "component": self.component}


def _plain(value: str | None) -> str | None:
    """A stored value for people: an IRI as it is, a literal without its quotes and tags."""
    if value is None or not value.startswith('"'):
        return value
    try:
        return next(iter(ox.parse(f"<x:s> <x:p> {value} .", format=ox.RdfFormat.N_TRIPLES))).object.value
    except (SyntaxError, StopIteration):
        return value


def report_rows(store, graph: str) -> list[Row]:
    """The results of the report in ``graph`` (read by :func:`ungraph.validate.read_results`), most severe
    first, then by shape and focus node; each with its messages in every language."""
    return [Row(r.severity, r.shape, r.focus, r.path, _plain(r.value), r.message, r.component.rsplit("#", 1)[-1],
                r.messages) for r in read_results(store, graph, graph.rsplit("/", 1)[0] + "/shapes")]


def _format() -> formats.Format | None:
    return negotiate(formats.offers("report"), request.headers.get("Accept"), param=request.args.get("format"))


@blueprint.route("/validation")
def validation() -> Response:
    graph = services.ns.base + "graph/validation"
    fmt = _format()
    if fmt is None:
        return error_response(406, "no acceptable format: " + ", ".join(f.media_type for f in formats.offers("report")))
    store = services.store
    if fmt.rdf is not None:
        triples = list(store.query(_GRAPH_QUERY, substitutions={ox.Variable("g"): ox.NamedNode(graph)}))
        resp = documents.rdf_response(sorted(triples, key=str), fmt, tag="validation", use="report")
    else:
        rows = report_rows(store, graph)
        counts = {s: sum(1 for r in rows if r.severity == s) for s in ("Violation", "Warning", "Info")}
        conforms_q = f"ASK {{ GRAPH <{graph}> {{ ?r <{_SH}conforms> true }} }}"
        conforms = bool(store.query(conforms_q))
        if fmt.name == "json-report":
            resp = jsonify({"conforms": conforms, "counts": {k.lower(): v for k, v in counts.items()},
                            "results": [r.as_json() for r in rows]})
        else:
            groups: dict[str, list[Row]] = {}
            for r in rows:
                groups.setdefault(r.shape, []).append(r)
            html = render_template("validation.html", conforms=conforms, counts=counts, groups=list(groups.items()),
                                   shapes=services.ns.base + "shapes")
            resp = Response(html, mimetype="text/html")
    resp.headers["Vary"] = "Accept"
    return resp
