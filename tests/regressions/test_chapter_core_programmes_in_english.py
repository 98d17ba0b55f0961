"""Issue 11: in English mode a chapter page's "core programmes" card listed the programmes as the
report prints them (预防、管控和解决冲突, 选举援助, …) even when the programme has an English name,
so the chapter page showed its core programmes in Chinese. A list item that is nothing but names
of entities with English names now shows those English names, linked, with the Chinese as printed
beside it (marked ``lang="zh-Hans"``); an item with other text stays as printed, marked Chinese."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

CHAPTER = "/id/report/A-78-1/chapter/2"
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _card(client, kind: str) -> BeautifulSoup:
    client.set_cookie("lang", "en")
    resp = client.get(CHAPTER, headers={"Accept": "text/html"})
    assert resp.status_code == 200
    soup = BeautifulSoup(resp.get_data(as_text=True), "html.parser")
    return next(c for c in soup.select(".overview .section-card") if c.h3.a.get_text() == kind)


def test_core_programmes_card_names_the_programmes_in_english(client) -> None:
    card = _card(client, "core programmes")
    items = card.select("li")
    assert len(items) == 6
    english = {a.get_text(): a["href"] for li in items for a in li.select("a.entity-en")}
    assert english["Electoral assistance"] == "/id/programme/xuan-ju-yuan-zhu"
    assert english["Prevention, management and resolution of conflicts"] == "/id/programme/yu-fang-guan-kong-he-jie-jue-chong-tu"
    for li in items:
        for a in li.select("a.entity-en"):
            assert not _HAN.search(a.get_text()) and not a.find_parent(attrs={"lang": "zh-Hans"})
        # whatever Chinese the item shows is marked as Chinese
        for text in li.find_all(string=_HAN):
            assert text.find_parent(attrs={"lang": "zh-Hans"}), (li, text)


def test_an_item_with_text_besides_names_stays_as_printed(client) -> None:
    card = _card(client, "key mandates")
    item = card.select("li")[0]  # 联合国和平与安全支柱的结构改革(大会第72/199和 72/262 C号决议)
    assert not item.select("a.entity-en")
    assert item.get("lang") == "zh-Hans"
