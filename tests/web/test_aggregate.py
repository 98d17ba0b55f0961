"""ungraph.web.aggregate: the columnar scan answers the aggregates over one triple pattern as the engine
does (the same rows, in the same order where the query fixes it, every result format), on a small store
with the awkward cases, on the real build on disk and in memory and on a 3x enlargement; the endpoint
uses it; every other shape goes to the engine (issue 14, aim 1). The same through the store's mapped
columns (:mod:`ungraph.columns`), on the build and on the 3x enlargement on disk, byte for byte the
in-memory columns' answers; a server on a store with columns scans them and reads none of its own."""

from __future__ import annotations

import json
import re
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from ungraph import columns
from ungraph.config import Settings
from ungraph.sparql import Job, run_job
from ungraph.store import load_in_memory, open_store
from ungraph.web import aggregate, aggregate_memory
from ungraph.web.aggregate import RDF_TYPE, answer, parse



SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
ABSENT = "http://example.org/nothing-has-this"
#: Shapes with {C} (a class), {S} (a subject of that class), {L} (a label property), {X} (an absent IRI)
SHAPES = [
    "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n)",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) LIMIT 20",
    "SELECT ?p (COUNT(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p",
    "SELECT ?p (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p",
    "SELECT ?p (COUNT(DISTINCT *) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) ?p",
    "SELECT ?p (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ASC(?n) DESC(?p)",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT (COUNT(DISTINCT *) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s a ?o }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s <{X}> ?o }",
    "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s <{X}> ?o } GROUP BY ?s",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s a <{C}> }",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { <{S}> ?p ?o } GROUP BY ?p ORDER BY ?p",
    "SELECT ?o (COUNT(*) AS ?n) WHERE { <{S}> ?p ?o } GROUP BY ?o ORDER BY DESC(?n)",
    "SELECT ?o (COUNT(DISTINCT *) AS ?n) WHERE { <{S}> ?p ?o } GROUP BY ?o",
    "SELECT ?o (COUNT(*) AS ?n) WHERE { ?s <{L}> ?o } GROUP BY ?o ORDER BY DESC(?n) LIMIT 10",
    "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s ORDER BY DESC(?n) ?s LIMIT 10",
    "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p <{C}> } GROUP BY ?s ORDER BY ?s LIMIT 5 OFFSET 3",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p <{C}> } GROUP BY ?p",
    "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?s } GROUP BY ?s ORDER BY ?s",
    "SELECT (COUNT(DISTINCT *) AS ?n) WHERE { ?s ?p ?s }",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?s } GROUP BY ?p",
    "SELECT ?o (COUNT(*) AS ?n) WHERE { ?s ?s ?o } GROUP BY ?o",
    "SELECT (COUNT(*) AS ?n) WHERE { <{S}> a <{C}> }",
    "SELECT (COUNT(DISTINCT *) AS ?n) WHERE { <{S}> a <{C}> }",
    "SELECT (COUNT(DISTINCT *) AS ?n) WHERE { <{S}> a <{X}> }",
    "SELECT (COUNT(*) AS ?n) ?c WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n)",
    "select $c (count(distinct $s) as $n) { $s a $c . } group by $c order by desc($n) offset 2 limit 5",
    "SELECT # the property\n ?p (COUNT( # all\n *) AS ?n) WHERE { ?s ?p ?o # any\n } GROUP BY ?p # by\n"
    " ORDER BY DESC(?n) ?p\n# 17",
    "SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c LIMIT 0",
    "SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a ?c } GROUP BY ?c OFFSET 1000000",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c } LIMIT 1 OFFSET 1",
    "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?c)",
    "SELECT ?s (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s <{L}> ?o } GROUP BY ?s ORDER BY DESC(?n) ?s LIMIT 20",
    "SELECT ?o (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?o } GROUP BY ?o ORDER BY ?n ?o",
    "SELECT ?s (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a <{C}> } GROUP BY ?s ORDER BY ?s LIMIT 3",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?n ?n",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o . } GROUP BY ?p ORDER BY ?p LIMIT 7 OFFSET 2",
    "SELECT ?o (COUNT(*) AS ?n) WHERE { ?s <{L}> ?o } GROUP BY ?o ORDER BY ?o",  # literals: to the engine
]
_MODIFIER = re.compile(r"\s(?:LIMIT|OFFSET)\s+[0-9]+", re.IGNORECASE)


def _queries(store) -> list[str]:
    c, s = next(iter(store.query(f"SELECT ?c ?s WHERE {{ ?s <{RDF_TYPE}> ?c FILTER(isIRI(?s)) }} ORDER BY ?c ?s LIMIT 1",
                                 use_default_graph_as_union=True)))
    out = []
    for q in SHAPES:
        q = q.replace("{C}", c.value).replace("{S}", s.value).replace("{L}", SKOS_PREF).replace("{X}", ABSENT)
        out.append(q)
    return out


def _bindings(body: bytes) -> list[str]:
    return [json.dumps(b, sort_keys=True) for b in json.loads(body)["results"]["bindings"]]


def _counts(body: bytes, var: str) -> list[str]:
    return [b[var]["value"] for b in json.loads(body)["results"]["bindings"]]


def _check(store, q: str, fmt: str = "json", mapped: columns.Columns | None = None, **job) -> None:
    """The columnar answer is the engine's: byte for byte where the query fixes the order (a key on the
    group variable; every non-JSON format), else the same counts in order and the same rows (rows from
    the engine's whole answer when LIMIT or OFFSET may cut among ties)."""
    agg = parse(q)
    assert agg is not None, q
    mine = answer(store, Job(q, result_format=fmt, **job), mapped=mapped)
    engine = run_job(store, Job(q, result_format=fmt, **job))
    assert engine.kind == "bindings", (q, engine.error)
    whole = run_job(store, Job(_MODIFIER.sub(" ", q), result_format="json"))
    if any(v == agg.group for v, _ in agg.order) and agg.group in agg.projection and any(
            b[agg.group]["type"] != "uri" for b in json.loads(whole.body)["results"]["bindings"]):
        assert mine is None, q  # ORDER BY a group variable whose groups are not all IRIs: the engine orders those
        return
    assert mine is not None, q
    assert mine.truncated == engine.truncated
    if agg.group is None or any(v == agg.group for v, _ in agg.order) or fmt != "json":
        assert mine.body == engine.body, q
        return
    if agg.order:
        assert _counts(mine.body, agg.count) == _counts(engine.body, agg.count), q
    if agg.limit is None and not agg.offset:
        assert sorted(_bindings(mine.body)) == sorted(_bindings(engine.body)), q
    else:
        assert len(_bindings(mine.body)) == len(_bindings(engine.body))
        assert set(_bindings(mine.body)) <= set(_bindings(whole.body)), q


def _determined(q: str) -> bool:
    agg = parse(q)
    return agg is not None and (agg.group is None or any(v == agg.group for v, _ in agg.order))


@pytest.fixture(scope="module")
def small() -> ox.Store:
    """A triple in two named graphs and the default graph, IRIs whose order differs from their N-Triples
    order, a repeated term, literals of several kinds, a blank node."""
    s = ox.Store()
    x = [ox.NamedNode(f"http://x/{k}") for k in ("a", "a-b", "ab", "Z", "é", "p", "q", "C", "D")]
    a, ab_, ab, z, e, p, q, c, d = x
    t = ox.NamedNode(RDF_TYPE)
    label = ox.NamedNode(SKOS_PREF)
    graphs = [ox.NamedNode("http://x/g1"), ox.NamedNode("http://x/g2"), ox.DefaultGraph()]
    for g in graphs:
        s.add(ox.Quad(a, p, ab, g))
        s.add(ox.Quad(a, t, c, g))
    for subject, cls in ((ab_, c), (ab, d), (z, c), (e, d), (ox.BlankNode("b1"), c)):
        s.add(ox.Quad(subject, t, cls, graphs[0]))
    for k, lit in enumerate([ox.Literal("和平", language="zh"), ox.Literal("peace", language="en"), ox.Literal(1),
                             ox.Literal("1"), ox.Literal(2.5), ox.Literal("peace", language="en")]):
        s.add(ox.Quad(x[k % 3], label, lit, graphs[k % 2]))
    s.add(ox.Quad(z, q, z, graphs[1]))
    s.add(ox.Quad(e, e, e, graphs[0]))
    return s


def test_the_awkward_cases_in_every_format(small: ox.Store) -> None:
    for q in _queries(small):
        for fmt in ("json", "xml", "csv", "tsv"):
            if fmt == "json" or _determined(q):
                _check(small, q, fmt)
    # a triple in two named graphs and in the default graph is three solutions of the union default graph
    body = answer(small, Job("SELECT (COUNT(*) AS ?n) WHERE { <http://x/a> <http://x/p> ?o }", result_format="csv"))
    assert body is not None and body.body == b"n\r\n3\r\n"


def test_order_by_a_group_of_blank_nodes_goes_to_the_engine(small: ox.Store) -> None:
    q = "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s a ?c } GROUP BY ?s ORDER BY ?s"
    assert parse(q) is not None and answer(small, Job(q)) is None
    _check(small, q.replace("ORDER BY ?s", "ORDER BY DESC(?n)"))


def test_same_answers_as_the_engine_on_the_build_on_disk(built: Settings) -> None:
    store = open_store(built.store, read_only=True)
    for q in _queries(store):
        _check(store, q)


def test_same_answers_as_the_engine_in_memory_in_every_format(built: Settings) -> None:
    store = load_in_memory(built.store)
    for q in _queries(store):
        for fmt in ("json", "xml", "csv", "tsv"):
            if fmt == "json" or _determined(q):
                _check(store, q, fmt)


def test_same_answers_as_the_engine_on_an_enlargement(enlarged: ox.Store) -> None:
    for q in _queries(enlarged):
        _check(enlarged, q)
    # the 3x graph's reference entities are in several report graphs: the union counts every copy
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert answer(enlarged, Job(q, result_format="csv")).body == f"n\r\n{len(enlarged)}\r\n".encode()


def test_rows_past_the_row_limit_are_cut_as_a_worker_cuts_them(built: Settings) -> None:
    store = load_in_memory(built.store)
    q = "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s a ?c } GROUP BY ?s ORDER BY ?s"
    for limit in ("", " LIMIT 7", " LIMIT 3"):
        _check(store, q + limit, max_rows=5, truncation_link="http://x/sparql#truncated")
    mine = answer(store, Job(q, max_rows=5, truncation_link="http://x/sparql#truncated"))
    assert mine is not None and mine.truncated and mine.rows == 5 and b"#truncated" in mine.body


def test_a_dataset_goes_to_the_engine(small: ox.Store) -> None:
    q = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"
    assert answer(small, Job(q)) is not None
    assert answer(small, Job(q, default_graph=("http://x/g1",))) is None
    assert answer(small, Job(q, named_graphs=("http://x/g1",))) is None
    assert answer(small, Job(q, result_format=None)) is None


def test_a_store_past_the_quad_limit_is_not_read(small: ox.Store) -> None:
    columns = aggregate.Columns(small, max_quads=3)
    assert not columns.complete and len(columns) == 0 and not columns.terms


def _mapped_same_as_in_memory_and_engine(store_dir: Path, formats: tuple[str, ...] = ("json",)) -> None:
    store, mapped = open_store(store_dir, read_only=True), columns.open_for(store_dir)
    assert mapped is not None
    for q in _queries(store):
        for fmt in formats:
            if fmt == "json" or _determined(q):
                _check(store, q, fmt, mapped=mapped)
            mine = answer(store, Job(q, result_format=fmt), mapped=mapped)
            memory = answer(store, Job(q, result_format=fmt))
            assert (mine and mine.body) == (memory and memory.body), q  # ties broken alike: the same bytes


def test_the_mapped_columns_answer_as_the_engine_on_the_build(built: Settings) -> None:
    _mapped_same_as_in_memory_and_engine(Path(built.store), ("json", "xml", "csv", "tsv"))


def test_the_mapped_columns_answer_as_the_engine_on_an_enlargement_on_disk(enlarged_on_disk: Path) -> None:
    _mapped_same_as_in_memory_and_engine(enlarged_on_disk)
    store, mapped = open_store(enlarged_on_disk, read_only=True), columns.open_for(enlarged_on_disk)
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert answer(store, Job(q, result_format="csv"), mapped=mapped).body == f"n\r\n{len(store)}\r\n".encode()


def test_the_mapped_columns_cut_rows_past_the_row_limit(built: Settings) -> None:
    store, mapped = open_store(built.store, read_only=True), columns.open_for(built.store)
    q = "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s a ?c } GROUP BY ?s ORDER BY DESC(?n) ?s"
    for limit in ("", " LIMIT 7", " LIMIT 3"):
        _check(store, q + limit, mapped=mapped, max_rows=5, truncation_link="http://x/sparql#truncated")


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str | None, str]]:
    calls: list[tuple[str | None, str]] = []
    counts = aggregate.counts

    def counted(source, agg):
        calls.append((agg.group, type(source).__module__))
        return counts(source, agg)

    monkeypatch.setattr(aggregate, "counts", counted)
    return calls


def test_the_endpoint_answers_aggregates_from_the_mapped_columns(built: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from ungraph.web.app import create_app

    calls = _counted(monkeypatch)
    app = create_app(built)
    services = app.extensions["ungraph"]
    assert services.mapped is not None
    q = "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n) ?c\n# 4"
    client, accept = app.test_client(), {"Accept": "application/sparql-results+json"}
    resp = client.get("/sparql", query_string={"query": q}, headers=accept)
    assert resp.status_code == 200 and resp.data == run_job(services.store, Job(q)).body
    assert calls == [("c", "ungraph.columns")]  # the first query already, in the server process
    assert id(services.store) not in aggregate_memory._tables  # and no columns of its own read
    csv = client.get("/sparql", query_string={"query": q + "2", "format": "csv"})
    assert csv.status_code == 200 and csv.data == run_job(services.store, Job(q, result_format="csv")).body
    assert len(calls) == 2 and not any(t.name == "ungraph-columns" for t in threading.enumerate())


def test_the_endpoint_reads_columns_of_a_store_without_them(built: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from ungraph.web.app import create_app

    calls = _counted(monkeypatch)
    app = create_app(Settings(base=built.base, store=built.store, dump=built.dump), store=load_in_memory(built.store))
    q = "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n) ?c\n# 3"
    client, store = app.test_client(), app.extensions["ungraph"].store
    assert app.extensions["ungraph"].mapped is None
    accept = {"Accept": "application/sparql-results+json"}
    first = client.get("/sparql", query_string={"query": q}, headers=accept)
    assert first.status_code == 200  # by a query worker: the first such query starts reading the columns
    deadline = time.monotonic() + 60
    while aggregate_memory._tables[id(store)][1] is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert aggregate_memory._tables[id(store)][1] is not None
    q += "1"  # another text: not the cached answer
    resp = client.get("/sparql", query_string={"query": q}, headers=accept)
    assert resp.status_code == 200
    assert resp.data == first.data == run_job(store, Job(q)).body
    assert calls == [("c", "ungraph.web.aggregate_memory")]  # the second from the columns, in the server process
    csv = client.get("/sparql", query_string={"query": q + "2", "format": "csv"})
    assert csv.status_code == 200 and csv.data == run_job(store, Job(q, result_format="csv")).body


def test_the_real_server_answers_aggregates_as_the_engine(server: str, built: Settings) -> None:
    import httpx

    store = open_store(built.store, read_only=True)
    q = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT 20"
    base = built.base + "sparql"
    for i in range(40):  # the first starts reading the columns in the server process that got it; later ones use them
        text = f"{q}\n# {i}"
        resp = httpx.get(server + "/sparql", params={"query": text, "format": "csv"}, timeout=30)
        assert resp.status_code == 200
        assert resp.content == run_job(store, Job(text, result_format="csv", base=base)).body
        time.sleep(0.05)


_PIECES = ["SELECT", "select", "?g", "$g", "?n", "?s", "?o", "?p", "(", ")", "COUNT", "count", "DISTINCT", "*", "AS",
           "WHERE", "{", "}", ".", "a", "<http://x/p>", "<http://x/C>", "<http://x/none>", "GROUP", "BY", "ORDER",
           "DESC", "ASC", "LIMIT", "OFFSET", "3", "0", "#c\n", "#c\r", ";", ",", "HAVING", "FILTER", "SUM", "'x'"]
_SEEDS = ["SELECT ?g ( COUNT ( * ) AS ?n ) WHERE { ?s ?g ?o } GROUP BY ?g ORDER BY DESC ( ?n ) LIMIT 3",
          "SELECT ( COUNT ( DISTINCT ?s ) AS ?n ) ?g WHERE { ?s a ?g } GROUP BY ?g ORDER BY ?g",
          "SELECT ( COUNT ( DISTINCT * ) AS ?n ) WHERE { ?s ?p ?o } OFFSET 0 LIMIT 3"]


def test_what_the_recogniser_accepts_out_of_mutated_queries_the_engine_answers_the_same(small: ox.Store) -> None:
    """Token mutations of three shapes (fixed seed): every query :func:`parse` accepts parses in the
    engine and gets the engine's rows (as a multiset; the same number under LIMIT or OFFSET)."""
    import random

    rng = random.Random(7)
    accepted = 0
    for _ in range(6000):
        tokens = rng.choice(_SEEDS).split(" ")
        for _ in range(rng.randint(1, 3)):
            i, op = rng.randrange(len(tokens) + 1), rng.random()
            if op < 0.33 and tokens:
                del tokens[min(i, len(tokens) - 1)]
            elif op < 0.66:
                tokens.insert(i, rng.choice(_PIECES))
            elif tokens:
                tokens[min(i, len(tokens) - 1)] = rng.choice(_PIECES)
        q = rng.choice([" ", "\n", "\t", "  "]).join(tokens)
        agg = parse(q)
        if agg is None:
            continue
        accepted += 1
        engine, mine = run_job(small, Job(q)), answer(small, Job(q))
        assert engine.kind == "bindings", (q, engine.error)
        if mine is None:  # ORDER BY a group of literals or blank nodes
            continue
        if agg.limit is None and not agg.offset:
            assert sorted(_bindings(mine.body)) == sorted(_bindings(engine.body)), q
        assert len(_bindings(mine.body)) == len(_bindings(engine.body)), q
    assert accepted > 150, accepted  # 190 with this seed


@pytest.mark.parametrize(("rows", "groups"), [(0, 1), (1, 1), (5, 3), (100_000, 2), (200_000, 40), (1_000_000, 30),
                                              (1_000_000, 300_000), (2_000_000, 1)])
def test_runs_of_a_sorted_column_by_binary_search_are_the_runs(rows: int, groups: int) -> None:
    """``_sorted_starts`` (a search per run while runs are few, then a pass) finds the runs a pass finds."""
    import numpy as np

    g = np.sort(np.random.default_rng(rows + groups).integers(0, groups, rows).astype(np.uint32))
    assert aggregate._sorted_starts(g).tolist() == aggregate._run_starts([g], rows).tolist()
    # runs the sample misses: the searches stop part way and the pass does the rest
    skewed = np.concatenate([np.zeros(rows, dtype=np.uint32), np.arange(1, 500, dtype=np.uint32)])
    assert aggregate._sorted_starts(skewed).tolist() == aggregate._run_starts([skewed], len(skewed)).tolist()
