"""``/openapi.json`` (issue 13): an OpenAPI 3.1 description listing exactly the routes the app has."""

from __future__ import annotations

import pytest

from tests.web.sample_graph import BASE, sample_store
from ungraph.config import Settings
from ungraph.web import openapi
from ungraph.web.app import create_app

_AUTOMATIC = {"HEAD", "OPTIONS"}  # Flask adds them to every rule


@pytest.fixture(scope="module")
def app():
    return create_app(Settings(base=BASE), store=sample_store())


@pytest.fixture(scope="module")
def doc(app):
    resp = app.test_client().get("/openapi.json")
    assert resp.status_code == 200 and resp.mimetype == "application/json"
    return resp.get_json()


def test_it_lists_exactly_the_routes_and_methods_of_the_app(app, doc) -> None:
    in_app = {(openapi.openapi_path(r.rule), m.lower()) for r in app.url_map.iter_rules()
              for m in r.methods - _AUTOMATIC}
    in_doc = {(path, method) for path, item in doc["paths"].items() for method in item}
    assert in_doc == in_app


def test_path_parameters_match_the_rules(app, doc) -> None:
    for rule in app.url_map.iter_rules():
        for method, op in doc["paths"][openapi.openapi_path(rule.rule)].items():
            declared = {p["name"] for p in op["parameters"] if p["in"] == "path"}
            assert declared == set(rule.arguments) - set(rule.defaults or {}), (rule.rule, method)


def test_it_is_a_valid_openapi_3_1_document(doc) -> None:
    from schemathesis.openapi import from_dict

    assert doc["openapi"].startswith("3.1")
    assert doc["servers"][0]["url"] == "http://localhost/"
    schema = from_dict(doc)
    operations = [r.ok() for r in schema.get_all_operations()]  # raises on an invalid operation
    assert len(operations) == sum(len(item) for item in doc["paths"].values())
    for item in doc["paths"].values():
        for op in item.values():
            assert op["summary"] and op["responses"]
            for code, response in op["responses"].items():
                if code.startswith(("4", "5")):
                    assert set(response["content"]) == {"application/json", "text/html"}


def test_media_types_come_from_the_format_registry(doc) -> None:
    sparql = doc["paths"]["/sparql"]["get"]["responses"]["200"]["content"]
    for mime in ("application/sparql-results+json", "text/csv", "text/turtle", "application/n-quads", "text/html"):
        assert mime in sparql
    entity = doc["paths"]["/id/{rest}"]["get"]["responses"]["200"]["content"]
    assert {"text/html", "text/turtle", "application/ld+json", "application/rdf+xml"} <= set(entity)


def test_the_home_page_links_to_it(app) -> None:
    resp = app.test_client().get("/", headers={"Accept": "text/html"})
    assert 'rel="service-desc"' in resp.headers["Link"] and "/openapi.json" in resp.headers["Link"]
    assert 'href="/openapi.json"' in resp.get_data(as_text=True)
