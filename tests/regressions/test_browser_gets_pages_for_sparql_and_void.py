"""Issue 12, defect 7: a browser GET of ``/sparql?query=…`` returned raw XML, and
``/.well-known/void`` showed raw Turtle. A browser gets pages; SPARQL and RDF clients get what
they got before."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
QUERY = "SELECT ?s WHERE { ?s a <https://schema.org/Report> }"


def test_a_browser_following_a_query_link_gets_the_query_page_running_it(client) -> None:
    resp = client.get("/sparql", query_string={"query": QUERY}, headers={"Accept": BROWSER})
    assert resp.status_code == 200 and resp.mimetype == "text/html"
    config = json.loads(BeautifulSoup(resp.get_data(as_text=True), "html.parser").select_one("#ug-sparql-config").string)
    assert config["run"] == QUERY


def test_sparql_clients_still_get_results(client) -> None:
    for accept, mime in (("*/*", "application/sparql-results+json"), (None, "application/sparql-results+json"),
                         ("application/sparql-results+xml", "application/sparql-results+xml")):
        resp = client.get("/sparql", query_string={"query": QUERY}, headers={"Accept": accept} if accept else {})
        assert resp.mimetype == mime
    assert client.get("/sparql", query_string={"query": QUERY, "format": "json"},
                      headers={"Accept": BROWSER}).mimetype == "application/sparql-results+json"


def test_void_is_a_page_in_a_browser_and_turtle_otherwise(client) -> None:
    for lang in ("zh", "en"):
        client.set_cookie("lang", lang)
        page = client.get("/.well-known/void", headers={"Accept": BROWSER})
        assert page.mimetype == "text/html"
        soup = BeautifulSoup(page.get_data(as_text=True), "html.parser")
        assert soup.select("section.void-node th a") and soup.select_one("a[href='?format=ttl']")
    assert client.get("/.well-known/void").mimetype == "text/turtle"
    assert client.get("/.well-known/void", headers={"Accept": "*/*"}).mimetype == "text/turtle"
