"""Issue 12, defect 4: no interface string of the other language on any page.

English fact labels showed on Chinese pages (creator, content location, copyright holder,
caption, head of, start date, "Data set", ...) and Chinese on English ones. This walks the pages
of the real build in both languages, following links (a few pages per route shape), and fails on
a string of the other language outside data values. Data values (names, the report's sentences,
codes) are marked ``translate="no"`` (and carry their own ``lang``), which is also what tells a
browser's translator to leave them alone.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup

CJK = re.compile(r"[\u3400-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
#: Names of formats, standards and tools: the same in both languages.
NAMES = {"SPARQL", "RDF", "XML", "Turtle", "JSON", "LD", "Triples", "Quads", "TriG", "IRI", "OWL", "SHACL", "VoID",
         "DCAT", "YASGUI", "pyLODE", "CSV", "TSV", "HTML", "API", "ISO", "GeoNames", "Wikidata", "undocs", "org",
         "UN", "RES", "HRC", "CC", "BY", "SHA", "SKOS", "PROV", "ORG", "ungraph", "Accept", "LOAD", "SERVICE",
         "SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "JSON-LD"}
_VERBATIM = {"code", "pre", "script", "style", "textarea", "kbd", "samp", "var"}
START = ["/", "/class/", "/read/A-78-1", "/read/A-78-1/chapter/2", "/search?q=联合国", "/search?q=维和", "/sparql", "/validation",
         "/ontology", "/shapes", "/.well-known/void", "/id/organization/UNDP", "/id/country/UKR",
         "/id/person/an-dong-ni-ao-gu-te-lei-si", "/id/resolution/S-RES-2282-2016", "/id/report/A-78-1/chapter/1",
         # the views (issue 12, "Views people expect"), filtered and selected as their own links do
         "/timeline", "/timeline?kind=ConferenceEvent", "/timeline?chapter=2", "/map", "/map?country=COD", "/charts",
         "/id/report/A-78-1/chapter/2", "/validation/report"]
#: One validation result's page of each shape of result (found by query: their keys are hashes).
_RESULTS = """PREFIX sh: <http://www.w3.org/ns/shacl#>
SELECT (MIN(STR(?r)) AS ?one) WHERE { GRAPH ?g { ?r a sh:ValidationResult ; sh:sourceShape ?shape } } GROUP BY ?shape"""
PAGES_PER_SHAPE = 3
MOST_PAGES = 300


def _nearest(parents: list, attr: str) -> str | None:
    return next((p.get(attr) for p in parents if hasattr(p, "get") and p.get(attr) is not None), None)


def _interface_strings(soup: BeautifulSoup) -> list[str]:
    """Text the interface says in the page's language: not verbatim code, not a data value
    (``translate="no"``, the nearest such attribute deciding), not marked as another language."""
    page_lang = (soup.html.get("lang") if soup.html else "") or ""
    out = []
    for s in (soup.body or soup).find_all(string=True):
        parents = list(s.parents)
        if any(p.name in _VERBATIM for p in parents) or _nearest(parents, "translate") == "no":
            continue
        if (_nearest(parents, "lang") or page_lang).split("-")[0] != page_lang.split("-")[0]:
            continue
        if s.strip():
            out.append(s.strip())
    return out


def _foreign(text: str, lang: str) -> bool:
    if lang == "en":
        return bool(CJK.search(text))
    return any(w not in NAMES for w in LATIN_WORD.findall(text))


def _validation_results(client, base: str) -> list[str]:
    rows = client.post("/sparql", data={"query": _RESULTS},
                       headers={"Accept": "application/sparql-results+json"}).get_json()["results"]["bindings"]
    return sorted("/" + r["one"]["value"][len(base):] for r in rows)


def _walk(client, lang: str, extra: list[str]) -> dict[str, list[str]]:
    client.set_cookie("lang", lang)
    seen: set[str] = set()
    shapes: Counter[str] = Counter()
    todo, bad = [*START, *extra], {}
    while todo and len(seen) < MOST_PAGES:
        url = todo.pop(0)
        if url in seen:
            continue
        seen.add(url)
        resp = client.get(url, headers={"Accept": "text/html"})
        if resp.status_code != 200 or resp.mimetype != "text/html":
            continue
        soup = BeautifulSoup(resp.get_data(as_text=True), "html.parser")
        found = [t for t in _interface_strings(soup) if _foreign(t, lang)]
        if found:
            bad[url] = found
        for a in soup.find_all("a", href=True):
            href = a["href"]
            if not href.startswith("/") or href.startswith(("/download", "/lang", "/static")) or "format=" in href:
                continue
            shape = re.sub(r"/[^/?]*(\?.*)?$", "", href)
            if shapes[shape] < PAGES_PER_SHAPE:
                shapes[shape] += 1
                todo.append(href)
    return bad


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_interface_string_of_the_other_language(client, built, lang: str) -> None:
    results = _validation_results(client, built.base)
    assert results, "no validation result to walk"
    bad = _walk(client, lang, results)
    report = "\n".join(f"{url}: {strings[:5]}" for url, strings in sorted(bad.items())[:30])
    assert not bad, f"{len(bad)} pages show strings of the other language:\n{report}"
