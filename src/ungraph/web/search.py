"""Search: ``/search?q=`` as a page and ``/api/search?q=`` as JSON (the search box's autocomplete).

Matching and ranking are the catalog's (:meth:`ungraph.web.catalog.Catalog.search`): Chinese,
English or abbreviation, spaces and "·" variants ignored, exact names first.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template, request

from ungraph.web.catalog import get_catalog
from ungraph.web.context import services
from ungraph.web.i18n import current_lang
from ungraph.web.urls import Urls
from ungraph.web.view import kinds_of, name, term_label

__all__ = ["blueprint", "results"]

blueprint = Blueprint("search", __name__)
_MAX_QUERY = 200


def _limit(default: int, most: int) -> int:
    try:
        return max(1, min(most, int(request.args.get("limit", default))))
    except ValueError:
        return default


def results(q: str, lang: str, limit: int) -> list[dict[str, object]]:
    """Ranked hits as plain dicts: iri, url, label, matched label, kind, mentions."""
    cat, ns = get_catalog(), services.ns
    urls = Urls(ns.base, ns.prefixes, request.script_root)
    out = []
    for hit in cat.search(q[:_MAX_QUERY], limit=limit):
        kinds = kinds_of(hit.iri, cat, ns)
        out.append({"iri": hit.iri, "url": urls.page(hit.iri), "label": name(hit.iri, lang), "matched": hit.matched,
                    "kind": term_label(kinds[0], lang) if kinds else "", "mentions": cat.mentions.get(hit.iri, 0)})
    return out


@blueprint.route("/search")
def page() -> Response:
    q = request.args.get("q", "").strip()
    lang = current_lang()
    hits = results(q, lang, _limit(100, 500)) if q else []
    return Response(render_template("search.html", q=q, hits=hits), mimetype="text/html")


@blueprint.route("/api/search")
def api() -> Response:
    q = request.args.get("q", "").strip()
    return jsonify({"query": q, "results": results(q, current_lang(), _limit(10, 100)) if q else []})
