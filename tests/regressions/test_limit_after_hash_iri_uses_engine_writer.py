"""A SELECT whose last line holds a full IRI with ``#`` (``<http://www.w3.org/2004/02/skos/core#prefLabel>``)
lost its top-level LIMIT (issue 14).

``top_level_limit`` refused any ``#`` on the line of the query's last ``}``, taking it for a comment
that might hide the brace. So every one-line query naming a SKOS, RDF, OWL or XSD term in full —
the benchmark's two-hop join among them — was serialized row by row in Python instead of by
pyoxigraph's writer (27% of a query worker's time on that join, in a py-spy profile). A ``#`` inside
an IRI is not a comment.
"""

from ungraph.sparql import top_level_limit

SKOS = "http://www.w3.org/2004/02/skos/core#"


def test_a_hash_inside_an_iri_is_not_a_comment():
    q = f"SELECT ?a ?l WHERE {{ ?a <{SKOS}prefLabel> ?l FILTER(LANG(?l) = 'zh') }} LIMIT 100\n#0-17"
    assert top_level_limit(q) == 100


def test_a_comment_before_the_last_brace_still_refuses():
    assert top_level_limit("SELECT * WHERE { ?s ?p ?o } LIMIT 99999 # <http://x/a#b> } LIMIT 5") is None
    assert top_level_limit("SELECT * WHERE { ?s ?p ?o } LIMIT 99999 #<x> } LIMIT 5") is None
    assert top_level_limit(f"SELECT * WHERE {{ ?s <{SKOS}x> ?o }} LIMIT 99999 # }} LIMIT 5") is None
