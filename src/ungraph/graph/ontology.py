"""The ontology file: find it, parse it at a base, list its terms, read labels, render its documentation.

``ontology/ungraph.ttl`` uses relative IRIs (``@prefix ug: <ontology#>``), so it is always parsed
with the configured base as its base IRI: at the default base ``ug:Chapter`` is
``http://127.0.0.1:8080/ontology#Chapter``.

Where the file is found (:func:`ontology_path`): as package data, through :mod:`ungraph.paths`
(in the repository a link to ``ontology/ungraph.ttl``, in a wheel a copy).

>>> base = "http://127.0.0.1:8080/"
>>> base + "ontology#Chapter" in ontology_terms(base)
True
>>> label(base + "ontology#Chapter", "zh")
'章'
>>> label("http://x.test/ontology#KeyMandates")
'key mandates'
>>> label("http://x.test/ontology#NoSuchTerm") is None
True
"""

from __future__ import annotations

import importlib.metadata
import logging
import re
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from ungraph.errors import FormatError
from ungraph import paths
from ungraph.namespaces import Namespaces

__all__ = [
    "ONTOLOGY_FILE", "TERM_TYPES", "ontology_path", "load_ontology", "ontology_terms", "ontology_quads",
    "label", "comment", "ontology_html",
]


#: The ``rdf:type`` values that make an IRI in ``{base}ontology#`` a term of the ontology.
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
              SKOS.Concept, SKOS.ConceptScheme, RDFS.Datatype)


def ontology_path() -> Path:
    """The path of ``ontology/ungraph.ttl``, as package data (:func:`ungraph.paths.ontology_file`).

    :raises UngraphError: if the package data is missing.

    >>> ontology_path().name
    'ungraph.ttl'
    """
    return paths.ontology_file()


ONTOLOGY_FILE: Path = ontology_path()


@lru_cache(maxsize=8)
def _parsed(base: str) -> rdflib.Graph:
    Namespaces(base)  # checks that base ends with '/'
    graph = rdflib.Graph()
    try:
        graph.parse(ONTOLOGY_FILE, format="turtle", publicID=base)
    except Exception as exc:  # rdflib raises parser-specific exception types
        raise FormatError(f"{ONTOLOGY_FILE}: {exc}") from exc
    return graph


def load_ontology(base: str) -> rdflib.Graph:
    """A fresh rdflib Graph of the ontology with its relative IRIs resolved against ``base``.

    :raises ValueError: if ``base`` does not end with ``/``.

    >>> g = load_ontology("http://x.test/")
    >>> (rdflib.URIRef("http://x.test/ontology"), RDF.type, OWL.Ontology) in g
    True
    """
    copy = rdflib.Graph()
    for prefix, ns in _parsed(base).namespaces():
        copy.bind(prefix, ns, override=True)
    copy.bind("ug", base + "ontology#", override=True)
    for triple in _parsed(base):
        copy.add(triple)
    return copy


@lru_cache(maxsize=8)
def _terms(base: str) -> frozenset[str]:
    graph, prefix = _parsed(base), base + "ontology#"
    return frozenset(str(s) for t in TERM_TYPES for s in graph.subjects(RDF.type, t)
                     if isinstance(s, rdflib.URIRef) and str(s).startswith(prefix))


def ontology_terms(base: str) -> set[str]:
    """Every IRI in ``{base}ontology#`` declared as a class, property, concept or concept scheme.

    >>> "http://x.test/ontology#charStart" in ontology_terms("http://x.test/")
    True
    """
    return set(_terms(base))


def ontology_quads(base: str) -> list[ox.Quad]:
    """The ontology as sorted pyoxigraph quads in the named graph ``{base}graph/ontology``.

    >>> quads = ontology_quads("http://x.test/")
    >>> {q.graph_name.value for q in quads}
    {'http://x.test/graph/ontology'}
    """
    graph = ox.NamedNode(Namespaces(base).graph("ontology"))
    try:
        triples = list(ox.parse(path=ONTOLOGY_FILE, format=ox.RdfFormat.TURTLE, base_iri=base))
    except SyntaxError as exc:
        raise FormatError(f"{ONTOLOGY_FILE}: {exc}") from exc
    return sorted((ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples), key=str)


_TERM_IRI = re.compile(r"^(?P<base>.+/)ontology(#.*)?$")


def _text(term_iri: str, props: tuple[rdflib.URIRef, ...], lang: str) -> str | None:
    match = _TERM_IRI.match(term_iri)
    if not match:
        return None
    graph, subject = _parsed(match["base"]), rdflib.URIRef(term_iri)
    values = [o for p in props for o in graph.objects(subject, p) if isinstance(o, rdflib.Literal)]
    for wanted in (lang, "en", "zh", None):
        for value in sorted(values, key=str):
            if wanted is None or value.language == wanted:
                return str(value)
    return None


def label(term_iri: str, lang: str = "en") -> str | None:
    """The label of an ontology term (or of the ontology) in ``lang``, else English, else Chinese.

    The base is read from the IRI itself (everything before ``ontology#``). ``None`` if the IRI
    is not an ontology term or has no label.

    >>> label("http://x.test/ontology#IndicativeResources", "zh")
    '指示性资源'
    """
    return _text(term_iri, (RDFS.label, SKOS.prefLabel), lang)


def comment(term_iri: str, lang: str = "en") -> str | None:
    """The ``rdfs:comment`` of an ontology term in ``lang``, else English, else Chinese, else None.

    >>> comment("http://x.test/ontology#charEnd").startswith("Offset just after")
    True
    """
    return _text(term_iri, (RDFS.comment,), lang)


@contextmanager
def _root_logger_kept() -> Iterator[None]:
    """Undo what pyLODE does to the root logger: ``logging.basicConfig(level=DEBUG)`` on import,
    and module-level ``logging.info`` calls that add a stderr handler."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    try:
        yield
    finally:
        root.setLevel(level)
        root.handlers[:] = handlers


def _ontpub() -> type:
    """pyLODE's OntPub class. pyLODE 3.4.1 reads its version from a ``pyproject.toml`` that its
    wheel does not ship (RDFLib/pyLODE#260, fixed upstream after 3.4.1); when that import fails,
    the version comes from the installed distribution's metadata instead."""
    with _root_logger_kept():
        try:
            from pylode import OntPub
        except FileNotFoundError:
            shim = types.ModuleType("pylode.version")
            setattr(shim, "__version__", importlib.metadata.version("pylode"))  # a module's attribute, set by name
            sys.modules["pylode.version"] = shim
            from pylode import OntPub
    return OntPub


_EXTERNAL_ASSET = re.compile(r"<(?:script|link|img)\b[^>]*\b(?:src|href)=\"(?:https?:)?//[^\"]*\"[^>]*>", re.I)


@lru_cache(maxsize=4)
def ontology_html(base: str) -> str:
    """The ontology's documentation page, generated by pyLODE (OntPub profile), cached per base.

    pyLODE inlines its CSS and icons; any ``<script>``, ``<link>`` or ``<img>`` that would still
    load from another host is removed, so the page loads nothing from outside. Links (``<a>``) stay.

    >>> "章" in ontology_html("http://x.test/")
    True
    """
    ontpub = _ontpub()
    with _root_logger_kept():
        html = ontpub(load_ontology(base)).make_html()
    return _EXTERNAL_ASSET.sub("", html)
