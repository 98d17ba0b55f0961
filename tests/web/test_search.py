"""Search: the catalog's matching and ranking, ``/api/search`` (JSON) and ``/search`` (a page)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.web.sample_graph import BASE
from ungraph.web.catalog import Catalog, normalize

SKOS = "http://www.w3.org/2004/02/skos/core#"


def _catalog(rows: list[tuple[str, str, str, str]], mentions: dict[str, int] | None = None) -> Catalog:
    return Catalog.from_rows(rows, [(r[0], "http://x.test/C") for r in rows], mentions or {}, {}, [])


@pytest.mark.parametrize(("a", "b"), [("阿明娜 · 穆罕默德", "阿明娜·穆罕默德"), ("阿明娜・穆罕默德", "阿明娜穆罕默德"),
                                      ("MONUSCO", "monusco"), ("ＵＮＤＰ", "UNDP"), ("让 - 皮埃尔", "让皮埃尔")])
def test_normalize_folds_spaces_dots_width_and_case(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


def test_exact_name_ranks_before_prefix_and_substring() -> None:
    cat = _catalog([("x:sub", SKOS + "prefLabel", "非洲联盟委员会", "zh"), ("x:exact", SKOS + "prefLabel", "非洲联盟", "zh"),
                    ("x:inner", SKOS + "prefLabel", "联合国驻非洲联盟办事处", "zh")],
                   mentions={"x:inner": 50, "x:sub": 10})
    assert [h.iri for h in cat.search("非洲联盟")] == ["x:exact", "x:sub", "x:inner"]
    assert [h.rank for h in cat.search("非洲联盟")] == [0, 2, 3]


def test_exact_alternative_label_beats_prefix_of_a_name() -> None:
    cat = _catalog([("x:a", SKOS + "altLabel", "UN", "en"), ("x:b", SKOS + "prefLabel", "UNDP", "en")])
    assert [h.iri for h in cat.search("un")] == ["x:a", "x:b"]


def test_more_mentioned_first_within_a_rank() -> None:
    cat = _catalog([("x:a", SKOS + "prefLabel", "马里稳定团", "zh"), ("x:b", SKOS + "prefLabel", "马里共和国", "zh")],
                   mentions={"x:b": 9})
    assert [h.iri for h in cat.search("马里")] == ["x:b", "x:a"]


def test_blank_query_finds_nothing() -> None:
    assert _catalog([("x:a", SKOS + "prefLabel", "甲", "zh")]).search(" · ") == []


@pytest.mark.parametrize("q", ["联刚稳定团", "MONUSCO", "monusco", "联合国组织刚果民主共和国稳定特派团", "联 刚 稳定团"])
def test_api_finds_by_chinese_english_and_abbreviation(web, q: str) -> None:
    data = web.get("/api/search", query_string={"q": q}).get_json()
    assert data["query"] == q
    assert data["results"][0]["iri"] == BASE + "id/organization/MONUSCO"
    assert data["results"][0]["url"] == "/id/organization/MONUSCO"


@pytest.mark.parametrize("q", ["阿明娜 · 穆罕默德", "阿明娜·穆罕默德", "阿米娜 穆罕默德", "Amina J. Mohammed"])
def test_api_is_tolerant_of_spaces_and_dots(web, q: str) -> None:
    results = web.get("/api/search", query_string={"q": q}).get_json()["results"]
    assert results[0]["iri"] == BASE + "id/person/amina-j-mohammed"
    assert results[0]["kind"]


def test_api_labels_follow_the_interface_language(web) -> None:
    web.set_cookie("lang", "en")
    hit = web.get("/api/search?q=联刚稳定团").get_json()["results"][0]
    assert hit["label"].startswith("United Nations Organization") and hit["kind"] == "peace operation"


def test_api_limit_and_empty_query(web) -> None:
    assert len(web.get("/api/search?q=联合国&limit=2").get_json()["results"]) <= 2
    empty = web.get("/api/search?q=").get_json()
    assert (empty["query"], empty["results"], empty["total"]) == ("", [], 0)
    assert web.get("/api/search?q=x&limit=abc").status_code == 200


def test_search_page_lists_ranked_hits(web) -> None:
    soup = BeautifulSoup(web.get("/search?q=刚果").get_data(as_text=True), "html.parser")
    hrefs = [a["href"] for a in soup.select("ol.hits li > a")]
    assert hrefs[0] == "/id/country/COD" and "/id/organization/MONUSCO" in hrefs
    assert soup.select_one("#page-q")["value"] == "刚果"


def test_search_page_escapes_the_query(web) -> None:
    attack = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    resp = web.get("/search", query_string={"q": attack})
    soup = BeautifulSoup(resp.get_data(as_text=True), "html.parser")
    assert soup.select_one("#page-q")["value"] == attack
    assert soup.find("img") is None
    assert all("alert" not in (s.string or "") for s in soup.find_all("script"))
    assert attack in soup.select_one("p.summary").get_text()
    assert "Content-Security-Policy" in resp.headers
