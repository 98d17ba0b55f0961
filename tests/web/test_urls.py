"""IRI <-> page URL in one place."""

from __future__ import annotations

import pytest

from ungraph.namespaces import Namespaces
from ungraph.web.urls import Urls, is_local_path

NS = Namespaces("https://kg.example.org/un/")
URLS = Urls(NS.base, NS.prefixes)


@pytest.mark.parametrize(("iri", "path"), [
    ("https://kg.example.org/un/id/country/COD", "/id/country/COD"),
    ("https://kg.example.org/un/id/report/A-78-1/chapter/3", "/id/report/A-78-1/chapter/3"),
    ("https://kg.example.org/un/ontology#Chapter", "/ontology#Chapter"),
    ("http://www.wikidata.org/entity/Q974", "http://www.wikidata.org/entity/Q974"),
])
def test_page_of_an_iri(iri: str, path: str) -> None:
    assert URLS.page(iri) == path


def test_page_and_iri_are_inverse() -> None:
    iri = NS.mint("resolution", "S/RES/2282 (2016)")
    assert URLS.iri(URLS.page(iri)) == iri


def test_root_prefix_is_kept() -> None:
    assert Urls(NS.base, NS.prefixes, "/app/").page(NS.mint("organization", "UN")) == "/app/id/organization/UN"


@pytest.mark.parametrize(("iri", "curie"), [
    ("http://www.w3.org/ns/org#Post", "org:Post"), ("https://kg.example.org/un/ontology#Chapter", "ug:Chapter"),
    ("https://schema.org/Country", "schema:Country"), ("http://example.com/x", None),
])
def test_curie(iri: str, curie: str | None) -> None:
    assert URLS.curie(iri) == curie
    if curie:
        assert URLS.expand(curie) == iri


def test_class_page_and_unknown_prefix() -> None:
    assert URLS.cls("https://schema.org/Country") == "/class/schema:Country"
    assert URLS.expand("nope:x") is None and URLS.expand("http://x") is None


def test_reader_and_anchor() -> None:
    block = NS.mint("report", "A-78-1/chapter/2/section/mandates/item/3")
    assert URLS.anchor(block) == "A-78-1/chapter/2/section/mandates/item/3"
    assert URLS.reader(NS.mint("report", "A-78-1/chapter/2"), URLS.anchor(block)) == \
        "/read/A-78-1/chapter/2#A-78-1/chapter/2/section/mandates/item/3"


def test_query_urls_are_encoded() -> None:
    assert URLS.search("a&b=c") == "/search?q=a%26b%3Dc"
    assert URLS.fmt(NS.mint("organization", "UN"), "ttl") == "/id/organization/UN?format=ttl"
    assert URLS.lang("en", "/x?y=1") == "/lang/en?next=%2Fx%3Fy%3D1"


@pytest.mark.parametrize(("target", "ok"), [("/", True), ("/id/x?y=1#z", True), ("//evil.test", False),
                                            ("https://evil.test/", False), ("/\\evil.test", False), ("", False)])
def test_is_local_path(target: str, ok: bool) -> None:
    assert is_local_path(target) is ok
