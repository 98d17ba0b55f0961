"""ungraph.descriptions: a DESCRIBE's triples from the columns, their Turtle, and the descriptions the
build writes (``describe.*`` of ungraph.columns)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyoxigraph as ox
import pytest

from tests.conftest import columns_over
from ungraph import columns, descriptions
from ungraph.namespaces import Namespaces
from ungraph.sparql import Job, run_job
from ungraph.web.describe import answer

PREFIXES = tuple(sorted(Namespaces("http://127.0.0.1:8080/").prefixes.items()))
ID = "http://127.0.0.1:8080/id/"
LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _quads() -> list[ox.Quad]:
    a, b, c = (ox.NamedNode(ID + x) for x in ("a", "b", "c"))
    p = ox.NamedNode(ID + "p")
    return [ox.Quad(a, TYPE, ox.NamedNode("http://www.w3.org/ns/org#Organization")), ox.Quad(a, p, b), ox.Quad(a, p, c),
            ox.Quad(a, LABEL, ox.Literal("A", language="en")), ox.Quad(b, LABEL, ox.Literal("B", language="zh")),
            ox.Quad(c, p, ox.BlankNode("n")), ox.Quad(ox.BlankNode("n"), LABEL, ox.Literal("n"))]


def _job(iri: str, **kw: object) -> Job:
    return Job(f"DESCRIBE <{iri}>", graph_format="ttl", describe=True, prefixes=PREFIXES, **kw)  # type: ignore[arg-type]


def test_the_written_descriptions_are_the_engines(tmp_path: Path) -> None:
    found, store = columns_over(tmp_path, _quads(), PREFIXES)
    assert found.described
    a, b, c = (found.id_of(ox.NamedNode(ID + x)) for x in ("a", "b", "c"))
    assert found.describe_rows[a] == 5  # four triples and b's label (c has none)
    assert found.describe_rows[b] == 1
    assert found.describe_rows[c] == -1  # a blank node object: the engine describes it further
    assert found.describe_rows[found.id_of(ox.NamedNode(ID + "p"))] == -1  # no subject
    for x in ("a", "b"):
        job = _job(ID + x)
        engine = run_job(store, job)
        sid = found.id_of(ox.NamedNode(ID + x))
        assert descriptions.header(PREFIXES, int(found.describe_masks[sid])) + found.description(sid) == engine.body
        assert answer(found, job) == engine


def test_a_description_past_the_row_limit_is_joined_and_cut(tmp_path: Path) -> None:
    """A description longer than the request's row limit is not the written one: the rows are read and
    cut as a query worker cuts them."""
    found, store = columns_over(tmp_path, _quads(), PREFIXES)
    for limit in (5, 4, 2):
        job = _job(ID + "a", max_rows=limit)
        ours = answer(found, job)
        assert ours is not None and ours == run_job(store, job), limit
        assert ours.truncated == (limit < 4)


def test_past_described_rows_none_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(columns, "DESCRIBED_ROWS", 3)
    found, store = columns_over(tmp_path, _quads(), PREFIXES)
    a = found.id_of(ox.NamedNode(ID + "a"))
    assert found.describe_rows[a] == -1 and found.description(a) == b""
    assert answer(found, _job(ID + "a")) == run_job(store, _job(ID + "a"))  # joined at request time


def test_triples_and_their_turtle(tmp_path: Path) -> None:
    found, _ = columns_over(tmp_path, _quads(), PREFIXES)
    a = found.id_of(ox.NamedNode(ID + "a"))
    got = descriptions.triples(found, a, 100)
    assert got is not None
    ss, pp, oo, truncated = got
    assert not truncated and len(ss) == 5 and ss.dtype == np.int64
    body, mask = descriptions.turtle_body(found, ss, pp, oo)
    assert body.startswith(b"id:a a org:Organization ;\n\t") and body.endswith(b'id:b skos:prefLabel "B"@zh .\n')
    declared = [name for bit, (name, _) in enumerate(PREFIXES) if mask >> bit & 1]
    assert declared == ["id", "org", "rdf", "skos"]  # rdf: for rdf:type, though written "a", as a worker declares it
    assert descriptions.triples(found, found.id_of(ox.NamedNode(ID + "c")), 100) is None
