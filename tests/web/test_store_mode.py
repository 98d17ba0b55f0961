"""``UNGRAPH_STORE_MODE``: the on-disk store opened read-only answers like the in-memory copy, and the
time limit still stops a query in a worker that opened its own handle (issue 14, item 1)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.web.sample_graph import BASE, sample_quads
from tests.web.sparql_fixtures import EX
from ungraph import store as stores
from ungraph.config import Settings
from ungraph.web.app import create_app

SLOW = f"SELECT * WHERE {{ ?a <{EX}value> ?x . ?b <{EX}value> ?y . ?c <{EX}value> ?z . ?d <{EX}value> ?w }} ORDER BY ?w"
QUERIES = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    f"ASK {{ ?s <{EX}value> 42 }}",
    "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } ORDER BY ?s ?l LIMIT 20",
]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("mode") / "store"
    s = ox.Store(str(d))
    s.bulk_extend(sample_quads())
    s.bulk_extend([ox.Quad(ox.NamedNode(f"{EX}n{i}"), ox.NamedNode(EX + "value"), ox.Literal(i),
                           ox.NamedNode(EX + "noise")) for i in range(300)])
    s.flush()
    del s
    stores.write_snapshot(d)
    return d


def _app(store_dir: Path, mode: str, **settings: object):
    s = Settings(base=BASE, store=str(store_dir), dump=str(store_dir.parent / "none.nq"), store_mode=mode,
                 rate_limit="", query_budget=0).replace(**settings)
    return create_app(s)


def test_auto_loads_a_small_store_into_memory_and_disk_opens_it_read_only(store_dir: Path) -> None:
    mem, on_disk = stores.open_for_serving(store_dir, "auto")
    assert not on_disk and stores.canonical_nquads(mem) == stores.canonical_nquads(stores.open_store(store_dir))
    disk, on_disk = stores.open_for_serving(store_dir, "disk")
    assert on_disk and len(disk) == len(mem)
    with pytest.raises((OSError, RuntimeError)):  # read-only: nothing can be written through it
        disk.add(ox.Quad(ox.NamedNode(EX + "x"), ox.NamedNode(EX + "p"), ox.Literal("1"), ox.NamedNode(EX + "g")))


def test_disk_mode_answers_like_memory_mode(store_dir: Path) -> None:
    mem, disk = _app(store_dir, "memory").test_client(), _app(store_dir, "disk").test_client()
    for q in QUERIES:
        a, b = mem.get("/sparql", query_string={"query": q}), disk.get("/sparql", query_string={"query": q})
        assert a.status_code == b.status_code == 200 and a.data == b.data, q
    page = "/" + "id/person/amina-j-mohammed"
    a, b = mem.get(page, headers={"Accept": "text/turtle"}), disk.get(page, headers={"Accept": "text/turtle"})
    assert a.status_code == 200 and a.data == b.data


def test_disk_mode_stops_a_slow_query_and_the_new_worker_opens_the_store(store_dir: Path) -> None:
    app = _app(store_dir, "disk", query_timeout=1.5)
    client = app.test_client()
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200
    pool = app.extensions["ungraph"].pool()
    before = set(pool.pids())
    start = time.monotonic()
    r = client.get("/sparql", query_string={"query": SLOW})
    assert r.status_code == 503 and time.monotonic() - start < 5
    gone = before - set(pool.pids())
    assert len(gone) == 1 and not os.path.exists(f"/proc/{gone.pop()}")
    for i in range(4):  # every worker, the new one included, answers from its own handle
        r = client.get("/sparql", query_string={"query": f"ASK {{ ?s <{EX}value> {i} }}"})
        assert r.status_code == 200 and r.get_json()["boolean"] is True
