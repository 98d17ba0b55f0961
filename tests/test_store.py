"""store.py: the in-memory copy the server loads, from the snapshot when it is fresh."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from ungraph import store as stores
from ungraph.cli import cli
from ungraph.config import Settings


@pytest.fixture()
def copy(built: Settings, tmp_path: Path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(built.store, target)
    shutil.copy(stores.snapshot_path(built.store), stores.snapshot_path(target))
    return target


def test_build_leaves_a_fresh_snapshot_equal_to_the_store(built: Settings) -> None:
    assert stores._snapshot_is_fresh(Path(built.store))
    mem = stores.load_in_memory(built.store)
    assert stores.canonical_nquads(mem) == Path(built.dump).read_bytes()


def test_load_rewrites_the_snapshot_so_the_server_sees_the_new_data(copy: Path, tmp_path: Path) -> None:
    f = tmp_path / "mine.ttl"
    f.write_text('<http://example.org/a> <http://example.org/b> "c" .\n')
    assert CliRunner().invoke(cli, ["load", str(f), "--graph", "http://example.org/g", "--store", str(copy)]).exit_code == 0
    assert stores._snapshot_is_fresh(copy)
    mem = stores.load_in_memory(copy)
    assert ox.Quad(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/b"), ox.Literal("c"),
                   ox.NamedNode("http://example.org/g")) in mem


def test_a_stale_snapshot_is_ignored(copy: Path) -> None:
    snap = stores.snapshot_path(copy)
    snap.write_text("<http://example.org/stale> <http://example.org/b> <http://example.org/c> .\n")
    old = time.time() - 3600
    os.utime(snap, (old, old))
    mem = stores.load_in_memory(copy)
    assert ox.NamedNode("http://example.org/stale") not in {q.subject for q in mem}
    assert len(mem) == len(ox.Store.read_only(str(copy)))
