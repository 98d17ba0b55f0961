"""Issue 12, defect 6: the PDF extraction's markdown leaked into labels, headings, quotes and
search results (``**85**``, list dashes "- 和平行动部"). Blocks keep their verbatim text in the
graph (for provenance: ``oa:exact`` must reproduce the source); what people read is clean.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

PAGES = ["/read/A-78-1/chapter/1", "/read/A-78-1/chapter/2", "/id/report/A-78-1/chapter/2",
         "/id/organization/DPO", "/search?q=维和人员", "/id/report/A-78-1/chapter/1/section/results/subsection/9/spotlight/1/figure/2"]


@pytest.mark.parametrize("url", PAGES)
def test_pages_show_no_markdown(client, url: str) -> None:
    resp = client.get(url, headers={"Accept": "text/html"})
    assert resp.status_code == 200
    main = BeautifulSoup(resp.get_data(as_text=True), "html.parser").select_one("main")
    assert "**" not in main.get_text()
    items = [li.get_text(" ", strip=True) for li in main.select("li, .block p, blockquote")]
    assert not [t for t in items if t.startswith("- ")]


def test_the_graph_keeps_the_verbatim_text(client, built) -> None:
    ttl = client.get("/id/report/A-78-1/chapter/1/section/results/subsection/9/spotlight/1/figure/2",
                     headers={"Accept": "application/n-triples"}).get_data(as_text=True)
    assert "**" in ttl
