"""Accept parsing and choice, table-tested (RFC 9110 §12.5.1)."""

from __future__ import annotations

import pytest

from ungraph.web.negotiation import choose, parse_accept, quality

RESULTS = ["application/sparql-results+json", "application/json", "application/sparql-results+xml",
           "application/xml", "text/csv", "text/tab-separated-values"]
GRAPHS = ["text/turtle", "application/n-triples", "text/plain", "application/ld+json", "application/rdf+xml"]


@pytest.mark.parametrize(("accept", "offers", "expected"), [
    (None, RESULTS, "application/sparql-results+json"),  # no header: our default
    ("", RESULTS, "application/sparql-results+json"),
    ("*/*", GRAPHS, "text/turtle"),
    ("text/csv", RESULTS, "text/csv"),
    ("text/*", RESULTS, "text/csv"),  # wildcard subtype, first matching offer
    ("application/sparql-results+xml;q=0.9, application/sparql-results+json;q=0.8", RESULTS,
     "application/sparql-results+xml"),
    ("text/turtle;q=0.2, application/rdf+xml", GRAPHS, "application/rdf+xml"),
    ("*/*;q=0.1, application/rdf+xml;q=0.5", GRAPHS, "application/rdf+xml"),
    ("text/*;q=0.5, text/turtle;q=0", GRAPHS, "text/plain"),  # q=0 excludes turtle
    ("image/png", RESULTS, None),  # nothing fits -> 406
    ("text/html", GRAPHS, None),
    ("application/json;q=0", ["application/json"], None),
    ("TEXT/CSV", RESULTS, "text/csv"),  # case-insensitive
    ("text/csv;charset=utf-8;q=0.7, text/tab-separated-values;q=0.8", RESULTS, "text/tab-separated-values"),
    ("application/sparql-results+json; q=1.0, */*; q=0.1", RESULTS, "application/sparql-results+json"),
    ("garbage, ;;, /", RESULTS, "application/sparql-results+json"),  # unparseable = absent
    ("text/csv;q=2", RESULTS, "application/sparql-results+json"),  # invalid q: the item is dropped
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", RESULTS, "application/xml"),  # a browser
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", GRAPHS + ["text/html"], "text/html"),
])
def test_choose(accept: str | None, offers: list[str], expected: str | None) -> None:
    assert choose(accept, offers) == expected


def test_most_specific_range_sets_the_quality() -> None:
    ranges = parse_accept("text/*;q=0.3, text/csv;q=0.9, text/csv;format=x;q=0.1, */*;q=0.2")
    assert quality(ranges, "text/csv") == 0.1  # a range with parameters is the most specific
    assert quality(ranges, "text/tab-separated-values") == 0.3
    assert quality(ranges, "application/json") == 0.2


def test_parse_accept_skips_malformed_items() -> None:
    ranges = parse_accept('text/html;level="1";q=0.7, */html, application/json;q=abc, a/b')
    assert [(r.type, r.subtype, r.q, r.params) for r in ranges] == [
        ("text", "html", 0.7, (("level", "1"),)), ("a", "b", 1.0, ())]


def test_no_offers_is_none() -> None:
    assert choose("*/*", []) is None
