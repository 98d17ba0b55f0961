"""Point lookups (``SELECT ?p ?o WHERE { <s> ?p ?o } LIMIT n``) answered from the store's columns.

The most common query a linked-data client sends: every triple of one subject. The engine answers it
as a prefix scan of its SPOG index, then writes each row; from the columns (:mod:`ungraph.columns`,
mapped at start-up) it is a slice of the subject's rows and a join of the SPARQL JSON values written
at build time: 0.56 -> 0.1 ms in process for a 200-row answer from the 100x store on disk
(``benchmarks/endpoint/README.md``). It is **an execution path, not a cache**: the rows are read on
every request; the bytes are the engine's (the same rows in the same order, written as a query worker
writes them; the tests compare both on every subject).

**The order is the on-disk store's.** A store loaded into memory (``UNGRAPH_STORE_MODE=memory``, the
default at 1x) orders a subject's rows its own way; the columns are read from the store directory, so a
lookup answers in the on-disk order in both modes: the same bytes whether the server holds the store in
memory or on disk, or serves it through ``oxigraph serve`` (``--backend``). Both orders are SPARQL's (no
``ORDER BY``: any order, and under a ``LIMIT`` any rows).

:func:`parse` recognises one shape and nothing else (any doubt: None, and the engine answers):

* ``SELECT ?x ?y`` (any of the two variables, each once, in any order) or ``SELECT *``, optional
  ``WHERE``, ``{ <iri> ?x ?y }`` (one triple pattern, an optional final ``.``; the subject a full
  absolute IRI, the predicate and object two different variables), then ``LIMIT n``;
* tokens as :data:`ungraph.web.query_cost.STRICT_TOKEN` reads them: SPARQL white space and comments
  anywhere, no backslash, no prefixed name, no ``BASE`` or ``PREFIX``.

:func:`answer` gives None (the engine answers) as well for a dataset in the request, a format other
than SPARQL JSON, or a ``LIMIT`` past the row limit.

>>> parse("SELECT ?p ?o WHERE { <http://x/a> ?p ?o } LIMIT 200 # 7")
Lookup(subject='http://x/a', predicate='p', object='o', projection=('p', 'o'), limit=200)
>>> parse("select * { <http://x/a> ?p ?o . } limit 5").projection
('p', 'o')
>>> parse("SELECT ?p ?o WHERE { <http://x/a> ?p ?o } LIMIT 5 OFFSET 1") is None
True
>>> parse("SELECT ?p WHERE { <http://x/a> ?p ?p } LIMIT 5") is None
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyoxigraph as ox

from ungraph.columns import Columns
from ungraph.sparql import Answer, Job, top_level_limit
from ungraph.web.query_cost import STRICT_TOKEN, absolute_iri, tokens

__all__ = ["Lookup", "parse", "answer"]


@dataclass(frozen=True)
class Lookup:
    subject: str
    predicate: str
    object: str
    projection: tuple[str, ...]
    limit: int


def parse(query: str) -> Lookup | None:
    """The lookup ``query`` is, or None (see the module's docstring)."""
    if len(query) > 4096:
        return None
    toks = tokens(query, STRICT_TOKEN)
    if not toks or toks[0] != ("word", "SELECT"):
        return None
    i, projected = 1, []
    if toks[1:2] == [("punct", "*")]:
        i, star = 2, True
    else:
        star = False
        while i < len(toks) and toks[i][0] == "var":
            projected.append(toks[i][1])
            i += 1
    if toks[i:i + 1] == [("word", "WHERE")]:
        i += 1
    rest = toks[i:]
    if len(rest) not in (7, 8) or rest[0] != ("punct", "{") or rest[-2] != ("word", "LIMIT") or rest[-1][0] != "int":
        return None
    if len(rest) == 8 and rest[4] != ("punct", "."):
        return None
    if rest[-3] != ("punct", "}"):
        return None
    subject = absolute_iri(rest[1])
    (pk, p), (ok, o) = rest[2], rest[3]
    if subject is None or pk != "var" or ok != "var" or p == o:
        return None
    projection = (p, o) if star else tuple(projected)
    if not projection or len(set(projection)) != len(projection) or not set(projection) <= {p, o}:
        return None
    return Lookup(subject, p, o, projection, int(rest[-1][1]))


def answer(columns: Columns | None, job: Job) -> Answer | None:
    """The answer to ``job`` from ``columns``, or None (see the module's docstring)."""
    if columns is None or job.describe or job.default_graph or job.named_graphs or job.result_format != "json":
        return None
    found = parse(job.query)
    # the LIMIT as a query worker reads it, which decides how it writes the answer (its rows not counted)
    if found is None or found.limit > job.max_rows or top_level_limit(job.query) != found.limit:
        return None
    head = ('{"head":{"vars":[' + ",".join(f'"{v}"' for v in found.projection) + ']},"results":{"bindings":[').encode()
    sid = columns.id_of(ox.NamedNode(found.subject))
    if sid is None:
        return Answer("bindings", "json", head + b"]}}", rows=-1)
    start = int(columns.lookup_start[sid])
    stop = min(int(columns.lookup_start[sid + 1]), start + found.limit)
    off, blob = columns.json_offsets(), columns.json_blob()
    spans = []  # per projected variable: the start and end of each row's value in the blob
    for var in found.projection:
        ids = (columns.lookup_p if var == found.predicate else columns.lookup_o)[start:stop].astype(np.int64)
        spans.append((off[ids].tolist(), off[ids + 1].tolist()))
    out: list[bytes] = []
    put = out.append
    if len(spans) == 2:  # the usual case, unrolled: 50 us for 180 rows
        k1, k2 = (b'{"' + found.projection[0].encode() + b'":'), (b',"' + found.projection[1].encode() + b'":')
        for a, b, c, d in zip(*spans[0], *spans[1]):
            put(k1)
            put(blob[a:b])
            put(k2)
            put(blob[c:d])
            put(b"},")
    else:
        k1 = b'{"' + found.projection[0].encode() + b'":'
        for a, b in zip(*spans[0]):
            put(k1)
            put(blob[a:b])
            put(b"},")
    body = b"".join(out)[:-1]  # the last row's comma
    return Answer("bindings", "json", head + body + b"]}}", rows=-1)
