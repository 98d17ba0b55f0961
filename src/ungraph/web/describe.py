"""``DESCRIBE <iri>`` answered from the store's columns, byte for byte the engine's answer.

What a linked-data client asks after a lookup: everything about one resource, as RDF. A query worker
answers it with the engine's DESCRIBE (every triple of the subject over the union default graph, in
the on-disk index order, a triple in two graphs twice), adds the labels of the IRIs it links to
(:func:`ungraph.sparql.run_job`: at most :data:`~ungraph.describe_labels.DESCRIBE_LABELLED_OBJECTS`, the
first in IRI order, each label once) and writes them (:func:`ungraph.sparql.graph_answer`).

Here the same triples come from the columns (:mod:`ungraph.columns`; :mod:`ungraph.descriptions` reads
them): the subject's rows (``lookup.*``, the engine's order, checked for every subject) and the labels
index (``labels.*``, each subject's distinct labels). The labels of a shared entity are repeated in
every report graph (a country's two labels are 200 quads at the 100x enlargement), and the engine's
answer paid for reading them all, for every IRI a description links to: a report's own entity took
0.9 ms at 1x and 3.9 ms at 100x in process. From the labels index the cost is the answer's own size at
any scale (``benchmarks/endpoint/README.md``).

**Turtle and TriG** (the formats a linked-data client asks for first): the build writes every
subject's description in Turtle once (``describe.ttl``, :func:`ungraph.columns.write`), so a DESCRIBE is
the ``@prefix`` lines it needs (a bit mask, the lines cached per mask) and one slice of that file: 0.13
-> 0.015 ms in process at 1x. It is a **materialized view of the build, not a cache of answers**: written
with the columns, from the same store, never from a request, and checked against the engine's answer
for every subject. It is used when the description is within the request's row limit (a query worker
cuts nothing then) and the columns' prefixes are the app's; otherwise the triples are read from the
columns at request time and their Turtle joined from the terms' forms (:mod:`ungraph.turtle`), or for
the other formats, and columns written for other prefixes, written by pyoxigraph's parser and writer.

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

import pyoxigraph as ox

from ungraph import descriptions
from ungraph.columns import Columns
from ungraph.sparql import Answer, Job, graph_answer
from ungraph.web.query_cost import STRICT_TOKEN, absolute_iri, tokens

__all__ = ["parse", "answer"]

_TURTLE = ("ttl", "trig")


def parse(query: str) -> str | None:
    """The IRI ``query`` describes, or None (see the module's docstring)."""
    if len(query) > 4096:
        return None
    toks = tokens(query, STRICT_TOKEN)
    if toks is None or len(toks) != 2 or toks[0] != ("word", "DESCRIBE"):
        return None
    return absolute_iri(toks[1])


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
    turtle_ = job.graph_format in _TURTLE and columns.turtle_prefixes and columns.turtle_prefixes == job.prefixes
    if turtle_ and columns.described:
        rows = int(columns.describe_rows[sid])
        if 0 <= rows <= job.max_rows:  # the build wrote it: one slice (-1: not written, or past the limit)
            body = columns.description(sid)
            return Answer("graph", job.graph_format, descriptions.header(job.prefixes, int(columns.describe_masks[sid])) + body,
                          rows, False)
    found = descriptions.triples(columns, sid, job.max_rows)
    if found is None:
        return None
    ss, pp, oo, truncated = found
    if turtle_:
        body, needed = descriptions.turtle_body(columns, ss, pp, oo)
        return Answer("graph", job.graph_format, descriptions.header(job.prefixes, needed) + body, len(ss), truncated)
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
