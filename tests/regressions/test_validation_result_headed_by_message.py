"""Issue 12, defect 5 (a validation result: its message): validation result pages were headed by a key.

``/validation/result/fd42…`` was headed "validation/result/fd42c20f81ee3d7d", its report was
linked as "validation/report", its shape as "ugs:TreatyShape-prefLabel", its severity and constraint component showed as raw SHACL IRIs
(``www.w3.org/ns/shacl#Warning``) and "source constraint component" was English on the
Chinese page. A result is named by its message in the interface language, the report by a
generated name (a property shape: its shape and path, "条约 · 首选名称"), and the SHACL terms by
their labels.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

_RESULTS = """PREFIX sh: <http://www.w3.org/ns/shacl#>
SELECT ?r ?m WHERE { GRAPH ?g { ?r a sh:ValidationResult ; sh:resultMessage ?m FILTER(LANG(?m) = ?lang) } } ORDER BY ?r"""


def _result(client, lang: str) -> tuple[str, str]:
    resp = client.post("/sparql", data={"query": _RESULTS.replace("?lang", f'"{lang}"')},
                       headers={"Accept": "application/sparql-results+json"})
    row = resp.get_json()["results"]["bindings"][0]
    return row["r"]["value"], row["m"]["value"]


def _soup(client, path: str, lang: str) -> BeautifulSoup:
    client.set_cookie("lang", lang)
    resp = client.get(path, headers={"Accept": "text/html"})
    assert resp.status_code == 200, path
    return BeautifulSoup(resp.get_data(as_text=True), "html.parser")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_validation_result_is_headed_by_its_message(client, built, lang: str) -> None:
    iri, message = _result(client, lang)
    soup = _soup(client, iri[len(built.base) - 1:], lang)
    heading = soup.select_one("h1").get_text(strip=True)
    assert heading == message and not heading.startswith("validation/")
    links = [a.get_text(strip=True) for a in soup.select("main a")]
    assert not [t for t in links if t.startswith(("validation/", "www.w3.org/ns/shacl#", "ugs:"))], links


def test_the_severity_and_component_are_named_in_the_page_language(client, built) -> None:
    iri, _ = _result(client, "zh")
    soup = _soup(client, iri[len(built.base) - 1:], "zh")
    terms = [dt.get_text(strip=True) for dt in soup.select("section.facts dt")]
    assert "source constraint component" not in terms and "严重性" in terms
    assert "警告" in soup.get_text() or "违规" in soup.get_text() or "提示" in soup.get_text()
