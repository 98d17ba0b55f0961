"""Issue 12, "Search that finds": "维和" must find the Department of Peace Operations and the missions.

"维和" (the short form of 维持和平, peacekeeping) found UNFICYP (the one mission with 维持和平 in its
name), an event and a few bodies named near the word, then photos and passages: not the
Department of Peace Operations (named once, as a key entity of chapter 2, beside the item
"维持和平特派团、特别政治任务和各办事处") and not the other peacekeeping operations (classified
ug:PeacekeepingOperation, 维持和平行动, none named with the word). The query's synonym is searched
among names too, a classification the query names brings its members, and the key entities the
report lists beside a matching item are found; all before the first passage (the headings).
"""

from __future__ import annotations

import pytest

_MEMBERS = """PREFIX org: <http://www.w3.org/ns/org#>
SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s org:classification ?c } } ORDER BY ?s"""


def _results(client, q: str) -> list[dict]:
    return client.get("/api/search", query_string={"q": q, "limit": 100}).get_json()["results"]


def _peacekeeping(client, built) -> set[str]:
    query = _MEMBERS.replace("?c }", f"<{built.base}ontology#PeacekeepingOperation> }}")
    rows = client.post("/sparql", data={"query": query},
                       headers={"Accept": "application/sparql-results+json"}).get_json()["results"]["bindings"]
    return {r["s"]["value"] for r in rows}


@pytest.mark.parametrize("q", ["维和", "維和", "维持和平"])
def test_dpo_and_the_missions_before_the_passages(client, built, q: str) -> None:
    results = _results(client, q)
    first_passage = next(i for i, r in enumerate(results) if r["type"] == "passage")
    before = [r["iri"] for r in results[:first_passage]]
    dpo = f"{built.base}id/organization/DPO"
    assert dpo in before[:5], before[:8]
    missions = _peacekeeping(client, built)
    assert len(missions) >= 10 and missions <= set(before), sorted(missions - set(before))
    headings = [i for i, r in enumerate(results) if r["kind_iri"].endswith("#Heading")]
    assert all(i > first_passage - 1 for i in headings)


def test_peacekeeping_in_english_finds_the_missions(client, built) -> None:
    before = [r["iri"] for r in _results(client, "peacekeeping") if r["type"] == "entity"]
    assert _peacekeeping(client, built) <= set(before)


def test_a_name_is_not_drowned_by_its_neighbours_in_a_list(client, built) -> None:
    """The key entities come only for a topic: a query naming one body gets that body first, and
    not the other key entities of its chapter."""
    results = _results(client, "和平行动部")
    assert results[0]["iri"] == f"{built.base}id/organization/DPO"
    iris = [r["iri"] for r in results]
    assert f"{built.base}id/organization/UNEP" not in iris


def test_the_search_page_says_why_a_topic_brought_a_body(client) -> None:
    from bs4 import BeautifulSoup

    for lang, words in (("zh", "第2章主要实体"), ("en", "key entity of Chapter 2")):
        client.set_cookie("lang", lang)
        soup = BeautifulSoup(client.get("/search?q=维和").get_data(as_text=True), "html.parser")
        dpo = next(li for li in soup.select("ol.hits li") if li.a["href"].endswith("/id/organization/DPO"))
        assert words in dpo.get_text(" ")
