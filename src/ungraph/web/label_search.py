"""Label search (``CONTAINS`` over ``skos:prefLabel`` or ``rdfs:label``) answered from an in-memory table.

oxigraph answers ``SELECT ?s ?l WHERE { ?s skos:prefLabel ?l FILTER(CONTAINS(?l, "和平")) } LIMIT 50``
by scanning every ``skos:prefLabel`` quad of the union default graph and decoding its literal for
the filter: 86,084 quads at the 100x enlargement, 8 ms of the 8.3 ms a query costs in process
(``benchmarks/endpoint/README.md``). The same rows come from far fewer distinct labels (1,523 at
100x: a label is repeated in every report graph), so :class:`LabelTable` keeps, for a predicate, the
runs of quads with the same label in the store's own scan order (``quads_for_pattern``, which is
the order in which the engine scans the union default graph: the same rows, duplicates included) and
tests ``CONTAINS`` once per label. The answer is the engine's, row for row and in the same order
(``tests/web/test_label_search.py`` compares them byte for byte on the build and on enlargements).

:func:`answer` recognises one query shape and nothing else (any doubt: the engine answers):

* ``SELECT ?a ?b WHERE { ?s <P> ?l FILTER(CONTAINS(?l, "text")) } LIMIT n`` with ``{?a, ?b} = {?s,
  ?l}``, ``P`` one of :data:`PREDICATES` written in full, ``"text"`` or ``'text'`` without escapes,
  ``n`` within the row limit, no dataset in the request; comments only after the ``LIMIT``.

Its cost is bounded by the table (one substring test per distinct label, then at most ``n`` rows),
not by the query, so like :mod:`ungraph.web.query_cost`'s lookups it needs no query worker. The
server reads the table once per process, on a thread of its own started by the first such query,
and answers with the engine until it is read (the data do not change while the server runs).

>>> s = ox.Store()
>>> for i, (name, g) in enumerate([("和平与安全", "g1"), ("和平与安全", "g2"), ("发展", "g1")]):
...     s.add(ox.Quad(ox.NamedNode(f"http://x/{i}"), ox.NamedNode(SKOS_PREF), ox.Literal(name, language="zh"),
...                   ox.NamedNode(f"http://x/{g}")))
>>> q = f"SELECT ?s ?l WHERE {{ ?s <{SKOS_PREF}> ?l FILTER(CONTAINS(?l, '和平')) }} LIMIT 50 # 7"
>>> answer(s, Job(q)).body == run_job(s, Job(q)).body
True
>>> answer(s, Job(q.replace("LIMIT 50", "LIMIT 1"))).body.decode().count('"s":')
1
>>> answer(s, Job(q.replace("CONTAINS", "STRSTARTS"))) is None
True
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from ungraph.sparql import Answer, Job, bindings_answer, run_job  # noqa: F401 - run_job: the doctest

__all__ = ["LabelTable", "PREDICATES", "answer", "parse"]

SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
#: The label properties answered from the table.
PREDICATES = (SKOS_PREF, RDFS_LABEL)
_STRING_TYPES = ("http://www.w3.org/2001/XMLSchema#string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")

_VAR = r"[?$]([A-Za-z_][A-Za-z0-9_]*)"
_SHAPE = re.compile(
    rf"""\s*SELECT\s+{_VAR}\s+{_VAR}\s+(?:WHERE\s*)?\{{\s*{_VAR}\s+<([^<>"{{}}|^`\\\s]*)>\s+{_VAR}\s*\.?\s*
    FILTER\s*\(\s*CONTAINS\s*\(\s*{_VAR}\s*,\s*(?:'([^'\\\n\r]*)'|"([^"\\\n\r]*)")\s*\)\s*\)\s*\.?\s*\}}\s*
    LIMIT\s+([0-9]{{1,9}})\s*(?:\#[^\n\r]*(?:[\n\r]\s*|$))*""", re.IGNORECASE | re.VERBOSE)


@dataclass(frozen=True)
class Search:
    """A recognised label search: the projection, the subject and label variables, the predicate, the text, n."""

    projection: tuple[str, str]
    subject: str
    label: str
    predicate: str
    text: str
    limit: int


def parse(query: str) -> Search | None:
    """The :class:`Search` of ``query`` if it is the shape above, else None.

    >>> parse(f"SELECT ?s ?l WHERE {{ ?s <{RDFS_LABEL}> ?l FILTER(CONTAINS(?l, \\"x\\")) }} LIMIT 5").limit
    5
    >>> parse(f"SELECT ?s ?l WHERE {{ ?s <{RDFS_LABEL}> ?l FILTER(CONTAINS(?s, 'x')) }} LIMIT 5") is None  # ?s
    True
    >>> parse(f"SELECT ?s ?l WHERE {{ ?s <{RDFS_LABEL}> ?l FILTER(CONTAINS(?l, 'x')) }}") is None  # no LIMIT
    True
    >>> parse(f"SELECT ?s ?l WHERE {{ ?s <{RDFS_LABEL}> ?l FILTER(CONTAINS(?l, 'a\\\\u0041')) }} LIMIT 5") is None
    True
    """
    if len(query) > 4096:
        return None
    m = _SHAPE.fullmatch(query)
    if m is None:
        return None
    a, b, s, p, lab, arg, single, double, n = m.groups()
    if s == lab or {a, b} != {s, lab} or arg != lab or p not in PREDICATES:
        return None
    return Search((a, b), s, lab, p, single if single is not None else double, int(n))


class LabelTable:
    """The runs of (label, subjects) of one label predicate, in the store's scan order (see the module's docstring)."""

    def __init__(self, store, predicate: str) -> None:
        self.predicate = predicate
        self.runs: list[tuple[Any, list[Any]]] = []
        runs = self.runs
        for q in store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
            o = q.object
            if runs and runs[-1][0] == o:
                runs[-1][1].append(q.subject)
            elif isinstance(o, ox.Literal) and o.datatype.value in _STRING_TYPES:
                runs.append((o, [q.subject]))
            else:  # CONTAINS of an IRI, a blank node or a number is an error: the row is filtered out
                runs.append((o, []))

    def rows(self, text: str, limit: int) -> list[tuple[Any, Any]]:
        """(subject, label) of every quad whose label contains ``text``, in scan order, at most ``limit``."""
        out: list[tuple[Any, Any]] = []
        if limit <= 0:
            return out
        for label, subjects in self.runs:
            if subjects and text in label.value:
                for s in subjects:
                    out.append((s, label))
                    if len(out) >= limit:
                        return out
        return out


#: (id(store), predicate) -> (store, its table; None while it is being read)
_tables: dict[tuple[int, str], tuple[object, LabelTable | None]] = {}
_lock = threading.Lock()


def table_for(store, predicate: str, wait: bool = True) -> LabelTable | None:
    """The :class:`LabelTable` of ``predicate`` in ``store``, read once per process.

    With ``wait`` False the first call starts reading it on a thread of its own and every call returns
    None until it is read (the server answers with the engine meanwhile: reading the ``skos:prefLabel``
    table of the 100x enlargement from disk takes 0.9 s, about 50 MB).
    """
    key = (id(store), predicate)
    found = _tables.get(key)
    if found is not None and found[0] is store and (found[1] is not None or not wait):
        return found[1]
    with _lock:
        found = _tables.get(key)
        if found is None or found[0] is not store:
            if wait:
                found = _tables[key] = (store, LabelTable(store, predicate))
                return found[1]
            _tables[key] = (store, None)
            threading.Thread(target=_read, args=(store, predicate), name="ungraph-label-table", daemon=True).start()
            return None
    if found[1] is None and wait:  # being read on the thread: read it here too (the data do not change)
        return LabelTable(store, predicate)
    return found[1]


def _read(store, predicate: str) -> None:
    table = LabelTable(store, predicate)
    with _lock:
        _tables[(id(store), predicate)] = (store, table)


def answer(store, job: Job, wait: bool = True) -> Answer | None:
    """The answer to ``job`` from the label table, or None when the query is not the label-search shape
    (or, with ``wait`` False, while the table is still being read: see :func:`table_for`)."""
    if job.default_graph or job.named_graphs or job.result_format is None:
        return None
    search = parse(job.query)
    if search is None or search.limit > job.max_rows:
        return None
    table = table_for(store, search.predicate, wait)
    if table is None:
        return None
    found = table.rows(search.text, search.limit)
    order = [0 if v == search.subject else 1 for v in search.projection]
    rows = [[pair[i] for i in order] for pair in found]
    return bindings_answer(job, list(search.projection), rows)  # as a query worker writes them
