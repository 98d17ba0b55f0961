"""The views people expect: ``/timeline``, ``/map`` and ``/charts``, each with a JSON twin under ``/api/``.

Every page is drawn on the server (a list, a table) so that it reads without script and is
accessible, and drawn again by ``static/views.js`` with Apache ECharts (vendored) from the very
JSON its ``/api/...`` twin returns. Filters are query parameters, so every state of a view has a
URL to share: ``/timeline?kind=Conference&chapter=3``, ``/map?country=COD``.

Nothing is loaded from outside: the world's geometry is Natural Earth's (npm ``world-atlas``,
vendored), joined on the M49 codes the graph has as ``skos:notation`` of datatype ``ug:M49Code``.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request

from ungraph.web import views_data
from ungraph.web.context import services
from ungraph.web.errors import error_response
from ungraph.web.i18n import LANGS, current_lang, text
from ungraph.web.urls import Urls

__all__ = ["blueprint"]

blueprint = Blueprint("views", __name__, template_folder="templates")


def _urls() -> Urls:
    return Urls(services.settings.base, services.ns.prefixes, request.script_root)


def _lang() -> str | Response:
    lang = request.args.get("lang", "") or current_lang()
    if lang not in LANGS:
        return error_response(400, f"no interface language {lang!r} (use one of {', '.join(LANGS)})")
    return lang


def _json(data: dict[str, Any]) -> Response:
    resp = jsonify(data)
    resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp


#: The interface strings ``views.js`` needs (tooltips, the side panel), sent with each page.
_JS_STRINGS = ("count", "views_mentions", "views_missions", "views_activities", "views_events", "views_figures", "views_cities",
               "views_open_page", "views_nothing_linked", "views_not_broken_down", "views_total")


def _config(api: str) -> str:
    """The page's settings for ``views.js`` (JSON, safe inside a ``<script>`` element)."""
    lang = current_lang()
    return json.dumps({"api": api, "lang": lang, "strings": {k: text(k, lang) for k in _JS_STRINGS}},
                      ensure_ascii=False).replace("</", "<\\/")


def _page(template: str, api: str, data: dict[str, Any], **context: Any) -> Response:
    config = _config(api)
    html = render_template(template, data=data, config=config, api=api, **context)
    return Response(html, mimetype="text/html")


def _timeline(lang: str) -> dict[str, Any] | Response:
    kind, chapter = request.args.get("kind", "").strip(), request.args.get("chapter", "").strip()
    data = views_data.timeline(lang, _urls(), kind, chapter)
    if kind and kind not in {k["key"] for k in data["kinds"]}:
        return error_response(400, f"no event kind {kind!r} (use one of {', '.join(k['key'] for k in data['kinds'])})")
    if chapter and chapter not in {c["key"] for c in data["chapters"]}:
        return error_response(400, f"no chapter {chapter!r} with events (use one of "
                                   f"{', '.join(c['key'] for c in data['chapters'])})")
    return data


@blueprint.route("/timeline")
def timeline_page() -> Response:
    data = _timeline(current_lang())
    if isinstance(data, Response):
        return data
    years: dict[str, list[dict[str, Any]]] = {}
    for e in data["events"]:
        years.setdefault(e["from"][:4] if e["from"] else "", []).append(e)
    api = _urls().root + "/api/timeline?" + request.query_string.decode("ascii", "replace")
    return _page("timeline.html", api.rstrip("?"), data, years=list(years.items()))


@blueprint.route("/api/timeline")
def timeline_api() -> Response:
    lang = _lang()
    if isinstance(lang, Response):
        return lang
    data = _timeline(lang)
    return data if isinstance(data, Response) else _json(data)


def _country(data: dict[str, Any]) -> dict[str, Any] | None | Response:
    code = request.args.get("country", "").strip()
    if not code:
        return None
    for c in data["countries"]:
        if code.upper() in (c["iso3"], c["m49"]) or code == c["iri"]:
            return c
    return error_response(400, f"no country {code!r} on the map (use an ISO 3166-1 alpha-3 or M49 code)")


@blueprint.route("/map")
def map_page() -> Response:
    data = views_data.world(current_lang(), _urls())
    selected = _country(data)
    if isinstance(selected, Response):
        return selected
    return _page("map.html", _urls().root + "/api/map", data, selected=selected, relations=views_data.RELATIONS)


@blueprint.route("/api/map")
def map_api() -> Response:
    lang = _lang()
    if isinstance(lang, Response):
        return lang
    data = views_data.world(lang, _urls())
    selected = _country(data)
    if isinstance(selected, Response):
        return selected
    return _json(data if selected is None else {**data, "countries": [selected]})


@blueprint.route("/charts")
def charts_page() -> Response:
    return _page("charts.html", _urls().root + "/api/charts", views_data.charts(current_lang(), _urls()))


@blueprint.route("/api/charts")
def charts_api() -> Response:
    lang = _lang()
    if isinstance(lang, Response):
        return lang
    return _json(views_data.charts(lang, _urls()))


@blueprint.app_context_processor
def _chapter_resources() -> dict[str, Any]:
    """``chapter_resources(iri)`` for the chapter pages' partial ``_chapter_resources.html``."""
    def chapter_resources(iri: str) -> dict[str, Any] | None:
        for ch in views_data.resources_by_chapter(current_lang(), _urls())[0]:
            if ch.get("iri") and ch["url"] == _urls().page(iri):
                return ch
        return None
    def views_config() -> str:
        return _config("")
    return {"chapter_resources": chapter_resources, "views_config": views_config}
