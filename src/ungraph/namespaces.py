"""IRIs: the one configurable base, the prefixes every serializer binds, and ``mint_iri``.

* instances: ``{base}id/{kind}/{key}`` with readable, stable keys (never UUIDs or hashes of
  Python objects);
* ontology terms: ``{base}ontology#Term``; shapes: ``{base}shapes#<Class>Shape``;
* named graphs: ``{base}graph/<name>``.

The ontology and shapes files use *relative* IRIs (``@prefix ug: <ontology#>``) and are parsed
with the base as their base IRI, so that every term dereferences at the configured base.

>>> ns = Namespaces("http://127.0.0.1:8080/")
>>> ns.mint("country", "COD")
'http://127.0.0.1:8080/id/country/COD'
>>> ns.mint("resolution", "S/RES/2282 (2016)")
'http://127.0.0.1:8080/id/resolution/S-RES-2282-2016'
>>> ns.mint("organisation", "UNDP")
Traceback (most recent call last):
ValueError: unknown kind of entity 'organisation': register it in ungraph.kinds
>>> ns.expand("org:Post")
'http://www.w3.org/ns/org#Post'
>>> ns.expand("ug:Chapter")
'http://127.0.0.1:8080/ontology#Chapter'
"""

from __future__ import annotations

import re
from functools import cached_property

from ungraph.kinds import KINDS

__all__ = ["PREFIXES", "Namespaces", "safe_key"]

#: External vocabularies (LINKED_DATA.md profile). ``ug`` is filled from the base.
PREFIXES: dict[str, str] = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "qb": "http://purl.org/linked-data/cube#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "void": "http://rdfs.org/ns/void#",
    "time": "http://www.w3.org/2006/time#",
    "lode": "http://linkedevents.org/ontology/",
    "undo": "https://w3id.org/un/ontology/undo/",
    "sdmx-measure": "http://purl.org/linked-data/sdmx/2009/measure#",
    "sdmx-dimension": "http://purl.org/linked-data/sdmx/2009/dimension#",
    "sdmx-attribute": "http://purl.org/linked-data/sdmx/2009/attribute#",
    "sh": "http://www.w3.org/ns/shacl#",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "sdg": "http://metadata.un.org/sdg/",
    "wd": "http://www.wikidata.org/entity/",
    "geonames": "http://sws.geonames.org/",
}

_UNSAFE = re.compile(r"[\s/()<>\"{}|\\^`#?%\[\]]+")


def safe_key(text: str) -> str:
    """Make a readable IRI key: runs of spaces, slashes and IRI delimiters become one ``-``.

    >>> safe_key("S/RES/2282 (2016)")
    'S-RES-2282-2016'
    >>> safe_key("72/262 C")
    '72-262-C'
    """
    return _UNSAFE.sub("-", text.strip()).strip("-")


class Namespaces:
    """All IRIs for one base. Cheap to build; one per Settings."""

    def __init__(self, base: str) -> None:
        if not base.endswith("/"):
            raise ValueError(f"base must end with '/': {base!r}")
        self.base = base
        self.ontology = base + "ontology#"
        self.ontology_iri = base + "ontology"
        self.shapes = base + "shapes#"
        self.shapes_iri = base + "shapes"

    @cached_property
    def prefixes(self) -> dict[str, str]:
        """Every prefix, ours first; used by every serializer and the query page."""
        return {"ug": self.ontology, "ugs": self.shapes, "id": self.base + "id/", **PREFIXES}

    def mint(self, kind: str, key: str) -> str:
        """The IRI of an instance; ``key`` may contain ``/`` for structural paths (``A-78-1/chapter/3``).

        :raises ValueError: for a kind that is not in :data:`ungraph.kinds.KINDS`, or an empty key.
        """
        spec = KINDS.get(kind)
        if spec is None:
            raise ValueError(f"unknown kind of entity {kind!r}: register it in ungraph.kinds")
        parts = [safe_key(p) for p in key.split("/")] if spec.paths else [safe_key(key)]
        if not all(parts):
            raise ValueError(f"empty IRI key: {kind!r}/{key!r}")
        return f"{self.base}id/{kind}/{'/'.join(parts)}"

    def graph(self, name: str) -> str:
        return f"{self.base}graph/{name}"

    def expand(self, curie: str) -> str:
        """Expand a CURIE (``org:Post``) or pass an absolute IRI through."""
        if "://" in curie:
            return curie
        prefix, _, local = curie.partition(":")
        try:
            return self.prefixes[prefix] + local
        except KeyError:
            raise ValueError(f"unknown prefix in {curie!r}") from None

    def sparql_prologue(self) -> str:
        return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in self.prefixes.items())
