"""English mode in a real browser (issue 11, item 1): the home page, a chapter, the Secretary-General's
page, a resolution's and a mission's page show English names; the Chinese a page falls back to is
marked with its language. Screenshots go to ``test-artifacts/`` and, with UNGRAPH_UPDATE_SCREENSHOTS=1,
to ``docs/screenshot-en-*.png`` (the README shows them).
"""

from __future__ import annotations

import os
import re

import pytest

from tests.web.servers import ARTIFACTS, ROOT

pytestmark = pytest.mark.browser

PAGES = [
    ("home", "/", "A/78/1"),
    ("chapter", "/id/report/A-78-1/chapter/2", "Maintenance of international peace and security"),
    ("secretary-general", "/id/person/an-dong-ni-ao-gu-te-lei-si", "António Guterres"),
    ("resolution", "/id/resolution/S-RES-2282-2016", "Security Council resolution 2282 (2016)"),
    ("mission", "/id/organization/MONUSCO", "United Nations Organization Stabilization Mission"),
]
_HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(("name", "path", "title"), PAGES, ids=[p[0] for p in PAGES])
def test_english_mode_shows_english_names(server, page, name: str, path: str, title: str) -> None:
    page.goto(server + "/lang/en?next=" + path)
    assert page.locator("html").get_attribute("lang") == "en"
    h1 = page.locator("h1").first.inner_text()
    assert title in h1 and not _HAN.search(h1), h1
    # every link shown by a Chinese name in English mode is marked as Chinese
    for link in page.locator("main a").all()[:300]:
        text = link.inner_text()
        if _HAN.search(text) and not link.evaluate("e => !!e.closest('[lang^=zh]')"):
            raise AssertionError(f"{path}: Chinese link text {text!r} without lang=zh")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"en-{name}.png"), full_page=False)
    if os.environ.get("UNGRAPH_UPDATE_SCREENSHOTS") == "1":
        page.screenshot(path=str(ROOT / "docs" / f"screenshot-en-{name}.png"))


def test_the_secretary_generals_post_is_named_in_english(server, page) -> None:
    page.goto(server + "/lang/en?next=/id/person/an-dong-ni-ao-gu-te-lei-si")
    holds = page.locator("main a", has_text="Secretary-General")
    assert holds.count() >= 1
    unmarked = [a.inner_text() for a in page.locator("main a", has_text="秘书长").all()
                if not a.evaluate("e => !!e.closest('[lang^=zh]')")]
    assert not unmarked, f"Chinese post names shown as English: {unmarked}"
