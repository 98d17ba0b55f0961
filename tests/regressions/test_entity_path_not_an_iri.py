"""Issue 13: ``GET /id/person/<script>alert(1)</script>`` answered 500 (``ValueError: Invalid IRI code
point '<'`` from ``queries.describe``). An entity path that is not a valid IRI is a 404, in every
format, and the page never echoes the markup unescaped."""

from __future__ import annotations

import pytest

from tests.web.sample_graph import BASE, sample_store
from ungraph.config import Settings
from ungraph.web.app import create_app


@pytest.fixture(scope="module")
def web():
    return create_app(Settings(base=BASE), store=sample_store()).test_client()


@pytest.mark.parametrize("path", ["/id/person/<script>alert(1)</script>", "/id/org/a b", '/id/x/"q"', "/id/{x}",
                                  "/graph/<x>", "/id/org/MONUSCO%3E"])
@pytest.mark.parametrize("accept", ["text/html", "text/turtle", "application/ld+json", "*/*"])
def test_a_path_that_is_not_an_iri_is_404(web, path: str, accept: str) -> None:
    resp = web.get(path, headers={"Accept": accept})
    assert resp.status_code == 404, (path, accept, resp.status_code)
    assert "<script>alert(1)</script>" not in resp.get_data(as_text=True)
