"""Issue 13 (logging): ``ungraph serve`` wrote no access log at all — the ``ungraph.access`` lines
are logged at INFO, and nothing configured a handler, so Python dropped them. The server writes one
JSON line per request to stderr (method, path, status, ms, bytes, client, request id), query texts
only for slow queries, and no stack trace to a client."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from tests.web.sample_graph import BASE, sample_quads
from tests.web.servers import output, ungraph_process
from ungraph import store as stores

FAST = "ASK { ?s ?p 'a fast query' }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { VALUES ?x { %s } VALUES ?y { %s } VALUES ?z { %s } }" % ((" ".join(map(str, range(1, 301))),) * 3)


def test_one_json_line_per_request_and_query_texts_only_when_slow(tmp_path: Path) -> None:
    store, dump = tmp_path / "store", tmp_path / "ungraph.nq"
    stores.write_build(list(sample_quads()), store, dump)
    with ungraph_process(store, env={"UNGRAPH_BASE": BASE, "UNGRAPH_DUMP": str(dump)}) as (root, proc):
        before = len([line for line in output(proc).splitlines() if line.startswith("{")])
        sent = [httpx.get(root + "sparql", params={"query": FAST}, headers={"X-Request-Id": "fast-1"}),
                httpx.get(root + "id/organization/MONUSCO", headers={"Accept": "text/turtle", "X-Request-Id": "page-2"}),
                httpx.get(root + "no/such/thing", headers={"X-Request-Id": "missing-3"}),
                httpx.post(root + "sparql", data={"query": SLOW}, headers={"X-Request-Id": "slow-4"}, timeout=60)]
        assert [r.status_code for r in sent] == [200, 200, 404, 200]
        text = output(proc)
    lines = [json.loads(line) for line in text.splitlines() if line.startswith("{")][before:]
    mine = [line for line in lines if line["request_id"] in ("fast-1", "page-2", "missing-3", "slow-4")]
    assert [line["request_id"] for line in mine] == ["fast-1", "page-2", "missing-3", "slow-4"]
    for line, resp in zip(mine, sent):
        assert line["status"] == resp.status_code and line["bytes"] == len(resp.content)
        assert line["method"] in ("GET", "POST") and line["path"].startswith("/") and line["client"] == "127.0.0.1"
        assert line["ms"] >= 0
    assert "a fast query" not in text  # a fast query's text is never logged
    assert "slow query" in text and "VALUES ?x" in text and "slow-4" in text
    assert "Traceback" not in text
