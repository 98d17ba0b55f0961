"""ungraph.web.describe: ``DESCRIBE <iri>`` from the columns, byte for byte the engine's answers."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.conftest import columns_over
from ungraph import columns
from ungraph.config import Settings
from ungraph.namespaces import Namespaces
from ungraph.describe_labels import DESCRIBE_LABELLED_OBJECTS, LABEL_PREDICATES, LabelCache
from ungraph.sparql import Job, run_job
from tests.web.mutations import mutants
from ungraph.store import load_in_memory, open_store
from ungraph.web.describe import answer, parse

PREFIXES = tuple(sorted(Namespaces("http://127.0.0.1:8080/").prefixes.items()))
FORMATS = ("jsonld", "nt", "rdf", "trig", "nq")
SKOS = "http://www.w3.org/2004/02/skos/core#"


def _job(iri: str, fmt: str = "ttl", **kw: object) -> Job:
    return Job(f"DESCRIBE <{iri}>", graph_format=fmt, describe=True, prefixes=PREFIXES, **kw)  # type: ignore[arg-type]


def _subjects(found: columns.Columns, every: int = 1) -> list[ox.NamedNode]:
    out = []
    for i in range(0, found.n_terms, every):
        if found.lookup_start[i] != found.lookup_start[i + 1] and isinstance(t := found.term(i), ox.NamedNode):
            out.append(t)
    return out


def _same(found: columns.Columns, store: object, subjects: list[ox.NamedNode], every_format: int) -> int:
    n, labels = 0, LabelCache()  # a query worker's label cache: the answers are the same with it
    for k, s in enumerate(subjects):
        for fmt in ("ttl", *(FORMATS if k % every_format == 0 else ())):
            job = _job(s.value, fmt)
            ours = answer(found, job)
            assert ours is not None, (s, fmt)
            assert ours == run_job(store, job, labels), (s, fmt)  # type: ignore[arg-type]
            n += 1
    return n


def test_same_bytes_as_the_engine_for_every_subject_of_the_build(built: Settings) -> None:
    found = columns.open_for(built.store)
    assert found is not None
    assert found.turtle_prefixes == PREFIXES  # the build writes the terms' Turtle forms: Turtle and TriG join them
    assert found.described  # and every subject's description in Turtle: one slice
    subjects = _subjects(found)
    assert len(subjects) > 30000
    assert _same(found, open_store(built.store, read_only=True), subjects, every_format=10) > len(subjects)


def test_same_bytes_as_the_engine_on_an_enlargement(enlarged_on_disk: Path) -> None:
    """A shared entity's triples and labels are in several report graphs: its own triples come as many
    times as the engine gives them, the labels it links to once."""
    found = columns.open_for(enlarged_on_disk)
    assert found is not None and found.turtle_prefixes == PREFIXES
    store = open_store(enlarged_on_disk, read_only=True)
    un = "http://127.0.0.1:8080/id/organization/UN"
    assert _same(found, store, [ox.NamedNode(un), *_subjects(found, every=9)], every_format=20)
    ours = answer(found, _job(un, "nt"))
    assert ours is not None and ours.body is not None and len(set(ours.body.splitlines())) < ours.rows


def test_the_labels_index_holds_every_subjects_distinct_labels_in_order(enlarged_on_disk: Path) -> None:
    """On the enlargement a shared entity's labels are in several report graphs: the index holds each once,
    sorted as their N-Triples strings are (what a DESCRIBE adds, ``ungraph.web.describe``)."""
    found = columns.open_for(enlarged_on_disk)
    assert found is not None
    store = open_store(enlarged_on_disk, read_only=True)
    wanted = [ox.NamedNode(p) for p in LABEL_PREDICATES]
    expected: dict[object, set] = {}
    repeated = 0
    for p in wanted:
        for q in store.quads_for_pattern(None, p, None, None):
            key = (q.predicate, q.object)
            repeated += key in expected.setdefault(q.subject, set())
            expected[q.subject].add(key)
    assert repeated  # the enlargement repeats labels across graphs
    counted = 0
    for i in range(found.n_terms):
        a, b = int(found.labels_start[i]), int(found.labels_start[i + 1])
        ours = [(found.term(int(p)), found.term(int(o))) for p, o in zip(found.labels_p[a:b], found.labels_o[a:b])]
        assert ours == sorted(expected.get(found.term(i), ()), key=lambda t: (str(t[0]), str(t[1])))
        counted += len(ours)
    assert counted == sum(len(v) for v in expected.values())


def test_in_memory_the_same_triples_in_the_on_disk_order(built: Settings) -> None:
    """As for lookups (``ungraph.web.lookup``): the store loaded into memory orders a subject's triples
    its own way; the answer keeps the on-disk order whichever way the server holds the store."""
    found = columns.open_for(built.store)
    assert found is not None
    memory = load_in_memory(built.store)
    reordered = 0
    for s in _subjects(found, every=25):
        ours, engine = answer(found, _job(s.value, "nt")), run_job(memory, _job(s.value, "nt"))
        assert ours is not None and ours.body is not None and engine.body is not None
        assert sorted(ours.body.splitlines()) == sorted(engine.body.splitlines()), s
        reordered += ours.body != engine.body
    assert reordered


def test_a_resource_that_links_to_itself_and_to_many(tmp_path: Path) -> None:
    """Its own labels are not repeated; past :data:`DESCRIBE_LABELLED_OBJECTS` objects, the first in IRI
    order are labelled; labels in two graphs come once; typed literals declare their datatype's prefix."""
    a, p, label = ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.NamedNode(SKOS + "prefLabel")
    g1, g2 = ox.NamedNode("http://x/g1"), ox.NamedNode("http://x/g2")
    quads = [ox.Quad(a, p, a, g1), ox.Quad(a, label, ox.Literal("A", language="en"), g1),
             ox.Quad(a, ox.NamedNode("http://x/n"), ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), g1)]
    for i in range(DESCRIBE_LABELLED_OBJECTS + 20):
        o = ox.NamedNode(f"http://x/o{i:04d}")
        quads.append(ox.Quad(a, p, o, g1))
        for g in (g1, g2):
            quads.append(ox.Quad(o, label, ox.Literal(f"o {i}", language="zh"), g))
            quads.append(ox.Quad(o, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal(f"o{i}"), g))
    found, store = columns_over(tmp_path, quads, PREFIXES)
    for fmt in ("ttl", *FORMATS):
        ours = answer(found, _job(a.value, fmt))
        assert ours is not None and ours == run_job(store, _job(a.value, fmt)), fmt
    small = _job(a.value, max_rows=DESCRIBE_LABELLED_OBJECTS + 30)  # the labels cut at the row limit, as the engine cuts them
    assert answer(found, small) == run_job(store, small)
    cut = _job(a.value, max_rows=10)  # more triples than rows: the first ten, no labels, marked truncated
    ours = answer(found, cut)
    assert ours is not None and ours.truncated and ours.rows == 10 and ours == run_job(store, cut)


def test_cut_at_the_row_limit_as_the_engine_cuts(enlarged_on_disk: Path) -> None:
    """Past the row limit a query worker keeps the engine's first triples, adds no labels and says so:
    the same from the columns, for every subject of the enlargement with more than 40 triples (a shared
    entity's triples in two graphs come twice)."""
    found = columns.open_for(enlarged_on_disk)
    assert found is not None
    store = open_store(enlarged_on_disk, read_only=True)
    cut = 0
    for k, s in enumerate(_subjects(found)):
        if found.lookup_start[found.id_of(s) + 1] - found.lookup_start[found.id_of(s)] <= 40:
            continue
        for fmt in ("ttl", *(FORMATS if k % 7 == 0 else ())):
            job = _job(s.value, fmt, max_rows=40)
            ours = answer(found, job)
            if ours is None:  # a blank node object: the engine's
                continue
            assert ours.truncated and ours == run_job(store, job), (s, fmt)
            cut += 1
    assert cut > 200


def test_columns_without_the_apps_turtle_forms(tmp_path: Path) -> None:
    """Columns written without prefixes, or for another base's: Turtle is written by pyoxigraph's writer
    from the N-Triples, the same bytes (a server started with another ``UNGRAPH_BASE`` than the build's)."""
    a, p = ox.NamedNode("http://127.0.0.1:8080/id/a"), ox.NamedNode(SKOS + "prefLabel")
    quads = [ox.Quad(a, p, ox.Literal("A", language="en")), ox.Quad(a, ox.NamedNode(SKOS + "related"), a)]
    d = tmp_path / "store"
    s = ox.Store(str(d))
    s.extend(quads)
    s.flush()
    del s
    store = open_store(d, read_only=True)
    for prefixes in ((), (("x", "http://x/"),), PREFIXES):
        columns.write(d, prefixes)
        found = columns.open_for(d)
        assert found is not None and found.turtle_prefixes == prefixes
        for fmt in ("ttl", "trig"):
            job = _job(a.value, fmt)
            assert answer(found, job) == run_job(store, job), (prefixes, fmt)


def test_what_the_engine_must_answer(tmp_path: Path) -> None:
    a, p = ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p")
    found, store = columns_over(tmp_path, [ox.Quad(a, p, ox.BlankNode("b1")), ox.Quad(ox.BlankNode("b1"), p, ox.Literal("deep")),
                                           ox.Quad(ox.NamedNode("http://x/c"), p, ox.Literal("c"))], PREFIXES)
    assert answer(found, _job(a.value)) is None  # a blank node: the engine's concise bounded description
    c = "http://x/c"
    assert answer(found, _job(c)) == run_job(store, _job(c))
    assert answer(found, _job(c, default_graph=("http://x/g",))) is None
    assert answer(found, _job(c, named_graphs=("http://x/g",))) is None
    assert answer(found, Job(f"DESCRIBE <{c}>", graph_format=None, describe=True)) is None
    assert answer(found, Job(f"DESCRIBE <{c}>", describe=False)) is None
    assert answer(None, _job(c)) is None
    none = "http://x/none"
    assert answer(found, _job(none)) == run_job(store, _job(none))  # not in the store: an empty graph, as the engine's



@pytest.mark.parametrize("query", [
    "DESCRIBE <http://x/a> <http://x/b>",
    "DESCRIBE ?s WHERE { ?s ?p ?o }",
    "DESCRIBE * WHERE { <http://x/a> ?p ?o }",
    "DESCRIBE <http://x/a> WHERE { }",
    "DESCRIBE <a>",  # relative: the base would resolve it
    "DESCRIBE <http://x/./a>",
    "DESCRIBE <http://x/\\u0061>",  # an escape
    "PREFIX x: <http://x/> DESCRIBE x:a",
    "BASE <http://x/> DESCRIBE <a>",
    "DESCRIBE <http://x/a> LIMIT 1",
    "DESCRIBE\u00a0<http://x/a>",  # not SPARQL white space
    "SELECT * WHERE { <http://x/a> ?p ?o }",
])
def test_other_shapes_go_to_the_engine(query: str) -> None:
    assert parse(query) is None


def test_mutated_describes_are_the_engines_or_left_to_it(built: Settings) -> None:
    """A seeded mutation test: every mutated text the path accepts gets the engine's answer."""
    found = columns.open_for(built.store)
    store = open_store(built.store, read_only=True)
    base = "DESCRIBE <http://127.0.0.1:8080/id/organization/UNGA> # 1"
    alphabet = list(" \t\r\n{}.*?$<>#:/()") + ["DESCRIBE", "WHERE", "?s", "a", "\\", "x:", "LIMIT 1"]
    accepted = 0
    for text in mutants(base, alphabet, seed=15, n=1500):
        job = Job(text, describe=True, prefixes=PREFIXES)
        ours = answer(found, job)
        if ours is not None:
            accepted += 1
            assert ours == run_job(store, job), job.query
    assert accepted > 50


def test_the_server_answers_describe_from_the_columns(built: Settings) -> None:
    from ungraph.web.app import create_app

    app = create_app(built)
    svc = app.extensions["ungraph"]
    assert svc.mapped is not None
    iri = "http://127.0.0.1:8080/id/organization/UNGA"
    got = app.test_client().get("/sparql", query_string={"query": f"DESCRIBE <{iri}>"}, headers={"Accept": "text/turtle"})
    assert got.status_code == 200 and got.mimetype == "text/turtle"
    expected = run_job(open_store(built.store, read_only=True), Job(f"DESCRIBE <{iri}>", describe=True, prefixes=svc.job_prefixes()))
    assert got.data == expected.body
    assert got.headers["X-Ungraph-Rows"] == str(expected.rows)


def test_every_terms_prefix_mask_is_what_used_prefixes_finds(enlarged_on_disk: Path) -> None:
    """The columns' prefix masks (one bit a prefix) against :func:`ungraph.turtle.used_prefixes` of a
    triple holding the term as object, for every IRI and literal of the enlargement."""
    from ungraph.turtle import used_prefixes

    found = columns.open_for(enlarged_on_disk)
    assert found is not None
    s, p = ox.NamedNode("urn:s"), ox.NamedNode("urn:p")
    checked = 0
    for i in range(found.n_terms):
        t = found.term(i) if not found.nt(i).startswith((b"_", b"<<")) else None
        if t is None:
            continue
        wanted = used_prefixes([ox.Triple(s, p, t)], PREFIXES)  # type: ignore[arg-type]
        mask = int(found.prefix_masks[i])
        assert [name for bit, (name, _) in enumerate(PREFIXES) if mask >> bit & 1] == list(wanted), t
        checked += 1
    assert checked > 50000
