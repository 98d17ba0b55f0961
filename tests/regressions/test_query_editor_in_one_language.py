"""Issue 12, defect 4: the query editor's own strings were English on the Chinese query page.

The walk test reads the pages as the server sends them; YASGUI draws its interface in the
browser: the tab was "Query", the result views "Table" and "Response", the summary "20 results
in 0.06 seconds", the table's pager "Showing 1 to 20 of 20 entries", its controls "Simple view",
"Ellipse", "Page size:", the settings "Request method", "Accept Headers", and the buttons'
tooltips "Run query", "Add tab", "Download result". In Chinese they are Chinese; the query, the
results' values and the variable names are data and stay as they are.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.web.servers import ungraph_server

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is missing", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

#: Names the same in both languages (formats, methods, query forms) and YASGUI's glyphs.
NAMES = {"SPARQL", "GET", "POST", "ASK", "SELECT", "CONSTRUCT", "DESCRIBE", "Accept", "CSV", "TSV", "JSON", "XML",
         "Turtle", "TriG", "RDF", "N-Triples", "N-Quads", "Triples", "Quads", "HTTP", "image", "svg", "xml"}
#: Every visible string and tooltip of the editor, outside the query text and the results' cells and headers.
_STRINGS = """() => { const root = document.getElementById('yasgui'), out = [];
  const skip = el => el.closest('.CodeMirror, table.dataTable, .ug-yasr-view, input');
  const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT); let n;
  while ((n = w.nextNode())) { const t = n.textContent.trim(); if (t && !skip(n.parentElement)) out.push(t); }
  root.querySelectorAll('[title], [aria-label], [placeholder]').forEach(e => { if (!skip(e) || e.matches('input'))
    ['title', 'aria-label', 'placeholder'].forEach(a => { if (e.getAttribute(a)) out.push(e.getAttribute(a)); }); });
  return out; }"""


def _english(strings: list[str]) -> list[str]:
    return sorted({s for s in strings for w in re.findall(r"[A-Za-z]{2,}", s) if w not in NAMES})


def test_the_query_editor_speaks_chinese_on_the_chinese_page(built) -> None:
    with ungraph_server(Path(built.store)) as url, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        page = browser.new_context().new_page()
        page.goto(url + "lang/zh?next=/sparql")
        page.wait_for_function("() => window.ungraphYasgui && window.ungraphYasgui.getTab()")
        page.evaluate("() => window.ungraphYasgui.getTab().query()")
        page.wait_for_selector("table.dataTable tbody tr")
        page.wait_for_timeout(300)
        shown = page.evaluate(_STRINGS)
        for view in ("response", "table"):  # each result view draws its own controls
            page.locator(f".yasr_btn.select_{view}").click()
            page.wait_for_timeout(300)
            shown += page.evaluate(_STRINGS)
        browser.close()
    assert "查询" in shown and "表格" in shown
    assert not _english(shown), _english(shown)
