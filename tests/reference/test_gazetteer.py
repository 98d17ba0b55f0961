"""reference/gazetteer.py: lookup and leftmost-longest find over the curated tables.

Sentences are quoted from the report (data/source/A-78-1.zh.txt) with its own spacing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ungraph.records import Ref
from ungraph.reference.gazetteer import Gazetteer, Match, normalise, normalise_with_offsets
from ungraph.reference.tables import Alias, Blocker, Country

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "data" / "source" / "A-78-1.zh.txt"


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.from_dir(ROOT / "data" / "reference")


@pytest.fixture(scope="module")
def report() -> str:
    return REPORT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def report_matches(gz: Gazetteer, report: str) -> list[Match]:
    return gz.find(report)


def ids(gz: Gazetteer, text: str) -> list[str]:
    """Ids of the PLACES found; names of other kinds (organisations, instruments) shadow the places inside them."""
    return [m.id for m in gz.find(text) if m.kind in {"country", "region", "city"}]


# -- false friends, on report sentences -------------------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("以支持其在阿富汗、埃塞俄比亚、肯尼亚、索马里、苏丹和也门的人道主义行动。",
         ["AFG", "ETH", "KEN", "SOM", "SDN", "YEM"]),
        ("一名来自西尔瓦的境内流离失所妇女抵达也门马里卜的苏米亚难民营。", ["sirwah", "YEM", "ma-rib"]),  # 西尔瓦: Sirwah, a town
        ("在南苏丹，我们与区域和次区域组织合作，推动政治进程。", ["SSD"]),
        ("在这方面，我们为印度尼西亚和越南启动了公正能源转型伙伴关系，并为南非伙伴关系敲定了一项投资计划。",
         ["IDN", "VNM", "ZAF"]),
        ("为 15 个撒哈拉以南非洲和拉丁美洲国家的项目提供了支助。",
         ["sub-saharan-africa", "latin-america"]),
        ("在巴布亚新几内亚，我们支持各方通过布干维尔和平进程争取就布干维尔的未来达成协议。",
         ["PNG", "bougainville", "bougainville"]),
        ("发展中国家深受失调、不公的全球金融体系之害", []),
        ("中非稳定团 联合国中非共和国多层面综合稳定团", []),
        ("通过落实《小岛屿发展中国家快速行动方式(萨摩亚途径)》和《关于进一步执行小岛屿发展中国家"
         "可持续发展行动纲领的毛里求斯战略》", []),
        ("支持布基纳法索和几内亚的政治过渡", ["BFA", "GIN"]),
        ("促进司法和 国际法\n\n国际法院在司法", []),
        ("在中非共和国，我们为政府主导的和平进程提供了支持", ["CAF"]),
    ],
    ids=["somalia-not-mali", "marib-not-mali", "south-sudan-not-sudan", "indonesia-not-india",
         "sub-saharan-africa-not-south-africa", "png-not-guinea", "developing-countries-not-china",
         "minusca-not-middle-africa", "agreements-not-samoa-mauritius", "guinea-alone", "no-match-across-wrap",
         "central-african-republic"],
)
def test_find_false_friends(gz: Gazetteer, sentence: str, expected: list[str]) -> None:
    assert ids(gz, sentence) == expected


def test_find_places_without_codes(gz: Gazetteer) -> None:
    sentence = "就以色列在包括东耶路撒冷在内的巴勒斯坦被占领土的政策和做法的法律后果发表咨询意见。"
    assert ids(gz, sentence) == ["ISR", "east-jerusalem", "occupied-palestinian-territory"]
    assert ids(gz, "整个萨赫勒和非洲之角面临干旱") == ["sahel", "horn-of-africa"]
    assert ids(gz, "在刚果民主共和国和大湖区") == ["COD", "great-lakes-region"]


def test_find_uses_un_and_package_forms_for_one_country(gz: Gazetteer) -> None:
    assert ids(gz, "俄罗斯联邦对乌克兰的入侵；俄罗斯粮食") == ["RUS", "UKR", "RUS"]
    assert ids(gz, "阿拉伯叙利亚共和国；一个叙利亚 10 岁难民女孩") == ["SYR", "SYR"]


# -- spans and normalisation ----------------------------------------------------------------

def test_find_spans_map_back_to_the_original_text(gz: Gazetteer) -> None:
    text = "在 刚果 民主\u3000共和国，和索马里"
    matches = gz.find(text)
    assert [(m.id, m.surface) for m in matches] == [("COD", "刚果 民主\u3000共和国"), ("SOM", "索马里")]
    for m in matches:
        assert text[m.start:m.end] == m.surface
    assert matches[0].ref == Ref("country", "COD")


def test_find_allows_a_wrap_between_long_parts(gz: Gazetteer) -> None:
    assert ids(gz, "在刚果民主\n\n共和国") == ["COD"]


def test_normalise_dot_and_space_variants() -> None:
    assert normalise("阿明娜 · 穆罕默德") == normalise("阿明娜·穆罕默德") == normalise("阿明娜\u30fb穆罕默德")
    norm, pos = normalise_with_offsets("阿明娜 · 穆")
    assert norm == "阿明娜·穆" and pos == [0, 1, 2, 4, 6]


def test_person_style_names_match_with_or_without_spaces() -> None:
    gz = Gazetteer({"countries.tsv": [], "aliases.tsv": [], "blockers.tsv": []})
    assert gz.find("阿明娜 · 穆罕默德") == []
    country = Country("XXA", "XA", "", "", "", "阿明娜·穆罕默德", "test", "t")
    gz = Gazetteer({"countries.tsv": [country]})
    assert [m.surface for m in gz.find("常务副秘书长阿明娜 · 穆罕默德说")] == ["阿明娜 · 穆罕默德"]


# -- lookup -----------------------------------------------------------------------------------

def test_lookup_names_and_aliases(gz: Gazetteer) -> None:
    assert gz.lookup("俄罗斯联邦").id == "RUS"
    assert gz.lookup("俄罗斯").id == "RUS"
    assert gz.lookup("刚果（金）").id == "COD"
    assert gz.lookup("拉丁美洲和加勒比").m49 == "419"
    assert gz.lookup("科索沃").alpha2 == "XK"


@pytest.mark.parametrize("name", ["", "发展中国家", "秘书处大楼", "不存在的国家", None, 42])
def test_lookup_unknown_or_blocked_returns_none(gz: Gazetteer, name: object) -> None:
    assert gz.lookup(name) is None


def test_get_rows_and_labels(gz: Gazetteer) -> None:
    assert gz.get("country", "PRT").name_zh == "葡萄牙"
    assert gz.get("country", "nope") is None
    assert len(gz.rows("country")) >= 249
    assert gz.rows("nope") == []
    assert gz.labels("country", "RUS")[:2] == ["俄罗斯联邦", "俄罗斯"]
    assert {"country", "region"} <= set(gz.kinds)


def test_ambiguous_alias_is_left_out_and_reported() -> None:
    a = Country("AAA", "AA", "", "", "", "甲国", "A", "t")
    b = Country("BBB", "BB", "", "", "", "乙国", "B", "t")
    gz = Gazetteer({"countries.tsv": [a, b], "aliases.tsv": [Alias("甲国", "country", "BBB", "t"),
                                                            Alias("丙", "country", "CCC", "t")]})
    assert gz.lookup("甲国") is None
    assert gz.conflicts and gz.problems == ["alias '丙': no country 'CCC'"]


def test_entity_name_wins_over_an_equal_blocker() -> None:
    c = Country("AAA", "AA", "", "", "", "甲国", "A", "t")
    gz = Gazetteer({"countries.tsv": [c], "blockers.tsv": [Blocker("x", "甲国", "r", "t")]})
    assert gz.lookup("甲国") is c


# -- the whole report -------------------------------------------------------------------------

def test_report_spans_are_exact(report_matches: list[Match], report: str) -> None:
    assert report_matches == sorted(report_matches)
    for m in report_matches:
        assert report[m.start:m.end] == m.surface


def test_report_finds_portugal_at_its_offset(report_matches: list[Match]) -> None:
    assert [m.start for m in report_matches if m.id == "PRT"] == [10803]


def test_report_finds_the_countries_it_names(report_matches: list[Match]) -> None:
    found = {m.id for m in report_matches if m.kind == "country"}
    assert {"COD", "CAF", "SSD", "SOM", "SYR", "IRN", "TUR", "RUS", "BOL", "LAO", "XKX", "PSE", "TZA"} <= found
    # 11 occurrences of 刚果民主共和国; the one inside MONUSCO's full name is the mission's name, not a place mention
    assert sum(1 for m in report_matches if m.id == "COD") == 10


def test_report_never_finds_china_or_false_friends(report_matches: list[Match]) -> None:
    found = {m.id for m in report_matches}
    assert "CHN" not in found
    assert not found & {"FRA", "WSM", "MUS"}
    assert not [m for m in report_matches if m.id == "MLI" and m.surface != "马里"]


def test_find_whole_report_is_fast(gz: Gazetteer, report: str) -> None:
    import time

    start = time.perf_counter()
    for _ in range(5):
        gz.find(report)
    assert time.perf_counter() - start < 5


def test_english_name_from_the_entity_table_or_the_curated_english_rows(gz: Gazetteer) -> None:
    assert gz.name_en("country", "MLI") == "Mali"                             # countries.tsv / package data
    assert gz.name_en("region", "great-lakes-region") == "Great Lakes region"  # english.tsv only
    assert gz.name_en("region", "no-such-region") == ""
