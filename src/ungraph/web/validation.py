"""``/validation``: the SHACL report of the build being served (the named graph ``graph/validation``).

HTML for browsers (grouped by shape, every value escaped), JSON (``application/json``) or an RDF
graph (``text/turtle``, ``application/n-triples``) by ``Accept`` or ``?format=html|json|ttl|nt``.
A blueprint of its own in the routing table (:func:`ungraph.web.app.routes`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from flask import Blueprint, Response, jsonify, render_template, request

from ungraph import formats
from ungraph.web import documents
from ungraph.web.context import services
from ungraph.web.errors import error_response
from ungraph.web.negotiation import negotiate

__all__ = ["blueprint", "report_rows"]

blueprint = Blueprint("validation", __name__)

_SH = "http://www.w3.org/ns/shacl#"
_QUERY = """PREFIX sh: <http://www.w3.org/ns/shacl#>
SELECT ?g ?sg ?focus ?severity ?shape ?source ?path ?value ?message ?component WHERE {
  GRAPH ?g {
    ?r a sh:ValidationResult ; sh:focusNode ?focus ; sh:resultSeverity ?severity ; sh:sourceShape ?source .
    OPTIONAL { ?r sh:resultPath ?path } OPTIONAL { ?r sh:value ?value } OPTIONAL { ?r sh:resultMessage ?message }
    OPTIONAL { ?r sh:sourceConstraintComponent ?component }
  }
  OPTIONAL { GRAPH ?sg { { ?shape sh:property ?source } UNION { ?shape sh:sparql ?source } } }
}"""


#: The report graph's triples; a query, so it works on every read store (embedded or ``--backend``).
_GRAPH_QUERY = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


@dataclass(frozen=True)
class Row:
    severity: str
    shape: str
    focus: str
    path: str | None
    value: str | None
    message: str
    component: str


def _text(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str | None:
    if term is None:
        return None
    return term.value if not isinstance(term, ox.Literal) else str(term.value)


def report_rows(store: ox.Store, graph: str) -> list[Row]:
    """The results of the report in ``graph``, most severe first, then by shape and focus node."""
    rows = set()
    bindings = {ox.Variable("g"): ox.NamedNode(graph), ox.Variable("sg"): ox.NamedNode(graph.rsplit("/", 1)[0] + "/shapes")}
    for r in store.query(_QUERY, substitutions=bindings):  # type: ignore[union-attr]
        severity = r["severity"].value.rsplit("#", 1)[-1]  # type: ignore[index]
        shape = r["shape"] or r["source"]  # type: ignore[index]
        rows.add(Row(severity, shape.value, r["focus"].value, _text(r["path"]), _text(r["value"]),  # type: ignore[index]
                     _text(r["message"]) or "", (_text(r["component"]) or "").rsplit("#", 1)[-1]))  # type: ignore[index]
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    return sorted(rows, key=lambda x: (order.get(x.severity, 3), x.shape, x.focus, x.path or "", x.message))


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
                            "results": [r.__dict__ for r in rows]})
        else:
            groups: dict[str, list[Row]] = {}
            for r in rows:
                groups.setdefault(r.shape, []).append(r)
            html = render_template("validation.html", conforms=conforms, counts=counts, groups=list(groups.items()),
                                          shapes=services.ns.base + "shapes")
            resp = Response(html, mimetype="text/html")
    resp.headers["Vary"] = "Accept"
    return resp
