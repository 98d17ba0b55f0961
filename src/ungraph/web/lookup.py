"""Point lookups (``SELECT ?p ?o WHERE { <s> ?p ?o } LIMIT n``) answered from the store's columns.

The most common query a linked-data client sends: every triple of one subject. The engine answers it
as a prefix scan of its SPOG index, then writes each row; from the columns (:mod:`ungraph.columns`,
mapped at start-up) it is one slice of the rows' SPARQL JSON the build wrote (``lookup.json``: a
subject's rows are one range of it; other variable names than ``?p ?o`` replaced in it), or for a
projection in the other order a join of the terms' SPARQL JSON values: 0.56 -> 0.1 ms in process for a
200-row answer from the 100x store on disk, then 0.053 -> 0.016 ms at 1x from the rows' JSON
(``benchmarks/endpoint/README.md``). The bytes are the engine's (the same rows in the same order,
written as a query worker writes them; the tests compare both on every subject), from the build's
files, never from an earlier request.

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

import re
from dataclasses import dataclass

import numpy as np
import pyoxigraph as ox

from ungraph.columns import ROW_NAMES, Columns
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


_WS = "[ \t\r\n]"
_VAR = r"\?([A-Za-z_][A-Za-z0-9_]*)"
#: The usual way a lookup is written, read without tokens: a comment at the end only, with no brace or
#: ``#`` in it (where :func:`~ungraph.sparql.top_level_limit` could read it otherwise)
_USUAL = re.compile(rf"{_WS}*SELECT{_WS}+{_VAR}{_WS}+{_VAR}{_WS}+WHERE{_WS}*\{{{_WS}*(<[^<>\"{{}}|^`\\\s]*>)"
                    rf"{_WS}+{_VAR}{_WS}+{_VAR}{_WS}*\}}{_WS}*LIMIT{_WS}+([0-9]{{1,18}}){_WS}*(?:#[^\n\r{{}}#]*)?{_WS}*",
                    re.IGNORECASE)


def _usual(query: str) -> Lookup | None:
    r""":func:`parse` of a lookup written the usual way (:data:`_USUAL`: a regular expression, 2 against 20 us
    for the tokens), or None (then :func:`parse` reads it). Tested to agree with :func:`parse` and
    :func:`~ungraph.sparql.top_level_limit` on every text it reads (``tests/web/test_lookup.py``).

    >>> _usual("SELECT ?p ?o WHERE { <http://x/a> ?p ?o } LIMIT 200\n#1-2-3")
    Lookup(subject='http://x/a', predicate='p', object='o', projection=('p', 'o'), limit=200)
    >>> _usual("SELECT ?p ?o WHERE { <http://x/a> ?p ?o } LIMIT 200 # } LIMIT 5") is None
    True
    """
    m = _USUAL.fullmatch(query) if len(query) <= 4096 else None
    if m is None:
        return None
    v1, v2, iri, p, o, limit = m.groups()
    subject = absolute_iri(("iri", iri))
    if subject is None or p == o or v1 == v2 or {v1, v2} != {p, o}:
        return None
    return Lookup(subject, p, o, (v1, v2), int(limit))


def answer(columns: Columns | None, job: Job) -> Answer | None:
    """The answer to ``job`` from ``columns``, or None (see the module's docstring)."""
    if columns is None or job.describe or job.default_graph or job.named_graphs or job.result_format != "json":
        return None
    found = _usual(job.query)  # the LIMIT is its top-level one
    if found is None:
        found = parse(job.query)
        # the LIMIT as a query worker reads it, which decides how it writes the answer (its rows not counted)
        if found is None or top_level_limit(job.query) != found.limit:
            return None
    if found.limit > job.max_rows:
        return None
    head = ('{"head":{"vars":[' + ",".join(f'"{v}"' for v in found.projection) + ']},"results":{"bindings":[').encode()
    sid = columns.id_of(ox.NamedNode(found.subject))
    if sid is None:
        return Answer("bindings", "json", head + b"]}}", rows=-1)
    start = int(columns.lookup_start[sid])
    stop = min(int(columns.lookup_start[sid + 1]), start + found.limit)
    if found.projection == (found.predicate, found.object):  # the rows as the build wrote them: one slice
        rows = columns.rows_json(start, stop)[:-1]  # the last row's comma
        names = tuple(v.encode() for v in found.projection)
        if names != ROW_NAMES:
            rows = rows.replace(b'{"' + ROW_NAMES[0] + b'":', b'{"' + names[0] + b'":').replace(
                b',"' + ROW_NAMES[1] + b'":', b',"' + names[1] + b'":')
        return Answer("bindings", "json", head + rows + b"]}}", rows=-1)
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
