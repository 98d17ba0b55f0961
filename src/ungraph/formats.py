"""The registry of formats: every format is named once, and everything else reads this table.

A :class:`Format` has a short name (``ttl``), a label, its media types (the first is the one it is
served as), the other names ``?format=`` and ``--format`` accept, its file extensions (the first is
the one files are written with), its pyoxigraph format, its W3C format IRI, and the *uses* it
serves. A use is one place formats are offered:

=============== ===========================================================================
``bindings``    SELECT/ASK results (``/sparql``, ``ungraph query``)
``graph``       CONSTRUCT/DESCRIBE results (``/sparql``, ``ungraph query``)
``document``    the documents at every IRI under the base, ``/ontology`` and ``/shapes``
``description`` the Service Description and VoID
``dump``        the files under ``/download/`` (written by ``ungraph build``)
``export``      ``ungraph export``
``file``        files ``ungraph load`` and ``ungraph validate --data`` read (by extension)
``report``      the validation report (``/validation``)
=============== ===========================================================================

The order of :data:`FORMATS` is the server's order of preference (ties in ``Accept`` and the
default for ``*/*`` or no ``Accept`` go to the first offer). :func:`offers` is what a use offers;
:func:`ungraph.web.negotiation.negotiate` is the one way a view picks among offers.

>>> [f.name for f in offers("document")]
['html', 'ttl', 'jsonld', 'nt', 'rdf']
>>> by_extension("data.owl").name, by_name("turtle", "graph").name
('rdf', 'ttl')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

import pyoxigraph as ox

from ungraph.errors import FormatError

__all__ = ["Format", "FORMATS", "USES", "HTML", "offers", "by_name", "by_media_type", "by_extension",
           "media_types", "W3C_FORMATS"]

W3C_FORMATS = "http://www.w3.org/ns/formats/"

#: Every use a format can serve (see the module docstring).
USES = ("bindings", "graph", "document", "description", "dump", "export", "file", "report")


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    media_types: tuple[str, ...]
    uses: frozenset[str]
    aliases: tuple[str, ...] = ()
    extensions: tuple[str, ...] = ()
    rdf: ox.RdfFormat | None = None
    results: ox.QueryResultsFormat | None = None
    w3c: str | None = None  #: local name under http://www.w3.org/ns/formats/

    @property
    def media_type(self) -> str:
        """The media type the format is served as."""
        return self.media_types[0]

    @property
    def extension(self) -> str:
        return self.extensions[0] if self.extensions else self.name

    @property
    def content_type(self) -> str:
        """The ``Content-Type`` header value (UTF-8 said explicitly for text, JSON and XML)."""
        m = self.media_type
        return f"{m}; charset=utf-8" if m.startswith("text/") or m.endswith(("json", "xml")) else m

    @property
    def is_dataset(self) -> bool:
        """True for formats that carry named graphs (N-Quads, TriG)."""
        return bool(self.rdf and self.rdf.supports_datasets)

    @property
    def w3c_iri(self) -> str | None:
        return W3C_FORMATS + self.w3c if self.w3c else None


def _uses(*names: str) -> frozenset[str]:
    assert set(names) <= set(USES), names
    return frozenset(names)


HTML = Format("html", "HTML", ("text/html", "application/xhtml+xml"), _uses("document", "report"))

#: The registry, in the server's order of preference.
FORMATS: tuple[Format, ...] = (
    HTML,
    Format("json-report", "JSON", ("application/json",), _uses("report"), aliases=("json",)),
    Format("json", "SPARQL Results JSON", ("application/sparql-results+json", "application/json"),
           _uses("bindings"), results=ox.QueryResultsFormat.JSON, w3c="SPARQL_Results_JSON"),
    Format("xml", "SPARQL Results XML", ("application/sparql-results+xml", "application/xml", "text/xml"),
           _uses("bindings"), results=ox.QueryResultsFormat.XML, w3c="SPARQL_Results_XML"),
    Format("csv", "SPARQL Results CSV", ("text/csv",), _uses("bindings"),
           results=ox.QueryResultsFormat.CSV, w3c="SPARQL_Results_CSV"),
    Format("tsv", "SPARQL Results TSV", ("text/tab-separated-values",), _uses("bindings"),
           results=ox.QueryResultsFormat.TSV, w3c="SPARQL_Results_TSV"),
    Format("ttl", "Turtle", ("text/turtle", "application/x-turtle"),
           _uses("graph", "document", "description", "dump", "export", "file", "report"),
           aliases=("turtle",), extensions=("ttl",), rdf=ox.RdfFormat.TURTLE, w3c="Turtle"),
    Format("jsonld", "JSON-LD", ("application/ld+json", "application/json"),
           _uses("graph", "document", "description", "dump", "export", "file"),
           aliases=("json-ld", "json"), extensions=("jsonld",), rdf=ox.RdfFormat.JSON_LD,
           w3c="JSON-LD"),
    Format("nt", "N-Triples", ("application/n-triples", "text/plain"),
           _uses("graph", "document", "description", "dump", "export", "file", "report"),
           aliases=("ntriples", "n-triples"), extensions=("nt",), rdf=ox.RdfFormat.N_TRIPLES,
           w3c="N-Triples"),
    Format("rdf", "RDF/XML", ("application/rdf+xml",), _uses("graph", "document", "description", "file"),
           aliases=("rdfxml", "rdf-xml", "xml", "owl"), extensions=("rdf", "owl", "xml"), rdf=ox.RdfFormat.RDF_XML,
           w3c="RDF_XML"),
    Format("trig", "TriG", ("application/trig",), _uses("graph", "description", "export", "file"),
           extensions=("trig",), rdf=ox.RdfFormat.TRIG, w3c="TriG"),
    Format("nq", "N-Quads", ("application/n-quads",), _uses("graph", "description", "dump", "export", "file"),
           aliases=("nquads", "n-quads"), extensions=("nq",), rdf=ox.RdfFormat.N_QUADS, w3c="N-Quads"),
    Format("n3", "N3", ("text/n3",), _uses("file"), extensions=("n3",), rdf=ox.RdfFormat.N3, w3c="N3"),
)


def offers(use: str) -> list[Format]:
    """The formats serving ``use``, in order of preference.

    >>> [f.name for f in offers("dump")]
    ['ttl', 'jsonld', 'nt', 'nq']
    """
    if use not in USES:
        raise ValueError(f"unknown use {use!r} (known: {', '.join(USES)})")
    return [f for f in FORMATS if use in f.uses]


def media_types(formats: Sequence[Format]) -> list[str]:
    """Every media type of ``formats``, in order, each once."""
    return list(dict.fromkeys(m for f in formats for m in f.media_types))


def by_name(name: str, use: str) -> Format | None:
    """The format serving ``use`` called ``name`` (its name first, then an alias); None if none.

    >>> by_name("json", "bindings").media_type, by_name("json", "document").media_type
    ('application/sparql-results+json', 'application/ld+json')
    """
    key = name.strip().lower()
    candidates = offers(use)
    return (next((f for f in candidates if f.name == key), None)
            or next((f for f in candidates if key in f.aliases), None))


def by_media_type(mime: str, use: str) -> Format | None:
    """The first format serving ``use`` with media type ``mime``; None if none."""
    key = mime.split(";", 1)[0].strip().lower()
    return next((f for f in offers(use) if key in f.media_types), None)


def by_extension(path: str | PurePath, use: str = "file") -> Format:
    """The format of a file from its extension.

    :raises FormatError: for an extension no format of ``use`` has.

    >>> by_extension("data.csv")
    Traceback (most recent call last):
    ...
    ungraph.errors.FormatError: data.csv: unknown RDF file extension '.csv' (known: .jsonld, .n3, .nq, .nt, .owl, .rdf, .trig, .ttl, .xml)
    """
    ext = PurePath(path).suffix.lower().lstrip(".")
    candidates = offers(use)
    found = next((f for f in candidates if ext in f.extensions), None) or next(
        (f for f in candidates if ext in f.aliases), None)
    if found is None:
        known = ", ".join("." + e for e in sorted({e for f in candidates for e in f.extensions}))
        raise FormatError(f"{path}: unknown RDF file extension '.{ext}' (known: {known})")
    return found
