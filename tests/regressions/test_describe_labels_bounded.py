"""A DESCRIBE of a hub looked up the label of every object it links to (issue 14).

``DESCRIBE <organization/UNGA>`` at the 100x enlargement has 9,409 triples and 8,905 distinct
objects (one ``ungraph:mentionedIn`` per passage of every report): the worker made two index scans
per object to add their labels, 0.9 s of a 0.97 s answer, and the labels could take the document past
the row limit (``max_rows``), which is meant to bound every answer. Now the labels fill at most the
room left under ``max_rows``, for at most ``DESCRIBE_LABELLED_OBJECTS`` objects (the first, in IRI
order), so a DESCRIBE costs what its own triples cost.
"""

import pyoxigraph as ox

from ungraph.describe_labels import DESCRIBE_LABELLED_OBJECTS
from ungraph.sparql import Job, run_job

RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def _hub(n: int) -> ox.Store:
    s = ox.Store()
    hub, p, g = ox.NamedNode("http://x/hub"), ox.NamedNode("http://x/links"), ox.NamedNode("http://x/g")
    for i in range(n):
        o = ox.NamedNode(f"http://x/o{i:05d}")
        s.add(ox.Quad(hub, p, o, g))
        s.add(ox.Quad(o, RDFS_LABEL, ox.Literal(f"object {i}"), g))
    return s


def _labels(body: bytes) -> int:
    return body.decode().count(f"<{RDFS_LABEL.value}>")


def test_labels_stay_within_the_row_limit() -> None:
    a = run_job(_hub(60), Job("DESCRIBE <http://x/hub>", graph_format="nt", describe=True, max_rows=100))
    assert not a.truncated and a.rows == 100 and _labels(a.body) == 40


def test_at_most_so_many_objects_are_labelled_the_first_in_iri_order() -> None:
    n = DESCRIBE_LABELLED_OBJECTS + 50
    a = run_job(_hub(n), Job("DESCRIBE <http://x/hub>", graph_format="nt", describe=True, max_rows=10 * n))
    assert _labels(a.body) == DESCRIBE_LABELLED_OBJECTS
    assert b"<http://x/o00000>" in a.body and f'"object {DESCRIBE_LABELLED_OBJECTS - 1}"'.encode() in a.body
    assert f'"object {DESCRIBE_LABELLED_OBJECTS}"'.encode() not in a.body


def test_a_small_describe_labels_everything() -> None:
    a = run_job(_hub(5), Job("DESCRIBE <http://x/hub>", graph_format="nt", describe=True))
    assert _labels(a.body) == 5 and a.rows == 10
