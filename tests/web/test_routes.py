"""The routing table (``ungraph.web.app.routes``): every route reaches its own view, the catch-all
takes only what no route claims, and a mistyped path is a 404, never someone else's page."""

from __future__ import annotations

import pytest

from tests.web.sample_graph import BASE, sample_store
from ungraph.config import Settings
from ungraph.web.app import create_app, routes


@pytest.fixture(scope="module")
def app():
    return create_app(Settings(base=BASE), store=sample_store())


ROUTES = [
    ("/", "pages.home"), ("/lang/en", "pages.switch_lang"), ("/health", "health.health"), ("/openapi.json", "openapi.openapi_document"),
    ("/context.jsonld", "documents.context_document"), ("/sparql", "sparql.endpoint"),
    ("/.well-known/void", "sparql_page.well_known_void"), ("/validation", "validation.validation"),
    ("/download/", "download.index"), ("/download/ungraph.nq", "download.download"), ("/class/", "browse.kinds"),
    ("/class/ug:PeaceOperation", "browse.kind"), ("/read/A-78-1", "reader.read"), ("/search", "search.page"),
    ("/api/search", "search.api"), ("/id/organization/MONUSCO", "resource.entity"), ("/ontology", "resource.vocabulary"),
    ("/shapes", "resource.vocabulary"), ("/static/app.css", "static"),
    ("/timeline", "views.timeline_page"), ("/api/timeline", "views.timeline_api"), ("/map", "views.map_page"),
    ("/api/map", "views.map_api"), ("/charts", "views.charts_page"), ("/api/charts", "views.charts_api"),
    ("/reconcile", "reconcile.service"), ("/reconcile/preview", "reconcile.preview"),
    ("/reconcile/properties", "reconcile.propose_properties"), ("/reconcile/suggest/entity", "reconcile.suggest_entity"),
    ("/reconcile/suggest/property", "reconcile.suggest_property"), ("/reconcile/suggest/type", "reconcile.suggest_type"),
    ("/reconcile/1.0-draft", "recon_draft.manifest"), ("/reconcile/1.0-draft/match", "recon_draft.match"),
    ("/reconcile/1.0-draft/extend", "recon_draft.extend"), ("/reconcile/1.0-draft/extend/propose", "recon_draft.propose"),
    ("/reconcile/1.0-draft/suggest/entity", "recon_draft.suggest_entity"),
    ("/reconcile/1.0-draft/suggest/type", "recon_draft.suggest_type"),
    ("/reconcile/1.0-draft/suggest/property", "recon_draft.suggest_property"),
    ("/reconcile/1.0-draft/preview", "recon_draft.preview"),
    ("/graph/report", "resource.other"), ("/valdation", "resource.other"), ("/sparql/x", "resource.other"),
]


@pytest.mark.parametrize(("path", "endpoint"), ROUTES)
def test_each_path_reaches_its_view(app, path: str, endpoint: str) -> None:
    assert app.url_map.bind("localhost").match(path)[0] == endpoint


def test_every_rule_of_the_app_is_in_the_table(app) -> None:
    assert {r.endpoint for r in app.url_map.iter_rules()} == {e for _, e in ROUTES}
    assert [b.name for b in routes()][-1] == "resource"  # the catch-all's blueprint comes last


@pytest.mark.parametrize("path", ["/valdation", "/sparql/x", "/id", "/classes/"])
def test_a_mistyped_path_is_a_404(app, path: str) -> None:
    assert app.test_client().get(path, headers={"Accept": "application/json"}).status_code == 404
