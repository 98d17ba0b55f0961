"""Aggregates over one triple pattern (the VoID class and property partitions) answered by a columnar scan.

Every statistics tool sends ``SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c``
and ``SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p``. oxigraph evaluates them as a scan
of the union default graph that decodes every quad and hashes it into a group: 28 ms in process at
1x, seconds at 100x. This module is **an execution path, not a cache**: it does the query's work on
every request, on the store's columns (:class:`Source`: the subject, predicate and object of every
quad as ``uint32`` term ids, numpy arrays in predicate-object-subject order, as the engine's POS
index), where a group count over one triple pattern is a slice (a constant predicate)
and a comparison per other constant, then run lengths (groups along that order) or ``np.bincount``
(``COUNT(*)``, ``COUNT(?v)``), and for ``COUNT(DISTINCT ?v)`` / ``COUNT(DISTINCT *)`` first the runs of
equal rows, or ``np.unique`` over the (group, value) pairs: vectorized, 0.8-1.3 ms at 1x where the
engine takes 14-50 ms, 3.7-23 ms at 100x where it takes 2.3-5.2 s (``benchmarks/endpoint/README.md``).

The columns hold every quad of ``quads_for_pattern(None, None, None, None)``, graph ignored: the
engine's queries run over ``use_default_graph_as_union=True``, where a triple in two named graphs and
in the default graph is three solutions (``COUNT(*)`` says 3), so the columns keep the duplicates too.

:func:`parse` (:mod:`ungraph.web.aggregate_parse`) recognises one shape and nothing else (any doubt: None,
and the engine answers): a group count over one triple pattern, ordered by the count or the group.

Rows come in the order the query asks for; ties (unspecified in SPARQL) are broken by the group
term's N-Triples string, and with no ``ORDER BY`` the rows come in that order. ``ORDER BY ?g``
over groups that are not all IRIs (literals, blank nodes: SPARQL's order of those is the engine's
business) goes back to the engine. Results past ``max_rows`` are cut as a query worker cuts them.
Written by :func:`ungraph.sparql.bindings_answer` as a query worker writes them (pyoxigraph's writer
under a top-level LIMIT within the row limit, else :func:`ungraph.sparql.serialize_bindings`): every
result format is byte for byte the engine's, ``X-Ungraph-Rows`` as it would be.

The columns come from one of two sources, the same arrays and the same answers: the store's own,
written at build time and mapped by the server (:mod:`ungraph.columns`, ``Services.mapped``: no
reading, any size), or, for a store without them (one given to ``create_app``, an in-memory store),
columns read once per process on a thread of their own (:mod:`ungraph.web.aggregate_memory`: the engine
answers until they are read, and always past its :data:`MAX_QUADS` quads).

>>> s = ox.Store()
>>> t, a, b, g = ox.NamedNode(RDF_TYPE), ox.NamedNode("http://x/a"), ox.NamedNode("http://x/b"), ox.NamedNode("http://x/g")
>>> for q in [ox.Quad(a, t, b), ox.Quad(a, t, b, g), ox.Quad(b, t, b, g), ox.Quad(a, t, a, g)]:
...     s.add(q)
>>> q = "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n) # 7"
>>> answer(s, Job(q, result_format="csv")).body
b'c,n\\r\\nhttp://x/b,2\\r\\nhttp://x/a,1\\r\\n'
>>> answer(s, Job(q, result_format="csv")).body == run_job(s, Job(q, result_format="csv")).body
True
>>> answer(s, Job(q.replace("DISTINCT ?s", "*"), result_format="tsv")).body.decode().split("\\n")[1]
'<http://x/b>\\t"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
>>> answer(s, Job(q.replace("GROUP BY", "HAVING(?n > 1) GROUP BY"))) is None
True
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
import pyoxigraph as ox

from ungraph.sparql import Answer, Job, bindings_answer, run_job  # noqa: F401 - run_job: the doctest
from ungraph.web.aggregate_memory import MAX_QUADS, Columns, columns_for
from ungraph.web.aggregate_parse import RDF_TYPE, Aggregate, parse

__all__ = ["Aggregate", "Columns", "MAX_QUADS", "RDF_TYPE", "Source", "answer", "columns_for", "counts", "ordered", "parse"]

class Source(Protocol):
    """What :func:`counts` and :func:`ordered` scan: the mapped columns (:class:`ungraph.columns.Columns`)
    or the in-memory ones (:class:`ungraph.web.aggregate_memory.Columns`). ``s``, ``p``, ``o``: every quad's
    term ids in predicate-object-subject order; a term's id is the rank of its N-Triples string (the
    tie-break); ``iri_rank[i]``: the rank of an IRI's string among the IRIs, -1 for any other term."""

    s: np.ndarray
    p: np.ndarray
    o: np.ndarray
    iri_rank: np.ndarray
    n_terms: int

    def id_of(self, term: object) -> int | None: ...

    def term(self, i: int) -> object: ...


def counts(columns: Source, agg: Aggregate) -> tuple[np.ndarray, np.ndarray]:
    """(group ids, counts) of ``agg`` over ``columns`` (one group id -1 for the ungrouped total), unordered."""
    lo, hi = 0, len(columns.p)
    kind, value = agg.pattern[1]
    if kind == "iri":  # the rows are in predicate order: a constant predicate is a slice
        i = columns.id_of(ox.NamedNode(value))
        if i is None:
            lo, hi = 0, 0
        else:  # a key of the column's type: with a Python int numpy copies the whole column to int64 first
            key = columns.p.dtype.type(i)
            lo, hi = int(np.searchsorted(columns.p, key)), int(np.searchsorted(columns.p, key, "right"))
    sliced = {"p": columns.p[lo:hi], "o": columns.o[lo:hi], "s": columns.s[lo:hi]}
    mask = None
    first: dict[str, np.ndarray] = {}
    var_at: dict[str, str] = {}
    for (kind, value), name in zip(agg.pattern, ("s", "p", "o")):
        col = sliced[name]
        if kind == "iri":
            if name == "p":
                continue
            i = columns.id_of(ox.NamedNode(value))
            here = col == i if i is not None else np.zeros(len(col), dtype=bool)
        elif value in first:  # a repeated variable: the same term in both positions
            var_at[name] = value
            here = col == first[value]
        else:
            var_at[name] = value
            first[value] = col
            continue
        mask = here if mask is None else mask & here
    bound = {v: (c if mask is None else c[mask]) for v, c in first.items()}
    rows = hi - lo if mask is None else int(np.count_nonzero(mask))
    kept = None
    # the rows are sorted by (p, o, s), the constant positions aside: distinct keys that are a prefix of
    # that order are runs of equal rows, found without sorting, and so are the groups of its first variable
    order = list(dict.fromkeys(var_at[name] for name in ("p", "o", "s") if name in var_at))
    if agg.distinct:
        keys = agg.variables if agg.counted is None else list(dict.fromkeys([v for v in (agg.group, agg.counted) if v]))
        if set(keys) == set(order[:len(keys)]):
            kept = _run_starts([bound[v] for v in keys], rows)
        else:
            kept = _first_of_each([bound[v] for v in keys], columns.n_terms, rows)
    if agg.group is None:
        n = rows if kept is None else len(kept)
        return np.array([-1], dtype=np.int64), np.array([n], dtype=np.int64)
    g = bound[agg.group] if kept is None else bound[agg.group][kept]
    if order[:1] == [agg.group]:  # then g ascends
        starts = _sorted_starts(g)
        return g[starts].astype(np.int64), np.diff(np.append(starts, len(g)))
    found = np.bincount(g)
    ids = np.flatnonzero(found)
    return ids, found[ids]


def _run_starts(cols: list[np.ndarray], rows: int) -> np.ndarray:
    """The index of the first row of each run of equal rows of ``cols`` (sorted rows: one per distinct row)."""
    if not cols:
        return np.arange(min(rows, 1))
    starts = np.ones(rows, dtype=bool)
    for c in cols:
        starts[1:] &= c[1:] == c[:-1]
    starts[1:] = ~starts[1:]
    return np.flatnonzero(starts)


def _sorted_starts(g: np.ndarray) -> np.ndarray:
    """The index of the first row of each run of the ascending ``g``: a binary search per run while runs
    are few for the rows (``?p`` over every quad: a hundred searches, not a pass over millions of rows),
    then one pass over the rest."""
    starts: list[int] = []
    pos, n, searches = 0, len(g), len(g) >> 14  # a search costs about what 5,000 rows of the pass cost
    sample = g[::max(1, n // 1024)]
    if np.count_nonzero(sample[1:] != sample[:-1]) >= searches:  # at least that many runs: the pass alone
        searches = 0
    while pos < n and len(starts) < searches:
        starts.append(pos)
        pos = int(np.searchsorted(g, g[pos], "right"))
    if not starts:
        return _run_starts([g], n)
    rest = _run_starts([g[pos:]], n - pos) + pos
    return np.concatenate([np.array(starts, dtype=rest.dtype), rest])


def _first_of_each(cols: list[np.ndarray], size: int, rows: int) -> np.ndarray:
    """The index of one row of each distinct combination of ``cols`` (ids below ``size``), ascending; no
    columns: the pattern has no variable, and all its ``rows`` are one solution."""
    if not cols:
        return np.arange(min(rows, 1))
    key, span = cols[0].astype(np.int64), size
    for c in cols[1:]:
        if span * size >= 2**63:  # the combined key would overflow: number the pairs so far densely first
            uniq, dense = np.unique(key, return_inverse=True)
            key, span = dense.astype(np.int64), len(uniq)
        key, span = key * size + c, span * size
    return np.sort(np.unique(key, return_index=True)[1])  # in row order, as the rows were sorted


def ordered(columns: Source, agg: Aggregate, ids: np.ndarray, counts: np.ndarray) -> np.ndarray | None:
    """The positions of the rows in the query's order, after OFFSET and LIMIT; None if the order is
    one this module leaves to the engine (``ORDER BY ?g`` over groups that are not all IRIs)."""
    if agg.group is None:
        perm = np.arange(len(ids))
    else:
        keys = [ids]  # the tie-break (ids are N-Triples ranks), last: np.lexsort sorts by its last key first
        for var, desc in reversed(agg.order):
            if var == agg.count:
                key = counts
            else:
                key = columns.iri_rank[ids]
                if len(key) and key.min() < 0:
                    return None
            keys.append(-key if desc else key)
        perm = np.lexsort(keys)
    stop = None if agg.limit is None else agg.offset + agg.limit
    return perm[agg.offset:stop]


def answer(store, job: Job, wait: bool = True, mapped: Source | None = None) -> Answer | None:
    """The answer to ``job`` from ``mapped`` (the store's mapped columns, :mod:`ungraph.columns`) or, without
    them, from the store's in-memory columns (:func:`ungraph.web.aggregate_memory.columns_for`; with
    ``wait`` False None while they are being read); None when the query is not the shape above."""
    if job.default_graph or job.named_graphs or job.result_format is None:
        return None
    agg = parse(job.query)
    if agg is None:
        return None
    columns: Source | None = mapped
    if columns is None:
        found = columns_for(store, wait)
        if found is None or not found.complete:
            return None
        columns = found
    ids, n = counts(columns, agg)
    perm = ordered(columns, agg, ids, n)
    if perm is None:
        return None
    perm = perm[:job.max_rows + 1]  # one more than the row limit: the answer says it was cut
    rows: list[list[object]] = []
    for k in perm.tolist():
        values: dict[str, object] = {agg.count: ox.Literal(int(n[k]))}
        if agg.group is not None:
            try:
                values[agg.group] = columns.term(int(ids[k]))
            except ValueError:  # a triple term, which the mapped columns do not read back: the engine answers
                return None
        rows.append([values[v] for v in agg.projection])
    return bindings_answer(job, list(agg.projection), rows)
