"""``DESCRIBE <iri>`` answered from the store's columns, byte for byte the engine's answer.

What a linked-data client asks after a lookup: everything about one resource, as RDF. A query worker
answers it with the engine's DESCRIBE (every triple of the subject over the union default graph, in
the on-disk index order, a triple in two graphs twice), adds the labels of the IRIs it links to
(:func:`ungraph.sparql.run_job`: at most :data:`~ungraph.describe_labels.DESCRIBE_LABELLED_OBJECTS`, the
first in IRI order, each label once) and writes them (:func:`ungraph.sparql.graph_answer`).

Here the same triples come from the columns (:mod:`ungraph.columns`): the subject's rows
(``lookup.*``, the engine's order, checked for every subject) and the labels index (``labels.*``,
each subject's distinct labels). The labels of a shared entity are repeated in every report graph
(a country's two labels are 200 quads at the 100x enlargement), and the engine's answer paid for
reading them all, for every IRI a description links to: a report's own entity took 0.9 ms at 1x and
3.9 ms at 100x in process. From the labels index the cost is the answer's own size at any scale
(``benchmarks/endpoint/README.md``). It is **an execution path, not a cache**: every request reads
the rows and writes them. Turtle and TriG (the formats a linked-data client asks for first) are the
terms' Turtle forms the build wrote into the columns, joined as pyoxigraph's writer joins them
(:mod:`ungraph.turtle`: 0.46 -> 0.25 ms in process for a report's own entity at 1x); the other formats, and
columns written for other prefixes than the app's, go through pyoxigraph's parser and writer.

**The order is the on-disk store's**, as for lookups (:mod:`ungraph.web.lookup`): a server holding
the store in memory answers in the order of the store on disk, so the bytes do not depend on the store
mode. An RDF graph has no order; the triples are the same (tested).

The shape, and nothing else (any doubt: None, and a query worker answers):

* ``DESCRIBE <iri>``: one full absolute IRI; SPARQL white space and comments anywhere, no prefixed
  name, no ``BASE`` or ``PREFIX``, no ``WHERE`` (tokens as :data:`~ungraph.web.query_cost.STRICT_TOKEN`);
* no dataset in the request; a graph format the client accepts;
* a subject whose objects are IRIs and literals (a blank node object is described further by the
  engine's concise bounded description). One with more triples than the row limit is cut as a query
  worker cuts it: its first triples, in the engine's order, without labels, and marked truncated.

>>> parse("DESCRIBE <http://x/a> # 7"), parse("describe\\t<http://x/a>")
('http://x/a', 'http://x/a')
>>> parse("DESCRIBE <http://x/a> <http://x/b>") is None, parse("DESCRIBE ?s WHERE { ?s ?p ?o }") is None
(True, True)
"""

from __future__ import annotations

from itertools import chain, repeat

import numpy as np
import pyoxigraph as ox

from ungraph import turtle
from ungraph.columns import Columns
from ungraph.describe_labels import DESCRIBE_LABELLED_OBJECTS
from ungraph.sparql import Answer, Job, graph_answer
from ungraph.web.query_cost import STRICT_TOKEN, absolute_iri, tokens

__all__ = ["parse", "answer"]

_IRI, _BLANK = ord("<"), ord("_")
_TRIPLE_TERM = (ord("<") << 8) | ord("<")
_TURTLE = ("ttl", "trig")


def parse(query: str) -> str | None:
    """The IRI ``query`` describes, or None (see the module's docstring)."""
    if len(query) > 4096:
        return None
    toks = tokens(query, STRICT_TOKEN)
    if toks is None or len(toks) != 2 or toks[0] != ("word", "DESCRIBE"):
        return None
    return absolute_iri(toks[1])


def _ranges(starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
    """The concatenation of ``range(start, stop)`` for each pair, as one index array."""
    counts = (stops - starts).astype(np.int64)
    before = np.cumsum(counts) - counts
    return np.repeat(starts.astype(np.int64) - before, counts) + np.arange(int(counts.sum()), dtype=np.int64)


def answer(columns: Columns | None, job: Job) -> Answer | None:
    """The answer to ``job`` from ``columns``, or None (see the module's docstring)."""
    if columns is None or not job.describe or job.default_graph or job.named_graphs or job.graph_format is None:
        return None
    iri = parse(job.query)
    if iri is None:
        return None
    sid = columns.id_of(ox.NamedNode(iri))
    if sid is None:
        return graph_answer(job, [])
    start, stop = int(columns.lookup_start[sid]), int(columns.lookup_start[sid + 1])
    if start == stop:  # in the store only as an object (or a predicate): nothing to describe, as the engine says
        return graph_answer(job, [])
    p = columns.lookup_p[start:stop].astype(np.int64)
    o = columns.lookup_o[start:stop].astype(np.int64)
    kinds = columns.kinds(o)
    if np.any((kinds >> 8) == _BLANK) or np.any(kinds == _TRIPLE_TERM):
        return None
    truncated = len(p) > job.max_rows
    if truncated:  # the engine's first rows, cut, and no labels: a query worker adds none to a cut answer
        p, o = p[:job.max_rows], o[:job.max_rows]
        ls = lp = lo = np.zeros(0, dtype=np.int64)
    else:
        ls, lp, lo = _labels(columns, sid, p, o, o[(kinds >> 8) == _IRI], job.max_rows - len(p))
    ss = np.concatenate((np.full(len(p), sid, dtype=np.int64), ls))
    pp, oo = np.concatenate((p, lp)), np.concatenate((o, lo))
    if job.graph_format in _TURTLE and columns.turtle_prefixes and columns.turtle_prefixes == job.prefixes:
        return _turtle(columns, job, ss, pp, oo, truncated)
    # the lines "s p o .": the three columns of slices, interleaved with their separators by C iterators
    off, blob = columns.nt_offsets(), columns.nt_blob()
    cut = blob.__getitem__
    columns_of = [list(map(cut, map(slice, off[ids].tolist(), off[ids + 1].tolist()))) for ids in (ss, pp, oo)]
    text = b"".join(chain.from_iterable(zip(columns_of[0], repeat(b" "), columns_of[1], repeat(b" "), columns_of[2],
                                            repeat(b" .\n"))))
    if job.graph_format == "nt":  # N-Triples: the lines are what pyoxigraph's writer writes
        return Answer("graph", "nt", text, len(ss), truncated)
    # lenient: the text is pyoxigraph's own N-Triples of valid terms, not the client's (half the parse time)
    triples = [q.triple for q in ox.parse(text, format=ox.RdfFormat.N_TRIPLES, lenient=True)]
    # the other formats; Turtle and TriG when the columns hold no Turtle forms for the app's prefixes
    return graph_answer(job, triples, truncated)


def _labels(columns: Columns, sid: int, p: np.ndarray, o: np.ndarray, iris: np.ndarray,
            room: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(subjects, predicates, objects) of the label triples a DESCRIBE of ``sid`` adds (its rows ``p``,
    ``o``; ``iris``: its IRI objects), at most ``room``: the distinct labels of its first
    :data:`~ungraph.describe_labels.DESCRIBE_LABELLED_OBJECTS` IRI objects, from the labels index."""
    objects = np.unique(iris)[:DESCRIBE_LABELLED_OBJECTS]  # ids sort as N-Triples strings do
    at = _ranges(columns.labels_start[objects], columns.labels_start[objects + 1])
    ls = np.repeat(objects, (columns.labels_start[objects + 1] - columns.labels_start[objects]).astype(np.int64))
    lp, lo = columns.labels_p[at].astype(np.int64), columns.labels_o[at].astype(np.int64)
    if sid in objects:  # a resource that links to itself: its own labels are in the answer already
        own = set(zip(p.tolist(), o.tolist()))
        keep = np.array([not (s == sid and (a, b) in own) for s, a, b in zip(ls.tolist(), lp.tolist(), lo.tolist())],
                        dtype=bool)
        ls, lp, lo = ls[keep], lp[keep], lo[keep]
    return ls[:room], lp[:room], lo[:room]


def _turtle(columns: Columns, job: Job, ss: np.ndarray, pp: np.ndarray, oo: np.ndarray, truncated: bool) -> Answer:
    """The triples ``ss``, ``pp``, ``oo`` (ids) in Turtle (TriG: its default graph is written the same),
    from the terms' Turtle forms in the columns (:func:`ungraph.turtle.term`, written for the app's
    prefixes): byte for byte pyoxigraph's writer, at the cost of a join."""
    masks = columns.prefix_masks
    needed = int(masks[ss[0]]) | int(np.bitwise_or.reduce(masks[pp])) | int(np.bitwise_or.reduce(masks[oo]))
    used = tuple(p for bit, p in enumerate(job.prefixes) if needed >> bit & 1)  # as used_prefixes finds them
    off, blob = columns.ttl_offsets(), columns.ttl_blob()

    def forms(ids: np.ndarray) -> list[bytes]:
        return [blob[a:b] for a, b in zip(off[ids].tolist(), off[ids + 1].tolist())]

    predicates = forms(pp)
    for i in np.flatnonzero(pp == columns.rdf_type).tolist():  # rdf:type as predicate is "a"
        predicates[i] = b"a"
    body = turtle.document(turtle.prefix_order(used), zip(forms(ss), predicates, forms(oo)))
    return Answer("graph", job.graph_format, body, len(ss), truncated)
