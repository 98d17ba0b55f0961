"""Issue 14 (server processes): granian ran without ``respawn_failed_workers``, so when its worker
process died (the out-of-memory killer, a crash in native code) granian shut the whole server down:
``ungraph serve`` exited and nothing answered until someone restarted it. Now granian starts a new
server process in its place, with its own query workers, and the server answers again."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import httpx
import pytest

from tests.web.sample_graph import BASE, sample_quads
from tests.web.servers import children, ungraph_process
from ungraph import store as stores

pytestmark = pytest.mark.server


def test_the_only_server_process_killed_is_replaced_and_the_server_answers_again(tmp_path: Path) -> None:
    store, dump = tmp_path / "store", tmp_path / "ungraph.nq"
    stores.write_build(list(sample_quads()), store, dump)
    env = {"UNGRAPH_BASE": BASE, "UNGRAPH_DUMP": str(dump), "UNGRAPH_WORKERS": "1", "UNGRAPH_QUERY_WORKERS": "2"}
    with ungraph_process(store, env=env) as (root, server):
        (victim,) = children(server.pid)
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while True:
            assert server.poll() is None, "the server exited when its worker process died"
            try:
                resp = httpx.get(root + "sparql", params={"query": "ASK { ?s ?p ?o }"},
                                 headers={"Accept": "application/sparql-results+json"}, timeout=5)
                if resp.status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "no answer within 30 s of the worker process's death"
            time.sleep(0.2)
        assert resp.json()["boolean"] is True
        replaced = children(server.pid)
        assert len(replaced) == 1 and victim not in replaced
        assert len(children(replaced[0])) == 2  # its own query workers
        assert httpx.get(root + "health").status_code == 200
