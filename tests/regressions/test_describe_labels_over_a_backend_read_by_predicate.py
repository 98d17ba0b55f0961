"""Over ``--backend``, a DESCRIBE's labels cost a scan of the whole store (issue 14).

A DESCRIBE adds the labels of the IRIs it links to. On a remote store (:class:`ungraph.backend.RemoteStore`)
``label_triples`` asked one query, ``VALUES ?o { ... } VALUES ?p { rdfs:label skos:prefLabel } ?o ?p ?l``:
oxigraph 0.5 evaluates the pattern ``?o ?p ?l`` on its own (every triple of the store) and joins the
lists after, so the labels of one report's introduction took 830 ms at the 100x enlargement (the
DESCRIBE itself 0.9 ms), and a report's own entity's DESCRIBE through our front over ``oxigraph serve``
ran at 5 req/s against the backend's own 7,431 (``benchmarks/endpoint/results-x100-backends.json``,
2026-12-03, 09:23-09:32 UTC). The query now has one branch per label predicate, each a constant predicate
(15 ms for the same labels): an engine reads them by index, as the embedded store's lookups do.
The remote path also gave the labels in the engine's order, where the index path gives the sorted set
of them (``run_job`` keeps the first that fit the row limit): both now give the sorted set.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Variable

from ungraph.describe_labels import label_triples


class _Remote:
    """A store seen only through SPARQL, as ``RemoteStore`` is (``ungraph.store.ReadStore``), over a real
    pyoxigraph store; it keeps the texts it was asked."""

    def __init__(self, store: ox.Store) -> None:
        self.store, self.asked = store, []

    def query(self, query: str, **kwargs: Any) -> Any:
        self.asked.append(query)
        return self.store.query(query, **kwargs)


def _patterns(node: Any) -> list[tuple[Any, Any, Any]]:
    """Every triple pattern in an rdflib algebra tree."""
    found = []
    if isinstance(node, dict):
        if "triples" in node:  # not .get: rdflib's CompValue.get gives the key back for a missing key
            found += list(node["triples"])
        for value in node.values():
            found += _patterns(value)
    elif isinstance(node, list):
        for value in node:
            found += _patterns(value)
    return found


def test_labels_over_a_backend_are_read_by_constant_predicates() -> None:
    from tests.web.sample_graph import sample_store

    store = sample_store()
    objects = sorted({q.object for q in store if isinstance(q.object, ox.NamedNode)}, key=str)
    remote = _Remote(store)
    assert label_triples(remote, objects) == label_triples(store, objects)  # the same labels, in the same order
    assert label_triples(remote, objects)
    (query, *_) = remote.asked
    patterns = _patterns(prepareQuery(query).algebra)
    assert patterns
    assert not [p for p in patterns if isinstance(p[1], Variable)], query[-300:]


def test_no_objects_asks_nothing() -> None:
    remote = _Remote(ox.Store())
    assert label_triples(remote, []) == []
    assert remote.asked == []
