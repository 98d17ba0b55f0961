"""Labels every tool reads: the label properties generic linked-data tools look for, by rule.

The extractors write the project's own profile (``skos:prefLabel`` per language, ``ug:abbreviation``,
``dcterms:title`` on parts of the report). Skosmos, LodView, OpenRefine and Wikidata tooling look
for ``rdfs:label``, ``skos:altLabel`` and ``schema:name``, so :func:`label_quads` adds, in the named
graph of the triple it comes from:

* ``rdfs:label`` for every ``skos:prefLabel`` (same text, same language tag), and for every
  ``dcterms:title`` of a subject without a ``skos:prefLabel`` (chapters and sections);
* ``skos:altLabel`` for every ``ug:abbreviation`` (the ontology declares ``ug:abbreviation`` a
  subproperty of ``skos:altLabel``; writing both saves tools without a reasoner);
* ``schema:name`` for every ``rdfs:label`` so derived, when the subject has a schema.org type
  (``schema:Person``, ``schema:Country``, ``schema:Event``, ``schema:Legislation``,
  ``schema:Report``).

Nothing is invented: every derived triple copies a literal the graph already states.

>>> import pyoxigraph as ox
>>> from ungraph.namespaces import Namespaces
>>> ns = Namespaces("http://x.test/")
>>> a, g = ox.NamedNode("http://x.test/id/person/a"), ox.NamedNode("http://x.test/graph/report")
>>> P = lambda c: ox.NamedNode(ns.expand(c))
>>> qs = {ox.Quad(a, P("rdf:type"), P("schema:Person"), g), ox.Quad(a, P("skos:prefLabel"), ox.Literal("甲", language="zh"), g)}
>>> sorted(q.predicate.value.rsplit("/", 1)[-1] for q in label_quads(qs, ns))
['name', 'rdf-schema#label']
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from ungraph.namespaces import Namespaces

__all__ = ["label_quads", "SCHEMA_TYPES"]

#: schema.org classes the graph uses: their instances also get ``schema:name``.
SCHEMA_TYPES = ("schema:Person", "schema:Country", "schema:Event", "schema:Legislation", "schema:Report")


def label_quads(quads: Iterable[ox.Quad], ns: Namespaces) -> set[ox.Quad]:
    """The label quads generic tools need, derived from ``quads`` (which are not changed)."""
    def n(curie: str) -> ox.NamedNode:
        return ox.NamedNode(ns.expand(curie))

    pref, label, title, alt, abbr = n("skos:prefLabel"), n("rdfs:label"), n("dcterms:title"), n("skos:altLabel"), n("ug:abbreviation")
    rdf_type, name = n("rdf:type"), n("schema:name")
    schema_types = {n(c) for c in SCHEMA_TYPES}
    quads = list(quads)
    with_pref = {q.subject for q in quads if q.predicate == pref}
    schema_subjects = {q.subject for q in quads if q.predicate == rdf_type and q.object in schema_types}
    out: set[ox.Quad] = set()
    for q in quads:
        if q.predicate == pref or (q.predicate == title and q.subject not in with_pref):
            out.add(ox.Quad(q.subject, label, q.object, q.graph_name))
            if q.subject in schema_subjects:
                out.add(ox.Quad(q.subject, name, q.object, q.graph_name))
        elif q.predicate == abbr:
            out.add(ox.Quad(q.subject, alt, q.object, q.graph_name))
    return out
