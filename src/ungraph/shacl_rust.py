"""SHACL validation with the Rust validator ``shacl`` (PyPI), giving the same :class:`~ungraph.validate.Result`
records as pyshacl: ``results(store, base)`` gives the rows that :mod:`ungraph.validate` makes into them.

:mod:`ungraph.validate` runs it past a size where it pays (``UNGRAPH_SHACL=auto``; measured in
``benchmarks/validation/README.md``). The data is the union of the store's graphs as an N-Triples file, the
shapes the same skolemised Turtle pyshacl gets (:func:`~ungraph.validate.shapes_turtle`), so every
source shape is an IRI. What differs between the engines is made equal here:

* terms: the Rust results are in N-Triples syntax; they are read back as rdflib terms and written the
  way the pyshacl path writes them (IRIs bare, literals as rdflib's ``n3()``); a path other than one
  predicate is ``None`` on both sides;
* messages: a shape's ``sh:message`` comes back filled in but without its language tag; the tag is
  read back from the template it matches (:func:`ungraph.shacl_messages.language_of`, as for pyshacl). A
  constraint without ``sh:message`` gets pyshacl's own generic message, made by pyshacl's constraint
  component (its ``make_generic_messages``), and the Chinese one of :mod:`ungraph.shacl_messages`.
"""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
import rdflib
from rdflib.namespace import SH

from ungraph.shacl_messages import chinese_message, language_of, message_in, shape_parameters

if TYPE_CHECKING:
    import shacl
    from pyshacl.shapes_graph import ShapesGraph

__all__ = ["results"]

_SPARQL = str(SH.SPARQLConstraintComponent)


@lru_cache(maxsize=8)
def _compiled(base: str) -> "shacl.Shapes":
    import shacl

    from ungraph.validate import shapes_turtle

    return shacl.Shapes.from_text(shapes_turtle(base), format="turtle", base=base)


@lru_cache(maxsize=8)
def _pyshacl_shapes(base: str) -> "ShapesGraph":
    from pyshacl.shapes_graph import ShapesGraph

    from ungraph.validate import load_shapes

    sg = ShapesGraph(load_shapes(base))
    sg.shapes  # builds the cache that lookup_shape_from_node reads
    return sg


def _nt_term(text: str | None) -> rdflib.term.Node | None:
    """An N-Triples term (``<iri>``, ``"lit"@zh``, ``"1"^^<dt>``, ``_:b``) as an rdflib term."""
    if text is None:
        return None
    nt = f"<urn:x:s> <urn:x:p> {text} .\n".encode("utf-8")
    term = next(iter(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))).object
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def _term(node: rdflib.term.Node | None) -> str | None:
    if node is None:
        return None
    return node.n3() if isinstance(node, rdflib.Literal) else str(node)


def _generic_messages(base: str, source: rdflib.URIRef, component: str, focus: rdflib.term.Node,
                      value: rdflib.term.Node | None, data: rdflib.Graph) -> list[str]:
    """pyshacl's own message for a result of ``component`` on the shape ``source`` (none if it has none)."""
    from pyshacl.constraints import CONSTRAINT_PARAMETERS_MAP

    sg = _pyshacl_shapes(base)
    shape = sg.lookup_shape_from_node(source)
    for parameter in sorted({p for p, _ in sg.graph.predicate_objects(source)}, key=str):
        cls = CONSTRAINT_PARAMETERS_MAP.get(parameter)
        if cls is not None and str(cls.shacl_constraint_component) == component:
            return [str(m) for m in cls(shape).make_generic_messages(data, focus, value)]
    return []


def results(store: ox.Store, base: str) -> list[dict[str, object]]:
    """Validate the union of ``store``'s graphs (which hold the ontology) with ``shacl``; the results as
    :class:`~ungraph.validate.Result` rows without labels (the caller adds them, as for pyshacl)."""
    from ungraph.validate import _local, _root_shape, load_shapes

    # the union as N-Triples: each graph dumped by oxigraph into a temporary file the validator reads (a
    # triple in two graphs comes twice; the validator reads a set). 3x faster than a CONSTRUCT of the
    # union, 4x than a Python set of triples, and no copy of the data as a Python string.
    graphs = [ox.DefaultGraph(), *sorted(store.named_graphs(), key=str)]
    with tempfile.TemporaryDirectory(prefix="ungraph-shacl-") as tmp:
        nt = Path(tmp) / "data.nt"
        with nt.open("wb") as out:
            for g in graphs:
                store.dump(out, format=ox.RdfFormat.N_TRIPLES, from_graph=g)
        report = _compiled(base).validate_file(str(nt), allow_warnings=True)
    shapes = load_shapes(base)
    data = rdflib.Graph()  # what pyshacl stringifies focus nodes against: its namespaces, no triples needed
    for prefix, ns in shapes.namespaces():
        data.bind(prefix, ns, override=False)
    rows: list[dict[str, object]] = []
    for r in report.results:
        source = _nt_term(r.source_shape)
        focus = _nt_term(r.focus_node)
        value = _nt_term(r.value)
        path = _nt_term(r.path) if r.path and r.path.startswith("<") and r.path.endswith(">") else None
        component = r.component_iri
        # the shape's messages, and those of its SPARQL constraints (the Rust result names the shape only)
        holders = [source, *shapes.objects(source, SH.sparql)] if component == _SPARQL else [source]
        templates = [t for h in holders for t in shapes.objects(h, SH.message) if isinstance(t, rdflib.Literal)]
        if templates:
            texts = list(r.messages)
        else:
            texts = _generic_messages(base, source, component, focus, value, data)  # type: ignore[arg-type]  # a result has a focus node and a source shape, an IRI (shapes are skolemised)
        found: dict[str, str] = {}
        for m in sorted(texts):
            found.setdefault(language_of(m, templates), m)
        if "zh" not in found:
            found["zh"] = chinese_message(component, shape_parameters(shapes, source, base) if source is not None
                                          else {}, str(path) if path is not None else None, base)
        messages = tuple(sorted(found.items()))
        root = _root_shape(shapes, source) if source is not None else None
        rows.append(dict(severity=r.severity or _local(SH.Violation), shape=_term(root) or "",
                         focus=_term(focus) or "", path=_term(path), value=_term(value),
                         message=message_in(messages, "en")[0], messages=messages,
                         component=component, source_shape=_term(source) or ""))
    return rows
