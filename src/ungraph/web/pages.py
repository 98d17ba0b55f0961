"""Pages: the home page and every IRI under the base, with content negotiation.

``/id/<kind>/<key>`` answers with the resource's description: HTML for browsers, Turtle,
N-Triples or JSON-LD for RDF clients (``Accept`` or ``?format=``), ``Vary: Accept``;
unknown IRIs get 404. ``/ontology`` serves the ontology the same way.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, render_template, request

from ungraph.web.context import services
from ungraph.web.errors import error_response

__all__ = ["blueprint"]

blueprint = Blueprint("pages", __name__, template_folder="templates")

_RDF = {"text/turtle": "ttl", "application/n-triples": "nt", "application/ld+json": "jsonld"}
_RDF_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
_MIME = {v: k for k, v in _RDF.items()}

_COUNT = """SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"""
_DESCRIBE = """SELECT ?iri ?s ?p ?o WHERE { { ?iri ?p ?o BIND(?iri AS ?s) } UNION { ?s ?p ?iri BIND(?iri AS ?o) } }"""


def _negotiate() -> str | None:
    fmt = request.args.get("format")
    if fmt in _RDF_FORMATS:
        return fmt
    best = request.accept_mimetypes.best_match(["text/html", *_RDF], default="text/html")
    return None if best == "text/html" else _RDF[best]


def _triples(iri: str) -> list[ox.Triple]:
    node = ox.NamedNode(iri)
    rows = services.store.query(_DESCRIBE, use_default_graph_as_union=True,
                                substitutions={ox.Variable("iri"): node})
    return sorted({ox.Triple(r["s"], r["p"], r["o"]) for r in rows}, key=str)  # type: ignore[index]


@blueprint.route("/")
def home() -> str:
    n = next(iter(services.store.query(_COUNT, use_default_graph_as_union=True)))["n"].value  # type: ignore[index]
    return render_template("index.html", triples=n, base=services.settings.base)


@blueprint.route("/id/<path:rest>")
@blueprint.route("/ontology", defaults={"rest": None})
def resource(rest: str | None) -> Response:
    iri = services.ns.base + ("id/" + rest if rest else "ontology")
    triples = _triples(iri)
    if not triples:
        return error_response(404, f"no resource {iri} in this graph")
    fmt = _negotiate()
    if fmt is None:
        html = render_template("resource.html", iri=iri, triples=[t for t in triples if t.subject.value == iri],
                               inverse=[t for t in triples if t.subject.value != iri])
        resp = Response(html, mimetype="text/html")
    else:
        resp = Response(ox.serialize(triples, format=_RDF_FORMATS[fmt], **(
            {"prefixes": services.ns.prefixes} if fmt == "ttl" else {})), mimetype=_MIME[fmt])
    resp.headers["Vary"] = "Accept"
    return resp
