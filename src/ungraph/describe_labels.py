"""The labels a DESCRIBE adds for the IRIs it links to: what a linked-data client shows for a link.

A query worker's DESCRIBE (:func:`ungraph.sparql.run_job`) adds, after the resource's own triples, the
``rdfs:label`` and ``skos:prefLabel`` of at most :data:`DESCRIBE_LABELLED_OBJECTS` of the IRIs it links
to; :mod:`ungraph.web.describe` gives the same from the store's columns.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from ungraph.store import ReadStore

__all__ = ["LABEL_PREDICATES", "DESCRIBE_LABELLED_OBJECTS", "LabelCache", "label_triples"]

LABEL_PREDICATES = ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel")
_LABEL_NODES = tuple(ox.NamedNode(p) for p in LABEL_PREDICATES)


#: A DESCRIBE adds the labels of at most this many of the IRIs it links to (the first in IRI order):
#: a hub links to thousands (``organization/UNGA`` to 8,905 passages at the 100x enlargement), and
#: two index scans per object made nine tenths of its answer's time
#: (``tests/regressions/test_describe_labels_bounded.py``).
DESCRIBE_LABELLED_OBJECTS = 500


class LabelCache:
    """The labels of objects looked up before, for one store that does not change while it is served
    (each query worker keeps one: ``ungraph.web.sparql_pool``). The objects a DESCRIBE links to recur
    from one entity to the next (its types, bodies, countries, the report's parts), and looking up
    their labels was a third of a DESCRIBE's Python in a worker (``benchmarks/endpoint/README.md``).
    At most ``size`` objects; past that it starts again, empty.
    """

    def __init__(self, size: int = 10_000) -> None:
        self.size = size
        self.known: dict[ox.NamedNode, tuple[ox.Triple, ...]] = {}

    def labels(self, store: ox.Store, o: ox.NamedNode) -> tuple[ox.Triple, ...]:
        found = self.known.get(o)
        if found is None:
            found = tuple(q.triple for p in _LABEL_NODES for q in store.quads_for_pattern(o, p, None, None))
            if len(self.known) >= self.size:
                self.known.clear()
            self.known[o] = found
        return found


def label_triples(store: ReadStore, objects: Iterable[ox.NamedNode],
                   cache: LabelCache | None = None) -> list[ox.Triple]:
    """The labels (rdfs:label, skos:prefLabel) of ``objects``, sorted, in any graph.

    On a pyoxigraph store by index lookups (two per object: measured 0.3 ms for the 173 objects of
    the largest DESCRIBE of the benchmark, where one SPARQL join took 11 ms and a ``VALUES`` list 46
    ms), remembered in ``cache`` when one is given; on any other store by one SPARQL query.
    """
    if isinstance(store, ox.Store):
        found: set[ox.Triple] = set()
        if cache is not None:
            for o in objects:
                found.update(cache.labels(store, o))
            return sorted(found, key=str)
        add = found.add
        for o in objects:
            for p in _LABEL_NODES:
                for q in store.quads_for_pattern(o, p, None, None):
                    add(q.triple)
        return sorted(found, key=str)
    values = " ".join(sorted(map(str, objects)))
    if not values:
        return []
    # One branch per label predicate, each a constant: with ``VALUES ?p`` and ``?o ?p ?l`` oxigraph
    # evaluates the pattern alone, over every triple of the store, and joins after (830 ms against 15
    # at the 100x enlargement: tests/regressions/test_describe_labels_over_a_backend_read_by_predicate.py).
    # A CONSTRUCT leaves out a template triple whose variable the solution does not bind.
    template = " ".join(f"?o <{p}> ?l{i} ." for i, p in enumerate(LABEL_PREDICATES))
    branches = " UNION ".join(f"{{ ?o <{p}> ?l{i} }}" for i, p in enumerate(LABEL_PREDICATES))
    query = f"CONSTRUCT {{ {template} }} WHERE {{ VALUES ?o {{ {values} }} {branches} }}"
    return sorted(set(store.query(query, use_default_graph_as_union=True)), key=str)
