"""Issue 12, defect 5: pages showed raw keys and hashes instead of names.

Photo pages were headed "photo/A-78-1-chapter-4-caption-1", "what links here" listed annotation
and statement keys, every page said "derived from sha256:…", and datatypes showed as
``ontology#M49Code``. Every node a page shows must have a human label or a generated one.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

KEY = re.compile(r"^(photo|annotation|statement|report|figure|amount)/|^sha256:|ontology#|shapes#")
PAGES = ["/id/photo/A-78-1-chapter-4-section-results-subsection-1-caption-1", "/id/person/an-dong-ni-ao-gu-te-lei-si",
         "/id/organization/lian-he-guo-tu-ku", "/id/country/PRT", "/id/country/UKR", "/id/report/A-78-1/chapter/1",
         "/id/organization/UNDP"]


def _soup(client, url: str, lang: str = "zh") -> BeautifulSoup:
    client.set_cookie("lang", lang)
    resp = client.get(url, headers={"Accept": "text/html"})
    assert resp.status_code == 200, url
    return BeautifulSoup(resp.get_data(as_text=True), "html.parser")


def test_a_photo_is_headed_by_its_caption(client) -> None:
    soup = _soup(client, PAGES[0])
    heading = soup.select_one("h1").get_text(strip=True)
    assert not heading.startswith("photo/") and re.search(r"[\u4e00-\u9fff]", heading)


def test_no_page_shows_a_key_a_hash_or_a_raw_datatype(client) -> None:
    for url in PAGES:
        for lang in ("zh", "en"):
            soup = _soup(client, url, lang)
            texts = [a.get_text(strip=True) for a in soup.select("main a")] + \
                    [s.get_text(strip=True) for s in soup.select("main .datatype, main h1")]
            shown = [t for t in texts if KEY.search(t)]
            assert not shown, (url, lang, shown[:5])
