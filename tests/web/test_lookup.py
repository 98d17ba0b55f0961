"""ungraph.web.lookup: point lookups from the columns, byte for byte the engine's answers."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from ungraph import columns
from ungraph.config import Settings
from ungraph.sparql import Job, run_job
from tests.web.mutations import mutants
from ungraph.store import load_in_memory, open_store
from ungraph.web.lookup import answer, parse

SHAPES = [
    "SELECT ?p ?o WHERE {{ <{s}> ?p ?o }} LIMIT 200",
    "SELECT ?o ?p WHERE {{ <{s}> ?p ?o }} LIMIT 10000 # 17",
    "select * {{ <{s}> ?x ?y . }} limit 3",
    "SELECT ?o WHERE {{ <{s}> ?p ?o }} LIMIT 1",
    "SELECT\t?p\r\nWHERE {{ <{s}> ?p ?o #\r}} LIMIT 0",
]


def _subjects(found: columns.Columns, every: int = 1) -> list[ox.NamedNode]:
    out = []
    for i in range(0, found.n_terms, every):
        if found.lookup_start[i] != found.lookup_start[i + 1]:
            t = found.term(i)
            if isinstance(t, ox.NamedNode):
                out.append(t)
    return out


def _same(found: columns.Columns, store: object, subjects: list[ox.NamedNode]) -> int:
    n = 0
    for s in subjects:
        for shape in SHAPES:
            job = Job(shape.format(s=s.value))
            ours = answer(found, job)
            assert ours is not None, job.query
            assert ours == run_job(store, job), job.query  # type: ignore[arg-type]
            n += 1
    return n


def test_same_bytes_as_the_engine_for_every_subject_of_the_build(built: Settings) -> None:
    found = columns.open_for(built.store)
    assert found is not None
    subjects = _subjects(found)
    assert len(subjects) > 30000
    assert _same(found, open_store(built.store, read_only=True), subjects) == len(subjects) * len(SHAPES)


def test_in_memory_the_same_rows_as_the_engine_in_the_on_disk_order(built: Settings) -> None:
    """A store loaded into memory orders a subject's rows its own way: the columns keep the on-disk
    store's order, so a lookup's answer does not depend on how the server holds the store."""
    found = columns.open_for(built.store)
    assert found is not None
    memory = load_in_memory(built.store)
    reordered = 0
    for s in _subjects(found, every=20):
        job = Job(f"SELECT ?p ?o WHERE {{ <{s.value}> ?p ?o }} LIMIT 10000")
        ours, engine = answer(found, job), run_job(memory, job)
        assert ours is not None and ours.body is not None and engine.body is not None
        rows = [sorted(map(str, ox.parse_query_results(b, format=ox.QueryResultsFormat.JSON))) for b in (ours.body, engine.body)]
        assert rows[0] == rows[1], s
        reordered += ours.body != engine.body
    assert reordered  # the two orders really differ


def test_same_bytes_as_the_engine_on_an_enlargement(enlarged_on_disk: Path) -> None:
    """Shared entities have rows in several report graphs, a triple in two graphs is two rows."""
    found = columns.open_for(enlarged_on_disk)
    assert found is not None
    store = open_store(enlarged_on_disk, read_only=True)
    subjects = _subjects(found, every=7)
    assert _same(found, store, subjects)
    un = ox.NamedNode("http://127.0.0.1:8080/id/organization/UN")
    body = answer(found, Job(f"SELECT ?p ?o WHERE {{ <{un.value}> ?p ?o }} LIMIT 10000"))
    assert body is not None and body.body is not None and body.body.count(b'"p":') > 400


def test_a_subject_not_in_the_store(built: Settings) -> None:
    found = columns.open_for(built.store)
    job = Job("SELECT ?p ?o WHERE { <http://x/none> ?p ?o } LIMIT 5")
    assert answer(found, job) == run_job(open_store(built.store, read_only=True), job)


@pytest.mark.parametrize("query", [
    "SELECT ?p ?o WHERE { <http://x/a> ?p ?o }",  # no LIMIT
    "SELECT ?p ?o WHERE { <http://x/a> ?p ?o } LIMIT 5 OFFSET 2",
    "SELECT DISTINCT ?p ?o WHERE { <http://x/a> ?p ?o } LIMIT 5",
    "SELECT ?p ?o WHERE { <http://x/a> ?p ?o } ORDER BY ?p LIMIT 5",
    "SELECT ?p ?o ?z WHERE { <http://x/a> ?p ?o } LIMIT 5",  # a variable not in the pattern
    "SELECT ?p ?p WHERE { <http://x/a> ?p ?o } LIMIT 5",
    "SELECT ?p WHERE { <http://x/a> ?p ?p } LIMIT 5",  # the same variable twice
    "SELECT ?p ?o WHERE { ?s ?p ?o } LIMIT 5",
    "SELECT ?o WHERE { <http://x/a> <http://x/p> ?o } LIMIT 5",
    "SELECT ?p ?o WHERE { <a> ?p ?o } LIMIT 5",  # relative: the base would resolve it
    "SELECT ?p ?o WHERE { <http://x/../a> ?p ?o } LIMIT 5",
    "SELECT ?p ?o WHERE { <http://x/\\u0061> ?p ?o } LIMIT 5",  # an escape
    "PREFIX x: <http://x/> SELECT ?p ?o WHERE { x:a ?p ?o } LIMIT 5",
    "SELECT ?p ?o WHERE { <http://x/a> ?p ?o . <http://x/b> ?p ?o } LIMIT 5",
    "SELECT ?p ?o WHERE { <http://x/a> ?p ?o FILTER(?o) } LIMIT 5",
    "SELECT ?p ?o WHERE { GRAPH ?g { <http://x/a> ?p ?o } } LIMIT 5",
    "SELECT ?p ?o WHERE { <http://x/a> ?p ?o }\u00a0LIMIT 5",  # not SPARQL white space
    "ASK { <http://x/a> ?p ?o }",
])
def test_other_shapes_go_to_the_engine(query: str) -> None:
    assert parse(query) is None


def test_what_the_engine_must_answer(built: Settings) -> None:
    found = columns.open_for(built.store)
    q = "SELECT ?p ?o WHERE { <http://127.0.0.1:8080/id/organization/UN> ?p ?o } LIMIT 5"
    assert answer(found, Job(q)) is not None
    assert answer(found, Job(q, result_format="xml")) is None
    assert answer(found, Job(q, default_graph=("http://x/g",))) is None
    assert answer(found, Job(q, max_rows=4)) is None
    assert answer(None, Job(q)) is None


def test_mutated_lookups_are_the_engines_or_left_to_it(built: Settings) -> None:
    """A seeded mutation test: every mutated text the path accepts gets the engine's answer."""
    found = columns.open_for(built.store)
    store = open_store(built.store, read_only=True)
    base = "SELECT ?p ?o WHERE { <http://127.0.0.1:8080/id/organization/UN> ?p ?o } LIMIT 20"
    alphabet = list(" \t\r\n{}.*?$<>#:/()") + ["LIMIT", "OFFSET", "SELECT", "WHERE", "?p", "?o", "2", "a", "\\"]
    accepted = 0
    for text in mutants(base, alphabet, seed=14, n=3000):
        job = Job(text)
        ours = answer(found, job)
        if ours is not None:
            accepted += 1
            assert ours == run_job(store, job), job.query
    assert accepted > 100


def test_the_usual_lookups_read_without_tokens_as_with_them() -> None:
    """``lookup._usual`` (a regular expression for the usual way a lookup is written) reads a text as
    :func:`parse` and ``top_level_limit`` do, or leaves it to them: on seeded mutants of the usual text."""
    from ungraph.sparql import top_level_limit
    from ungraph.web.lookup import _usual

    base = "SELECT ?p ?o WHERE { <http://127.0.0.1:8080/id/organization/UN> ?p ?o } LIMIT 20\n#7.1-2-3"
    alphabet = list(" \t\r\n{}.*?$<>#:/()") + ["LIMIT", "OFFSET", "SELECT", "WHERE", "?p", "?o", "?x", "2", "a", "\\", "%"]
    read = 0
    texts = [base, base.lower(), base.replace(" ", "\t"), *mutants(base, alphabet, seed=16, n=6000),
             *(shape.format(s="http://x/a") for shape in SHAPES)]
    for text in texts:
        fast = _usual(text)
        if fast is not None:
            read += 1
            assert fast == parse(text) and top_level_limit(text) == fast.limit, text
    assert read > 300


def test_the_server_answers_lookups_from_the_columns(built: Settings) -> None:
    from ungraph.web.app import create_app

    app = create_app(built)
    assert app.extensions["ungraph"].mapped is not None
    q = "SELECT ?p ?o WHERE { <http://127.0.0.1:8080/id/organization/UNGA> ?p ?o } LIMIT 50"
    got = app.test_client().get("/sparql", query_string={"query": q}, headers={"Accept": "application/sparql-results+json"})
    assert got.status_code == 200
    assert got.data == run_job(open_store(built.store, read_only=True), Job(q)).body


def test_a_server_on_a_store_with_stale_columns_asks_the_engine(built: Settings, tmp_path: Path) -> None:
    import shutil

    from ungraph.web.app import create_app

    d = tmp_path / "store"
    shutil.copytree(built.store, d)
    store = open_store(d)
    store.add(ox.Quad(ox.NamedNode("http://127.0.0.1:8080/id/organization/UNGA"), ox.NamedNode("http://x/p"), ox.Literal("new")))
    store.flush()
    del store
    app = create_app(built.replace(store=str(d), store_mode="disk"))
    assert app.extensions["ungraph"].mapped is None
    q = "SELECT ?p ?o WHERE { <http://127.0.0.1:8080/id/organization/UNGA> ?p ?o } LIMIT 10000"
    got = app.test_client().get("/sparql", query_string={"query": q}, headers={"Accept": "application/sparql-results+json"})
    assert got.status_code == 200 and b'"new"' in got.data
