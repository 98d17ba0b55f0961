"""``/reconcile``: the W3C Entity Reconciliation Service API, version 0.2, as OpenRefine speaks it.

* ``GET /reconcile`` with no parameter: the service manifest (identifierSpace ``{base}id/``,
  schemaSpace ``{base}ontology#``, default types by kind, view, preview, suggest, extend);
* ``GET`` or ``POST`` (form field or JSON body) ``queries={...}``: a batch of queries, each with
  ``query``, optional ``type`` (one or several, ``type_strict``), ``limit`` and ``properties``
  conditions (``pid`` a CURIE or IRI, ``v`` a string or ``{"id": ...}``);
* ``extend={"ids": [...], "properties": [{"id": ...}]}``: data extension (English name, kind, parent,
  codes, outward identifiers, or any property by CURIE); ``/reconcile/properties?type=``: proposals;
* ``/reconcile/suggest/{entity,type,property}?prefix=``: auto-completion;
  ``/reconcile/preview?id=``: a small HTML card with the entity and the sentence of the report behind it.

Identifiers are the IRI's path under ``{base}id/`` (``organization/OCHA``). Matching is the search
box's (:meth:`~ungraph.web.catalog.Catalog.search`: Chinese, English, abbreviations and symbols,
spaces, "·" and dashes ignored); scores put an exact name first (100), then an exact other label
(90), a prefix, a substring; ``match`` is true only for an exact label that no other candidate of
the query shares. Every response is CORS-open; ``callback=`` gives JSONP for old clients.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote
from typing import Any, TypedDict

from flask import Blueprint, Response, current_app, jsonify, render_template_string, request

from ungraph import queries
from ungraph.kinds import KINDS as ALL_KINDS
from ungraph.namespaces import PREFIXES
from ungraph.web.catalog import Hit, get_catalog
from ungraph.web.context import services
from ungraph.web.errors import error_response
from ungraph.web.present import sentence_around
from ungraph.web.view import kinds_of, name, term_label

__all__ = ["blueprint", "TYPES", "EXTEND_PROPERTIES", "score"]

blueprint = Blueprint("reconcile", __name__)

#: Types offered (id = CURIE), in manifest order: (CURIE, kind of IRI path it covers).
TYPES: tuple[tuple[str, str], ...] = (
    ("ug:UNBody", "organization"), ("ug:PeaceOperation", "organization"), ("ug:ExternalOrganization", "organization"),
    ("org:Organization", "organization"), ("foaf:Person", "person"), ("org:Post", "post"),
    ("ug:Resolution", "resolution"), ("ug:Instrument", "instrument"), ("schema:Country", "country"),
    ("ug:Region", "region"), ("ug:Programme", "programme"), ("schema:Event", "event"),
)
#: Kinds of IRI (``{base}id/{kind}/...``, :data:`ungraph.kinds.KINDS`) that are not entities to match:
#: the report's own parts and the provenance plumbing.
NOT_ENTITIES = frozenset({"annotation", "build", "statement", "report", "dataset", "amount", "figure", "photo"})
KINDS = frozenset(k for k in ALL_KINDS if k not in NOT_ENTITIES)
#: Data-extension properties beyond plain CURIEs: id -> (English name, description).
EXTEND_PROPERTIES: dict[str, tuple[str, str]] = {
    "name_en": ("English name", "the English label"),
    "name_zh": ("Chinese name", "the Chinese label"),
    "kind": ("kind", "the most specific class"),
    "parent": ("parent", "the body it belongs to, the organ that issued it, the body a post is in"),
    "codes": ("codes", "symbols, notations, abbreviations"),
    "identifiers": ("outward identifiers", "IRIs of the same thing elsewhere (Wikidata, GeoNames, undocs...)"),
    "wikidata": ("Wikidata", "the Wikidata QID"),
}
_PARENT = ("org:subOrganizationOf", "org:unitOf", "org:postIn", "ug:issuedBy", "ug:mandatedBy")
_CODES = ("schema:legislationIdentifier", "dcterms:identifier", "skos:notation", "ug:abbreviation")
_MAPPINGS = ("owl:sameAs", "skos:exactMatch", "skos:closeMatch", "rdfs:seeAlso", "schema:url")
_MAX_QUERIES, _MAX_LIMIT = 200, 100
_PREVIEW = """<!doctype html><html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body style="font: 13px sans-serif; margin: 6px"><div><a href="{{ url }}" target="_blank"><b>{{ title }}</b></a>
{% if other %}<span lang="{{ other_lang }}"> · {{ other }}</span>{% endif %}</div><div style="color:#555">{{ kind }} · <code>{{ id }}</code></div>
{% if sentence %}<p lang="zh">{{ sentence[0] }}<mark>{{ sentence[1] }}</mark>{{ sentence[2] }}</p>{% endif %}</body></html>"""


# --- helpers ----------------------------------------------------------------------------------

def _id_base() -> str:
    return services.ns.base + "id/"


def _iri(entity_id: str) -> str:
    return entity_id if "://" in entity_id else _id_base() + entity_id.lstrip("/")


def _entity_id(iri: str) -> str:
    return iri[len(_id_base()):] if iri.startswith(_id_base()) else iri


def _expand(term: str) -> str | None:
    try:
        return services.ns.expand(term)
    except ValueError:
        return None


def _entities() -> set[str]:
    """Every IRI of a reconcilable kind (computed once per app)."""
    found = current_app.extensions.get("ungraph.reconcile.entities")
    if found is None:
        base = _id_base()
        found = {iri for iri in get_catalog().types if iri.startswith(base) and iri[len(base):].split("/", 1)[0] in KINDS}
        current_app.extensions["ungraph.reconcile.entities"] = found
    return found


def _types_of(iri: str) -> list[dict[str, str]]:
    cat, ns = get_catalog(), services.ns
    return [{"id": _curie(k), "name": term_label(k, "en")} for k in kinds_of(iri, cat, ns)]


def _curie(iri: str) -> str:
    for prefix, full in sorted(services.ns.prefixes.items(), key=lambda kv: -len(kv[1])):
        if prefix != "id" and iri.startswith(full) and "/" not in iri[len(full):]:
            return f"{prefix}:{iri[len(full):]}"
    return iri


def _json(data: object, status: int = 200) -> Response:
    callback = request.values.get("callback", "")
    if callback and re.fullmatch(r"[A-Za-z_$][\w$.]{0,60}", callback):
        resp = Response(f"{callback}({json.dumps(data, ensure_ascii=False)})", mimetype="application/javascript")
    else:
        resp = jsonify(data)
    resp.status_code = status
    resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp


def _fail(status: int, message: str) -> Response:
    resp = error_response(status, message)
    resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp


def _param(name_: str) -> Any:
    """A JSON parameter from the query string, a form field or a JSON body; raises ValueError."""
    raw = request.values.get(name_)
    if raw is None and request.is_json:
        body = request.get_json(silent=True)
        return body.get(name_) if isinstance(body, dict) else None
    if raw is None:
        return None
    return json.loads(raw)


# --- the manifest -----------------------------------------------------------------------------

def _manifest() -> dict[str, object]:
    root = request.url_root
    cat = get_catalog()
    default = [{"id": curie, "name": term_label(iri, "en")} for curie, _kind in TYPES
               for iri in [services.ns.expand(curie)] if any(cat.is_a(i, iri) for i in _entities())]
    return {
        "versions": ["0.2"],
        "name": "ungraph: entities of the UN Secretary-General's report A/78/1",
        "identifierSpace": _id_base(),
        "schemaSpace": services.ns.ontology,
        "serviceVersion": "1",
        "defaultTypes": default,
        "view": {"url": root + "id/{{id}}"},
        "preview": {"url": root + "reconcile/preview?id={{id}}", "width": 430, "height": 160},
        "suggest": {
            "entity": {"service_url": root.rstrip("/"), "service_path": "/reconcile/suggest/entity"},
            "type": {"service_url": root.rstrip("/"), "service_path": "/reconcile/suggest/type"},
            "property": {"service_url": root.rstrip("/"), "service_path": "/reconcile/suggest/property"},
        },
        "extend": {"propose_properties": {"service_url": root.rstrip("/"), "service_path": "/reconcile/properties"},
                   "property_settings": []},
    }


# --- matching ---------------------------------------------------------------------------------

def score(rank: int, query: str, matched: str) -> float:
    """The score of a hit of the catalog's ``rank`` (0 exact name, 1 exact other label, 2 prefix,
    3 inside a label, 4 near miss by edit distance), scaled by how much of the label the query covers.

    >>> score(0, "OCHA", "OCHA"), score(1, "DRC", "DRC"), score(2, "联合国", "联合国儿童基金会"), score(4, "Gutteres", "Guterres")
    (100.0, 90.0, 46.2, 40.0)
    """
    if rank <= 1:
        return 100.0 if rank == 0 else 90.0
    ratio = min(1.0, len(query.strip()) / max(1, len(matched)))
    weight, floor = {2: (70.0, 20.0), 3: (50.0, 10.0)}.get(rank, (35.0, 5.0))
    return round(weight * ratio + floor, 1)


def _type_filter(spec: object) -> list[str]:
    types = spec if isinstance(spec, list) else [spec] if isinstance(spec, str) and spec else []
    out = []
    for t in types:
        iri = _expand(t) if isinstance(t, str) else None
        if iri is None:
            raise ValueError(f"unknown type {t!r}")
        out.append(iri)
    return out


def _values_of(iri: str, prop: str) -> list[str]:
    """Normalised values of ``prop`` for ``iri``: literals, IRIs, their ids and their labels."""
    from ungraph.web.catalog import normalize

    out = []
    for p, o in queries.outgoing(services.store, iri):
        if p == prop:
            out.append(normalize(o.value))
            if o.value.startswith(_id_base()):
                out.append(normalize(_entity_id(o.value)))
                out += [normalize(t) for _p, t, _l in get_catalog().labels.get(o.value, [])]
    return out


def _condition_met(iri: str, cond: dict) -> bool:
    from ungraph.web.catalog import normalize

    prop = _expand(str(cond.get("pid", "")))
    if prop is None:
        raise ValueError(f"unknown property {cond.get('pid')!r}")
    wanted = cond.get("v")
    wanted = wanted if isinstance(wanted, list) else [wanted]
    have = set(_values_of(iri, prop))
    for v in wanted:
        text = v.get("id", "") if isinstance(v, dict) else str(v)
        if normalize(text) in have or normalize(_iri(text)) in have:
            return True
    return False


def _reconcile_one(q: dict) -> dict[str, list[dict[str, Any]]]:
    if not isinstance(q, dict):
        raise ValueError("each query must be an object")
    text = str(q.get("query", "")).strip()
    limit = max(1, min(_MAX_LIMIT, int(q.get("limit") or 10)))
    types, strict = _type_filter(q.get("type")), q.get("type_strict", "any")
    conditions = q.get("properties") or []
    if not isinstance(conditions, list):
        raise ValueError("properties must be a list")
    cat = get_catalog()
    within = {i for i in _entities() if not types or
              (all if strict == "all" else any)(cat.is_a(i, t) for t in types)}
    hits = cat.search(text, limit=max(limit * 3, 30), within=within) if text else []
    if not text and conditions:
        hits = [Hit(i, name(i, "en"), 3) for i in sorted(within)]  # property conditions alone: every candidate
    results: list[dict[str, Any]] = []
    for hit in hits:
        s = score(hit.rank, text, hit.matched) if text else 50.0
        features = [{"id": "name", "value": s}]
        met = [_condition_met(hit.iri, c) for c in conditions]
        if conditions:
            if not any(met) and not text:
                continue
            s = round(s * (0.5 + 0.5 * sum(met) / len(met)), 1)
            features += [{"id": str(c.get("pid")), "value": m} for c, m in zip(conditions, met)]
        results.append({"id": _entity_id(hit.iri), "name": name(hit.iri, "en"), "score": s,
                        "type": _types_of(hit.iri), "features": features, "_exact": hit.rank <= 1 and all(met),
                        "description": name(hit.iri, "zh") if name(hit.iri, "zh") != name(hit.iri, "en") else ""})
    results.sort(key=lambda r: (-float(r["score"]), r["id"]))
    results = results[:limit]
    exact = [r for r in results if r["_exact"]]
    for r in results:
        r["match"] = len(exact) == 1 and r is exact[0]
        del r["_exact"]
    return {"result": results}


# --- data extension ---------------------------------------------------------------------------

def _cell(o: object) -> dict[str, object]:
    value = getattr(o, "value", str(o))
    if isinstance(value, str) and value.startswith(_id_base()):
        return {"id": _entity_id(value), "name": name(value, "en")}
    return {"str": value}


def _extend_values(iri: str, prop: str) -> list[dict[str, object]]:
    cat = get_catalog()
    ns = services.ns
    out_ = queries.outgoing(services.store, iri)

    def values(curies: tuple[str, ...], external: bool = False) -> list[dict[str, object]]:
        props = {ns.expand(c) for c in curies}
        return [_cell(o) for p, o in out_ if p in props and (not external or not o.value.startswith(ns.base))]

    if prop == "name_en":
        return [{"str": t} for t in [cat.label_in(iri, "en")] if t]
    if prop == "name_zh":
        return [{"str": t} for t in [cat.label_in(iri, "zh")] if t]
    if prop == "kind":
        return [{"id": k["id"], "name": k["name"]} for k in _types_of(iri)[:1]]
    if prop == "parent":
        return values(_PARENT)
    if prop == "codes":
        return values(_CODES)
    if prop == "identifiers":
        return values(_MAPPINGS, external=True)
    if prop == "wikidata":
        wd = PREFIXES["wd"]
        return [{"str": o.value[len(wd):]} for p, o in out_ if o.value.startswith(wd)]
    full = _expand(prop)
    if full is None:
        raise ValueError(f"unknown property {prop!r}")
    return [_cell(o) for p, o in out_ if p == full]


class _Extended(TypedDict):
    """A data-extension answer: the properties asked for, then each entity's values of them."""
    meta: list[dict[str, str]]
    rows: dict[str, dict[str, list[dict[str, object]]]]


def _extend(query: object) -> _Extended:
    if not isinstance(query, dict) or not isinstance(query.get("ids"), list) or not isinstance(query.get("properties"), list):
        raise ValueError("extend needs {\"ids\": [...], \"properties\": [{\"id\": ...}]}")
    props = [str(p.get("id", "")) if isinstance(p, dict) else "" for p in query["properties"]]
    meta = [{"id": p, "name": EXTEND_PROPERTIES.get(p, (p, ""))[0]} for p in props]
    rows: dict[str, dict[str, list[dict[str, object]]]] = {}
    for entity_id in query["ids"][:_MAX_QUERIES]:
        iri = _iri(str(entity_id))
        rows[str(entity_id)] = {p: _extend_values(iri, p) for p in props}
    return {"meta": meta, "rows": rows}


# --- routes -----------------------------------------------------------------------------------

@blueprint.route("/reconcile", methods=["GET", "POST", "OPTIONS"])
def service() -> Response:
    if request.method == "OPTIONS":
        resp = Response(status=204)
        resp.headers.update({"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, POST",
                             "Access-Control-Allow-Headers": "Content-Type"})
        return resp
    try:
        batch, extend = _param("queries"), _param("extend")
    except ValueError as exc:
        return _fail(400, f"not JSON: {exc}")
    try:
        if batch is not None:
            if not isinstance(batch, dict) or len(batch) > _MAX_QUERIES:
                return _fail(400, f"queries must be an object of at most {_MAX_QUERIES} queries")
            return _json({key: _reconcile_one(q) for key, q in batch.items()})
        if extend is not None:
            return _json(_extend(extend))
    except (ValueError, TypeError) as exc:
        return _fail(400, str(exc))
    return _json(_manifest())


@blueprint.route("/reconcile/suggest/entity")
def suggest_entity() -> Response:
    prefix = request.args.get("prefix", "").strip()
    hits = get_catalog().search(prefix, limit=10, within=_entities()) if prefix else []
    return _json({"result": [{"id": _entity_id(h.iri), "name": name(h.iri, "en"), "description": h.matched,
                              "notable": _types_of(h.iri)} for h in hits]})


@blueprint.route("/reconcile/suggest/type")
def suggest_type() -> Response:
    prefix = request.args.get("prefix", "").strip().casefold()
    out = []
    for curie, _kind in TYPES:
        iri = services.ns.expand(curie)
        label = term_label(iri, "en")
        if not prefix or prefix in label.casefold() or prefix in curie.casefold() or prefix in term_label(iri, "zh"):
            out.append({"id": curie, "name": label})
    return _json({"result": out})


def _property_list() -> list[dict[str, str]]:
    out = [{"id": pid, "name": n, "description": d} for pid, (n, d) in EXTEND_PROPERTIES.items()]
    for curie in (*_PARENT, *_CODES, *_MAPPINGS, "ug:servesArea", "org:classification", "org:heldBy", "org:holds"):
        out.append({"id": curie, "name": term_label(services.ns.expand(curie), "en")})
    return out


@blueprint.route("/reconcile/suggest/property")
def suggest_property() -> Response:
    prefix = request.args.get("prefix", "").strip().casefold()
    return _json({"result": [p for p in _property_list() if not prefix or prefix in p["name"].casefold() or prefix in p["id"].casefold()]})


@blueprint.route("/reconcile/properties")
def propose_properties() -> Response:
    limit = max(1, min(_MAX_LIMIT, int(request.args.get("limit", "20")) if request.args.get("limit", "").isdigit() else 20))
    props = [{"id": p["id"], "name": p["name"]} for p in _property_list()][:limit]
    return _json({"type": request.args.get("type", ""), "properties": props, "limit": limit})


@blueprint.route("/reconcile/preview")
def preview() -> Response:
    entity_id = request.args.get("id", "")
    iri = _iri(entity_id)
    if iri not in _entities():
        return _fail(404, f"no entity {entity_id!r}")
    lang = "en" if request.args.get("lang", "en") != "zh" else "zh"
    cat = get_catalog()
    other_lang = "zh" if lang == "en" else "en"
    title = cat.label_in(iri, lang) or name(iri, lang)
    other = cat.label_in(iri, other_lang)
    sentence = None
    for m in queries.mentions_of(services.store, iri, services.ns.ontology):
        if m.block_text is not None and m.block_start is not None:
            sentence = sentence_around(m.block_text, m.start - m.block_start, m.end - m.block_start)
            break
    kinds = _types_of(iri)
    html = render_template_string(_PREVIEW, lang=lang, title=title, other=other if other != title else None,
                                  other_lang=other_lang, kind=kinds[0]["name"] if kinds else "", id=entity_id,
                                  url=request.url_root.rstrip("/") + "/id/" + quote(entity_id, safe="/"), sentence=sentence)
    resp = Response(html, mimetype="text/html")
    resp.headers["Access-Control-Allow-Origin"] = "*"
    resp.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *"
    return resp
