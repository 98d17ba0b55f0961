"""Apps for the endpoint tests: the sample graph in memory, with small limits where a test needs them."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ungraph.config import Settings
from ungraph.web.app import create_app
from tests.web.sample_graph import BASE, sample_store

EX = "http://example.org/"


def store_with_noise(n: int = 300) -> ox.Store:
    """The sample graph plus ``n`` numbered triples in their own graph (enough for a slow cross join)."""
    store = sample_store()
    g = ox.NamedNode(EX + "noise")
    store.bulk_extend([ox.Quad(ox.NamedNode(f"{EX}n{i}"), ox.NamedNode(EX + "value"), ox.Literal(i), g)
                       for i in range(n)])
    return store


def make_app(tmp: Path, store: ox.Store | None = None, **settings: object):
    s = Settings(base=BASE, store=str(tmp / "store"), dump=str(tmp / "ungraph.nq")).replace(**settings)
    return create_app(s, store if store is not None else store_with_noise())


def snapshot(store: ox.Store) -> bytes:
    return store.dump(format=ox.RdfFormat.N_QUADS)
