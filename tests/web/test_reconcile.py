"""``/reconcile`` (issue 11, item 4): the W3C Reconciliation Service API 0.2, every response validated
against the published JSON schemas (vendored in ``reconcile_schemas/0.2``, W3C Software and Document
License), and a real 20-row matching batch against the real server.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from tests.web.servers import ungraph_server

SCHEMAS = Path(__file__).resolve().parent / "reconcile_schemas" / "0.2"
_LOADED = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.json") if p.stem != "openapi"}
_REGISTRY = Registry().with_resources(
    (s["$id"], Resource.from_contents(s, default_specification=DRAFT7)) for s in _LOADED.values())


def valid(name: str, instance: object) -> None:
    """Validate ``instance`` against the published schema ``name`` (raises with the schema's message)."""
    Draft7Validator(_LOADED[name], registry=_REGISTRY).validate(instance)


#: (query as a user types it, the entity it must find first)
BATCH: list[tuple[str, str]] = [
    ("人道主义事务 协调厅", "organization/OCHA"),            # Chinese with a PDF space
    ("人道协调厅", "organization/OCHA"),                    # Chinese abbreviation
    ("OCHA", "organization/OCHA"),                         # English abbreviation
    ("联刚稳定团", "organization/MONUSCO"),
    ("MONUSCO", "organization/MONUSCO"),
    ("阿明娜 · 穆罕默德", "person/a-ming-na-mu-han-mo-de"),   # spaces around the "·" as printed
    ("阿米娜·穆罕默德", "person/a-ming-na-mu-han-mo-de"),     # the other spelling of the report
    ("Amina J. Mohammed", "person/a-ming-na-mu-han-mo-de"),
    ("安东尼奥·古特雷斯", "person/an-dong-ni-ao-gu-te-lei-si"),
    ("António Guterres", "person/an-dong-ni-ao-gu-te-lei-si"),
    ("S/RES/2282 (2016)", "resolution/S-RES-2282-2016"),   # a symbol
    ("A/RES/70/1", "resolution/A-RES-70-1"),
    ("安全理事会第2282(2016)号决议", "resolution/S-RES-2282-2016"),
    ("General Assembly resolution 70/1", "resolution/A-RES-70-1"),
    ("联合国 开发计划署", "organization/UNDP"),
    ("Turkey", "country/TUR"),                             # an English alias
    ("刚果民主共和国", "country/COD"),
    ("Jean-Pierre Lacroix", "person/rang-pi-ai-er-la-ke-lu-wa"),
    ("Department of Peace Operations", "organization/DPO"),
    ("常务副秘书长", "post/chang-wu-fu-mi-shu-zhang"),
]


def _batch() -> dict[str, dict[str, object]]:
    return {f"q{i}": {"query": q} for i, (q, _want) in enumerate(BATCH)}


# --- the protocol, on the test client ----------------------------------------------------------

def test_manifest_is_valid_and_complete(client) -> None:
    r = client.get("/reconcile")
    assert r.status_code == 200 and r.headers["Access-Control-Allow-Origin"] == "*"
    m = r.get_json()
    valid("manifest", m)
    assert m["versions"] == ["0.2"] and m["identifierSpace"].endswith("/id/") and m["schemaSpace"].endswith("/ontology#")
    assert {t["id"] for t in m["defaultTypes"]} >= {"ug:UNBody", "ug:PeaceOperation", "foaf:Person", "org:Post",
                                                     "ug:Resolution", "schema:Country"}
    assert set(m["suggest"]) == {"entity", "type", "property"} and "{{id}}" in m["preview"]["url"]


def test_jsonp_callback(client) -> None:
    r = client.get("/reconcile?callback=cb")
    assert r.mimetype == "application/javascript" and r.get_data(as_text=True).startswith("cb({")


@pytest.mark.parametrize("method", ["get", "post"])
def test_queries_by_get_and_post_are_valid(client, method: str) -> None:
    batch = {"a": {"query": "OCHA"}, "b": {"query": "联刚稳定团", "type": "ug:PeaceOperation", "limit": 3}}
    valid("reconciliation-query-batch", batch)
    data = {"queries": json.dumps(batch, ensure_ascii=False)}
    r = client.get("/reconcile", query_string=data) if method == "get" else client.post("/reconcile", data=data)
    assert r.status_code == 200
    out = r.get_json()
    valid("reconciliation-result-batch", out)
    assert out["a"]["result"][0]["id"] == "organization/OCHA" and out["a"]["result"][0]["match"] is True
    assert out["b"]["result"][0]["id"] == "organization/MONUSCO"


def test_a_json_body_is_accepted(client) -> None:
    r = client.post("/reconcile", json={"queries": {"a": {"query": "UNDP"}}})
    valid("reconciliation-result-batch", r.get_json())
    assert r.get_json()["a"]["result"][0]["id"] == "organization/UNDP"


def test_type_filter_excludes_other_kinds(client) -> None:
    batch = {"a": {"query": "刚果民主共和国", "type": "schema:Country"},
             "b": {"query": "刚果民主共和国", "type": ["ug:PeaceOperation"]}}
    out = client.post("/reconcile", data={"queries": json.dumps(batch)}).get_json()
    valid("reconciliation-result-batch", out)
    assert {r["id"] for r in out["a"]["result"]} == {"country/COD"}
    assert all(r["id"].startswith("organization/") for r in out["b"]["result"])
    assert all(not r["match"] for r in out["b"]["result"]), "no peace operation is called exactly that"


def test_property_conditions_rescore(client) -> None:
    batch = {"a": {"query": "刚果民主共和国", "properties": [{"pid": "ug:servesArea", "v": "country/COD"}],
                   "type": "ug:PeaceOperation"},
             "b": {"query": "", "properties": [{"pid": "ug:servesArea", "v": {"id": "country/COD"}}]}}
    valid("reconciliation-query-batch", batch)
    out = client.post("/reconcile", data={"queries": json.dumps(batch)}).get_json()
    valid("reconciliation-result-batch", out)
    assert out["a"]["result"][0]["id"] == "organization/MONUSCO"
    assert any(f["id"] == "ug:servesArea" and f["value"] is True for f in out["a"]["result"][0]["features"])
    assert "organization/MONUSCO" in {r["id"] for r in out["b"]["result"]}


def test_exact_label_first_with_scores_in_order(client) -> None:
    out = client.post("/reconcile", data={"queries": json.dumps({"a": {"query": "Security Council", "limit": 5}})}).get_json()
    results = out["a"]["result"]
    assert results[0]["id"] == "organization/UNSC" and results[0]["score"] == 100 and results[0]["match"]
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)
    assert not any(r["match"] for r in results[1:])


@pytest.mark.parametrize("body", ["queries=not json", "queries=[1,2]", 'queries={"a": {"query": "x", "type": "nope:Nope"}}',
                                  'extend={"ids": "x"}'])
def test_bad_input_is_a_400_with_the_error_shape(client, body: str) -> None:
    name, _, value = body.partition("=")
    r = client.post("/reconcile", data={name: value})
    assert r.status_code == 400 and r.get_json()["ok"] is False


def test_suggest_entity_type_property(client) -> None:
    e = client.get("/reconcile/suggest/entity?prefix=MONU").get_json()
    valid("suggest-entities-response", e)
    assert e["result"][0]["id"] == "organization/MONUSCO"
    t = client.get("/reconcile/suggest/type?prefix=peace").get_json()
    valid("suggest-types-response", t)
    assert "ug:PeaceOperation" in {x["id"] for x in t["result"]}
    p = client.get("/reconcile/suggest/property?prefix=wiki").get_json()
    valid("suggest-properties-response", p)
    assert "wikidata" in {x["id"] for x in p["result"]}


def test_property_proposals(client) -> None:
    out = client.get("/reconcile/properties?type=ug:UNBody&limit=5").get_json()
    valid("data-extension-property-proposal", out)
    assert len(out["properties"]) == 5


def test_data_extension(client) -> None:
    query = {"ids": ["organization/OCHA", "resolution/S-RES-2282-2016", "country/COD"],
             "properties": [{"id": p} for p in ("name_en", "kind", "parent", "codes", "identifiers", "wikidata")]}
    valid("data-extension-query", query)
    out = client.post("/reconcile", data={"extend": json.dumps(query)}).get_json()
    valid("data-extension-response", out)
    ocha = out["rows"]["organization/OCHA"]
    assert ocha["name_en"] == [{"str": "Office for the Coordination of Humanitarian Affairs"}]
    assert ocha["parent"][0]["id"] == "organization/UN-Secretariat"
    assert {"str": "Q1065854"} in ocha["wikidata"]
    res = out["rows"]["resolution/S-RES-2282-2016"]
    assert res["name_en"] == [{"str": "Security Council resolution 2282 (2016)"}]
    assert {"str": "https://undocs.org/S/RES/2282(2016)"} in res["identifiers"]
    assert res["parent"][0]["id"] == "organization/UNSC"


def test_preview_shows_the_entity_and_its_sentence(client) -> None:
    r = client.get("/reconcile/preview?id=organization/MONUSCO")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "United Nations Organization Stabilization Mission" in html and "<mark>" in html
    assert client.get("/reconcile/preview?id=organization/Nope").status_code == 404


def test_match_is_false_when_two_candidates_share_the_exact_label() -> None:
    from ungraph.config import Settings
    from ungraph.web.app import create_app

    base = "http://127.0.0.1:8080/"
    store, g = ox.Store(), ox.NamedNode(base + "graph/reference")
    for key in ("a", "b"):
        s = ox.NamedNode(f"{base}id/organization/{key}")
        store.add(ox.Quad(s, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                          ox.NamedNode("http://www.w3.org/ns/org#Organization"), g))
        store.add(ox.Quad(s, ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"), ox.Literal("Same Name", language="en"), g))
    client = create_app(Settings(base=base), store).test_client()
    out = client.post("/reconcile", data={"queries": json.dumps({"q": {"query": "same name"}})}).get_json()
    valid("reconciliation-result-batch", out)
    assert [r["score"] for r in out["q"]["result"]] == [100, 100]
    assert not any(r["match"] for r in out["q"]["result"])


# --- a real batch against the real server -----------------------------------------------------

@pytest.mark.slow
@pytest.mark.server
def test_real_batch_of_20_rows_finds_at_least_18_first(built) -> None:
    """What OpenRefine sends for a 20-row column (mixed Chinese, English, abbreviations, symbols)."""
    with ungraph_server(Path(built.store), env={"UNGRAPH_BASE": built.base}) as root:
        manifest = httpx.get(root + "reconcile", timeout=30).json()
        valid("manifest", manifest)
        r = httpx.post(root + "reconcile", data={"queries": json.dumps(_batch(), ensure_ascii=False)}, timeout=60)
        assert r.status_code == 200
        out = r.json()
        valid("reconciliation-result-batch", out)
        right = [want for i, (_q, want) in enumerate(BATCH) if out[f"q{i}"]["result"] and out[f"q{i}"]["result"][0]["id"] == want]
        wrong = [(q, out[f"q{i}"]["result"][:1]) for i, (q, want) in enumerate(BATCH) if want not in right]
        assert len(right) >= 18, f"only {len(right)} of {len(BATCH)} right first: {wrong}"
        ids = [out[f"q{i}"]["result"][0]["id"] for i in range(len(BATCH))]
        ext = httpx.post(root + "reconcile", data={"extend": json.dumps(
            {"ids": ids, "properties": [{"id": "name_en"}, {"id": "identifiers"}]})}, timeout=60)
        valid("data-extension-response", ext.json())
        preview = httpx.get(root + "reconcile/preview", params={"id": ids[0]}, timeout=30)
        assert preview.status_code == 200 and "<mark>" in preview.text
