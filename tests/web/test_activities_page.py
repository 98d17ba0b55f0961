"""Entity pages list the activities their entity takes part in, each with its sentence (real build, HTML parsed).

By reading the report: Afghanistan is the place of, among others, "联合国及其合作伙伴继续在阿富汗提供支助。"
(chapter 5) and of WFP's shipments under the Black Sea Initiative (introduction, spotlight 4); the
body page of WFP and the page of the initiative list that shipment too.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup


def _page(client, path: str, lang: str = "zh") -> BeautifulSoup:
    client.set_cookie("lang", lang)
    resp = client.get(path, headers={"Accept": "text/html"})
    assert resp.status_code == 200, path
    return BeautifulSoup(resp.get_data(as_text=True), "html.parser")


def _activities(soup: BeautifulSoup) -> list:
    section = soup.find("section", class_="activities")
    assert section is not None, "no activities section"
    return section.find_all("li", class_="activity")


def test_country_page_lists_its_activities_with_their_sentences(client):
    items = _activities(_page(client, "/id/country/AFG"))
    sentences = [" ".join(li.find("blockquote").get_text(" ", strip=True).split()) for li in items]
    assert any("联合国及其合作伙伴继续在" in s and "提供支助" in s for s in sentences)
    assert any("粮食署已根据该倡议运送了" in s for s in sentences)
    wfp = next(li for li in items if "粮食署已根据该倡议运送了" in li.find("blockquote").get_text())
    assert "/id/organization/WFP" in [a["href"] for a in wfp.select(".agents a")]
    assert wfp.find("mark").get_text() == "阿富汗"  # the page's own entity is marked in the sentence
    assert wfp.select_one(".action a").get_text() == "运送"
    assert wfp.find("a", class_="to-reader")["href"].startswith("/read/A-78-1/introduction")


@pytest.mark.parametrize("path", [
    "/id/organization/WFP",
    "/id/event/hei-hai-chang-yi-2022",
])
def test_body_and_initiative_pages_list_the_shipment(client, path):
    items = _activities(_page(client, path, "en"))
    line = next(li for li in items if "655 000" in li.find("blockquote").get_text())
    places = {a["href"].rsplit("/", 1)[-1] for a in line.select(".places a")}
    assert places == {"AFG", "ETH", "KEN", "SOM", "SDN", "YEM"}
    assert line.select_one(".action a").get_text() == "deliver or ship"


def test_activity_page_names_its_parts(client):
    soup = _page(client, "/id/activity/A-78-1-chapter-5-section-results-paragraph-10-s2", "en")
    assert soup.find("h1").get_text(strip=True).startswith("United Nations Development Programme")
    assert "从油轮上移走" in soup.find("section", class_="mentions").get_text()


@pytest.mark.parametrize("path", ["/id/country/CHN", "/id/report/A-78-1/chapter/2"])
def test_pages_without_activities_have_no_section(client, path):
    resp = client.get(path, headers={"Accept": "text/html"})
    if resp.status_code == 200:
        assert BeautifulSoup(resp.get_data(as_text=True), "html.parser").find("section", class_="activities") is None
