"""The pages, as a client sees them: status, content negotiation, and the HTML parsed (never string-matched).

Most tests run on a small graph (the report's real structure plus a few fixture entities, see
``sample_graph.py``); the last ones walk the pages of the real build.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
import rdflib
from bs4 import BeautifulSoup

from tests.web.sample_graph import BASE, XSS

MONUSCO, COD = "/id/organization/MONUSCO", "/id/country/COD"
CHAPTER = "/id/report/A-78-1/chapter/2"


def page(web, path: str, lang: str = "zh", status: int = 200) -> BeautifulSoup:
    web.set_cookie("lang", lang)
    resp = web.get(path, headers={"Accept": "text/html"})
    assert resp.status_code == status, (path, resp.status_code)
    assert resp.mimetype == "text/html"
    return BeautifulSoup(resp.get_data(as_text=True), "html.parser")


PAGES = ["/", MONUSCO, COD, "/id/person/amina-j-mohammed", "/id/post/UN-DSG", "/id/report/A-78-1", CHAPTER,
         "/id/report/A-78-1/chapter/2/section/mandates", "/id/amount/chapter-2-total", "/read/A-78-1",
         "/read/A-78-1/chapter/2", "/class/", "/class/ug:PeaceOperation", "/class/schema:Country", "/search?q=联刚",
         "/ontology", "/id/report/A-78-1/text/zh", "/validation"]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_kind_is_html_with_a_search_box(web, path: str, lang: str) -> None:
    soup = page(web, path, lang)
    assert soup.find("h1") and soup.find("h1").get_text(strip=True)
    box = soup.select_one("header form[role=search] input[name=q]")
    assert box is not None and box["data-api"].endswith("/api/search")
    assert soup.html["lang"] == ("zh-Hans" if lang == "zh" else "en")


def test_entity_page_names_in_both_languages(web) -> None:
    zh, en = page(web, MONUSCO, "zh"), page(web, MONUSCO, "en")
    assert zh.h1.get_text(strip=True) == "联合国组织刚果民主共和国稳定特派团"
    assert en.h1.get_text(strip=True).startswith("United Nations Organization Stabilization Mission")
    assert en.select_one(".subtitle").get_text(strip=True) == "联合国组织刚果民主共和国稳定特派团"
    assert {a.get_text(strip=True) for a in zh.select(".abbreviations .abbr")} == {"联刚稳定团", "MONUSCO"}
    kinds = {a.get_text(strip=True): a["href"] for a in en.select(".entity-head .kinds a")}
    assert kinds == {"peace operation": "/class/ug:PeaceOperation"}


def test_linked_entities_are_shown_by_label_never_by_iri(web) -> None:
    soup = page(web, MONUSCO, "zh")
    serves = {a.get_text(strip=True): a["href"] for a in soup.select(".facts a[href^='/id/']")}
    assert serves.get("刚果民主共和国") == COD
    for a in soup.select("main a"):
        if a["href"].startswith("/id/"):
            assert not a.get_text(strip=True).startswith(("http", "/id/")), a


def test_each_stated_fact_shows_its_sentence_and_links_to_the_reader(web) -> None:
    soup = page(web, MONUSCO, "zh")
    fact = next(d for d in soup.select(".fact") if d.select_one("dd a[href='/id/country/COD']"))
    source = fact.select_one("details.sources blockquote.source")
    assert source.mark.get_text() == "联刚稳定团 联合国组织刚果民主共和国稳定特派团"
    link = urlsplit(source.select_one("a.to-reader")["href"])
    assert link.path == "/read/A-78-1/chapter/2"
    reader = page(web, link.path)
    assert reader.find(id=link.fragment) is not None


def test_mentions_are_listed_with_the_mention_highlighted(web) -> None:
    soup = page(web, COD)
    section = soup.select_one("section.mentions")
    marks = [m.get_text() for m in section.select("blockquote mark")]
    assert marks and set(marks) == {"刚果民主共和国"}
    assert int(section.select_one("h2 .count").get_text()) == len(marks)
    assert all(a["href"].startswith("/read/A-78-1/") for a in section.select("a.to-reader"))


def test_external_links_open_outside(web) -> None:
    soup = page(web, COD, "en")
    links = {a.get_text(strip=True): a for a in soup.select("section.group-external a")}
    assert links["Wikidata Q974"]["href"] == "http://www.wikidata.org/entity/Q974"
    assert "noopener" in links["GeoNames 203312"]["rel"]


def test_what_links_here_with_counts(web) -> None:
    soup = page(web, COD, "en")
    rows = {dt.a.get_text(strip=True): dt for dt in soup.select("section.links-here dt")}
    assert rows["serves area"].select_one(".count").get_text() == "1"
    dd = rows["serves area"].find_next_sibling("dd")
    assert dd.a["href"] == MONUSCO


def test_validation_warnings_about_the_entity(web) -> None:
    soup = page(web, COD, "en")
    items = soup.select("section.validation li")
    assert [li.strong.get_text() for li in items] == ["Warning"]
    assert "no M49 code" in items[0].get_text()
    assert page(web, MONUSCO).select_one("section.validation") is None


@pytest.mark.parametrize(("lang", "shown"), [("en", "US$7,300,000,000"), ("zh", "73亿美元")])
def test_amounts_are_shown_as_money(web, lang: str, shown: str) -> None:
    soup = page(web, "/id/amount/chapter-2-total", lang)
    assert shown in [s.get_text(strip=True) for s in soup.select(".facts .literal")]


def test_view_as_and_the_sparql_behind_the_page(web) -> None:
    soup = page(web, MONUSCO, "en")
    hrefs = [a["href"] for a in soup.select(".actions a")]
    assert f"{MONUSCO}?format=ttl" in hrefs and f"{MONUSCO}?format=jsonld" in hrefs
    sparql = urlsplit(soup.select_one("a.sparql-link")["href"])
    assert sparql.path == "/sparql"
    assert f"<{BASE}id/organization/MONUSCO>" in parse_qs(sparql.query)["query"][0]


@pytest.mark.parametrize(("accept", "fmt", "parser"), [
    ("text/turtle", None, "turtle"), ("application/ld+json", None, "json-ld"), ("application/n-triples", None, "nt"),
    ("text/html", "ttl", "turtle"), ("*/*", "jsonld", "json-ld"), ("text/html", "nt", "nt")])
def test_rdf_by_accept_or_format(web, accept: str, fmt: str | None, parser: str) -> None:
    resp = web.get(MONUSCO + (f"?format={fmt}" if fmt else ""), headers={"Accept": accept})
    assert resp.status_code == 200
    assert "Accept" in resp.headers["Vary"]
    g = rdflib.Graph().parse(data=resp.get_data(as_text=True), format=parser)
    abbr = rdflib.URIRef(BASE + "ontology#abbreviation")
    assert rdflib.Literal("MONUSCO", lang="en") in set(g.objects(rdflib.URIRef(BASE + "id/organization/MONUSCO"), abbr))


def test_html_is_the_default_and_varies_by_accept(web) -> None:
    resp = web.get(MONUSCO)
    assert resp.mimetype == "text/html" and "Accept" in resp.headers["Vary"]


def test_unacceptable_format_is_406(web) -> None:
    assert web.get(MONUSCO, headers={"Accept": "application/pdf"}).status_code == 406
    assert web.get(MONUSCO + "?format=pdf").status_code == 406


def test_unknown_id_is_a_helpful_404(web) -> None:
    soup = page(web, "/id/organization/MONUSC", "en", status=404)
    assert soup.find("code").get_text() == BASE + "id/organization/MONUSC"
    assert MONUSCO in [a["href"] for a in soup.select("ol.hits a")]
    resp = web.get("/id/organization/nothing-here", headers={"Accept": "text/turtle"})
    assert resp.status_code == 404
    assert json.loads(resp.data) == {"ok": False, "error": f"no resource {BASE}id/organization/nothing-here in this graph",
                                     "status": 404}


def test_ontology_documentation_by_pylode_has_every_class(web) -> None:
    resp = web.get("/ontology?view=lode", headers={"Accept": "text/html"})
    assert resp.status_code == 200 and resp.mimetype == "text/html"
    assert "'self'" not in resp.headers["Content-Security-Policy"] and "http" not in resp.headers["Content-Security-Policy"]
    soup = BeautifulSoup(resp.get_data(as_text=True), "html.parser")
    text = soup.get_text(" ")
    for label in ("peace operation", "chapter", "key mandates"):
        assert label in text.lower(), label
    assert not [t for t in soup.find_all(["script", "link", "img"]) if (t.get("src") or t.get("href") or "").startswith("http")]


def test_ontology_terms_dereference(web) -> None:
    soup = page(web, "/ontology", "en")
    assert soup.find(id="PeaceOperation") is not None
    resp = web.get("/ontology", headers={"Accept": "text/turtle"})
    g = rdflib.Graph().parse(data=resp.get_data(as_text=True), format="turtle")
    label = rdflib.Literal("peace operation", lang="en")
    assert label in set(g.objects(rdflib.URIRef(BASE + "ontology#PeaceOperation"), rdflib.RDFS.label))


@pytest.mark.parametrize("path", ["/", MONUSCO, "/read/A-78-1/chapter/2", "/search?q=x", "/id/nope"])
def test_security_headers_on_html_pages(web, path: str) -> None:
    resp = web.get(path, headers={"Accept": "text/html"})
    csp = resp.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "http" not in csp and "unsafe-inline" not in csp
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


def test_no_asset_from_outside(web) -> None:
    soup = page(web, MONUSCO)
    for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
        for el in soup.find_all(tag):
            if el.get(attr):
                assert el[attr].startswith("/") and not el[attr].startswith("//"), el
                assert web.get(el[attr].split("?")[0]).status_code == 200 if el.name != "link" or "stylesheet" in el.get("rel", []) else True


def test_markup_in_labels_is_escaped(web) -> None:
    soup = page(web, "/id/organization/XSS", "en")
    assert soup.h1.get_text() == XSS
    assert all(not (s.string and "alert" in s.string) for s in soup.find_all("script"))


def test_reader_links_mentions_and_addresses_every_block(web) -> None:
    soup = page(web, "/read/A-78-1/chapter/2")
    blocks = soup.select("article.reader .block")
    assert len(blocks) > 100
    assert all(b.get("id", "").startswith("A-78-1/chapter/2/") for b in blocks)
    assert all(b.select_one("a.permalink")["href"] == "/id/report/" + b["id"] for b in blocks)
    mentions = {a["href"] for a in soup.select("a.mention")}
    assert {MONUSCO, COD} <= mentions
    assert soup.select_one("a[rel=next]")["href"] == "/read/A-78-1/chapter/3"


def test_a_block_iri_leads_into_the_reader(web) -> None:
    block = "A-78-1/chapter/2/section/mandates"
    resp = web.get(f"/read/{block}")
    assert resp.status_code == 303 and resp.headers["Location"] == f"/read/A-78-1/chapter/2#{block}"
    soup = page(web, f"/id/report/{block}")
    assert soup.select_one(".actions a.button")["href"] == f"/read/A-78-1/chapter/2#{block}"


def test_report_contents_and_chapter_overview(web) -> None:
    contents = page(web, "/read/A-78-1")
    assert len(contents.select("ol.chapters li")) >= 12
    soup = page(web, CHAPTER, "en")
    cards = [h.a.get_text() for h in soup.select(".overview .section-card h3")]  # English mode: the heading is the English kind
    assert {"core programmes", "indicative resources", "key mandates", "key entities"} <= set(cards)
    mentioned = {a["href"] for a in soup.select(".overview .inline-list a")}
    assert {MONUSCO, COD} <= mentioned


def test_kind_page_lists_filters_and_sorts(web) -> None:
    soup = page(web, "/class/ug:UNBody", "en")  # a superclass: lists the peace operation
    assert [a["href"] for a in soup.select("#kind-table tbody td:first-child a")] == [MONUSCO]
    paragraphs = page(web, "/class/ug:Paragraph?sort=mentions")
    counts = [int(r.select_one("td.num").get_text()) for r in paragraphs.select("#kind-table tbody tr")]
    assert len(counts) == 200 and counts == sorted(counts, reverse=True)  # the first of two pages
    assert [a.get_text() for a in paragraphs.select("nav.pager a")] == ["2"]
    names = [r.td.get_text(strip=True) for r in page(web, "/class/ug:Paragraph?sort=name").select("#kind-table tbody tr")]
    assert names == sorted(names)
    country = page(web, "/class/schema:Country").select_one("#kind-table tbody tr")
    assert int(country.select_one("td.num").get_text()) == len(page(web, COD).select("section.mentions blockquote"))
    filtered = page(web, "/class/schema:Country?q=刚果").select("#kind-table tbody tr")
    assert len(filtered) == 1
    assert web.get("/class/ug:NoSuchClass").status_code == 404


def test_language_switch_is_kept_in_a_cookie(web) -> None:
    resp = web.get("/lang/en?next=/id/organization/MONUSCO")
    assert resp.status_code == 303 and resp.headers["Location"] == MONUSCO
    assert "lang=en" in resp.headers["Set-Cookie"]
    soup = BeautifulSoup(web.get(MONUSCO).get_data(as_text=True), "html.parser")
    assert soup.html["lang"] == "en"
    switch = soup.select_one("a.lang-switch")
    assert switch["href"].startswith("/lang/zh?")
    assert web.get("/lang/en?next=//evil.test/").headers["Location"] == "/"
    assert web.get("/lang/fr").status_code == 404


# --- the real build -------------------------------------------------------------------------

@pytest.mark.slow
def test_every_kind_and_its_first_entity_on_the_real_build(client) -> None:
    home = BeautifulSoup(client.get("/").get_data(as_text=True), "html.parser")
    kinds = [a["href"] for a in home.select("ul.kinds-list a")]
    assert kinds
    for href in kinds:
        listing = client.get(href)
        assert listing.status_code == 200, href
        first = BeautifulSoup(listing.get_data(as_text=True), "html.parser").select_one("#kind-table tbody a")
        assert first is not None, href
        assert client.get(first["href"]).status_code == 200, first["href"]
    for a in home.select("ol.chapters a"):
        assert client.get(a["href"]).status_code == 200, a["href"]


def test_every_entity_of_the_real_build_has_a_page(client, built) -> None:
    """Every entity (not the report's parts, annotations or reified statements): 200, a heading that is
    a label rather than its IRI, and its Turtle twin parses."""
    import pyoxigraph as ox

    from ungraph import store as stores
    from ungraph.sparql import execute

    base = built.base + "id/"
    rows = execute(stores.open_store(built.store, read_only=True),
                   "SELECT DISTINCT ?base ?e WHERE { ?e a ?c FILTER(STRSTARTS(STR(?e), ?base)) }",
                   substitutions={ox.Variable("base"): ox.Literal(base)})
    skip = ("report/", "annotation/", "statement/", "build/")
    entities = sorted({r["e"].value for r in rows if not r["e"].value[len(base):].startswith(skip)})
    assert len(entities) > 700
    bad = []
    for iri in entities:
        path = "/" + iri[len(built.base):]
        resp = client.get(path, headers={"Accept": "text/html"})
        soup = BeautifulSoup(resp.get_data(as_text=True), "html.parser") if resp.status_code == 200 else None
        heading = soup.h1.get_text(strip=True) if soup and soup.h1 else ""
        if resp.status_code != 200 or not heading or heading.startswith("http"):
            bad.append((path, resp.status_code, heading))
    assert not bad, bad[:10]
    turtle = client.get("/" + entities[0][len(built.base):], headers={"Accept": "text/turtle"})
    assert len(rdflib.Graph().parse(data=turtle.get_data(as_text=True), format="turtle")) > 0
