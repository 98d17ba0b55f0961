"""Issue 13 (fault tests): a query worker that died while idle (the out-of-memory killer, a stray
``kill``) made the next query sent to it answer 503 "the query worker died", though that query
never ran. A job that could not be handed to a worker is given to a fresh one."""

from __future__ import annotations

import os
import signal

from tests.web.sparql_fixtures import make_app


def test_queries_after_idle_workers_died_are_answered(tmp_path) -> None:
    app = make_app(tmp_path)
    client = app.test_client()
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200
    pool = app.extensions["ungraph"].started_pool()
    for pid in pool.pids():
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    codes = [client.get("/sparql", query_string={"query": f"ASK {{ ?s ?p {i} }}"}).status_code for i in range(5)]
    assert codes == [200] * 5
    assert client.get("/health").status_code == 200
