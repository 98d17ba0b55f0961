"""Issue 11 (item 5, persistent identifiers): when the towns and villages of photo credits became
settlements (``id/region/du-luo`` -> ``id/city/dolow``), their old IRIs started to answer 404, so a
link anyone had made to them broke. An IRI the graph once minted keeps working: ``moved.tsv`` records
each move, the graph says ``<old> dcterms:isReplacedBy <new>`` and ``owl:sameAs <new>`` (as Wikidata's
RDF does for a redirected item), and the server answers the old IRI with a 301 to the new one in every
format, like Wikidata's redirects."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from ungraph.reference.tables import DEFAULT_DIR, Moved, read_table

OLD, NEW = "id/region/du-luo", "id/city/dolow"


def test_the_graph_says_the_old_iri_is_replaced(built) -> None:
    store = ox.Store.read_only(built.store)
    base = built.base
    rows = list(store.query("SELECT ?old ?p ?o WHERE { GRAPH ?g { ?old ?p ?o } }",
                            substitutions={ox.Variable("old"): ox.NamedNode(base + OLD)}))
    said = {(r["p"].value, r["o"].value) for r in rows if not r["p"].value.endswith("#curatedFrom")}
    assert said == {
        ("http://purl.org/dc/terms/isReplacedBy", base + NEW), ("http://www.w3.org/2002/07/owl#sameAs", base + NEW)}
    assert any(r["p"].value.endswith("#curatedFrom") and "moved.tsv" in r["o"].value for r in rows)


@pytest.mark.parametrize("accept", ["text/html", "text/turtle", "application/ld+json"])
def test_the_old_iri_redirects_to_the_new_one(client, accept: str) -> None:
    resp = client.get("/" + OLD, headers={"Accept": accept})
    assert resp.status_code == 301, resp.status_code
    assert resp.headers["Location"].endswith("/" + NEW)
    assert client.get(resp.headers["Location"], headers={"Accept": accept}).status_code == 200


def test_every_move_names_an_iri_the_build_has(built, client) -> None:
    rows = read_table(DEFAULT_DIR / "moved.tsv", Moved)
    assert rows
    for row in rows:
        assert client.get("/id/" + row.replaced_by, headers={"Accept": "text/turtle"}).status_code == 200, row
        assert client.get("/id/" + row.id, headers={"Accept": "text/turtle"}).status_code == 301, row
