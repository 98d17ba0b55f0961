"""Running SPARQL over a store: one function shared by the CLI and the web endpoint.

The default graph is the union of all graphs. Results are serialized with pyoxigraph:
SELECT/ASK as SPARQL JSON/XML/CSV/TSV, CONSTRUCT/DESCRIBE as Turtle/N-Triples/...

>>> import pyoxigraph as ox
>>> s = ox.Store()
>>> s.add(ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("1"), ox.NamedNode("http://x/g")))
>>> run_query(s, "SELECT ?o WHERE { ?s ?p ?o }", "csv")
b'o\\r\\n1\\r\\n'
"""

from __future__ import annotations

import pyoxigraph as ox

from ungraph.errors import FormatError, UngraphError

__all__ = ["QueryError", "RESULT_FORMATS", "GRAPH_FORMATS", "execute", "serialize", "run_query"]

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdf": ox.RdfFormat.RDF_XML,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
}


class QueryError(UngraphError):
    """The query does not parse (the message is the parser's)."""


def execute(store: ox.Store, query: str, *, base: str | None = None,
            default_graph: list[str] | None = None, named_graphs: list[str] | None = None,
            substitutions: dict | None = None):  # type: ignore[no-untyped-def]
    """Execute a query; the default graph is the union of all graphs unless ``default_graph`` is given."""
    kwargs: dict = {}
    if default_graph:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graph]
    else:
        kwargs["use_default_graph_as_union"] = True
    if named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    if substitutions:
        kwargs["substitutions"] = substitutions
    try:
        return store.query(query, base_iri=base, **kwargs)
    except SyntaxError as e:
        raise QueryError(f"query does not parse: {e}") from None


def serialize(results, fmt: str | None) -> bytes:  # type: ignore[no-untyped-def]
    """Serialize results of any query form; ``fmt`` None picks json or ttl."""
    if isinstance(results, (ox.QuerySolutions, ox.QueryBoolean)):
        fmt = fmt or "json"
        if fmt not in RESULT_FORMATS:
            raise FormatError(f"format {fmt!r} does not fit SELECT/ASK results (use json, xml, csv or tsv)")
        return results.serialize(format=RESULT_FORMATS[fmt])
    fmt = fmt or "ttl"
    if fmt not in GRAPH_FORMATS:
        raise FormatError(f"format {fmt!r} does not fit CONSTRUCT/DESCRIBE results (use ttl, nt, jsonld, rdf)")
    return results.serialize(format=GRAPH_FORMATS[fmt])


def run_query(store: ox.Store, query: str, fmt: str | None = None, *, base: str | None = None) -> bytes:
    return serialize(execute(store, query, base=base), fmt)
