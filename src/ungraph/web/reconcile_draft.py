"""``/reconcile/1.0-draft``: the same reconciliation service in the W3C API's 1.0 draft form.

The 1.0 draft (``reconciliation-api/specs``, ``1.0-draft/``) keeps the model of version 0.2 and
changes its wire form; this module translates and leaves matching, scoring, extension and preview
to :mod:`ungraph.web.reconcile`, so both versions give the same candidates in the same order:

* ``GET /reconcile/1.0-draft``: the manifest (``versions: ["1.0-draft"]``, view template, default
  types, ``suggest``/``preview``/``extend`` as flags and sizes; no identifierSpace, no JSONP);
* ``POST /reconcile/1.0-draft/match`` with a JSON body ``{"queries": [...]}``: each query's
  ``conditions`` (``matchType`` ``name``, ``id`` or ``property`` with ``propertyId``; ``required``
  drops the candidates that miss the condition), ``type``, ``limit``; the answer is
  ``{"results": [{"candidates": [...]}]}`` in the order of the queries;
* ``POST /reconcile/1.0-draft/extend`` (``{"ids", "properties"}`` -> ``meta`` and ``rows`` as lists),
  ``GET /reconcile/1.0-draft/extend/propose?type=&limit=``;
* ``GET /reconcile/1.0-draft/suggest/{entity,type,property}?prefix=&limit=``, ``/preview?id=``.

>>> _names([{"matchType": "name", "propertyValue": "OCHA"}, {"matchType": "name", "propertyValue": {"id": "x", "name": "UN"}}])
'OCHA UN'
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request

from ungraph.web import reconcile as v02
from ungraph.web.catalog import get_catalog
from ungraph.web.view import name

__all__ = ["blueprint", "VERSION", "MATCH_TYPES"]

blueprint = Blueprint("recon_draft", __name__)

#: The version string of the draft, as its manifest schema requires it.
VERSION = "1.0-draft"
#: The condition kinds of a 1.0 query.
MATCH_TYPES = ("name", "id", "property")
_ROOT = "/reconcile/" + VERSION
_FEATURE_NAMES = {"name": "name similarity", "id": "identifier"}


def _limit(default: int = 10) -> int:
    raw = request.args.get("limit", "")
    return max(1, min(v02._MAX_LIMIT, int(raw))) if raw.isdigit() else default


def _body() -> Any:
    data = request.get_json(silent=True)
    if data is None:
        raise ValueError("the body must be JSON (Content-Type: application/json)")
    return data


def _value_text(v: object) -> str:
    if isinstance(v, dict):
        return str(v.get("name") or v.get("id") or "")
    return "" if v is None else str(v)


def _names(conditions: list[dict]) -> str:
    return " ".join(t for c in conditions if c.get("matchType") == "name" for t in [_value_text(c.get("propertyValue"))] if t)


def _check(conditions: object) -> list[dict]:
    if not isinstance(conditions, list) or not conditions:
        raise ValueError("each query needs a non-empty list of conditions")
    for c in conditions:
        if not isinstance(c, dict) or c.get("matchType") not in MATCH_TYPES or "propertyValue" not in c:
            raise ValueError(f"a condition needs matchType (one of {', '.join(MATCH_TYPES)}) and propertyValue")
        if c["matchType"] == "property" and not c.get("propertyId"):
            raise ValueError("a property condition needs propertyId")
    return conditions


def _by_id(conditions: list[dict]) -> list[dict[str, object]]:
    """Candidates named by ``id`` conditions that exist, exact by definition."""
    out = []
    entities = v02._entities()
    for c in conditions:
        if c["matchType"] != "id":
            continue
        values = c["propertyValue"] if isinstance(c["propertyValue"], list) else [c["propertyValue"]]
        for v in values:
            iri = v02._iri(_value_text(v) if not isinstance(v, dict) else str(v.get("id", "")))
            if iri in entities:
                out.append({"id": v02._entity_id(iri), "name": name(iri, "en"), "score": 100.0, "type": v02._types_of(iri),
                             "features": [{"id": "id", "name": _FEATURE_NAMES["id"], "value": True}]})
    return out


def _match_one(q: object) -> dict[str, list[dict[str, object]]]:
    if not isinstance(q, dict):
        raise ValueError("each query must be an object")
    conditions = _check(q.get("conditions"))
    props = [c for c in conditions if c["matchType"] == "property"]
    legacy = {"query": _names(conditions), "type": q.get("type"), "limit": q.get("limit"),
              "properties": [{"pid": c["propertyId"], "v": c["propertyValue"]} for c in props]}
    required = {str(c["propertyId"]) for c in props if c.get("required")}
    candidates = _by_id(conditions)
    seen = {c["id"] for c in candidates}
    for r in v02._reconcile_one(legacy)["result"] if legacy["query"] or props else []:
        features = [{"id": str(f["id"]), "name": _FEATURE_NAMES.get(str(f["id"]), str(f["id"])), "value": f["value"]}
                    for f in r["features"]]
        if r["id"] in seen or any(f["id"] in required and f["value"] is False for f in features):
            continue
        cand = {k: r[k] for k in ("id", "name", "score", "type", "match")}
        if r.get("description"):
            cand["description"] = r["description"]
        candidates.append({**cand, "features": features})
    if len(seen) == 1:  # one entity named by id: a certain match
        for c in candidates:
            c["match"] = c["id"] in seen
    return {"candidates": candidates}


def _manifest() -> dict[str, object]:
    old = v02._manifest()
    return {
        "versions": [VERSION],
        "name": old["name"],
        "serviceVersion": old["serviceVersion"],
        "view": {"url": request.url_root + "id/{id}"},
        "defaultTypes": old["defaultTypes"],
        "preview": {"width": 430, "height": 160},
        "suggest": {"entity": True, "type": True, "property": True},
        "extend": {"proposeProperties": True, "propertySettings": []},
    }


def _guarded(build: Any) -> Response:
    try:
        return v02._json(build())
    except (ValueError, TypeError) as exc:
        return v02._fail(400, str(exc))


@blueprint.route(_ROOT, methods=["GET"])
def manifest() -> Response:
    return v02._json(_manifest())


def _post_only(what: str) -> Response:
    """GET at a POST route: a clear 405 (and the route stays this blueprint's, not the catch-all's)."""
    resp = v02._fail(405, f"POST a JSON body {what} (Content-Type: application/json)")
    resp.headers["Allow"] = "POST"
    return resp


@blueprint.route(_ROOT + "/match", methods=["GET", "POST"])
def match() -> Response:
    if request.method == "GET":
        return _post_only('{"queries": [...]}')

    def build() -> dict[str, object]:
        batch = _body()
        if not isinstance(batch, dict) or not isinstance(batch.get("queries"), list) or len(batch["queries"]) > v02._MAX_QUERIES:
            raise ValueError(f"the body must be {{\"queries\": [...]}} with at most {v02._MAX_QUERIES} queries")
        return {"results": [_match_one(q) for q in batch["queries"]]}
    return _guarded(build)


@blueprint.route(_ROOT + "/extend", methods=["GET", "POST"])
def extend() -> Response:
    if request.method == "GET":
        return _post_only('{"ids": [...], "properties": [{"id": ...}]}')

    def build() -> dict[str, object]:
        old = v02._extend(_body())
        rows = [{"id": entity_id, "properties": [{"id": p, "values": values} for p, values in props.items()]}
                for entity_id, props in old["rows"].items()]
        return {"meta": old["meta"], "rows": rows}
    return _guarded(build)


@blueprint.route(_ROOT + "/extend/propose")
def propose() -> Response:
    limit = _limit(20)
    return v02._json({"type": request.args.get("type", ""), "limit": limit,
                      "properties": [{"id": p["id"], "name": p["name"]} for p in v02._property_list()][:limit]})


@blueprint.route(_ROOT + "/suggest/entity")
def suggest_entity() -> Response:
    prefix = request.args.get("prefix", "").strip()
    hits = get_catalog().search(prefix, limit=_limit(), within=v02._entities()) if prefix else []
    return v02._json({"result": [{"id": v02._entity_id(h.iri), "name": name(h.iri, "en"), "notable": v02._types_of(h.iri)}
                                 for h in hits]})


@blueprint.route(_ROOT + "/suggest/type")
def suggest_type() -> Response:
    result = v02.suggest_type().get_json()["result"][:_limit()]
    return v02._json({"result": result})


@blueprint.route(_ROOT + "/suggest/property")
def suggest_property() -> Response:
    result = [{"id": p["id"], "name": p["name"]} for p in v02.suggest_property().get_json()["result"]][:_limit()]
    return v02._json({"result": result})


@blueprint.route(_ROOT + "/preview")
def preview() -> Response:
    return v02.preview()
