"""The columns of a store: its quads as numpy arrays of term ids, written next to the store at build time
and mapped (``mmap``) by the server in milliseconds at any size.

A pyoxigraph store answers everything; the columns answer three shapes faster, with the same bytes
(:mod:`ungraph.web.lookup`: a point lookup ``SELECT ?p ?o WHERE { <s> ?p ?o } LIMIT n``;
:mod:`ungraph.web.describe`: ``DESCRIBE <s>``; :mod:`ungraph.web.aggregate`: a group count over one
triple pattern). They are **an index and materialized views of the build, not a cache**: written
from the store, never from a request. Written by :func:`write` into ``<store>/columns/``
(inside the store directory, so a build's atomic swap of the store carries them, and a copy of the
store copies them), read by :func:`open_for`:

* ``terms.nt`` / ``terms.json``: every term once, sorted by its N-Triples string (so a term's id is its
  rank, the aggregate module's tie-break, and finding a term is a binary search); its N-Triples form,
  and its SPARQL JSON value as a query worker writes it (:func:`ungraph.sparql.term_json_text`),
  each a blob with an ``.off`` array of ``n + 1`` offsets;
* ``iri_rank.npy``: the rank of an IRI's string among the IRIs (-1 for other terms: ``ORDER BY ?g``);
* ``lookup.start.npy`` (``n + 1`` offsets by subject id), ``lookup.p.npy``, ``lookup.o.npy``: the rows of
  each subject in the order the engine returns them for ``<s> ?p ?o`` over the union default graph
  (``quads_for_pattern(s, None, None, None)``, checked against the engine for every subject by the tests);
  a triple in two graphs is two rows, as the engine answers it;
* ``pos.s.npy``, ``pos.p.npy``, ``pos.o.npy``: every quad, graph ignored, sorted predicate-object-subject
  (the engine's POS index order: the aggregate module's scans);
* ``labels.start.npy`` (``n + 1`` offsets by subject id), ``labels.p.npy``, ``labels.o.npy``: each subject's
  *distinct* labels (:data:`ungraph.describe_labels.LABEL_PREDICATES`, in any graph), sorted by predicate and
  object: what a DESCRIBE adds for the IRIs it links to (:mod:`ungraph.web.describe`). A shared entity's
  labels are repeated in every report graph (200 rows for a country's two labels at the 100x
  enlargement); here they are two, so the labels a DESCRIBE adds cost the same at every size;
* ``terms.ttl``: each term's Turtle form for the app's prefixes (:func:`ungraph.turtle.term`), and
  ``terms.prefixes.npy``, the prefixes each term needs declared (a bit each), when the writer was given
  the prefixes (a build is; the manifest says which, ``turtle_prefixes``): what a DESCRIBE answered in
  Turtle joins (:mod:`ungraph.web.describe`);
* ``lookup.json`` (with ``.off``, by row): each lookup row in SPARQL JSON as a point lookup writes it
  (``{"p":...,"o":...},``; :data:`ROW_NAMES`), so a lookup's bindings are one slice (:mod:`ungraph.web.lookup`);
* ``describe.ttl`` (with ``.off``, by term id), ``describe.rows.npy``, ``describe.prefixes.npy``: each
  subject's ``DESCRIBE`` in Turtle without its ``@prefix`` lines, its triples (-1: not written) and the
  prefixes it declares, when the Turtle forms are written (``described`` in the manifest;
  :mod:`ungraph.descriptions`, :mod:`ungraph.web.describe`);
* ``manifest.json``: the format, the counts and the *fingerprint* of the store the columns were read from.

**Never stale.** The fingerprint is the store directory's ``IDENTITY`` and ``CURRENT`` files and the
name and size of every other file but RocksDB's info log and lock: any write to the store (a new
write-ahead log, table or manifest) changes it, a read-only open does not (tested). :func:`open_for`
gives None when it differs, and the engine answers.

>>> import tempfile
>>> d = Path(tempfile.mkdtemp()) / "store"
>>> s = ox.Store(str(d))
>>> s.add(ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("b", language="en")))
>>> del s
>>> write(d)["quads"]
1
>>> c = open_for(d)
>>> c.term(c.id_of(ox.NamedNode("http://x/p"))), c.id_of(ox.NamedNode("http://x/none"))
(<NamedNode value=http://x/p>, None)
>>> c.json(c.id_of(ox.Literal("b", language="en")))
b'{"type":"literal","value":"b","xml:lang":"en"}'
"""

from __future__ import annotations

import bisect
import functools
import gc
import hashlib
import json
import mmap
import os
import shutil
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyoxigraph as ox

from ungraph import turtle
from ungraph.errors import StoreError
from ungraph.describe_labels import LABEL_PREDICATES
from ungraph.sparql import term_json_text

__all__ = ["FORMAT", "DIRECTORY", "DESCRIBED_ROWS", "ROW_NAMES", "Columns", "fingerprint", "open_for", "write", "remove"]

FORMAT = 4  # 2: the labels index; 3: the terms' Turtle forms; 4: the rows' SPARQL JSON, the descriptions
#: The largest description the build writes (triples; a query worker's default row limit): past it a
#: DESCRIBE is joined at request time, as it is for a server whose row limit is lower than its length
DESCRIBED_ROWS = 10_000
#: The names of a lookup row's two variables in its SPARQL JSON (``lookup.json``), the usual ones; a lookup
#: that names them otherwise replaces them. ``{"p":`` and ``,"o":`` are nowhere else in the rows: a term's
#: value has none of these keys, and a quote inside a JSON string is escaped
ROW_NAMES = (b"p", b"o")
#: The columns' directory inside a store directory
DIRECTORY = "columns"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"  # written without its datatype
_NOT_STORE = ("LOCK",)  # with LOG*: RocksDB's info log is written by every open, read-only ones too


def fingerprint(store_dir: str | Path) -> str:
    """The identity of the store's current contents (see the module's docstring)."""
    d = Path(store_dir)
    items = []
    for f in sorted(d.iterdir(), key=lambda f: f.name):
        if not f.is_file() or f.name in _NOT_STORE or f.name.startswith("LOG"):
            continue
        content = f.read_bytes() if f.name in ("CURRENT", "IDENTITY") else b""
        items.append([f.name, f.stat().st_size, content.decode("utf-8", "replace")])
    return hashlib.sha256(json.dumps(items).encode("utf-8")).hexdigest()


def remove(store_dir: str | Path) -> None:
    """Remove a store's columns (a writer that changes the store calls it: they would be stale anyway)."""
    shutil.rmtree(Path(store_dir) / DIRECTORY, ignore_errors=True)


def _blob(path: Path, items: list[bytes]) -> None:
    offsets = np.zeros(len(items) + 1, dtype=np.uint64)
    np.cumsum([len(b) for b in items], out=offsets[1:])
    path.write_bytes(b"".join(items))
    np.save(path.with_name(path.name + ".off.npy"), offsets)


@dataclass
class Terms:
    """What one scan of a store's quads gives (:func:`read_terms`): ``terms`` sorted by their N-Triples
    string (a term's id is its rank), ``first_seen`` (term -> its index in the scan) and ``rank`` (that
    index -> id), the ids of every quad's subject, predicate and object in scan order, ``iri_rank``."""

    terms: list[Any]
    first_seen: dict[Any, int]
    rank: np.ndarray
    s: np.ndarray
    p: np.ndarray
    o: np.ndarray
    iri_rank: np.ndarray

    def id_of(self, term: object) -> int | None:
        i = self.first_seen.get(term)
        return None if i is None else int(self.rank[i])


def read_terms(quads: Iterable[Any]) -> Terms:
    """Number the terms of ``quads`` by their N-Triples string, in one pass (the written columns and the
    in-memory copy of :mod:`ungraph.web.aggregate_memory` both read a store this way)."""
    ids: dict[Any, int] = {}  # first seen first; renumbered by N-Triples string below
    terms: list[Any] = []
    cols = (array("I"), array("I"), array("I"))  # 4 bytes an item on every platform numpy runs on
    get = ids.get
    for q in quads:
        for term, col in ((q.subject, cols[0]), (q.predicate, cols[1]), (q.object, cols[2])):
            i = get(term)
            if i is None:
                i = ids[term] = len(terms)
                terms.append(term)
            col.append(i)
    n = len(terms)
    by_string = sorted(range(n), key=[str(t) for t in terms].__getitem__)
    rank = np.empty(n, dtype=np.uint32)
    rank[np.array(by_string, dtype=np.int64)] = np.arange(n, dtype=np.uint32)
    s, p, o = (rank[np.frombuffer(c, dtype=np.uint32)] for c in cols)
    terms = [terms[i] for i in by_string]
    iris = [i for i, t in enumerate(terms) if type(t) is ox.NamedNode]
    by_value = sorted(iris, key=lambda i: terms[i].value)
    iri_rank = np.full(n, -1, dtype=np.int64)
    iri_rank[np.array(by_value, dtype=np.int64)] = np.arange(len(by_value), dtype=np.int64)
    return Terms(terms, ids, rank, s, p, o, iri_rank)


def write(store_dir: str | Path, prefixes: Iterable[tuple[str, str]] = ()) -> dict:
    """Read the closed store in ``store_dir`` and write its columns into ``<store_dir>/columns/``
    (replacing any); return the manifest. The store must not be open for writing meanwhile.
    ``prefixes`` (name, namespace): the app's, for the terms' Turtle forms (none: not written)."""
    from ungraph.store import open_store  # the only module that opens a store

    d = Path(store_dir)
    gc.collect()  # let a writer that was just dropped close its files first
    print_ = fingerprint(d)
    store = open_store(d, read_only=True)
    read = read_terms(store.quads_for_pattern(None, None, None, None))
    ids, rank, terms, n = read.first_seen, read.rank, read.terms, len(read.terms)
    subjects = [terms[i] for i in np.unique(read.s).tolist()]  # by id
    # a subject's rows in the engine's order for <s> ?p ?o, subjects by (new) id
    starts = np.zeros(n + 1, dtype=np.uint64)
    lp, lo = array("I"), array("I")
    for s in subjects:
        before = len(lp)
        for q in store.quads_for_pattern(s, None, None, None):
            lp.append(ids[q.predicate])
            lo.append(ids[q.object])
        starts[rank[ids[s]] + 1] = len(lp) - before
    np.cumsum(starts, out=starts)
    del store
    gc.collect()
    s_ids, p_ids, o_ids = read.s, read.p, read.o
    order = np.lexsort((s_ids, o_ids, p_ids))
    strings = [str(t) for t in terms]
    out = d / DIRECTORY
    tmp = d / (DIRECTORY + f".tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    _blob(tmp / "terms.nt", [t.encode("utf-8") for t in strings])
    json_forms = [term_json_text(t).encode("utf-8") for t in terms]
    _blob(tmp / "terms.json", json_forms)
    prefixes = tuple(sorted(prefixes))
    if len(prefixes) > 64:  # one bit each in a term's prefix mask
        prefixes = ()
    if prefixes:
        tried = turtle.prefix_order(prefixes)
        _blob(tmp / "terms.ttl", [turtle.term(t, tried).encode("utf-8") for t in strings])
        np.save(tmp / "terms.prefixes.npy", _prefix_masks(strings, prefixes))
    _row_json(tmp / "lookup.json", json_forms, rank[np.frombuffer(lp, dtype=np.uint32)], rank[np.frombuffer(lo, dtype=np.uint32)])
    np.save(tmp / "iri_rank.npy", read.iri_rank)
    np.save(tmp / "lookup.start.npy", starts)
    np.save(tmp / "lookup.p.npy", rank[np.frombuffer(lp, dtype=np.uint32)])
    np.save(tmp / "lookup.o.npy", rank[np.frombuffer(lo, dtype=np.uint32)])
    for name, ids_of in (("s", s_ids), ("p", p_ids), ("o", o_ids)):
        np.save(tmp / f"pos.{name}.npy", ids_of[order])
    for name, array_ in zip(("start", "p", "o"), _labels(read, n)):
        np.save(tmp / f"labels.{name}.npy", array_)
    manifest = {"format": FORMAT, "store": print_, "quads": len(s_ids), "terms": n, "subjects": len(subjects),
                "turtle_prefixes": [list(p) for p in prefixes], "described": False}
    if prefixes:  # every subject's description in Turtle, from the columns written so far
        _descriptions(tmp, Columns(tmp, manifest))
        manifest["described"] = True
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    if fingerprint(d) != print_:  # the store changed while it was read
        remove(d)
        raise StoreError(f"{d}: the store changed while its columns were written")
    return manifest


def _row_json(path: Path, forms: list[bytes], p: np.ndarray, o: np.ndarray) -> None:
    """``lookup.json``: each lookup row as a point lookup writes it in SPARQL JSON, ``{"p":...,"o":...},``,
    with :data:`ROW_NAMES` for the two variables' names; ``.off`` the row offsets. A subject's rows are
    one range of it, so a lookup's bindings are one slice (:mod:`ungraph.web.lookup`). ``forms``: each
    term's SPARQL JSON value, by id; ``p``, ``o``: the rows' ids."""
    k1, k2 = b'{"' + ROW_NAMES[0] + b'":', b',"' + ROW_NAMES[1] + b'":'
    sizes = np.array([len(f) for f in forms], dtype=np.uint64)
    offsets = np.zeros(len(p) + 1, dtype=np.uint64)
    np.cumsum(sizes[p] + sizes[o] + np.uint64(len(k1) + len(k2) + 2), out=offsets[1:])
    with open(path, "wb") as f:
        for a in range(0, len(p), 65536):
            f.write(b"".join(b"".join((k1, forms[x], k2, forms[y], b"},"))
                             for x, y in zip(p[a:a + 65536].tolist(), o[a:a + 65536].tolist())))
    np.save(path.with_name(path.name + ".off.npy"), offsets)


def _descriptions(directory: Path, columns: Columns) -> None:
    """``describe.ttl`` (with ``.off``, by term id): each subject's ``DESCRIBE`` in Turtle without its
    ``@prefix`` lines (:func:`ungraph.descriptions.turtle_body`), ``describe.rows.npy`` its triples (-1 for a
    term that is no subject, one with a blank node object, or one past :data:`DESCRIBED_ROWS`), and
    ``describe.prefixes.npy`` the prefixes it declares. Written uncut: a server uses one only when it is
    within its row limit, where a query worker cuts nothing either."""
    from ungraph import descriptions

    n = columns.n_terms
    rows = np.full(n, -1, dtype=np.int64)
    masks = np.zeros(n, dtype=np.uint64)
    sizes = np.zeros(n + 1, dtype=np.uint64)
    start = columns.lookup_start
    with open(directory / "describe.ttl", "wb") as f:
        for sid in np.flatnonzero(start[1:] != start[:-1]).tolist():
            if int(start[sid + 1] - start[sid]) > DESCRIBED_ROWS:
                continue
            found = descriptions.triples(columns, sid, DESCRIBED_ROWS * 1000)  # uncut
            if found is None or len(found[0]) > DESCRIBED_ROWS:
                continue
            body, masks[sid] = descriptions.turtle_body(columns, *found[:3])
            rows[sid], sizes[sid + 1] = len(found[0]), len(body)
            f.write(body)
    np.cumsum(sizes, out=sizes)
    np.save(directory / "describe.ttl.off.npy", sizes)
    np.save(directory / "describe.rows.npy", rows)
    np.save(directory / "describe.prefixes.npy", masks)


def _prefix_masks(strings: list[str], prefixes: tuple[tuple[str, str], ...]) -> np.ndarray:
    """For each term (``strings``: the N-Triples strings, sorted), bit ``i`` set when ``prefixes[i]`` is one
    a Turtle document holding the term declares (:func:`ungraph.turtle.used_prefixes`): its namespace
    begins the IRI, or the datatype of a typed literal other than ``xsd:string``. The IRIs of a namespace
    are one range of the sorted strings."""
    masks = np.zeros(len(strings), dtype=np.uint64)
    for bit, (_, ns) in enumerate(prefixes):
        key = "<" + ns
        lo = bisect.bisect_left(strings, key)
        masks[lo:bisect.bisect_left(strings, key + "\U0010ffff", lo)] |= np.uint64(1 << bit)  # not in an IRI
    by_datatype: dict[str, int] = {}
    for i, text in enumerate(strings):
        if text[0] == '"' and text[-1] == ">":  # "..."^^<datatype>
            dt = text[text.rindex('"^^<') + 4:-1]
            found = by_datatype.get(dt)
            if found is None:
                found = by_datatype[dt] = 0 if dt == _XSD_STRING else sum(
                    1 << bit for bit, (_, ns) in enumerate(prefixes) if dt.startswith(ns))
            masks[i] |= np.uint64(found)
    return masks


def _labels(read: Terms, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The labels index: (offsets by subject id, predicate ids, object ids) of every subject's distinct
    label triples, sorted by subject, predicate and object id (their N-Triples order)."""
    wanted = [i for p in LABEL_PREDICATES if (i := read.id_of(ox.NamedNode(p))) is not None]
    mask = np.isin(read.p, np.array(wanted, dtype=np.uint32))
    s, p, o = read.s[mask], read.p[mask], read.o[mask]
    order = np.lexsort((o, p, s))
    s, p, o = s[order], p[order], o[order]
    if len(s):
        keep = np.ones(len(s), dtype=bool)
        keep[1:] = (s[1:] != s[:-1]) | (p[1:] != p[:-1]) | (o[1:] != o[:-1])
        s, p, o = s[keep], p[keep], o[keep]
    starts = np.zeros(n + 1, dtype=np.uint64)
    np.cumsum(np.bincount(s, minlength=n), out=starts[1:])
    return starts, p.astype(np.uint32), o.astype(np.uint32)


class Columns:
    """A store's columns, mapped read-only (see the module's docstring). Cheap to open: nothing is read
    until it is used, and the pages are the operating system's, shared by every process."""

    def __init__(self, directory: Path, manifest: dict) -> None:
        self.directory, self.manifest = directory, manifest

        def npy(name: str) -> np.ndarray:  # a plain ndarray view: a memmap's own indexing costs more
            return np.asarray(np.load(directory / name, mmap_mode="r"))

        self._nt, self._json = self._map("terms.nt"), self._map("terms.json")
        self._nt_off, self._json_off = npy("terms.nt.off.npy"), npy("terms.json.off.npy")
        #: the prefixes of the terms' Turtle forms (``ttl_blob``), sorted; () when they were not written
        self.turtle_prefixes = tuple(tuple(p) for p in manifest.get("turtle_prefixes", ()))
        if self.turtle_prefixes:
            self._ttl, self._ttl_off = self._map("terms.ttl"), npy("terms.ttl.off.npy")
            self.prefix_masks = npy("terms.prefixes.npy")  #: by id: the prefixes a term needs, one bit each
        self._rows_json, self._rows_json_off = self._map("lookup.json"), npy("lookup.json.off.npy")
        #: whether the build wrote every subject's description (``describe.*``; with the Turtle forms)
        self.described = bool(manifest.get("described"))
        if self.described:
            self._described, self._described_off = self._map("describe.ttl"), npy("describe.ttl.off.npy")
            self.describe_rows, self.describe_masks = npy("describe.rows.npy"), npy("describe.prefixes.npy")
        self.iri_rank = npy("iri_rank.npy")
        self.lookup_start, self.lookup_p, self.lookup_o = npy("lookup.start.npy"), npy("lookup.p.npy"), npy("lookup.o.npy")
        self.s, self.p, self.o = npy("pos.s.npy"), npy("pos.p.npy"), npy("pos.o.npy")
        self.labels_start, self.labels_p, self.labels_o = npy("labels.start.npy"), npy("labels.p.npy"), npy("labels.o.npy")
        self._nt_bytes = np.frombuffer(self._nt, dtype=np.uint8)  # a view: nothing is read until indexed
        self.n_terms = int(manifest["terms"])

    def _map(self, name: str) -> mmap.mmap | bytes:
        with open(self.directory / name, "rb") as f:
            if os.fstat(f.fileno()).st_size == 0:
                return b""
            return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)

    def __len__(self) -> int:
        return int(self.manifest["quads"])

    @functools.cached_property
    def rdf_type(self) -> int:
        """The id of ``rdf:type`` (-1: not in the store), found once."""
        found = self.id_of(ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"))
        return -1 if found is None else found

    def nt(self, i: int) -> bytes:
        """The N-Triples string of term ``i``, UTF-8."""
        return self._nt[int(self._nt_off[i]):int(self._nt_off[i + 1])]

    def json(self, i: int) -> bytes:
        """The SPARQL JSON value of term ``i`` as a query worker writes it."""
        return self._json[int(self._json_off[i]):int(self._json_off[i + 1])]

    def kinds(self, ids: np.ndarray) -> np.ndarray:
        """The first two bytes of each term's N-Triples string, as one ``uint16`` (first byte high): ``<``
        an IRI, ``<<`` a triple term, ``_`` a blank node, ``"`` a literal. Reads only those terms' pages."""
        at = self._nt_off[ids].astype(np.int64)
        return (self._nt_bytes[at].astype(np.uint16) << 8) | self._nt_bytes[np.minimum(at + 1, len(self._nt_bytes) - 1)]

    def nt_offsets(self) -> np.ndarray:
        return self._nt_off

    @property
    def nt_bytes(self) -> np.ndarray:
        """The terms' N-Triples forms (``nt_blob``) as a ``uint8`` array, a view (nothing is read until indexed)."""
        return self._nt_bytes

    def nt_blob(self) -> mmap.mmap | bytes:
        return self._nt

    def rows_json(self, start: int, stop: int) -> bytes:
        """Lookup rows ``start`` to ``stop`` in SPARQL JSON, each ``{...},`` with :data:`ROW_NAMES` for its
        two variables' names."""
        return self._rows_json[int(self._rows_json_off[start]):int(self._rows_json_off[stop])]

    def description(self, sid: int) -> bytes:
        """The Turtle the build wrote for ``DESCRIBE`` of subject ``sid``, without its ``@prefix`` lines
        (``describe_rows[sid]`` triples, ``describe_masks[sid]`` the prefixes it declares)."""
        return self._described[int(self._described_off[sid]):int(self._described_off[sid + 1])]

    def ttl_offsets(self) -> np.ndarray:
        return self._ttl_off

    def ttl_blob(self) -> mmap.mmap | bytes:
        """Every term's Turtle form for :attr:`turtle_prefixes` (:func:`ungraph.turtle.term`), by id."""
        return self._ttl

    def json_offsets(self) -> np.ndarray:
        return self._json_off

    def json_blob(self) -> mmap.mmap | bytes:
        return self._json

    def term(self, i: int) -> object:
        """Term ``i`` as a pyoxigraph term."""
        text = self.nt(i).decode("utf-8")
        if text.startswith("<") and not text.startswith("<<"):  # an IRI: N-Triples writes it as it is
            return ox.NamedNode(text[1:-1])
        if text.startswith("<<"):
            raise ValueError("triple terms are not read back")
        return next(iter(ox.parse(f"<http://x/s> <http://x/p> {text} .", format=ox.RdfFormat.N_TRIPLES))).object

    def first_at_least(self, key: bytes) -> int:
        """The first id whose N-Triples string is not below ``key`` (``n_terms`` when none is)."""
        lo, hi = 0, self.n_terms
        while lo < hi:
            mid = (lo + hi) // 2
            if self.nt(mid) < key:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def id_of(self, term: object) -> int | None:
        """The id of ``term`` (None: not in the store), by binary search over the sorted N-Triples strings."""
        key = str(term).encode("utf-8")
        lo = self.first_at_least(key)
        return lo if lo < self.n_terms and self.nt(lo) == key else None


def open_for(store_dir: str | Path | None, *, expected: str | None = None) -> Columns | None:
    """The columns of the store in ``store_dir``, mapped; None when there are none, they are of another
    format, or the store has changed since they were written; with ``expected``, None as well unless the
    store's fingerprint is still that one (a caller that opened the store before)."""
    if store_dir is None:
        return None
    d = Path(store_dir)
    try:
        manifest = json.loads((d / DIRECTORY / "manifest.json").read_text(encoding="utf-8"))
        now = fingerprint(d)
        if manifest.get("format") != FORMAT or manifest.get("store") != now or expected not in (None, now):
            return None
        return Columns(d / DIRECTORY, manifest)
    except (OSError, ValueError, KeyError):
        return None
