"""Issue 14 (safety of the in-process paths): a SPARQL comment ends at CR as well as LF (the grammar's
EOL, and oxigraph's parser), but the endpoint's own readers of query text ended it at LF only. Text
after ``#\\r`` was then invisible to them and seen by the engine: ``SELECT * { #\\r SERVICE <...> {...} }``
passed the SERVICE check (pyoxigraph then tries to fetch from that address), ``... } #\\r ORDER BY ?o
\\n LIMIT 5`` passed as a bounded lookup and sorted the whole store in the server process without the
time limit, and a label search with ``#\\rOFFSET 3`` after its LIMIT was answered without the offset."""

from __future__ import annotations

import pyoxigraph as ox

from ungraph.sparql import Job, run_job, top_level_limit
from ungraph.web import label_search, sparql_check
from ungraph.web.query_cost import bounded


def test_service_after_a_comment_ended_by_cr_is_refused() -> None:
    q = "SELECT * WHERE { #\r SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } \n}"
    refusal = sparql_check.check(q)
    assert refusal is not None and refusal.status == 403


def test_an_update_after_a_comment_ended_by_cr_is_refused() -> None:
    refusal = sparql_check.check("#\rINSERT DATA { <http://x/a> <http://x/p> <http://x/b> }")
    assert refusal is not None and refusal.status == 403


def test_order_by_after_a_comment_ended_by_cr_is_not_bounded() -> None:
    assert not bounded("SELECT * WHERE { ?s ?p ?o } #\r ORDER BY ?o \n LIMIT 5", max_rows=10000)


def test_a_label_search_with_an_offset_after_a_cr_goes_to_the_engine() -> None:
    s = ox.Store()
    for i in range(5):
        s.add(ox.Quad(ox.NamedNode(f"http://x/{i}"), ox.NamedNode(label_search.SKOS_PREF), ox.Literal(f"和平 {i}")))
    q = f"SELECT ?s ?l WHERE {{ ?s <{label_search.SKOS_PREF}> ?l FILTER(CONTAINS(?l, '和平')) }} LIMIT 50 #\rOFFSET 3"
    assert len(list(s.query(q))) == 2  # the engine reads the OFFSET
    assert label_search.answer(s, Job(q)) is None
    assert run_job(s, Job(q)).kind == "bindings"


def test_top_level_limit_reads_a_comment_to_its_carriage_return() -> None:
    """The writer choice (``top_level_limit``) reads comments as the engine does too: after ``#x\\r``
    the text is the query's, before it the comment's."""
    assert top_level_limit("SELECT * WHERE { ?s ?p ?o #x\r} LIMIT 5") == 5
    assert top_level_limit("SELECT * WHERE { ?s ?p ?o } LIMIT 5 #x\rOFFSET 2") == 5
    assert top_level_limit("SELECT * WHERE { ?s ?p ?o } LIMIT 99999\r# } LIMIT 5") is None
