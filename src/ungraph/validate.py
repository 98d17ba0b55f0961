"""SHACL validation: ``validate_graph(data, base) -> ValidationResult``, with pyshacl, or with the Rust
``shacl`` (:mod:`ungraph.shacl_rust`) past :data:`RUST_FROM_QUADS` quads (``UNGRAPH_SHACL`` forces either).

The shapes are every ``*.ttl`` file in ``shapes/`` (relative IRIs, parsed against the base
like the ontology). The data is validated as a pyoxigraph store (pyshacl 0.40 runs its
SPARQL on oxigraph directly: see ``benchmarks/validation/README.md`` for why), with the
ontology added so that ``sh:targetClass`` and ``sh:class`` follow ``rdfs:subClassOf``; no
inference. The result is a graph plus sorted text (pySHACL style), built from plain
:class:`Result` records so that it is deterministic: no blank nodes, no timestamps. The exit
codes of ``ungraph validate`` are a contract: 0 conforms, 1 does not conform, 2 error.

>>> base = "http://x.test/"
>>> result = validate_graph([], base)
>>> result.conforms, result.results
(True, ())
>>> result.report_text.splitlines()[0]
'Conforms: yes (0 violations, 0 warnings, 0 infos)'
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, RDFS, SH, XSD

from ungraph import paths
from ungraph.shacl_messages import message_in, result_messages
from ungraph.terms import term_value

if TYPE_CHECKING:
    from ungraph.config import Settings
    from ungraph.store import ReadStore

__all__ = [
    "Result", "ValidationResult", "shapes_dir", "shapes_turtle", "load_shapes", "validate_graph",
    "validate_store", "validate_path", "as_rdflib_graph", "report_quads", "shapes_quads", "SEVERITIES",
    "read_results", "ENGINES", "RUST_FROM_QUADS", "engine_for",
    "message_in",
]

#: Severity local names, most severe first.
SEVERITIES = ("Violation", "Warning", "Info")
_SH = str(SH)
_LABELS = ("http://www.w3.org/2004/02/skos/core#prefLabel", str(RDFS.label), "http://xmlns.com/foaf/0.1/name",
           "http://purl.org/dc/terms/title", "http://www.w3.org/ns/oa#exact", "https://schema.org/text")


@dataclass(frozen=True)
class Result:
    """One SHACL result, engine-independent. Terms are IRIs or N-Triples-like literals.

    ``shape`` is the named node shape the result belongs to (``…shapes#ChapterShape``);
    ``source_shape`` the (property) shape that raised it. ``message`` is the English message (the
    text report's, and the key's); ``messages`` every language's, as sorted ``(lang, text)`` pairs.
    """

    severity: str
    shape: str
    focus: str
    path: str | None
    value: str | None
    message: str
    component: str
    source_shape: str
    focus_label: str | None = field(default=None, compare=False)
    messages: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def message_in(self, lang: str) -> tuple[str, str]:
        """The message in ``lang`` (else English, else any) and the language it is in."""
        return message_in(self.messages or (("en", self.message),), lang)

    def key(self) -> str:
        """A stable 16-hex-digit key: the skolem IRI of the result is ``{base}validation/result/{key}``."""
        raw = "\x1f".join((self.severity, self.source_shape, self.component, self.focus, self.path or "",
                           self.value or "", self.message))
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class ValidationResult:
    conforms: bool
    report_graph: rdflib.Graph
    report_text: str
    results: tuple[Result, ...] = ()

    def count(self, severity: str) -> int:
        return sum(1 for r in self.results if r.severity == severity)

    def render(self, fmt: str = "text") -> str:
        """The report as ``text`` (sorted, for people), ``ttl`` (Turtle) or ``json`` (plain records)."""
        if fmt == "ttl":
            return self.report_graph.serialize(format="turtle")
        if fmt == "json":
            return json.dumps(self.as_json(), ensure_ascii=False, indent=2)
        return self.report_text

    def as_json(self) -> dict[str, object]:
        return {"conforms": self.conforms, "counts": {s.lower(): self.count(s) for s in SEVERITIES},
                "results": [{"severity": r.severity, "shape": r.shape, "focus": r.focus, "label": r.focus_label,
                             "path": r.path, "value": r.value, "message": r.message, "messages": dict(r.messages),
                             "component": r.component, "sourceShape": r.source_shape} for r in self.results]}


# --- shapes ----------------------------------------------------------------------------------

def shapes_dir() -> Path:
    """``shapes/``, as package data (:func:`ungraph.paths.shapes_dir`)."""
    return paths.shapes_dir()


def _local(iri: rdflib.term.Node | str) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1] or "x"


def _canonical(g: rdflib.Graph, node: rdflib.term.Node, depth: int = 4) -> str:
    """A content string for a blank node (its properties, nested blank nodes to ``depth``): a stable sort key."""
    if not isinstance(node, rdflib.BNode):
        return node.n3()
    if depth == 0:
        return "[]"
    return "[" + " ".join(sorted(f"{p.n3()} {_canonical(g, o, depth - 1)}" for p, o in g.predicate_objects(node))) + "]"


def _skolemise_shapes(g: rdflib.Graph) -> None:
    """Name every blank node, deterministically, so that reports and dumps have none.

    A property shape under a named shape becomes ``{shape}-{local name of sh:path}``; a SPARQL
    constraint ``{shape}-sparql``; anything else (lists, targets, nested shapes)
    ``{parent}-{local name of the predicate}``; a number is added when names collide.
    """
    names: dict[rdflib.term.Node, rdflib.URIRef] = {}  # blank node -> its name
    taken: set[str] = set()

    def name_children(parent: rdflib.term.Node, parent_name: str) -> None:
        children = [(p, o) for p, o in g.predicate_objects(parent) if isinstance(o, rdflib.BNode) and o not in names]
        for p, child in sorted(children, key=lambda po: (str(po[0]), _canonical(g, po[1]))):
            if child in names:
                continue
            if p == SH.property:
                stem = f"{parent_name}-{_local(g.value(child, SH.path) or 'property')}"
            elif p == RDF.rest:
                stem = f"{parent_name}r"
            elif p == RDF.first:
                stem = f"{parent_name}f"
            else:
                stem = f"{parent_name}-{_local(p)}"
            name, n = stem, 1
            while name in taken:
                n += 1
                name = f"{stem}-{n}"
            taken.add(name)
            names[child] = rdflib.URIRef(name)
            name_children(child, name)

    for subject in sorted({s for s in g.subjects() if isinstance(s, rdflib.URIRef)}):
        taken.add(str(subject))
    for subject in sorted({s for s in g.subjects() if isinstance(s, rdflib.URIRef)}):
        name_children(subject, str(subject))
    for triple in list(g):
        s, p, o = triple
        if s in names or o in names:
            g.remove(triple)
            g.add((names.get(s, s), p, names.get(o, o)))


@lru_cache(maxsize=8)
def _shapes_cached(base: str) -> rdflib.Graph:
    g = rdflib.Graph()
    g.bind("ugs", base + "shapes#")
    g.bind("ug", base + "ontology#")
    for path in sorted(shapes_dir().glob("*.ttl")):
        g.parse(path, format="turtle", publicID=base)
    for s, ns in list(g.subject_objects(SH.namespace)):
        if isinstance(ns, rdflib.Literal) and "://" not in str(ns):  # relative: resolve against the base
            g.set((s, SH.namespace, rdflib.Literal(base + str(ns), datatype=XSD.anyURI)))
    _skolemise_shapes(g)
    return g


def load_shapes(base: str) -> rdflib.Graph:
    """The shapes graph at ``base``: relative IRIs and ``sh:namespace`` values resolved, property shapes named.

    >>> g = load_shapes("http://x.test/")
    >>> (rdflib.URIRef("http://x.test/shapes#ChapterShape"), RDF.type, SH.NodeShape) in g
    True
    """
    copy = rdflib.Graph()
    src = _shapes_cached(base)
    for prefix, ns in src.namespaces():
        copy.bind(prefix, ns, override=True)
    for triple in src:
        copy.add(triple)
    return copy


@lru_cache(maxsize=8)
def shapes_turtle(base: str) -> str:
    """The shapes graph at ``base`` as Turtle (what ``{base}shapes`` serves)."""
    return _shapes_cached(base).serialize(format="turtle")


def shapes_quads(base: str) -> list[ox.Quad]:
    """The shapes as sorted quads in the named graph ``{base}graph/shapes`` (published at ``{base}shapes``).

    >>> quads = shapes_quads("http://x.test/")
    >>> {q.graph_name.value for q in quads}, any(isinstance(q.subject, ox.BlankNode) for q in quads)
    ({'http://x.test/graph/shapes'}, False)
    """
    graph = ox.NamedNode(base + "graph/shapes")
    nt = _shapes_cached(base).serialize(format="nt", encoding="utf-8")
    return sorted((ox.Quad(t.subject, t.predicate, t.object, graph) for t in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)),
                  key=str)


# --- data ------------------------------------------------------------------------------------

def _ontology_quads(base: str) -> list[ox.Quad]:
    from ungraph.graph.ontology import ontology_quads

    return ontology_quads(base)


def _as_store(data: ox.Store | rdflib.Graph | Iterable[ox.Quad], base: str) -> ox.Store:
    """A fresh in-memory store with ``data`` and the ontology (integer-derived literals become xsd:integer)."""
    store = ox.Store()
    if isinstance(data, ox.Store):
        store.bulk_extend(data.quads_for_pattern(None, None, None, None))
    elif isinstance(data, rdflib.Graph):
        fmt = "nquads" if isinstance(data, rdflib.Dataset) else "nt"
        store.bulk_load(data.serialize(format=fmt, encoding="utf-8"),
                        format=ox.RdfFormat.N_QUADS if fmt == "nquads" else ox.RdfFormat.N_TRIPLES)
    else:
        store.bulk_extend(data)
    store.bulk_extend(_ontology_quads(base))
    return store


def as_rdflib_graph(quads: Iterable[ox.Quad]) -> rdflib.Graph:
    """The union of all graphs of ``quads`` as one rdflib graph."""
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    graph = rdflib.Graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


# --- results ---------------------------------------------------------------------------------

def _term(node: rdflib.term.Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, rdflib.Literal):
        return node.n3()
    return str(node)


def _root_shape(shapes: rdflib.Graph, source: rdflib.term.Node) -> rdflib.term.Node:
    """The named node shape that holds ``source`` (itself, or the shape with it as sh:property/sh:sparql)."""
    seen = {source}
    node = source
    while True:
        parent = next(iter(shapes.subjects(SH.property, node)), None) or next(iter(shapes.subjects(SH.sparql, node)), None)
        if parent is None or parent in seen:
            return node
        seen.add(parent)
        node = parent


def _labels(store: ox.Store, focus: set[str]) -> dict[str, str]:
    """A label for each focus IRI: the first of ``_LABELS`` (zh first), cut to 60 characters."""
    out: dict[str, str] = {}
    for iri in focus:
        node = ox.NamedNode(iri)
        for prop in _LABELS:
            values = [q.object for q in store.quads_for_pattern(node, ox.NamedNode(prop), None, None)
                      if isinstance(q.object, ox.Literal)]
            if values:
                best = sorted(values, key=lambda v: (v.language != "zh", v.value))[0]
                text = " ".join(best.value.split())
                out[iri] = text if len(text) <= 60 else text[:59] + "…"
                break
    return out


def _results_from_pyshacl(report: rdflib.Graph, shapes: rdflib.Graph, store: ox.Store, base: str) -> list[Result]:
    rows: list[dict[str, Any]] = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        source = report.value(node, SH.sourceShape)
        root = _root_shape(shapes, source) if source is not None else None
        path = report.value(node, SH.resultPath)
        messages = result_messages(report, node, shapes, base)
        rows.append(dict(
            severity=_local(report.value(node, SH.resultSeverity) or SH.Violation),
            shape=_term(root) or "", focus=_term(report.value(node, SH.focusNode)) or "",
            path=_term(path) if isinstance(path, rdflib.URIRef) else None,
            value=_term(report.value(node, SH.value)),
            message=message_in(messages, "en")[0], messages=messages,
            component=_term(report.value(node, SH.sourceConstraintComponent)) or "",
            source_shape=_term(source) or ""))
    return _labelled(rows, store)


def _labelled(rows: list[dict[str, Any]], store: ox.Store) -> list[Result]:
    """The result rows (of either engine) as :class:`Result` records with their focus nodes' labels."""
    labels = _labels(store, {str(r["focus"]) for r in rows if str(r["focus"]).startswith("http")})
    return list({Result(**r, focus_label=labels.get(str(r["focus"]))) for r in rows})


def _report_graph(results: Iterable[Result], conforms: bool, base: str) -> rdflib.Graph:
    g = rdflib.Graph()
    g.bind("sh", SH)
    g.bind("ugs", base + "shapes#")
    report = rdflib.URIRef(base + "validation/report")
    g.add((report, RDF.type, SH.ValidationReport))
    g.add((report, SH.conforms, rdflib.Literal(conforms)))
    for r in results:
        node = rdflib.URIRef(f"{base}validation/result/{r.key()}")
        g.add((report, SH.result, node))
        g.add((node, RDF.type, SH.ValidationResult))
        g.add((node, SH.focusNode, _node(r.focus)))
        g.add((node, SH.resultSeverity, SH[r.severity]))
        g.add((node, SH.sourceShape, rdflib.URIRef(r.source_shape)))
        g.add((node, SH.sourceConstraintComponent, rdflib.URIRef(r.component)))
        for lang, message in r.messages or ((("en", r.message),) if r.message else ()):
            g.add((node, SH.resultMessage, rdflib.Literal(message, lang=lang or None)))
        if r.path:
            g.add((node, SH.resultPath, rdflib.URIRef(r.path)))
        if r.value is not None:
            g.add((node, SH.value, _node(r.value)))
    return g


def _node(term: str) -> rdflib.term.Node:
    if term.startswith('"'):
        literal = rdflib.util.from_n3(term)
        assert isinstance(literal, rdflib.Literal), term  # a quoted N3 term is a literal
        return literal
    return rdflib.URIRef(term)


def _short(term: str | None, base: str) -> str:
    if term is None:
        return "-"
    for prefix, ns in (("ugs:", base + "shapes#"), ("ug:", base + "ontology#"), ("", base)):
        if term.startswith(ns):
            return prefix + term[len(ns):] if prefix else "<" + term[len(base):] + ">"
    return term if term.startswith('"') else f"<{term}>"


def _report_text(results: tuple[Result, ...], conforms: bool, base: str) -> str:
    """Results grouped by shape, sorted: each with focus node, label, path, value and message."""
    counts = ", ".join(f"{sum(1 for r in results if r.severity == s)} {s.lower()}s" for s in SEVERITIES)
    lines = [f"Conforms: {'yes' if conforms else 'no'} ({counts})"]
    order = {s: i for i, s in enumerate(SEVERITIES)}
    by_shape: dict[str, list[Result]] = {}
    for r in results:
        by_shape.setdefault(r.shape, []).append(r)
    for shape in sorted(by_shape, key=lambda s: (min(order.get(r.severity, 3) for r in by_shape[s]), s)):
        group = sorted(by_shape[shape], key=lambda r: (order.get(r.severity, 3), r.focus, r.path or "", r.message))
        lines += ["", f"{_short(shape, base)} — {len(group)} result{'s' if len(group) != 1 else ''}"]
        for r in group:
            label = f"  «{r.focus_label}»" if r.focus_label else ""
            lines.append(f"  [{r.severity}] {_short(r.focus, base)}{label}")
            lines.append(f"      path: {_short(r.path, base)}   value: {_short(r.value, base)}")
            lines.append(f"      {r.message or _local(rdflib.URIRef(r.component))}")
    return "\n".join(lines) + "\n"


def _result(results: list[Result], base: str) -> ValidationResult:
    ordered = tuple(sorted(results, key=lambda r: (SEVERITIES.index(r.severity) if r.severity in SEVERITIES else 3,
                                                    r.shape, r.focus, r.path or "", r.value or "", r.message,
                                                    r.component, r.source_shape)))  # total: no set order
    conforms = not any(r.severity == "Violation" for r in ordered)
    return ValidationResult(conforms, _report_graph(ordered, conforms, base), _report_text(ordered, conforms, base),
                            ordered)


def _patch_pyshacl() -> None:
    """Make pyshacl's oxigraph-backed data graph truthy without counting it.

    pyshacl 0.40 writes ``datagraph or sg`` for each result it describes; on an oxigraph store
    that calls ``__len__``, a ``COUNT(DISTINCT …)`` over the whole store (0.15 s on the real
    graph), so 100 results cost 15 s. A data graph is never empty here, so truthiness is True.
    """
    from pyshacl import graph_abstraction

    cls = getattr(graph_abstraction, "OxigraphDataGraph", None)
    if cls is not None and "__bool__" not in cls.__dict__:
        cls.__bool__ = lambda self: True


# --- entry points ----------------------------------------------------------------------------

#: The engines ``UNGRAPH_SHACL`` chooses from: ``auto`` is pyshacl below :data:`RUST_FROM_QUADS`, ``shacl`` above.
ENGINES = ("auto", "pyshacl", "rust")
#: From this many quads (data and ontology) ``auto`` validates with the Rust ``shacl``: the size at which
#: pyshacl's validation passes the build's 10 s budget on this 2-core machine (5.6-8.2 s on the 155,176
#: quads of the real build, 9.4 s at 2x, 58 s at 10x, at load 3.5-6; 3.2 s on its 155,791 and 29 s at 10x
#: on the idle machine; ``benchmarks/validation/README.md``).
RUST_FROM_QUADS = 200_000


def engine_for(store: ox.Store, engine: str = "auto") -> str:
    """``pyshacl`` or ``rust``: the engine that validates ``store`` when ``engine`` (``UNGRAPH_SHACL``) is given.

    >>> engine_for(ox.Store(), "auto"), engine_for(ox.Store(), "rust")
    ('pyshacl', 'rust')
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r}: one of {', '.join(ENGINES)}")
    if engine == "auto":
        return "rust" if len(store) >= RUST_FROM_QUADS else "pyshacl"
    return engine


def validate_store(store: ox.Store, base: str, engine: str = "auto") -> ValidationResult:
    """Validate an in-memory store that already holds the ontology (no inference).

    ``engine``: ``pyshacl`` (pyshacl on pyoxigraph), ``rust`` (:mod:`ungraph.shacl_rust`) or ``auto``
    (:func:`engine_for`). Both give the same :class:`Result` records, report graph and text.
    The store is read, not changed (pyshacl's ``inplace``: nothing is inferred).
    """
    if engine_for(store, engine) == "rust":
        from ungraph import shacl_rust

        return _result(_labelled(shacl_rust.results(store, base), store), base)
    import pyshacl
    from pyshacl.graph_abstraction import DataGraph

    _patch_pyshacl()
    shapes = load_shapes(base)
    data = DataGraph.from_oxigraph_store(store)  # what pyshacl.validate makes of a Store, typed
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True,
                                    allow_warnings=True, inplace=True)
    return _result(_results_from_pyshacl(report, shapes, store, base), base)


def validate_graph(data: ox.Store | rdflib.Graph | Iterable[ox.Quad], base: str, engine: str = "auto"
                   ) -> ValidationResult:
    """Validate quads, a store or an rdflib graph against the shapes, with the ontology added.

    :param data: the data (every named graph counts: the union is validated).
    :param base: the base IRI the shapes and the ontology are read at.
    :param engine: ``auto``, ``pyshacl`` or ``rust`` (``UNGRAPH_SHACL``; :func:`validate_store`).
    """
    return validate_store(_as_store(data, base), base, engine)


def report_quads(result: ValidationResult, base: str) -> list[ox.Quad]:
    """The report as sorted quads in the named graph ``{base}graph/validation`` (no blank nodes).

    >>> quads = report_quads(validate_graph([], "http://x.test/"), "http://x.test/")
    >>> sorted({q.graph_name.value for q in quads}), len(quads)
    (['http://x.test/graph/validation'], 2)
    """
    graph = ox.NamedNode(base + "graph/validation")
    nt = result.report_graph.serialize(format="nt", encoding="utf-8")
    return sorted((ox.Quad(t.subject, t.predicate, t.object, graph)
                   for t in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)), key=str)


def validate_path(settings: Settings, data: str | None = None) -> ValidationResult:
    """Validate a store directory (``settings.store``) or an RDF file, as the CLI does.

    The store's own ``graph/validation`` (the report of its build) and ``graph/shapes`` are left out
    of what is validated.
    """
    from ungraph import store as stores
    from ungraph.errors import FormatError

    if data:
        fmt = stores.format_for_path(data)
        try:
            quads = list(ox.parse(path=data, format=fmt))
        except FileNotFoundError:
            raise FormatError(f"{data}: no such file") from None
        except (SyntaxError, ValueError, OSError) as e:
            raise FormatError(f"{data}: does not parse as {fmt.name}: {e}") from None
    else:
        quads = list(stores.open_store(settings.store, read_only=True).quads_for_pattern(None, None, None, None))
    skip = {settings.base + "graph/validation", settings.base + "graph/shapes"}
    quads = [q for q in quads if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in skip)]
    return validate_graph(quads, settings.base, settings.shacl)


# --- reading results back from a store (the one reader: /validation, entity pages) -----------

_RESULTS_QUERY = """PREFIX sh: <http://www.w3.org/ns/shacl#>
SELECT ?g ?sg ?focus ?r ?severity ?source ?shape ?path ?value ?message ?component WHERE {
  GRAPH ?g {
    ?r a sh:ValidationResult ; sh:focusNode ?focus .
    OPTIONAL { ?r sh:resultSeverity ?severity } OPTIONAL { ?r sh:sourceShape ?source }
    OPTIONAL { ?r sh:resultPath ?path } OPTIONAL { ?r sh:value ?value } OPTIONAL { ?r sh:resultMessage ?message }
    OPTIONAL { ?r sh:sourceConstraintComponent ?component }
  }
  OPTIONAL { GRAPH ?sg { { ?shape sh:property ?source } UNION { ?shape sh:sparql ?source } } }
}"""
_ORDER = {s: i for i, s in enumerate(SEVERITIES)}


def _stored_term(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.Literal):  # the form Result.value holds (rdflib's n3(), as the validator gives it)
        if term.language:
            return rdflib.Literal(term.value, lang=term.language).n3()
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value)).n3()
    return term_value(term)


def read_results(store: ReadStore, graph: str, shapes_graph: str, *, focus: str | None = None) -> list[Result]:
    """The SHACL results stored in the named graph ``graph`` (as ``ungraph build`` writes them),
    optionally only those about ``focus``; ``shape`` is resolved to the node shape of ``shapes_graph``
    holding the result's source shape. Works on any read store (SPARQL only). Most severe first.
    """
    subs = {ox.Variable("g"): ox.NamedNode(graph), ox.Variable("sg"): ox.NamedNode(shapes_graph)}
    if focus is not None:
        subs[ox.Variable("focus")] = ox.NamedNode(focus)
    fields: dict[str, dict[str, Any]] = {}
    messages: dict[str, set[tuple[str, str]]] = {}
    for r in store.query(_RESULTS_QUERY, substitutions=subs):  # one answer per message: gathered by result
        source, shape, path, node = r["source"], r["shape"], r["path"], str(r["r"])
        fields.setdefault(node, dict(
            severity=r["severity"].value.rsplit("#", 1)[-1] if r["severity"] is not None else "Violation",
            shape=(shape or source).value if (shape or source) is not None else "",
            focus=r["focus"].value, path=path.value if isinstance(path, ox.NamedNode) else None,
            value=_stored_term(r["value"]),
            component=r["component"].value if r["component"] is not None else "",
            source_shape=source.value if source is not None else ""))
        if isinstance(r["message"], ox.Literal):
            messages.setdefault(node, set()).add((r["message"].language or "", r["message"].value))
    out = set()
    for node, row in fields.items():
        texts = tuple(sorted(messages.get(node, ())))
        out.add(Result(**row, message=message_in(texts, "en")[0] if texts else "", messages=texts))
    return sorted(out, key=lambda x: (_ORDER.get(x.severity, 3), x.shape, x.focus, x.path or "", x.message))
