"""Issue 14: every query charged to a client's query budget started a thread.

``limits``' ``MemoryStorage`` (5.x) expires its counters with a ``threading.Timer`` of 10 ms that it
starts again on the next ``incr`` once the last one has fired: under steady load, a new thread
every 10 ms, and each start waits for the GIL behind the request threads (0.5 ms per request on
average in a profile of point lookups, more than the query). The budget and the request limit now
use ``fair_use.LocalMemoryStorage``, which expires counters on read, without a thread."""

from __future__ import annotations

import threading
import time

from ungraph.web.fair_use import LocalMemoryStorage, QueryBudget

QUERY = "SELECT ?p ?o WHERE { ?s ?p ?o } LIMIT 3"


def test_a_hundred_queries_start_no_thread(client, monkeypatch) -> None:
    client.get("/sparql", query_string={"query": QUERY + " # warm"})  # the worker pool, started once
    started = []
    real_start = threading.Thread.start

    def counting_start(self: threading.Thread) -> None:
        started.append(self.name)
        real_start(self)

    monkeypatch.setattr(threading.Thread, "start", counting_start)
    for i in range(100):
        assert client.get("/sparql", query_string={"query": f"{QUERY} # {i}"}).status_code == 200
        time.sleep(0.0005)
    assert started == []


def test_the_budget_still_counts_and_renews() -> None:
    budget = QueryBudget(0.05)  # five hundredths of a second per minute
    assert budget.retry_after("a") is None
    budget.spend("a", 0.06)
    wait = budget.retry_after("a")
    assert wait is not None and 1 <= wait <= 60
    assert budget.retry_after("b") is None  # another client is not charged


def test_counters_expire_on_read() -> None:
    storage = LocalMemoryStorage()
    assert storage.incr("k", expiry=0.05) == 1
    assert storage.incr("k", expiry=0.05) == 2
    time.sleep(0.08)
    assert storage.get("k") == 0
    assert storage.incr("k", expiry=0.05) == 1
