"""Hardening (issue 13): every step of a query inside the worker and its time limit, a bounded check
cache, errors told apart (refused / client error / timeout / internal with a request id), one
structured access-log line per request, the page cache evicting safely under threads, and pages
over a backend that is down answering 503."""

from __future__ import annotations

import json
import logging
import threading

import pytest

from tests.web.sample_graph import BASE, sample_store
from tests.web.servers import free_port
from tests.web.sparql_fixtures import make_app
from ungraph.config import Settings
from ungraph.web import sparql_check
from ungraph.web.app import create_app


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):
    return make_app(tmp_path_factory.mktemp("hardening"), query_timeout=1.0)


@pytest.fixture()
def client(app):
    return app.test_client()


def test_the_safety_check_runs_in_the_worker_under_the_time_limit(client) -> None:
    # rdflib needs seconds to parse this (it mentions "service", so it must be parsed): past the 1 s limit
    huge = "SELECT * WHERE { ?s ?p ?o FILTER(?o IN (" + ", ".join(f'"service {i}"' for i in range(1500)) + ")) }"
    resp = client.post("/sparql", data=huge, content_type="application/sparql-query")
    assert resp.status_code == 503 and "limit" in resp.get_json()["error"]
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200  # the pool healed
    refused = client.get("/sparql", query_string={"query": "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }"})
    assert refused.status_code == 403  # still refused, now by the worker


def test_the_check_cache_is_bounded_and_keeps_no_query_text() -> None:
    for i in range(sparql_check._CACHE_SIZE + 50):
        sparql_check.check(f"ASK {{ ?s ?p {i} }}")
    cache = sparql_check.check.cache
    assert len(cache) <= sparql_check._CACHE_SIZE
    assert all(isinstance(k, bytes) and len(k) == 32 for k in cache)


def test_a_query_nested_too_deeply_is_a_400_not_a_dead_worker(client) -> None:
    deep = "SELECT * WHERE { " + "{ " * 3000 + "}" * 3000 + " }"
    resp = client.post("/sparql", data=deep, content_type="application/sparql-query")
    assert resp.status_code == 400 and "nested" in resp.get_json()["error"]


def test_a_client_error_is_400_with_the_parsers_message(client) -> None:
    resp = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p }"})
    assert resp.status_code == 400 and "parse" in resp.get_json()["error"]


def test_an_internal_error_is_a_logged_500_with_the_request_id(tmp_path, monkeypatch, caplog) -> None:
    from ungraph.web import sparql_pool

    def broken(store, job, labels=None):  # run_job's signature
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(sparql_pool, "run_job", broken)  # before the pool forks: the workers inherit it
    client = make_app(tmp_path).test_client()
    with caplog.at_level(logging.ERROR, logger="ungraph.sparql"):
        resp = client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"})
    assert resp.status_code == 500
    rid = resp.headers["X-Request-Id"]
    assert rid in resp.get_json()["error"] and "disk on fire" not in resp.get_json()["error"]
    assert any(rid in r.getMessage() and "disk on fire" in r.getMessage() for r in caplog.records)


def test_an_unexpected_exception_in_a_page_is_a_500_without_a_trace(tmp_path, monkeypatch, caplog) -> None:
    from ungraph import queries

    monkeypatch.setattr(queries, "describe", lambda store, iri: 1 / 0)
    client = create_app(Settings(base=BASE), store=sample_store()).test_client()
    with caplog.at_level(logging.ERROR, logger="ungraph.web"):
        resp = client.get("/id/organization/MONUSCO", headers={"Accept": "application/json"})
    assert resp.status_code == 500 and resp.get_json()["ok"] is False
    assert "Traceback" not in resp.get_data(as_text=True) and "ZeroDivision" not in resp.get_data(as_text=True)
    assert any(resp.headers["X-Request-Id"] in r.getMessage() for r in caplog.records)


def test_one_structured_access_log_line_per_request(client, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="ungraph.access"):
        resp = client.get("/id/organization/MONUSCO", headers={"Accept": "text/turtle", "X-Request-Id": "abc-123"})
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "ungraph.access"]
    assert len(lines) == 1
    line = lines[0]
    assert line["method"] == "GET" and line["path"] == "/id/organization/MONUSCO" and line["status"] == 200
    assert line["bytes"] == len(resp.data) and line["ms"] >= 0 and line["client"] and line["request_id"] == "abc-123"
    assert resp.headers["X-Request-Id"] == "abc-123"


def test_the_page_cache_evicts_safely_under_many_threads() -> None:
    app = create_app(Settings(base=BASE), store=sample_store())
    app.extensions["ungraph"].pages.size = 2
    paths = ["/id/organization/MONUSCO", "/id/country/COD", "/id/person/amina-j-mohammed", "/id/post/UN-DSG",
             "/id/report/A-78-1"]
    errors: list[object] = []

    def hammer(offset: int) -> None:
        client = app.test_client()
        for i in range(12):
            resp = client.get(paths[(i + offset) % len(paths)], headers={"Accept": "text/html"})
            if resp.status_code != 200:
                errors.append(resp.status_code)

    threads = [threading.Thread(target=hammer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(app.extensions["ungraph"].pages) <= 2


def test_pages_over_a_backend_that_is_down_answer_503() -> None:
    app = create_app(Settings(base=BASE, backend=f"http://127.0.0.1:{free_port()}/query", query_timeout=2.0))
    client = app.test_client()
    for path in ("/", "/id/organization/MONUSCO", "/class/", "/sparql?query=ASK%7B%7D", "/validation", "/.well-known/void"):
        resp = client.get(path, headers={"Accept": "*/*" if path.startswith(("/sparql", "/.well-known")) else "text/html"})
        assert resp.status_code == 503, (path, resp.status_code)
        assert resp.headers.get("Retry-After")


def test_health_is_ready_when_the_store_answers_and_the_workers_live(client) -> None:
    client.get("/sparql", query_string={"query": "ASK {}"})  # the pool exists from the first query on
    resp = client.get("/health")
    assert resp.status_code == 200 and resp.get_json()["ok"] is True and resp.get_json()["workers"] >= 2
    assert resp.headers["Cache-Control"] == "no-store"


def test_health_is_503_when_a_worker_is_dead(tmp_path) -> None:
    import os
    import signal

    app = make_app(tmp_path)
    client = app.test_client()
    client.get("/sparql", query_string={"query": "ASK {}"})
    pool = app.extensions["ungraph"].started_pool()
    victim = pool.pids()[0]
    os.kill(victim, signal.SIGKILL)
    os.waitpid(victim, 0)
    resp = client.get("/health")
    assert resp.status_code == 503 and "dead" in resp.get_json()["problems"][0]
    assert client.get("/health").status_code == 503


def test_health_is_503_over_a_backend_that_is_down() -> None:
    app = create_app(Settings(base=BASE, backend=f"http://127.0.0.1:{free_port()}/query", query_timeout=2.0))
    assert app.test_client().get("/health").status_code == 503


def test_too_many_requests_from_one_client_get_429_with_retry_after(tmp_path) -> None:
    client = make_app(tmp_path, rate_limit="5 per minute").test_client()
    codes = [client.get("/id/organization/MONUSCO", headers={"Accept": "text/turtle"}).status_code for _ in range(7)]
    assert codes[:5] == [200] * 5 and codes[5:] == [429, 429]
    resp = client.get("/class/")
    assert resp.status_code == 429 and int(resp.headers["Retry-After"]) >= 1
    assert resp.get_json()["ok"] is False and resp.get_json()["status"] == 429
    assert client.get("/health").status_code == 200  # the load balancer is never limited
    other = client.get("/id/organization/MONUSCO", headers={"Accept": "text/turtle"}, environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code == 200  # per client


def test_the_query_budget_is_counted_in_query_time(tmp_path) -> None:
    from tests.web.test_sparql import SLOW

    client = make_app(tmp_path, query_budget=0.5, query_timeout=1.0).test_client()
    first = client.get("/sparql", query_string={"query": SLOW})  # runs to the 1 s limit: past the budget
    assert first.status_code == 503
    resp = client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"})
    assert resp.status_code == 429 and 1 <= int(resp.headers["Retry-After"]) <= 60
    assert "query-seconds" in resp.get_json()["error"]
    other = client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"}, environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code == 200
