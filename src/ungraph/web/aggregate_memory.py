"""The in-memory columns of a store without mapped ones (:mod:`ungraph.columns`): what
:mod:`ungraph.web.aggregate` scans for a store given to ``create_app`` or loaded in memory.

:class:`Columns` reads every quad of ``quads_for_pattern(None, None, None, None)`` (graph ignored) once
per process into the same arrays the mapped columns hold: ``s``, ``p``, ``o`` as ``uint32`` term ids in
predicate-object-subject order, a term's id the rank of its N-Triples string (so both sources break
ties alike), ``iri_rank``. Reading takes 0.3 s at 1x and minutes past a few million quads, so
:func:`columns_for` reads on a thread of its own (the engine answers meanwhile, as
:mod:`ungraph.web.label_search`), and a store past :data:`MAX_QUADS` quads is not read at all (its term
list alone would take a gigabyte).

>>> s = ox.Store()
>>> a, b = ox.NamedNode("http://x/b"), ox.NamedNode("http://x/a")
>>> s.add(ox.Quad(a, a, b))
>>> c = Columns(s)
>>> c.id_of(b), c.id_of(a), c.term(0), c.id_of(ox.Literal("x")), c.s.tolist(), c.o.tolist()
(0, 1, <NamedNode value=http://x/a>, None, [1], [0])
"""

from __future__ import annotations

import threading
from itertools import islice

import numpy as np
import pyoxigraph as ox  # noqa: F401 - the doctest

from ungraph.columns import read_terms

__all__ = ["Columns", "MAX_QUADS", "columns_for"]

#: Stores with more quads are not read into columns (the engine answers): see the module's docstring.
MAX_QUADS = 5_000_000


class Columns:
    """The columns of ``store`` read into memory (see the module's docstring); ``terms[i]`` is term ``i``.
    ``complete`` is False when the store had more than ``max_quads`` quads (nothing else is then read)."""

    def __init__(self, store, max_quads: int = MAX_QUADS) -> None:
        self.complete = len(store) <= max_quads  # counted in Rust: 1.9 s at 100x, where reading takes minutes
        quads = store.quads_for_pattern(None, None, None, None) if self.complete else ()
        read = read_terms(islice(quads, max_quads + 1))
        if len(read.s) > max_quads:
            self.complete = False
            read = read_terms(())
        self._ids, self._rank, self.terms, self.n_terms = read.first_seen, read.rank, read.terms, len(read.terms)
        order = np.lexsort((read.s, read.o, read.p))  # predicate, object, subject: the engine's POS order
        self.s, self.p, self.o = read.s[order], read.p[order], read.o[order]
        self.iri_rank = read.iri_rank

    def __len__(self) -> int:
        return len(self.s)

    def nbytes(self) -> int:
        """The bytes of the numpy arrays (the term list and its index come on top)."""
        return sum(a.nbytes for a in (self.s, self.p, self.o, self._rank, self.iri_rank))

    def id_of(self, term: object) -> int | None:
        i = self._ids.get(term)
        return None if i is None else int(self._rank[i])

    def term(self, i: int) -> object:
        return self.terms[i]


#: id(store) -> (store, its columns; None while they are being read)
_tables: dict[int, tuple[object, Columns | None]] = {}
_lock = threading.Lock()


def columns_for(store, wait: bool = True) -> Columns | None:
    """The :class:`Columns` of ``store``, read once per process; with ``wait`` False the first call starts
    reading them on a thread of its own and every call returns None until they are read (the server
    answers with the engine meanwhile), as :func:`ungraph.web.label_search.table_for` does."""
    found = _tables.get(id(store))
    if found is not None and found[0] is store and (found[1] is not None or not wait):
        return found[1]
    with _lock:
        found = _tables.get(id(store))
        if found is None or found[0] is not store:
            if wait:
                found = _tables[id(store)] = (store, Columns(store))
                return found[1]
            _tables[id(store)] = (store, None)
            threading.Thread(target=_read, args=(store,), name="ungraph-columns", daemon=True).start()
            return None
    if found[1] is None and wait:  # being read on the thread: read them here too (the data do not change)
        return Columns(store)
    return found[1]


def _read(store) -> None:
    table = Columns(store)
    with _lock:
        _tables[id(store)] = (store, table)
