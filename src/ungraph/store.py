"""The only module that opens a :class:`pyoxigraph.Store`.

* :func:`write_build` writes a build atomically: a new store directory and a new dump are
  written next to the old ones and swapped in only when every step has succeeded, so a failed
  build leaves the previous store and dump exactly as they were.
* :func:`canonical_nquads` is the deterministic dump: N-Quads lines, sorted. The graph has no
  blank nodes (every node has a minted IRI), so two builds give byte-identical dumps.
* :func:`open_store` opens a directory store; :func:`load_in_memory` copies one into memory;
  :func:`open_for_serving` chooses between the two for ``serve`` (``UNGRAPH_STORE_MODE``): in memory
  while the snapshot is small (in-memory queries are 2-4x faster), the on-disk store opened
  read-only past :data:`MEMORY_LIMIT_BYTES` (opening takes milliseconds at any size, where parsing
  the snapshot of a 100x graph took minutes). An on-disk store is opened again in each forked query
  worker (a RocksDB handle must not cross a fork).
* Next to each store directory lies its *snapshot*, ``<store>.snapshot.nq``: the store's quads as
  N-Quads, written by ``build`` and ``load``. Parsing it is about three times faster than iterating
  the on-disk store (0.25 s against 0.8 s for the real graph), which keeps the server's cold start
  under a second. It is used only when it is newer than every file of the store; otherwise the
  store itself is read.
"""

from __future__ import annotations

import gc
import gzip
import io
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import pyoxigraph as ox

from ungraph import formats
from ungraph.errors import FormatError, StoreError
from ungraph.terms import serialized

__all__ = [
    "ReadStore",
    "format_for_path",
    "open_store",
    "memory_store",
    "load_in_memory",
    "open_for_serving",
    "STORE_MODES",
    "MEMORY_LIMIT_BYTES",
    "snapshot_path",
    "write_snapshot",
    "write_digest",
    "read_digest",
    "canonical_nquads",
    "write_build",
    "dump_files",
    "write_dumps",
    "load_file",
    "export",
]

@runtime_checkable
class ReadStore(Protocol):
    """What the web layer reads a store through: SPARQL only, so that the embedded store
    (:class:`pyoxigraph.Store`) and a remote one (:class:`ungraph.backend.RemoteStore`) behave the same.

    ``query(text, *, base_iri=None, use_default_graph_as_union=False, default_graph=None,
    named_graphs=None, substitutions=None)`` returns pyoxigraph results: ``QuerySolutions``,
    ``QueryBoolean`` or an iterable of ``Triple``. A store that cannot be reached raises
    :class:`ungraph.backend.BackendError` (answered 503 everywhere).
    """

    def query(self, query: str, *, base_iri: str | None = None, use_default_graph_as_union: bool = False,
              default_graph: Any = None, named_graphs: Any = None, substitutions: Any = None) -> Any: ...


def format_for_path(path: str | Path) -> ox.RdfFormat:
    """The RDF format of a file from its extension (:func:`ungraph.formats.by_extension`).

    >>> format_for_path("data.trig").name
    'TriG'
    >>> format_for_path("data.csv")
    Traceback (most recent call last):
    ...
    ungraph.errors.FormatError: data.csv: unknown RDF file extension '.csv' (known: .jsonld, .n3, .nq, .nt, .owl, .rdf, .trig, .ttl, .xml)
    """
    found = formats.by_extension(path, "file")
    assert found.rdf is not None
    return found.rdf


def memory_store() -> ox.Store:
    return ox.Store()


def open_store(path: str | Path, *, read_only: bool = False) -> ox.Store:
    """Open an existing store directory; a missing or unreadable one is a :class:`StoreError`."""
    p = Path(path)
    if not p.is_dir():
        raise StoreError(f"{p}: no store here; run `ungraph build` first (or pass --store DIR)")
    try:
        return ox.Store.read_only(str(p)) if read_only else ox.Store(str(p))
    except OSError as e:
        raise StoreError(f"{p}: cannot open the store: {e}") from None


def snapshot_path(store_dir: str | Path) -> Path:
    """The N-Quads snapshot kept next to a store directory.

    >>> snapshot_path("build/store").as_posix()
    'build/store.snapshot.nq'
    """
    p = Path(store_dir)
    return p.with_name(p.name + ".snapshot.nq")


def _snapshot_is_fresh(store_dir: Path) -> bool:
    snap = snapshot_path(store_dir)
    if not snap.is_file():
        return False
    newest = max((f.stat().st_mtime_ns for f in store_dir.iterdir() if f.is_file()), default=0)
    return snap.stat().st_mtime_ns >= newest


def write_snapshot(store_dir: str | Path) -> None:
    """(Re)write the snapshot of the store in ``store_dir``; call it once every writer has closed the store."""
    gc.collect()  # let a writer that was just dropped close its files first
    snap = snapshot_path(store_dir)
    tmp = snap.with_name(snap.name + f".tmp-{os.getpid()}")
    open_store(store_dir, read_only=True).dump(str(tmp), format=ox.RdfFormat.N_QUADS)
    tmp.replace(snap)
    os.utime(snap)


def _digest_path(dump: Path) -> Path:
    return dump.with_name(dump.name + ".sha256")


def write_digest(dump_path: str | Path) -> str:
    """Write ``<dump>.sha256`` (the dump's SHA-256, hex) next to the dump; return the digest.

    The server names the build it serves by it (ETags) without reading a dump of gigabytes at start-up.
    """
    import hashlib

    dump = Path(dump_path)
    h = hashlib.sha256()
    with dump.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    digest = h.hexdigest()
    tmp = _digest_path(dump).with_name(_digest_path(dump).name + f".tmp-{os.getpid()}")
    tmp.write_text(digest + "\n", encoding="ascii")
    tmp.replace(_digest_path(dump))
    return digest


def read_digest(dump_path: str | Path) -> str | None:
    """The digest :func:`write_digest` left, if it is at least as new as the dump (else None)."""
    dump = Path(dump_path)
    side = _digest_path(dump)
    try:
        if side.stat().st_mtime_ns < dump.stat().st_mtime_ns:
            return None
        text = side.read_text(encoding="ascii").strip()
    except OSError:
        return None
    return text if len(text) == 64 and all(c in "0123456789abcdef" for c in text) else None


def load_in_memory(path: str | Path) -> ox.Store:
    """Copy a store directory into a new in-memory store (used by the server)."""
    disk = open_store(path, read_only=True)
    mem = ox.Store()
    if _snapshot_is_fresh(Path(path)):
        mem.bulk_load(path=str(snapshot_path(path)), format=ox.RdfFormat.N_QUADS)
    else:
        mem.bulk_extend(disk.quads_for_pattern(None, None, None, None))
    del disk
    gc.collect()
    return mem


#: ``UNGRAPH_STORE_MODE`` values: ``auto`` (memory below :data:`MEMORY_LIMIT_BYTES` of snapshot, disk
#: above), ``memory``, ``disk``.
STORE_MODES = ("auto", "memory", "disk")
#: Snapshot size up to which ``auto`` loads the store into memory (about a million quads, 2-3 s to parse).
MEMORY_LIMIT_BYTES = 256 * 1024 * 1024


def open_for_serving(path: str | Path, mode: str = "auto") -> tuple[ox.Store, bool]:
    """The store ``serve`` reads, and whether it is the on-disk one (then every process that forks
    must open its own: :func:`open_store` with ``read_only=True``).

    ``auto`` loads a store whose snapshot is at most :data:`MEMORY_LIMIT_BYTES` into memory and opens
    a larger one (or one without a fresh snapshot) read-only on disk.
    """
    if mode not in STORE_MODES:
        raise StoreError(f"UNGRAPH_STORE_MODE: one of {', '.join(STORE_MODES)}, got {mode!r}")
    p = Path(path)
    if mode == "auto":
        small = _snapshot_is_fresh(p) and snapshot_path(p).stat().st_size <= MEMORY_LIMIT_BYTES
        mode = "memory" if small else "disk"
    if mode == "memory":
        return load_in_memory(p), False
    return open_store(p, read_only=True), True


def canonical_nquads(store: ox.Store) -> bytes:
    """Every quad of the store as sorted N-Quads lines (UTF-8)."""
    lines = serialized(store.dump(format=ox.RdfFormat.N_QUADS)).decode("utf-8").splitlines()
    lines.sort()
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def dump_files(dump_path: str | Path) -> dict[str, Path]:
    """Every dump of a build by its download name: the canonical N-Quads dump (``dump_path``) and,
    next to it, one file per ``dump`` format of :mod:`ungraph.formats`, each also gzipped.

    >>> sorted(dump_files("build/ungraph.nq"))[:3]
    ['ungraph.jsonld', 'ungraph.jsonld.gz', 'ungraph.nq']
    >>> dump_files("build/ungraph.nq")["ungraph.ttl.gz"].as_posix()
    'build/ungraph.ttl.gz'
    """
    dump = Path(dump_path)
    out: dict[str, Path] = {}
    for f in sorted(formats.offers("dump"), key=lambda f: f.name != "nq"):
        path = dump if f.name == "nq" else dump.with_name(f"{dump.stem}.{f.extension}")
        out[f"ungraph.{f.extension}"] = path
        out[f"ungraph.{f.extension}.gz"] = path.with_name(path.name + ".gz")
    return out


def _gzip(data: bytes) -> bytes:
    """Deterministic gzip: no file name, no time stamp."""
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", filename="", mtime=0, compresslevel=6) as gz:
        gz.write(data)
    return buf.getvalue()


def write_dumps(store: ox.Store, dump_path: str | Path, prefixes: dict[str, str] | None = None,
                *, suffix: str = "") -> list[Path]:
    """Write every dump of ``store`` (:func:`dump_files`), each under its name plus ``suffix``; return the paths."""
    written = []
    nq = canonical_nquads(store)
    for name, path in dump_files(dump_path).items():
        fmt = name.removeprefix("ungraph.").removesuffix(".gz")
        data = nq if fmt == "nq" else export(store, fmt, prefixes)
        target = path.with_name(path.name + suffix)
        target.write_bytes(_gzip(data) if name.endswith(".gz") else data)
        written.append(target)
    return written


def write_build(quads: Iterable[ox.Quad], store_dir: str | Path, dump_path: str | Path,
                prefixes: dict[str, str] | None = None) -> int:
    """Write ``quads`` as the new store and its dumps, atomically; return the number of quads.

    Everything is written under temporary names first; the old store is renamed away and the
    new one renamed in only after every dump and the store's columns (:mod:`ungraph.columns`) are on disk.
    """
    store_dir, dump_path = Path(store_dir), Path(dump_path)
    for d in (store_dir.parent, dump_path.parent):
        try:
            d.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"{d}: cannot create directory: {e.strerror}") from None
    tag = f".new-{os.getpid()}"
    new_store = store_dir.with_name(store_dir.name + tag)
    new_dumps = [p.with_name(p.name + tag) for p in dump_files(dump_path).values()]
    old_store = store_dir.with_name(store_dir.name + f".old-{os.getpid()}")
    _remove(new_store)
    try:
        store = ox.Store(str(new_store))
        store.bulk_extend(quads)
        store.flush()
        # one full compaction: the bulk loader leaves overlapping files, and every prefix scan of a large
        # store served from disk then seeks in each (100x: DESCRIBE 503 -> 82 ms, lookups' p90 1.8 -> 0.6 ms,
        # benchmarks/endpoint/README.md); nothing to do at 1x (0.0 s)
        store.optimize()
        write_dumps(store, dump_path, prefixes, suffix=tag)
        count = len(store)
        del store
        gc.collect()
        from ungraph import columns

        columns.write(new_store, (prefixes or {}).items())  # inside the store directory: swapped in with it
        if store_dir.exists():
            store_dir.rename(old_store)
        new_store.rename(store_dir)
        for new in new_dumps:
            new.replace(new.with_name(new.name.removesuffix(tag)))
        new_dumps = []
        write_digest(dump_path)
        snap = snapshot_path(store_dir)
        snap.unlink(missing_ok=True)
        try:
            os.link(dump_path, snap)
        except OSError:
            shutil.copyfile(dump_path, snap)
        os.utime(snap)  # newer than every file the closing store may have touched
    except OSError as e:
        _remove(new_store)
        for new in new_dumps:
            _remove(new)
        if old_store.exists() and not store_dir.exists():
            old_store.rename(store_dir)
        raise StoreError(f"cannot write the store at {store_dir}: {e}") from None
    except BaseException:
        _remove(new_store)
        for new in new_dumps:
            _remove(new)
        raise
    _remove(old_store)
    return count


def load_file(store: ox.Store, path: str | Path, *, graph: str | None = None, base_iri: str | None = None) -> int:
    """Add an RDF file to ``store``; N-Quads/TriG keep their graphs, other formats go to ``graph``
    (default: ``file:`` IRI of the file). Returns the number of quads added. Nothing is added when the
    file does not parse."""
    p = Path(path)
    fmt = format_for_path(p)
    if not p.is_file():
        raise FormatError(f"{p}: no such file")
    target = ox.NamedNode(graph) if graph else ox.NamedNode(p.resolve().as_uri())
    try:
        quads = list(ox.parse(path=str(p), format=fmt, base_iri=base_iri or p.resolve().as_uri()))
    except SyntaxError as e:
        raise FormatError(f"{p}: does not parse as {fmt.name}: {e}") from None
    except (OSError, ValueError) as e:
        raise FormatError(f"{p}: cannot read: {e}") from None
    if not fmt.supports_datasets or graph:
        quads = [ox.Quad(q.subject, q.predicate, q.object, target) if (graph or q.graph_name == ox.DefaultGraph()) else q
                 for q in quads]
    before = len(store)
    store.bulk_extend(quads)
    store.flush()
    return len(store) - before


def export(store: ox.Store, fmt: str, prefixes: dict[str, str] | None = None) -> bytes:
    """Serialize the whole store in an ``export`` format of :mod:`ungraph.formats`. Graph-less formats
    (ttl, nt, jsonld) get the union of all graphs; N-Quads is the canonical sorted dump."""
    found = formats.by_name(fmt, "export")
    if found is None or found.rdf is None:
        known = ", ".join(f.name for f in formats.offers("export"))
        raise FormatError(f"unknown export format {fmt!r} (known: {known})")
    if found.name == "nq":
        return canonical_nquads(store)
    if found.is_dataset:
        return serialized(store.dump(format=found.rdf, prefixes=prefixes or {}))
    triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in store}, key=str)
    used = prefixes if prefixes and found.name == "ttl" else None
    return serialized(ox.serialize(triples, format=found.rdf, prefixes=used))
