"""Browser tests: the real server (``python -m ungraph serve``) driven by Debian's Chromium through Playwright.

A person's path: open the home page, search with the box (autocomplete, keyboard), open an entity,
follow a link to another, switch the language (kept across pages), read a chapter, run a query in
the query page. Screenshots of the main pages go to ``test-artifacts/`` and the entity page to
``docs/screenshot-entity.png`` (the README shows it) when UNGRAPH_UPDATE_SCREENSHOTS=1 is set.
"""

from __future__ import annotations

import os

import pytest

from tests.web.servers import ARTIFACTS, ROOT

pytestmark = pytest.mark.browser

#: Tried in order until the box suggests something (the graph grows as extractors land).
QUERIES = ("2282", "联刚稳定团", "刚果民主共和国")
EXAMPLE_QUERY = "SELECT ?s ?label WHERE { ?s <http://purl.org/dc/terms/title> ?label } LIMIT 5"

sync_api = pytest.importorskip("playwright.sync_api")


def _search_with_the_box(page) -> str:
    box = page.locator("header input[role=combobox]")
    for q in QUERIES:
        box.fill("")
        box.type(q, delay=30)
        try:
            page.wait_for_selector("#site-q-list [role=option]", timeout=3000)
        except sync_api.TimeoutError:
            continue
        return q
    pytest.fail(f"the search box suggested nothing for any of {QUERIES}")


def test_a_reader_finds_an_entity_and_follows_links(server, page) -> None:
    page.goto(server + "/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.locator("h1").inner_text()
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)

    # search with the keyboard: type, arrow down to the first suggestion, Enter
    q = _search_with_the_box(page)
    page.screenshot(path=str(ARTIFACTS / "search-autocomplete.png"))
    page.keyboard.press("ArrowDown")
    assert page.locator("header input[role=combobox]").get_attribute("aria-activedescendant") == "site-q-list-0"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/id/" in page.url
    entity_url = page.url
    assert page.locator("h1").inner_text().strip()
    page.screenshot(path=str(ARTIFACTS / "entity.png"), full_page=True)
    if os.environ.get("UNGRAPH_UPDATE_SCREENSHOTS"):  # refresh the README's picture on purpose only
        page.screenshot(path=str(ROOT / "docs" / "screenshot-entity.png"))

    # the search page for the same words
    page.goto(server + "/search?q=" + q)
    assert page.locator("ol.hits li").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "search.png"))

    # follow a link to another entity
    page.goto(entity_url)
    link = None
    for selector in ("section.group-relations a[href^='/id/']", "section.links-here a[href^='/id/']",
                     "section.facts a[href^='/id/']"):
        if page.locator(selector).count():
            link = page.locator(selector).first
            break
    assert link is not None, "the entity page links to no other entity"
    with page.expect_navigation():
        link.click()
    assert page.url != entity_url and page.locator("h1").inner_text().strip()


def test_language_switch_is_kept(server, page) -> None:
    page.goto(server + "/class/")
    zh_title = page.locator("h1").inner_text()
    with page.expect_navigation():
        page.locator("a.lang-switch").click()
    assert page.url.endswith("/class/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() != zh_title
    page.goto(server + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.screenshot(path=str(ARTIFACTS / "home-en.png"), full_page=True)
    kind = page.locator("ul.kinds-list a").first
    with page.expect_navigation():
        kind.click()
    assert page.locator("#kind-table tbody tr").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "kind.png"), full_page=True)
    with page.expect_navigation():
        page.locator("a.lang-switch").click()
    assert page.locator("html").get_attribute("lang") == "zh-Hans"


def test_reading_a_chapter(server, page) -> None:
    page.goto(server + "/")
    with page.expect_navigation():
        page.locator("ol.chapters a[href^='/read/']").nth(1).click()
    assert page.locator("article.reader .block").count() > 20
    page.screenshot(path=str(ARTIFACTS / "reader.png"))
    permalink = page.locator("article.reader .block a.permalink").nth(3)
    block = permalink.get_attribute("href")
    page.goto(server + block)
    with page.expect_navigation():
        page.locator(".actions a.button").click()
    assert page.url.endswith("#" + block.removeprefix("/id/report/"))


def test_readable_on_a_phone(server, browser) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, device_scale_factor=2)
    page = context.new_page()
    page.goto(server + "/")
    for link in ("ol.chapters a[href^='/id/']", "ul.kinds-list a"):
        page.goto(server + "/")
        with page.expect_navigation():
            page.locator(link).first.click()
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, (page.url, overflow)
    page.screenshot(path=str(ARTIFACTS / "phone.png"))
    context.close()


def test_running_a_query_in_the_query_page(server, page) -> None:
    page.goto(server + "/")
    with page.expect_navigation():
        page.locator("header nav a[href$='/sparql']").click()
    page.wait_for_load_state("networkidle")
    if page.locator(".yasqe .CodeMirror").count():
        page.evaluate("q => document.querySelector('.yasqe .CodeMirror').CodeMirror.setValue(q)", EXAMPLE_QUERY)
        page.locator(".yasqe_queryButton, button.yasqe_queryButton").first.click()
        page.wait_for_selector(".yasr table td", timeout=15000)
        cells = page.locator(".yasr table td").all_inner_texts()
    elif page.locator("textarea[name=query]").count():
        page.locator("textarea[name=query]").fill(EXAMPLE_QUERY)
        page.locator("form:has(textarea[name=query]) [type=submit]").first.click()
        page.wait_for_load_state("networkidle")
        cells = [page.locator("body").inner_text()]
    else:
        pytest.skip("the query page at /sparql has no query editor yet (neither YASGUI nor a textarea)")
    page.screenshot(path=str(ARTIFACTS / "query.png"))
    assert any(c.strip() for c in cells)
