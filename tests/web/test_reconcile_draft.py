"""``/reconcile/1.0-draft`` (issue 11, item 4): the reconciliation service in the API's 1.0 draft form,
every request and response validated against the draft's published JSON schemas (vendored in
``reconcile_schemas/1.0-draft``), and the same 20-row batch as version 0.2 against the real server.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from tests.web.servers import ungraph_server
from tests.web.test_reconcile import BATCH

SCHEMAS = Path(__file__).resolve().parent / "reconcile_schemas" / "1.0-draft"
_LOADED = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.json") if p.stem != "openapi"}
_REGISTRY = Registry().with_resources(
    (s["$id"], Resource.from_contents(s, default_specification=DRAFT7)) for s in _LOADED.values())
ROOT = "/reconcile/1.0-draft"


def valid(name: str, instance: object) -> None:
    """Validate ``instance`` against the draft's published schema ``name``."""
    Draft7Validator(_LOADED[name], registry=_REGISTRY).validate(instance)


def _query(text: str, **extra: object) -> dict[str, object]:
    return {"conditions": [{"matchType": "name", "propertyValue": text}], **extra}


def _match(client, queries: list[dict[str, object]]) -> list[list[dict[str, object]]]:
    body = {"queries": queries}
    valid("reconciliation-query-batch", body)
    r = client.post(ROOT + "/match", json=body)
    assert r.status_code == 200 and r.headers["Access-Control-Allow-Origin"] == "*", r.get_data(as_text=True)
    out = r.get_json()
    valid("reconciliation-result-batch", out)
    return [res["candidates"] for res in out["results"]]


def test_manifest_is_valid_draft(client) -> None:
    m = client.get(ROOT).get_json()
    valid("manifest", m)
    assert m["versions"] == ["1.0-draft"] and m["view"]["url"].endswith("/id/{id}")
    assert "identifierSpace" not in m and m["suggest"] == {"entity": True, "type": True, "property": True}


def test_match_gives_the_same_first_candidates_as_version_0_2(client) -> None:
    texts = ["OCHA", "联刚稳定团", "Amina J. Mohammed", "S/RES/2282 (2016)"]
    draft = _match(client, [_query(t) for t in texts])
    old = client.post("/reconcile", json={"queries": {str(i): {"query": t} for i, t in enumerate(texts)}}).get_json()
    assert [c[0]["id"] for c in draft] == [old[str(i)]["result"][0]["id"] for i in range(len(texts))]
    assert draft[0][0]["match"] is True and draft[0][0]["features"][0]["name"]


def test_type_and_limit_apply(client) -> None:
    (countries, missions) = _match(client, [_query("刚果民主共和国", type="schema:Country", limit=2),
                                            _query("刚果民主共和国", type="ug:PeaceOperation")])
    assert countries[0]["id"] == "country/COD" and len(countries) <= 2
    assert all(c["id"].startswith("organization/") for c in missions)


def test_an_id_condition_is_a_certain_match(client) -> None:
    (cands,) = _match(client, [{"conditions": [{"matchType": "id", "propertyValue": "organization/OCHA"},
                                               {"matchType": "name", "propertyValue": "人道协调厅"}]}])
    assert cands[0]["id"] == "organization/OCHA" and cands[0]["match"] is True
    assert [c["id"] for c in cands].count("organization/OCHA") == 1


def test_a_required_property_condition_drops_who_misses_it(client) -> None:
    cond = {"matchType": "property", "propertyId": "ug:servesArea", "propertyValue": {"id": "country/COD"}}
    name_ = {"matchType": "name", "propertyValue": "刚果民主共和国"}
    (loose, strict) = _match(client, [{"conditions": [name_, cond]}, {"conditions": [name_, {**cond, "required": True}]}])
    assert strict and len(strict) < len(loose) and strict[0]["id"] == "organization/MONUSCO"
    assert all(f["value"] is True for c in strict for f in c["features"] if f["id"] == "ug:servesArea")


@pytest.mark.parametrize("body", [None, {"queries": {"a": {}}}, {"queries": [{"conditions": []}]},
                                  {"queries": [{"conditions": [{"matchType": "nope", "propertyValue": "x"}]}]},
                                  {"queries": [{"conditions": [{"matchType": "property", "propertyValue": "x"}]}]}])
def test_bad_batches_are_a_400_with_the_error_shape(client, body: object) -> None:
    r = client.post(ROOT + "/match", data="not json") if body is None else client.post(ROOT + "/match", json=body)
    assert r.status_code == 400 and r.get_json()["ok"] is False and r.get_json()["error"]


def test_suggest_extend_propose_and_preview(client) -> None:
    ent = client.get(ROOT + "/suggest/entity", query_string={"prefix": "MONUSCO", "limit": 3}).get_json()
    valid("suggest-entities-response", ent)
    assert ent["result"][0]["id"] == "organization/MONUSCO" and len(ent["result"]) <= 3
    valid("suggest-types-response", client.get(ROOT + "/suggest/type", query_string={"prefix": "peace"}).get_json())
    valid("suggest-properties-response", client.get(ROOT + "/suggest/property", query_string={"prefix": "English"}).get_json())
    prop = client.get(ROOT + "/extend/propose", query_string={"type": "ug:UNBody", "limit": 5}).get_json()
    valid("data-extension-property-proposal", prop)
    query = {"ids": ["organization/OCHA", "resolution/S-RES-2282-2016"], "properties": [{"id": "name_en"}, {"id": "identifiers"}]}
    valid("data-extension-query", query)
    ext = client.post(ROOT + "/extend", json=query).get_json()
    valid("data-extension-response", ext)
    rows = {row["id"]: {p["id"]: p["values"] for p in row["properties"]} for row in ext["rows"]}
    assert rows["resolution/S-RES-2282-2016"]["name_en"] == [{"str": "Security Council resolution 2282 (2016)"}]
    r = client.get(ROOT + "/preview", query_string={"id": "organization/MONUSCO"})
    assert r.status_code == 200 and "<mark>" in r.get_data(as_text=True)


@pytest.mark.slow
@pytest.mark.server
def test_real_batch_of_20_rows_finds_at_least_18_first(built) -> None:
    """The 0.2 test's 20-row sheet, sent as a 1.0-draft client sends it, to the real server."""
    with ungraph_server(Path(built.store), env={"UNGRAPH_BASE": built.base}) as root:
        valid("manifest", httpx.get(root + "reconcile/1.0-draft", timeout=30).json())
        body = {"queries": [_query(q) for q, _want in BATCH]}
        valid("reconciliation-query-batch", body)
        out = httpx.post(root + "reconcile/1.0-draft/match", json=body, timeout=60).json()
        valid("reconciliation-result-batch", out)
        right = [want for (_q, want), res in zip(BATCH, out["results"]) if res["candidates"] and res["candidates"][0]["id"] == want]
        assert len(right) >= 18, f"only {len(right)} of {len(BATCH)} right first"


@pytest.mark.parametrize("route", ["/match", "/extend"])
def test_get_at_a_post_route_is_a_405_naming_post(client, route: str) -> None:
    r = client.get(ROOT + route)
    assert r.status_code == 405 and r.headers["Allow"] == "POST" and "POST" in r.get_json()["error"]
