"""Search that finds: a table of queries against the real build, each with the result it must put first.

Chinese as printed (with and without the PDF's spaces and "·"), traditional characters, English,
abbreviations, misspellings, symbols and full-text topics (issue 12, "Search that finds").
"""

from __future__ import annotations

import pytest

from ungraph.web.fulltext import display_text

#: (query, the key under ``id/`` of the first result)
FIRST: list[tuple[str, str]] = [
    # Chinese names, as printed and re-spaced
    ("联合国开发计划署", "organization/UNDP"),
    ("世界粮食计划署", "organization/WFP"),
    ("粮食署", "organization/WFP"),
    ("人道主义事务协调厅", "organization/OCHA"),
    ("安全理事会", "organization/UNSC"),
    ("安理会", "organization/UNSC"),
    ("建设和平基金", "organization/PBF"),
    ("非洲联盟", "organization/African-Union"),
    ("联刚稳定团", "organization/MONUSCO"),
    ("联 刚 稳定团", "organization/MONUSCO"),
    ("刚果民主共和国", "country/COD"),
    ("乌克兰", "country/UKR"),
    ("也门", "country/YEM"),
    ("萨赫勒", "region/sahel"),
    ("阿明娜·穆罕默德", "person/a-ming-na-mu-han-mo-de"),
    ("阿明娜 · 穆罕默德", "person/a-ming-na-mu-han-mo-de"),
    ("阿米娜·穆罕默德", "person/a-ming-na-mu-han-mo-de"),
    ("古特雷斯", "person/an-dong-ni-ao-gu-te-lei-si"),
    ("常务副秘书长", "post/chang-wu-fu-mi-shu-zhang"),
    ("联合国宪章", "instrument/lian-he-guo-xian-zhang"),
    ("和平行动部", "organization/DPO"),
    # topics: the short and the long form of a word (维和 = 维持和平)
    ("维和", "organization/wei-chi-he-ping-te-pai-tuan-te-bie-zheng-zhi-ren-wu-he-ge-ban-shi-chu"),
    ("维持和平", "organization/wei-chi-he-ping-te-pai-tuan-te-bie-zheng-zhi-ren-wu-he-ge-ban-shi-chu"),
    ("巴黎协定", "instrument/ba-li-xie-ding"),
    # traditional characters
    ("聯合國開發計劃署", "organization/UNDP"),
    ("剛果民主共和國", "country/COD"),
    ("烏克蘭", "country/UKR"),
    ("聯合國憲章", "instrument/lian-he-guo-xian-zhang"),
    ("維和", "organization/wei-chi-he-ping-te-pai-tuan-te-bie-zheng-zhi-ren-wu-he-ge-ban-shi-chu"),
    # English and abbreviations, any case
    ("UNDP", "organization/UNDP"),
    ("undp", "organization/UNDP"),
    ("WFP", "organization/WFP"),
    ("OCHA", "organization/OCHA"),
    ("MONUSCO", "organization/MONUSCO"),
    ("Monusco", "organization/MONUSCO"),
    ("DPO", "organization/DPO"),
    ("Department of Peace Operations", "organization/DPO"),
    ("Peace Operations", "organization/DPO"),
    ("Security Council", "organization/UNSC"),
    ("Peacebuilding Fund", "organization/PBF"),
    ("Country-Based Pooled Funds", "organization/CBPFs"),
    ("African Union", "organization/African-Union"),
    ("Ukraine", "country/UKR"),
    ("Yemen", "country/YEM"),
    ("Sahel", "region/sahel"),
    ("Guterres", "person/an-dong-ni-ao-gu-te-lei-si"),
    ("COD", "country/COD"),
    # misspellings (edit distance)
    ("Gutteres", "person/an-dong-ni-ao-gu-te-lei-si"),
    ("Guteres", "person/an-dong-ni-ao-gu-te-lei-si"),
    ("Ukrane", "country/UKR"),
    ("African Unoin", "organization/African-Union"),
    # symbols
    ("S/RES/2282 (2016)", "resolution/S-RES-2282-2016"),
    ("2282", "resolution/S-RES-2282-2016"),
]

#: (query, a word every one of the first three passages contains, folded)
TOPICS: list[tuple[str, str]] = [
    ("气候", "气候"),
    ("氣候", "气候"),
    ("粮食安全", "粮食"),
    ("难民", "难民"),
    ("简易爆炸装置", "简易爆炸装置"),
]


def _search(client, q: str, **args: object) -> dict:
    return client.get("/api/search", query_string={"q": q, "limit": 100, **args}).get_json()


@pytest.mark.parametrize(("q", "key"), FIRST, ids=[q for q, _ in FIRST])
def test_first_result(client, built, q: str, key: str) -> None:
    first = _search(client, q)["results"][0]
    assert first["iri"] == f"{built.base}id/{key}", [r["iri"] for r in _search(client, q)["results"][:3]]
    assert first["type"] == "entity"


@pytest.mark.parametrize(("q", "word"), TOPICS, ids=[q for q, _ in TOPICS])
def test_topics_find_passages(client, q: str, word: str) -> None:
    passages = [r for r in _search(client, q)["results"] if r["type"] == "passage"]
    assert len(passages) >= 3
    assert all(word in display_text(p["label"]) for p in passages[:3])


def test_entities_come_before_passages(client) -> None:
    types = [r["type"] for r in _search(client, "维和")["results"]]
    assert "passage" in types and "entity" in types
    assert types.index("passage") > max(i for i, t in enumerate(types) if t == "entity")


def test_peacekeeping_finds_dpo_and_missions_before_headings(client, built) -> None:
    results = _search(client, "维和")["results"]
    iris = [r["iri"] for r in results]
    headings = [i for i, r in enumerate(results) if r["kind_iri"].endswith("#Heading")]
    assert headings
    for key in ("DPO", "UNFICYP", "MONUSCO", "MINUSMA", "UNMISS"):
        assert iris.index(f"{built.base}id/organization/{key}") < headings[0], key
    assert iris.index(f"{built.base}id/organization/DPO") < 3


def test_an_abbreviation_is_not_found_inside_a_word(client, built) -> None:
    iris = [r["iri"] for r in _search(client, "DPO")["results"]]
    assert f"{built.base}id/organization/CBPFs" not in iris


def test_ontology_terms_only_when_asked(client, built) -> None:
    onto = built.base + "ontology"
    assert not any(str(r["iri"]).startswith(onto) for r in _search(client, "Organization")["results"])
    assert any(str(r["iri"]).startswith(onto) for r in _search(client, "Peace operation", terms=1)["results"])


def test_api_pages_past_ten_results(client) -> None:
    whole = _search(client, "联合国")
    first = client.get("/api/search", query_string={"q": "联合国", "limit": 10}).get_json()
    second = client.get("/api/search", query_string={"q": "联合国", "limit": 10, "offset": 10}).get_json()
    assert whole["total"] > 20 and second["offset"] == 10
    assert [r["iri"] for r in first["results"] + second["results"]] == [r["iri"] for r in whole["results"][:20]]


def test_facets_filter_by_kind_and_chapter(client) -> None:
    data = _search(client, "难民")
    kinds, chapters = data["facets"]["kind"], data["facets"]["chapter"]
    assert kinds and chapters
    by_kind = _search(client, "难民", kind=kinds[0]["iri"])
    assert by_kind["total"] == kinds[0]["count"] and all(r["type"] == "entity" for r in by_kind["results"])
    by_chapter = _search(client, "难民", chapter=chapters[0]["chapter"])
    assert by_chapter["total"] == chapters[0]["count"]
    assert all(r["chapter"] == chapters[0]["chapter"] for r in by_chapter["results"])


def test_search_page_shows_facets_passages_and_pages(client) -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get("/search?q=联合国").get_data(as_text=True), "html.parser")
    assert soup.select("nav.facets a") and soup.select_one("nav.pager a[rel=next]")
    second = BeautifulSoup(client.get(soup.select_one("nav.pager a[rel=next]")["href"]).get_data(as_text=True),
                           "html.parser")
    assert second.select_one("nav.pager a[rel=prev]") and second.select("ol.hits li")
    passages = BeautifulSoup(client.get("/search?q=气候").get_data(as_text=True), "html.parser").select("li.hit-passage")
    assert passages and "**" not in passages[0].get_text()
