"""ungraph.turtle: the terms' Turtle forms, joined, are pyoxigraph's writer's output byte for byte.

Each test writes triples both ways: pyoxigraph's ``serialize`` with the prefixes the triples use
(:func:`ungraph.turtle.used_prefixes`, as a query worker writes an answer), and :func:`turtle.document`
of every term's form made once with *all* the prefixes (as the columns hold them).
"""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest

from ungraph import turtle
from ungraph.turtle import used_prefixes

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PREFIXES = (("ex", "http://example.org/"), ("exa", "http://example.org/a/"), ("id", "http://example.org/id/"),
            ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"), ("xsd", XSD), ("q", "http://q.org/ns#"))
S = ox.NamedNode("http://example.org/id/s")
P = ox.NamedNode("http://example.org/p")


def _ours(triples: list[ox.Triple], prefixes: tuple[tuple[str, str], ...] = PREFIXES) -> bytes:
    every = turtle.prefix_order(tuple(sorted(prefixes)))
    used = used_prefixes(triples, sorted(prefixes))

    def form(t: object) -> bytes:
        return turtle.term(str(t), every).encode("utf-8")

    rows = [(form(t.subject), b"a" if t.predicate == RDF_TYPE else form(t.predicate), form(t.object)) for t in triples]
    return turtle.document(turtle.prefix_order(tuple(used.items())), rows)


def _theirs(triples: list[ox.Triple], prefixes: tuple[tuple[str, str], ...] = PREFIXES) -> bytes:
    used = used_prefixes(triples, sorted(prefixes))
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=used or None)


def _iri(text: str) -> ox.NamedNode | None:
    try:
        return ox.NamedNode(text)
    except ValueError:  # not an IRI
        return None


LOCALS = ["a", "A1", "_x", "1a", ":x", "x:y", "a.b", "a.b.", ".", ".a", "-a", "a-b", "a_b", "~a", "a~", "a/b/c",
          "a#b", "a?b=c&d", "a%20b", "a(b)", "a*b+c", "a,b;c", "a!b$c'd", "@a", "a@b", "\u00b7a", "a\u00b7",
          "\u0300a", "a\u0300", "\u203fa", "a\u2040", "联合国", "组织/联合国", "Ä", "a b", "a\\b", "a|b", "a^b", "a`b",
          "a{b}", "", "organization/UN", "report/A-78-1/chapter/9/section/results/subsection/3/quotation/1"]


@pytest.mark.parametrize("local", LOCALS)
def test_an_iri_in_every_place_as_pyoxigraph_writes_it(local: str) -> None:
    for ns in ("http://example.org/", "http://example.org/id/", "http://example.org/a/"):
        iri = _iri(ns + local)
        if iri is None:
            continue
        triples = [ox.Triple(iri, P, iri), ox.Triple(S, iri, ox.Literal("x"))]
        assert _ours(triples) == _theirs(triples), iri


LITERALS = [
    ox.Literal("plain"), ox.Literal('quo"te \\ back\nline\ttab\r\u0007 \u00e9 联合国'), ox.Literal("x", language="en"),
    ox.Literal("x", language="zh-Hans"), ox.Literal(""),
    *(ox.Literal(v, datatype=ox.NamedNode(XSD + "integer")) for v in ("5", "+5", "-0", "05", "5.", "a", "", "1e3")),
    *(ox.Literal(v, datatype=ox.NamedNode(XSD + "decimal")) for v in ("1.0", ".5", "-.5", "5.", "5", "+1.25", "1.2.3")),
    *(ox.Literal(v, datatype=ox.NamedNode(XSD + "double")) for v in ("1e5", "1.E-5", ".5e5", "e5", ".e5", "1.5",
                                                                     "INF", "NaN", "-1.0e+10", "1e")),
    *(ox.Literal(v, datatype=ox.NamedNode(XSD + "boolean")) for v in ("true", "false", "1", "TRUE")),
    ox.Literal("2023-06-01", datatype=ox.NamedNode(XSD + "date")), ox.Literal("7", datatype=ox.NamedNode(XSD + "int")),
    ox.Literal("x", datatype=ox.NamedNode("http://q.org/ns#t")), ox.Literal("x", datatype=ox.NamedNode("http://other/t")),
    ox.Literal("x", datatype=ox.NamedNode("http://q.org/ns#")), ox.Literal("x", datatype=ox.NamedNode("http://q.org/ns#a.")),
]


@pytest.mark.parametrize("literal", LITERALS, ids=str)
def test_a_literal_as_pyoxigraph_writes_it(literal: ox.Literal) -> None:
    triples = [ox.Triple(S, P, literal)]
    assert _ours(triples) == _theirs(triples)


def test_triples_grouped_as_pyoxigraph_groups_them() -> None:
    """Consecutive triples only: a subject or predicate that comes back later starts again; a triple
    given twice is written twice; ``rdf:type`` is ``a`` as predicate only."""
    o, t = ox.NamedNode("http://example.org/o"), ox.NamedNode("http://example.org/T")
    triples = [ox.Triple(S, RDF_TYPE, t), ox.Triple(S, RDF_TYPE, t), ox.Triple(S, P, o), ox.Triple(S, RDF_TYPE, RDF_TYPE),
               ox.Triple(o, P, S), ox.Triple(S, P, o), ox.Triple(RDF_TYPE, RDF_TYPE, RDF_TYPE), ox.Triple(S, P, o)]
    assert _ours(triples) == _theirs(triples)


def test_no_prefixes_and_no_triples() -> None:
    triples = [ox.Triple(S, P, ox.Literal("1", datatype=ox.NamedNode(XSD + "integer")))]
    assert _ours(triples, ()) == _theirs(triples, ())
    assert _ours([]) == _theirs([]) == b""


def test_prefixes_in_the_writers_order() -> None:
    """Longest namespace first (it is the one tried first), whatever the order given."""
    given = (("z", "http://a.org/"), ("b", "http://a.org/long/"), ("a", "http://b.org/"))
    order = turtle.prefix_order(given)
    assert [name for name, _ in order][:1] == ["b"]
    assert sorted(order) == sorted(given)


def test_random_documents_seeded() -> None:
    """500 documents of terms drawn at random from the pools above, in random prefix sets."""
    rng = random.Random(20261202)
    iris = [iri for ns in ("http://example.org/", "http://example.org/a/", "http://q.org/ns#", "http://elsewhere/")
            for local in LOCALS if (iri := _iri(ns + local)) is not None]
    for _ in range(500):
        prefixes = tuple(p for p in PREFIXES if rng.random() < 0.7)
        triples = []
        for _ in range(rng.randint(1, 12)):
            s = triples[-1].subject if triples and rng.random() < 0.6 else rng.choice(iris)
            p = triples[-1].predicate if triples and rng.random() < 0.3 else rng.choice([RDF_TYPE, *iris[:8]])
            triples.append(ox.Triple(s, p, rng.choice([*iris, *LITERALS])))
        assert _ours(triples, prefixes) == _theirs(triples, prefixes), triples


def test_used_prefixes_are_those_the_text_search_found_for_every_describe_of_the_sample_graph() -> None:
    """``used_prefixes`` (distinct IRIs, one sorted lookup per namespace) declares what searching the
    N-Triples text for each namespace declared, for every subject of the sample graph (issue 14)."""
    from tests.web.sample_graph import BASE, sample_store
    from ungraph.namespaces import Namespaces
    from ungraph.describe_labels import label_triples
    from ungraph.turtle import _used_prefixes_in_text

    store = sample_store()
    prefixes = tuple(sorted(Namespaces(BASE).prefixes.items()))
    subjects = sorted({q.subject for q in store if isinstance(q.subject, ox.NamedNode)}, key=str)
    assert len(subjects) > 20
    for s in subjects:
        triples = list(store.query(f"DESCRIBE {s}", use_default_graph_as_union=True))
        triples += label_triples(store, {t.object for t in triples if isinstance(t.object, ox.NamedNode)})
        assert used_prefixes(triples, prefixes) == _used_prefixes_in_text(triples, prefixes), s
