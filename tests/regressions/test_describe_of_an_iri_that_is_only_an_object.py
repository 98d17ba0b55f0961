"""DESCRIBE from the columns of an IRI the store holds only as an object (or a predicate) failed.

The IRI has a term id but no rows: the path went on with no triples, and finding the prefixes its
answer uses indexed an empty array (``IndexError``, a 500); had it not, it would have declared the
prefix of the IRI itself, where the engine's empty graph declares none. Such an IRI is now answered
as the engine answers it: an empty graph.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ungraph import columns
from ungraph.sparql import Job, run_job
from ungraph.store import open_store
from ungraph.web.describe import answer


def test_an_iri_only_in_object_or_predicate_position_is_an_empty_graph(tmp_path: Path) -> None:
    d = tmp_path / "store"
    s = ox.Store(str(d))
    s.add(ox.Quad(ox.NamedNode("http://x/c"), ox.NamedNode("http://y/p"), ox.NamedNode("http://y/only-an-object")))
    s.flush()
    del s
    columns.write(d)
    found, store = columns.open_for(d), open_store(d, read_only=True)
    for iri in ("http://y/only-an-object", "http://y/p"):
        job = Job(f"DESCRIBE <{iri}>", describe=True, prefixes=(("x", "http://x/"), ("y", "http://y/")))
        ours = answer(found, job)
        assert ours is not None and ours == run_job(store, job) and ours.body == b""
