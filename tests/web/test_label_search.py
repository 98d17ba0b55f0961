"""ungraph.web.label_search: the label table answers the label-search shape exactly as the engine does
(the same bytes, rows in the same order), on the real build in memory and on disk and on a 3x
enlargement, and the endpoint uses it (issue 14, aim 2)."""

from __future__ import annotations

import time

import pyoxigraph as ox
import pytest

from ungraph.config import Settings
from ungraph.sparql import Job, run_job
from ungraph.store import load_in_memory, open_store
from ungraph.web.label_search import PREDICATES, answer, parse



#: The benchmark's words, a Latin one, one nobody uses, the empty string (every label) and a single character.
WORDS = ["和平", "发展", "人权", "气候", "安全", "妇女", "Secretary", "United Nations", "没有这个词", "", "国"]


def _queries(predicate: str, word: str) -> list[str]:
    q = f"SELECT ?s ?l WHERE {{ ?s <{predicate}> ?l FILTER(CONTAINS(?l, '{word}')) }} LIMIT 50"
    return [q, q + "\n# 17", q.replace("LIMIT 50", "LIMIT 1"), q.replace("LIMIT 50", "LIMIT 10000"),
            q.replace("SELECT ?s ?l", "SELECT ?l ?s").replace("'", '"'),
            f"select $x $n {{ $x <{predicate}> $n . filter (contains($n, \"{word}\")) }} limit 7"]


def _same(store, fmt: str = "json") -> int:
    checked = 0
    for predicate in PREDICATES:
        for word in WORDS:
            for q in _queries(predicate, word):
                assert parse(q) is not None, q
                job = Job(q, result_format=fmt)
                mine, engine = answer(store, job), run_job(store, job)
                assert mine is not None and engine.kind == "bindings"
                assert mine.body == engine.body, q
                checked += 1
    return checked


def test_same_answers_as_the_engine_on_the_build_on_disk(built: Settings) -> None:
    assert _same(open_store(built.store, read_only=True)) == 132


def test_same_answers_as_the_engine_in_memory_in_every_format(built: Settings) -> None:
    store = load_in_memory(built.store)
    for fmt in ("json", "xml", "csv", "tsv"):
        assert _same(store, fmt)


def test_same_answers_as_the_engine_on_an_enlargement(enlarged: ox.Store) -> None:
    assert _same(enlarged)
    # repeated labels: the 3x graph's answers really have rows from several report graphs
    job = Job(f"SELECT ?s ?l WHERE {{ ?s <{PREDICATES[0]}> ?l FILTER(CONTAINS(?l, '')) }} LIMIT 10000")
    assert b"/a78-1/" in answer(enlarged, job).body


@pytest.mark.parametrize("query", [
    f"SELECT ?s ?l WHERE {{ ?s <{PREDICATES[0]}> ?l FILTER(CONTAINS(?l, 'x')) }}",  # no LIMIT
    f"SELECT ?s ?l WHERE {{ ?s <{PREDICATES[0]}> ?l FILTER(CONTAINS(?l, 'x')) }} LIMIT 50 OFFSET 2",
    f"SELECT DISTINCT ?s ?l WHERE {{ ?s <{PREDICATES[0]}> ?l FILTER(CONTAINS(?l, 'x')) }} LIMIT 50",
    "SELECT ?s ?l WHERE { ?s <http://x/name> ?l FILTER(CONTAINS(?l, 'x')) } LIMIT 50",  # another property
    f"SELECT ?s ?l WHERE {{ ?s <{PREDICATES[0]}> ?l FILTER(CONTAINS(?s, 'x')) }} LIMIT 50",  # not the label
    f"SELECT ?s ?l WHERE {{ ?s <{PREDICATES[0]}> ?l FILTER(CONTAINS(?l, 'x\\u0027')) }} LIMIT 50",  # an escape
    f"SELECT ?s ?l WHERE {{ ?s <{PREDICATES[0]}> ?l FILTER(CONTAINS(?l, 'x')) . ?s ?p ?o }} LIMIT 50",
    f"SELECT ?s ?l ?o WHERE {{ ?s <{PREDICATES[0]}> ?l FILTER(CONTAINS(?l, 'x')) }} LIMIT 50",
    f"SELECT ?s ?l WHERE {{ ?s <{PREDICATES[0]}> ?l FILTER(CONTAINS(LCASE(?l), 'x')) }} LIMIT 50",
    f"SELECT ?s ?l WHERE {{ GRAPH ?g {{ ?s <{PREDICATES[0]}> ?l FILTER(CONTAINS(?l, 'x')) }} }} LIMIT 50",
])
def test_other_shapes_go_to_the_engine(query: str) -> None:
    assert parse(query) is None


def test_a_dataset_or_a_limit_past_the_row_limit_goes_to_the_engine(built: Settings) -> None:
    store = open_store(built.store, read_only=True)
    q = f"SELECT ?s ?l WHERE {{ ?s <{PREDICATES[0]}> ?l FILTER(CONTAINS(?l, '和平')) }} LIMIT 50"
    assert answer(store, Job(q, default_graph=(built.base + "graph/report",))) is None
    assert answer(store, Job(q, max_rows=10)) is None


def test_the_endpoint_answers_label_search_from_the_table(built: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from ungraph.web import label_search
    from ungraph.web.app import create_app

    calls = []
    rows = label_search.LabelTable.rows

    def counted(self, text, limit):
        calls.append((text, limit))
        return rows(self, text, limit)

    monkeypatch.setattr(label_search.LabelTable, "rows", counted)
    app = create_app(Settings(base=built.base, store=built.store, dump=built.dump, store_mode="disk"))
    q = f"SELECT ?s ?l WHERE {{ ?s <{PREDICATES[0]}> ?l FILTER(CONTAINS(?l, '和平')) }} LIMIT 50\n# 3"
    client, store = app.test_client(), app.extensions["ungraph"].store
    first = client.get("/sparql", query_string={"query": q}, headers={"Accept": "application/sparql-results+json"})
    assert first.status_code == 200  # by a query worker: the first such query starts reading the table
    deadline = time.monotonic() + 60
    key = (id(store), PREDICATES[0])
    while label_search._tables[key][1] is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert label_search._tables[key][1] is not None
    q += "1"  # another text: not the cached answer
    resp = client.get("/sparql", query_string={"query": q}, headers={"Accept": "application/sparql-results+json"})
    assert resp.status_code == 200
    assert resp.data == first.data == run_job(store, Job(q)).body
    assert calls == [("和平", 50)]  # the second from the table, in the server process
