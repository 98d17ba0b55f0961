"""ungraph.web.bgp: joins of triple patterns under a LIMIT, evaluated on the columns, give solutions of the
engine's answer (the same multiset when the LIMIT holds them all, else as many as the LIMIT, each one of
the engine's), on the real build and on a 3x enlargement; what it cannot read goes to the engine (issue 14)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from ungraph import columns
from ungraph.config import Settings
from ungraph.sparql import Job, run_job
from ungraph.store import open_store
from ungraph.web import bgp
from tests.conftest import columns_over
from tests.web.mutations import mutants

B = "http://127.0.0.1:8080/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
TWO_HOP = (f"SELECT ?a ?b ?l WHERE {{ ?a a ?c . ?a ?p ?b . ?b <{SKOS}prefLabel> ?l "
           f"FILTER(isIRI(?b) && LANG(?l) = 'zh') }} LIMIT 100")
#: Joins of two to four patterns, with every kind of test; {cls} a class of the data, {iri} an entity
SHAPES = [
    TWO_HOP,
    TWO_HOP.replace("LIMIT 100", "LIMIT 10000 # 3"),
    f"SELECT * WHERE {{ ?s a <{{cls}}> ; <{SKOS}prefLabel> ?l }} LIMIT 10000",
    f"select ?l ?s {{ ?s a <{{cls}}> . ?s <{SKOS}prefLabel> ?l . filter(lang(?l) = \"en\") }} limit 10000",
    "SELECT ?s ?o WHERE { ?s a <{cls}> ; ?p ?o FILTER(!isLiteral(?o)) } LIMIT 10000",
    f"SELECT ?s ?p WHERE {{ ?s ?p <{{iri}}> . ?s a ?c FILTER(?c != <{B}ontology#Statement>) }} LIMIT 10000",
    f"SELECT ?s ?c WHERE {{ ?s ?p <{{iri}}> . ?s a ?c FILTER(?c = <{B}ontology#Activity>) }} LIMIT 10000",
    "SELECT ?s ?x ?y WHERE { ?s a <{cls}> . ?s ?p ?x . ?x ?q ?y FILTER(isBlank(?x) || false) } LIMIT 10",
    f"SELECT ?s ?x ?l WHERE {{ ?s a <{{cls}}> . ?s ?p ?x . ?x a ?k . ?x <{SKOS}prefLabel> ?l }} LIMIT 10000",
    f"SELECT ?x ?l WHERE {{ <{{iri}}> ?p ?x . ?x <{SKOS}prefLabel> ?l , ?l2 FILTER(isIRI(?x)) }} LIMIT 10000",
    f"SELECT ?s WHERE {{ ?s <{SKOS}prefLabel> \"联合国\"@zh . ?s a ?c }} LIMIT 10000",
    "SELECT ?s ?o WHERE { ?s a <{cls}> . ?s ?p ?o . ?o a <{cls}> } LIMIT 10000",
    "SELECT ?s WHERE { ?s a ?c . ?s ?p ?s } LIMIT 10000",
    "SELECT ?s ?c WHERE { ?s a ?c . ?s <http://x/nowhere> ?o } LIMIT 10",
    "SELECT ?a ?b WHERE { ?a a <{small}> . ?b a <{small}> } LIMIT 50",  # a product
]


def _rows(body: bytes) -> list[str]:
    return [json.dumps(b, sort_keys=True, ensure_ascii=False) for b in json.loads(body)["results"]["bindings"]]


def _check(found: columns.Columns, store: object, query: str) -> str:
    """The path's answer against the engine's full one: 'all' (the same multiset), 'cut' (the LIMIT's
    count, each one of the engine's) or 'engine' (left to it)."""
    select = bgp.parse(query)
    assert select is not None, query
    ours = bgp.answer(found, Job(query))
    if ours is None:
        return "engine"
    unlimited = query[:query.rindex("LIMIT") if "LIMIT" in query else query.rindex("limit")]
    engine = run_job(store, Job(unlimited, max_rows=10 ** 9))  # type: ignore[arg-type]
    assert json.loads(ours.body)["head"] == json.loads(engine.body)["head"], query
    mine, theirs = Counter(_rows(ours.body)), Counter(_rows(engine.body))
    if sum(theirs.values()) <= select.limit:
        assert mine == theirs, query
        return "all"
    assert sum(mine.values()) == select.limit and not mine - theirs, query
    return "cut"


def _queries(found: columns.Columns, store: object) -> list[str]:
    classes = [r["c"].value for r in store.query(  # type: ignore[attr-defined]
        "SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?n ?c", use_default_graph_as_union=True)]
    picked = classes[:3] + classes[len(classes) // 2:len(classes) // 2 + 2] + classes[-2:]
    iris = [f"{B}id/organization/UN", f"{B}id/country/PAK", f"{B}report/A-78-1"]
    out = []
    for shape in SHAPES:
        if "{small}" in shape:
            out += [shape.replace("{small}", c) for c in classes[:3]]
        elif "{cls}" in shape:
            out += [shape.replace("{cls}", c) for c in picked]
        elif "{iri}" in shape:
            out += [shape.replace("{iri}", i) for i in iris]
        else:
            out.append(shape)
    return out


def _same(found: columns.Columns, store: object) -> Counter:
    seen: Counter = Counter()
    for q in _queries(found, store):
        if "|| false" in q:  # a disjunction: not read here
            assert bgp.parse(q) is None
            continue
        seen[_check(found, store, q)] += 1
    return seen


def test_the_solutions_are_the_engines_on_the_build(built: Settings) -> None:
    found = columns.open_for(built.store)
    seen = _same(found, open_store(built.store, read_only=True))
    assert seen["all"] > 40 and seen["cut"] >= 2, seen  # both kinds of comparison really ran


def test_the_solutions_are_the_engines_on_an_enlargement(enlarged_on_disk: Path) -> None:
    found = columns.open_for(enlarged_on_disk)
    seen = _same(found, open_store(enlarged_on_disk, read_only=True))
    assert seen["all"] > 40, seen


def test_the_two_hop_join_is_answered_here_in_the_same_order_every_time(built: Settings) -> None:
    found = columns.open_for(built.store)
    first = bgp.answer(found, Job(TWO_HOP))
    assert first is not None and len(_rows(first.body)) == 100
    assert all(bgp.answer(found, Job(TWO_HOP)) == first for _ in range(3))
    assert [s.access for s in bgp.plan(found, bgp.parse(TWO_HOP).patterns, bgp._constants(found, bgp.parse(TWO_HOP)))] \
        == ["P", "S", "SP"]  # rdf:type's slice, each subject's rows, each object's skos:prefLabel rows


@pytest.mark.parametrize("fmt", ["xml", "csv", "tsv"])
def test_every_format_holds_the_rows_of_the_json(built: Settings, fmt: str) -> None:
    found = columns.open_for(built.store)
    ours = bgp.answer(found, Job(TWO_HOP, result_format=fmt))
    assert ours is not None and ours.format == fmt
    json_rows = ox.parse_query_results(bgp.answer(found, Job(TWO_HOP)).body, format=ox.QueryResultsFormat.JSON)
    kind = {"xml": ox.QueryResultsFormat.XML, "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}[fmt]
    if fmt == "csv":  # CSV loses the term kinds: compare the values
        lines = ours.body.decode().splitlines()
        assert lines[0] == "a,b,l" and len(lines) == 101
        assert lines[1].split(",")[1] == next(iter(json_rows))["b"].value
        return
    assert [tuple(r) for r in ox.parse_query_results(ours.body, format=kind)] == [tuple(r) for r in json_rows]


@pytest.mark.parametrize("query", [
    "SELECT ?a WHERE { ?a a ?c } LIMIT 5",                                 # one pattern: the bounded path
    "SELECT ?a WHERE { ?a a ?c . ?a ?p ?o }",                              # no LIMIT
    "SELECT ?a WHERE { ?a a ?c . ?a ?p ?o } LIMIT 5 OFFSET 2",
    "SELECT DISTINCT ?a WHERE { ?a a ?c . ?a ?p ?o } LIMIT 5",
    "SELECT ?a WHERE { ?a a ?c . ?a ?p ?o } ORDER BY ?a LIMIT 5",
    "SELECT ?a WHERE { ?a a ?c . ?a skos:prefLabel ?o } LIMIT 5",           # a prefixed name
    "PREFIX x: <http://x/> SELECT ?a WHERE { ?a a ?c . ?a x:p ?o } LIMIT 5",
    "SELECT ?a WHERE { ?a a ?c . ?a ?p ?o FILTER(?o > 3) } LIMIT 5",
    "SELECT ?a WHERE { ?a a ?c . ?a ?p ?o FILTER(CONTAINS(?o, 'x')) } LIMIT 5",
    "SELECT ?a WHERE { ?a a ?c . ?a ?p ?o FILTER(isIRI(?z)) } LIMIT 5",   # ?z is not in the pattern
    "SELECT ?a WHERE { ?a a ?c . ?a ?p 3 } LIMIT 5",
    "SELECT ?a WHERE { ?a a ?c . ?a ?p \"x\"^^<http://x/t> } LIMIT 5",
    "SELECT ?a WHERE { ?a a ?c . ?a ?p \"x\"@EN } LIMIT 5",                # a tag in upper case
    "SELECT ?a WHERE { ?a a ?c . ?a ?p \"a\\u0041\" } LIMIT 5",            # an escape
    "SELECT ?a WHERE { ?a a ?c . ?a ?p _:b } LIMIT 5",
    "SELECT ?a WHERE { ?a a ?c . OPTIONAL { ?a ?p ?o } } LIMIT 5",
    "SELECT ?a WHERE { ?a a ?c . ?a A ?o } LIMIT 5",                       # 'a' is lower case only
    "SELECT ?a WHERE { ?a a ?c . <a> ?p ?o } LIMIT 5",                     # a relative IRI
    "SELECT ?a WHERE { ?a a ?c ?a ?p ?o } LIMIT 5",                        # no '.'
    "SELECT ?a WHERE { ?a a ?c . ?a ?p ?o . ?o ?q ?r . ?r ?x ?y . ?y ?z ?w . ?w ?v ?u } LIMIT 5",  # six
])
def test_other_shapes_go_to_the_engine(query: str) -> None:
    assert bgp.parse(query) is None


def test_what_has_no_index_or_no_budget_goes_to_the_engine(built: Settings) -> None:
    found = columns.open_for(built.store)
    # both patterns can only be read by their object: no plan
    q = f"SELECT ?s WHERE {{ ?s ?p <{B}id/organization/UN> . ?s ?q <{B}id/country/PAK> }} LIMIT 5"
    assert bgp.parse(q) is not None and bgp.answer(found, Job(q)) is None
    assert bgp.answer(found, Job(TWO_HOP), budget=50) is None
    assert bgp.answer(found, Job(TWO_HOP, max_rows=99)) is None
    assert bgp.answer(found, Job(TWO_HOP, default_graph=(f"{B}graph/report",))) is None
    assert bgp.answer(None, Job(TWO_HOP)) is None
    # a constant the store does not hold: no solution, at once
    q = "SELECT ?s WHERE { ?s a <http://x/None> . ?s ?p ?o } LIMIT 5"
    assert _rows(bgp.answer(found, Job(q)).body) == []


def test_lang_is_read_from_the_terms(tmp_path: Path) -> None:
    s, p = ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p")
    objects = [ox.Literal("a", language="zh"), ox.Literal('b"@zh'), ox.Literal("c", language="zh-hant"),
               ox.Literal("@zh"), ox.NamedNode("http://x/@zh"), ox.Literal("", language="zh")]
    found, store = columns_over(tmp_path, [ox.Quad(s, p, o) for o in objects]
                                + [ox.Quad(s, ox.NamedNode(bgp.RDF_TYPE), ox.NamedNode("http://x/C"))], ())
    q = "SELECT ?o WHERE { ?s a ?c . ?s <http://x/p> ?o FILTER(LANG(?o) = 'zh') } LIMIT 10"
    assert _check(found, store, q) == "all"
    assert sorted(_rows(bgp.answer(found, Job(q)).body)) == sorted(
        _rows(run_job(store, Job(q)).body))  # "a"@zh and ""@zh
    assert len(_rows(bgp.answer(found, Job(q)).body)) == 2


def test_mutated_joins_are_the_engines_or_left_to_it(built: Settings) -> None:
    """A seeded mutation test: every mutated text the path accepts is valid SPARQL with a solution the
    engine has (and the engine refuses none of them)."""
    found = columns.open_for(built.store)
    store = open_store(built.store, read_only=True)
    alphabet = list(" \t\r\n{}.;,*?$<>#:/()!='\"@") + ["LIMIT", "FILTER", "isIRI", "LANG", "&&", "?a", "?b", "a", "\\", "2"]
    accepted = 0
    for text in mutants(TWO_HOP.replace("LIMIT 100", "LIMIT 3"), alphabet, seed=14, n=1000):
        ours = bgp.answer(found, Job(text))
        if ours is None:
            continue
        accepted += 1
        engine = run_job(store, Job(text))
        assert engine.kind == "bindings", text
        if not ours.body.count(b'"type"'):
            continue
        select = bgp.parse(text)
        assert select is not None
        # the engine's full answer holds each of ours (when it is not too large to hold)
        cut = text[:text.rindex("LIMIT")] + "LIMIT 200000"
        full = Counter(_rows(run_job(store, Job(cut, max_rows=200_000)).body))
        if sum(full.values()) < 200_000:
            assert not Counter(_rows(ours.body)) - full, text
    assert accepted > 100, accepted


def test_the_server_answers_joins_from_the_columns(built: Settings) -> None:
    from ungraph.web.app import create_app

    app = create_app(built)
    got = app.test_client().get("/sparql", query_string={"query": TWO_HOP},
                                headers={"Accept": "application/sparql-results+json"})
    assert got.status_code == 200
    assert got.data == bgp.answer(columns.open_for(built.store), Job(TWO_HOP)).body


@pytest.mark.parametrize("test", ["?o != <http://x/o>", "?o = <http://x/o>", "?o != <http://x/none>", "?o = <http://x/none>",
                                  "isLiteral(?o)", "!isIRI(?o)", "isBlank(?o)", "!isBlank(?o) && !isLiteral(?o)",
                                  "LANG(?o) = ''", "LANG(?o) = 'en'"])
def test_every_test_over_every_kind_of_term(tmp_path: Path, test: str) -> None:
    s, p = ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p")
    objects = [ox.Literal("a"), ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
               ox.BlankNode("b"), ox.NamedNode("http://x/o"), ox.Literal("q", language="en")]
    found, store = columns_over(tmp_path, [ox.Quad(s, p, o) for o in objects]
                                + [ox.Quad(s, ox.NamedNode(bgp.RDF_TYPE), ox.NamedNode("http://x/C"))], ())
    assert _check(found, store, f"SELECT ?o WHERE {{ ?s a ?c . ?s <http://x/p> ?o FILTER({test}) }} LIMIT 10") == "all"
