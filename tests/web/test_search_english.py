"""English search terms find the right entity first on the real build (issue 11, item 1): names as the UN
writes them, English short forms and abbreviations, and a post title in English."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("q", "want"), [
    ("Amina Mohammed", "person/a-ming-na-mu-han-mo-de"),
    ("Black Sea Initiative", "event/hei-hai-chang-yi-2022"),
    ("DRC", "country/COD"),
    ("OCHA", "organization/OCHA"),
    ("COP27", "event/lian-he-guo-qi-hou-bian-hua-kuang-jia-gong-yue-di-yue-fang-hui-yi-di-er-shi-qi-jie-hui-yi"),
    ("Nelson Mandela Rules", "instrument/lian-he-guo-qiu-fan-dai-yu-zui-di-xian-du-biao-zhun-gui-ze"),
    ("Chef de Cabinet", "post/ban-gong-ting-zhu-ren"),
])
def test_an_english_term_finds_its_entity_first(client, built, q: str, want: str) -> None:
    results = client.get("/api/search", query_string={"q": q}).get_json()["results"]
    assert results and results[0]["iri"] == built.base + "id/" + want, [r["iri"] for r in results[:3]]


def test_under_secretary_general_finds_a_post_named_so_in_english(client) -> None:
    client.set_cookie("lang", "en")
    first = client.get("/api/search", query_string={"q": "Under-Secretary-General"}).get_json()["results"][0]
    assert "/id/post/" in first["iri"] and "Under-Secretary-General" in first["label"], first
