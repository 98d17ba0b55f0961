"""What a ``DESCRIBE <iri>`` answers, as term ids from a store's columns, and its Turtle.

A query worker answers ``DESCRIBE <iri>`` with the engine's DESCRIBE (every triple of the subject over
the union default graph, in the on-disk index order, a triple in two graphs twice) and the labels of the
IRIs it links to (:func:`ungraph.sparql.run_job`: at most
:data:`~ungraph.describe_labels.DESCRIBE_LABELLED_OBJECTS`, the first in IRI order, each label once; none
when the subject's own triples are past the row limit, the answer then cut and marked truncated).
:func:`triples` gives the same triples from the columns (:mod:`ungraph.columns`: the subject's rows,
``lookup.*``, and the labels index, ``labels.*``), and :func:`turtle_body` their Turtle without the
``@prefix`` lines, from the terms' Turtle forms (:mod:`ungraph.turtle`), with the prefixes it needs.

Two users: the server (:mod:`ungraph.web.describe`, for a subject whose description the build did not
write) and the build, which writes every subject's description once (:func:`ungraph.columns.write`,
``describe.ttl``), so that a Turtle DESCRIBE is then one slice of a file. Both are checked byte for
byte against the engine's answers for every subject (``tests/web/test_describe.py``).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import numpy as np

from ungraph import turtle
from ungraph.describe_labels import DESCRIBE_LABELLED_OBJECTS

if TYPE_CHECKING:
    from ungraph.columns import Columns

__all__ = ["triples", "turtle_body", "header"]

_IRI, _BLANK = ord("<"), ord("_")
_TRIPLE_TERM = (ord("<") << 8) | ord("<")


def _ranges(starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
    """The concatenation of ``range(start, stop)`` for each pair, as one index array.

    >>> _ranges(np.array([2, 7]), np.array([4, 8])).tolist()
    [2, 3, 7]
    """
    counts = (stops - starts).astype(np.int64)
    before = np.cumsum(counts) - counts
    return np.repeat(starts.astype(np.int64) - before, counts) + np.arange(int(counts.sum()), dtype=np.int64)


def triples(columns: Columns, sid: int, max_rows: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, bool] | None:
    """(subjects, predicates, objects, truncated) of the DESCRIBE of term ``sid`` (a subject: it has rows)
    under the row limit ``max_rows``, as a query worker answers it; None when an object is a blank node
    or a triple term (the engine's concise bounded description describes those further)."""
    start, stop = int(columns.lookup_start[sid]), int(columns.lookup_start[sid + 1])
    p = columns.lookup_p[start:stop].astype(np.int64)
    o = columns.lookup_o[start:stop].astype(np.int64)
    kinds = columns.kinds(o)
    if np.any((kinds >> 8) == _BLANK) or np.any(kinds == _TRIPLE_TERM):
        return None
    truncated = len(p) > max_rows
    if truncated:  # the engine's first rows, cut, and no labels: a query worker adds none to a cut answer
        p, o = p[:max_rows], o[:max_rows]
        ls = lp = lo = np.zeros(0, dtype=np.int64)
    else:
        ls, lp, lo = _labels(columns, sid, p, o, o[(kinds >> 8) == _IRI], max_rows - len(p))
    ss = np.concatenate((np.full(len(p), sid, dtype=np.int64), ls))
    return ss, np.concatenate((p, lp)), np.concatenate((o, lo)), truncated


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


def turtle_body(columns: Columns, ss: np.ndarray, pp: np.ndarray, oo: np.ndarray) -> tuple[bytes, int]:
    """(the Turtle of the triples ``ss``, ``pp``, ``oo`` without its ``@prefix`` lines, the prefixes it
    needs declared as a mask of bits over :attr:`~ungraph.columns.Columns.turtle_prefixes`), from the
    terms' Turtle forms in the columns: with :func:`header` before it, byte for byte pyoxigraph's writer
    (TriG writes a default graph the same)."""
    masks = columns.prefix_masks
    needed = int(masks[ss[0]]) | int(np.bitwise_or.reduce(masks[pp])) | int(np.bitwise_or.reduce(masks[oo]))
    off, blob = columns.ttl_offsets(), columns.ttl_blob()

    def forms(ids: np.ndarray) -> list[bytes]:
        return [blob[a:b] for a, b in zip(off[ids].tolist(), off[ids + 1].tolist())]

    predicates = forms(pp)
    for i in np.flatnonzero(pp == columns.rdf_type).tolist():  # rdf:type as predicate is "a"
        predicates[i] = b"a"
    return turtle.document((), zip(forms(ss), predicates, forms(oo))), needed


@functools.lru_cache(maxsize=4096)
def header(prefixes: tuple[tuple[str, str], ...], mask: int) -> bytes:
    """The ``@prefix`` lines of the ``prefixes`` (sorted, as the columns hold them) whose bits are set in
    ``mask``, in the order pyoxigraph's writer writes them (:func:`ungraph.turtle.prefix_order`).

    >>> header((("a", "http://a/"), ("b", "http://b/long/")), 0b11)
    b'@prefix b: <http://b/long/> .\\n@prefix a: <http://a/> .\\n'
    """
    return turtle.document(turtle.prefix_order(tuple(p for bit, p in enumerate(prefixes) if mask >> bit & 1)), ())
