"""Browser tests of the views (timeline, map, charts, result views of the query page), in both languages.

The real server (``python -m ungraph serve``) driven by Debian's Chromium through Playwright. Every
request a page makes is recorded, and a test fails on any host but the test server's (the views
load ECharts, the TopoJSON client and Natural Earth's geometry from this server only), on a script
error, a CSP violation or a failed request. Screenshots go to ``test-artifacts/``, and to ``docs/``
(the README shows them) when UNGRAPH_UPDATE_SCREENSHOTS=1 is set.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest

from tests.web.servers import ARTIFACTS, ROOT

pytestmark = pytest.mark.browser

LANGS = ("zh", "en")

sync_api = pytest.importorskip("playwright.sync_api")


class Visit:
    """A browser page in one interface language that records every request and every error."""

    def __init__(self, browser, server: str, lang: str) -> None:
        self.server, self.lang = server, lang
        self.context = browser.new_context(viewport={"width": 1280, "height": 900},
                                           locale="zh-CN" if lang == "zh" else "en-US")
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("response", lambda r: self.errors.append(f"{r.status} {r.url}")
                     if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
        self.page.goto(f"{server}/lang/{lang}?next=/")

    def goto(self, path: str) -> None:
        self.page.goto(self.server + path)

    def close(self) -> None:
        self.context.close()
        host = urlsplit(self.server).netloc
        foreign = [u for u in self.requests if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != host
                   or urlsplit(u).scheme not in ("http", "https", "data", "blob")]
        assert not foreign, f"requests to other hosts: {foreign}"
        assert not self.errors, self.errors


@pytest.fixture(params=LANGS)
def visit(request, browser, server):
    ARTIFACTS.mkdir(exist_ok=True)
    v = Visit(browser, server, request.param)
    yield v
    v.close()


def _shot(visit: Visit, name: str) -> None:
    visit.page.screenshot(path=str(ARTIFACTS / f"{name}-{visit.lang}.png"))
    if os.environ.get("UNGRAPH_UPDATE_SCREENSHOTS") and visit.lang == "en":
        visit.page.screenshot(path=str(ROOT / "docs" / f"screenshot-{name}.png"))


def _other_language_absent(visit: Visit) -> None:
    """The interface strings of the views are in the page's language (data values may be in either)."""
    nav = visit.page.locator("header.site nav").inner_text()
    assert ("时间线" in nav) == (visit.lang == "zh") and ("Timeline" in nav) == (visit.lang == "en")


def test_the_timeline_draws_filters_and_links_to_events(visit: Visit) -> None:
    visit.goto("/timeline")
    page = visit.page
    page.wait_for_selector("#ug-timeline[data-ready] canvas")
    _other_language_absent(visit)
    assert page.locator("h1").inner_text().startswith("时间线" if visit.lang == "zh" else "Timeline")
    events = page.locator("li.tl-event")
    total = events.count()
    assert total >= 8
    _shot(visit, "timeline")
    # filter by a chapter with the form: the URL says so, and fewer events are listed
    options = page.locator("#tl-chapter option")
    value = options.nth(options.count() - 1).get_attribute("value")
    page.select_option("#tl-chapter", value)
    with page.expect_navigation():
        page.locator("form.filter button[type=submit]").click()
    assert f"chapter={value}" in page.url
    assert 0 < events.count() < total
    page.wait_for_selector("#ug-timeline[data-ready] canvas")
    # and by a kind, with the chapter left as it is: every event listed is of that kind
    option = page.locator("#tl-kind option").nth(1)
    kind, kind_label = option.get_attribute("value"), option.inner_text().rsplit(" (", 1)[0]
    visit.goto("/timeline")
    page.select_option("#tl-kind", kind)
    with page.expect_navigation():
        page.locator("form.filter button[type=submit]").click()
    assert f"kind={kind}" in page.url and 0 < events.count() < total
    assert set(page.locator("li.tl-event span.kind").all_inner_texts()) == {kind_label}
    page.wait_for_selector("#ug-timeline[data-ready] canvas")
    # an event links to its page
    first = events.first.locator("a").first
    label = first.inner_text()
    with page.expect_navigation():
        first.click()
    assert "/id/event/" in page.url and label in page.locator("h1").inner_text()


def test_the_map_shades_countries_and_a_click_opens_the_side_panel(visit: Visit) -> None:
    visit.goto("/map")
    page = visit.page
    page.wait_for_selector("#ug-map[data-drawn] canvas")
    assert int(page.locator("#ug-map").get_attribute("data-drawn")) > 200  # Natural Earth countries drawn
    _other_language_absent(visit)
    # a real click on the Democratic Republic of the Congo (M49 180), at the centre of its shape's bounding box
    xy = page.evaluate("""() => {
        const f = echarts.getMap('ug-world').geoJSON.features.find(f => f.id === '180');
        const pts = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flat(2);
        const xs = pts.map(p => p[0]), ys = pts.map(p => p[1]);
        const centre = [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
        return document.getElementById('ug-map').ugChart.convertToPixel({geoIndex: 0}, centre); }""")
    page.locator("#ug-map").click(position={"x": xy[0], "y": xy[1]})  # the cities are a layer of their own on top
    panel = page.locator("#map-panel")
    page.wait_for_function("() => document.querySelector('#map-panel h2 a') !== null")
    assert ("刚果民主共和国" if visit.lang == "zh" else "Congo") in panel.locator("h2").inner_text()
    assert "country=COD" in page.url  # the state has a URL to share
    assert panel.locator("a[href*='/id/organization/']").count() >= 1  # MONUSCO serves it
    assert panel.locator("a[href*='/id/activity/']").count() >= 3  # who did what there, one click away
    assert panel.locator("a[href*='/id/figure/']").count() >= 1  # the figures about it
    _shot(visit, "map")
    # the shared URL opens the same panel, drawn on the server
    visit.goto("/map?country=COD")
    assert panel.locator("a[href*='/id/organization/']").count() >= 1
    # the table gives the numbers without the picture
    assert page.locator("#map-table tbody tr").count() >= 50


def test_the_charts_draw_with_their_tables(visit: Visit) -> None:
    visit.goto("/charts")
    page = visit.page
    for view in ("resources", "kinds"):
        page.wait_for_selector(f"#ug-{view}[data-ready] canvas")
    _other_language_absent(visit)
    rows = page.locator("#resources-table tbody tr")
    assert rows.count() == 9
    assert "7,300,000,000" in rows.nth(1).inner_text()  # chapter 2: 73亿美元
    assert page.locator("#kinds-table tbody tr").count() >= 10
    _shot(visit, "charts")


def test_a_chapter_page_charts_its_indicative_resources(visit: Visit) -> None:
    visit.goto("/id/report/A-78-1/chapter/2")
    page = visit.page
    page.wait_for_selector(".chapter-resources [data-ready] canvas")
    assert "932,000,000" in page.locator(".chapter-resources table").inner_text()


QUERIES = {
    "Map": ("#defaultView:Map\nSELECT ?m49 (COUNT(DISTINCT ?b) AS ?blocks) WHERE {{ ?c a <https://schema.org/Country> ; "
            "<http://www.w3.org/2004/02/skos/core#notation> ?m49 ; <{ug}mentionedIn> ?b "
            "FILTER(DATATYPE(?m49) = <{ug}M49Code>) }} GROUP BY ?m49", "map"),
    "Timeline": ("#defaultView:Timeline\nSELECT ?photo ?date WHERE {{ ?photo a <{ug}Photo> ; <https://schema.org/dateCreated> ?date }}",
                 "timeline"),
    "BarChart": ("#defaultView:BarChart\nSELECT ?kind (COUNT(?x) AS ?n) WHERE {{ ?x a ?kind FILTER(STRSTARTS(STR(?kind), STR(<{ug}>))) }} "
                 "GROUP BY ?kind ORDER BY DESC(?n) LIMIT 15", "barchart"),
}


@pytest.mark.parametrize("view", list(QUERIES))
def test_the_query_page_chooses_the_result_view_by_default_view(visit: Visit, view: str) -> None:
    visit.goto("/sparql")
    page = visit.page
    page.wait_for_function("() => window.ungraphYasgui && window.ungraphYasgui.getTab()")
    ug = "http://127.0.0.1:8080/ontology#"  # the test build's base
    query, plugin = QUERIES[view]
    page.evaluate("q => { const tab = window.ungraphYasgui.getTab(); tab.setQuery(q); tab.query(); }", query.format(ug=ug))
    page.wait_for_selector(".ug-yasr-view[data-ready] canvas", timeout=15000)
    assert page.evaluate("window.ungraphYasgui.getTab().getYasr().getSelectedPluginName()") == plugin
    label = page.locator(f".yasr_btn.select_{plugin}").get_attribute("title")
    assert label == {"zh": {"map": "地图", "timeline": "时间线", "barchart": "条形图"},
                     "en": {"map": "Map", "timeline": "Timeline", "barchart": "Bar chart"}}[visit.lang][plugin]
    page.locator(".ug-yasr-view").scroll_into_view_if_needed()
    _shot(visit, f"sparql-{plugin}")
    if plugin == "barchart":  # a bar opens the page of its IRI on this server (not at the build's base)
        xy = page.evaluate("""() => { const el = document.querySelector('.ug-yasr-view');
            const c = echarts.getInstanceByDom(el); const d = c.getOption().series[0].data[0];
            const p = c.convertToPixel({seriesIndex: 0}, [d.value / 2, 0]);
            return [p[0], p[1]]; }""")
        with page.expect_navigation():
            page.locator(".ug-yasr-view canvas").first.click(position={"x": xy[0], "y": xy[1]})
        assert page.url.startswith(visit.server + "/ontology"), page.url


def test_the_gallery_offers_one_example_per_view(visit: Visit) -> None:
    visit.goto("/sparql")
    titles = visit.page.locator("[data-example]").all_inner_texts()
    for words in (("shown on a map", "地图显示"), ("shown on a timeline", "时间线显示"), ("shown as a bar chart", "条形图显示")):
        assert any(w in t for t in titles for w in words), titles


def test_a_gallery_example_opens_in_its_default_view(visit: Visit) -> None:
    visit.goto("/sparql")
    page = visit.page
    page.wait_for_function("() => window.ungraphYasgui && window.ungraphYasgui.getTab()")
    link = page.locator("[data-example]").filter(has_text="bar chart")
    if not link.count():
        link = page.locator("[data-example]").filter(has_text="条形图")
    link.first.click()
    page.wait_for_function("() => window.ungraphYasgui.getTab().getYasr().results !== undefined", timeout=15000)
    yasr = "window.ungraphYasgui.getTab().getYasr()"
    assert page.evaluate(f"{yasr}.getSelectedPluginName()") == "barchart"
    if page.evaluate(f"({yasr}.results.getBindings() || []).length"):  # the example answers on this server's port
        page.wait_for_selector(".ug-yasr-view[data-ready] canvas", timeout=15000)
