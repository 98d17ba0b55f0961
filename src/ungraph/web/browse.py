"""A page per kind: ``/class/<curie>`` lists every instance of a class (and of its subclasses).

Sortable (``?sort=name|en|mentions``) and filterable (``?q=``, matched as the search box matches)
on the server, so it works without script; the table is also sortable and filterable in the
page by ``app.js``. ``/class/`` alone lists every kind. Long lists are paged (``?page=``).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, render_template, request

from ungraph.web.catalog import get_catalog
from ungraph.web.context import services
from ungraph.web.errors import error_response
from ungraph.web.i18n import current_lang
from ungraph.web.urls import Urls
from ungraph.web.view import STRUCTURE, cap, kind_rows, name, term_label

__all__ = ["blueprint", "Row", "PAGE_SIZE", "SORTS"]

blueprint = Blueprint("browse", __name__)
PAGE_SIZE = 200
SORTS = ("name", "en", "mentions")


@dataclass(frozen=True)
class Row:
    iri: str
    url: str
    zh: str
    en: str
    abbreviations: str
    mentions: int


def _rows(members: list[str], urls: Urls) -> list[Row]:
    cat, ug = get_catalog(), services.ns.ontology
    out = []
    for iri in members:
        abbr = " · ".join(sorted({t for t, _ in cat.values(iri, ug + "abbreviation")}))
        out.append(Row(iri, urls.page(iri), cat.label_in(iri, "zh") or name(iri, "zh"),
                       cat.label_in(iri, "en") or "", abbr, cat.mentions.get(iri, 0)))
    return out


def _sort(rows: list[Row], key: str, lang: str) -> list[Row]:
    if key == "mentions":
        return sorted(rows, key=lambda r: (-r.mentions, r.zh))
    if key == "en":
        return sorted(rows, key=lambda r: (r.en == "", r.en.casefold(), r.zh))
    primary = (lambda r: r.en.casefold() or r.zh) if lang == "en" else (lambda r: r.zh)
    return sorted(rows, key=lambda r: (primary(r), r.iri))


@blueprint.route("/class/")
def kinds() -> Response:
    lang = current_lang()
    rows = kind_rows(get_catalog(), services.ns, lang)
    html = render_template("kinds.html", kinds=[k for k in rows if k.group != STRUCTURE],
                           structure=[k for k in rows if k.group == STRUCTURE])
    return Response(html, mimetype="text/html")


@blueprint.route("/class/<path:curie>")
def kind(curie: str) -> Response:
    lang, cat = current_lang(), get_catalog()
    urls = services.urls(request.script_root)
    cls = urls.expand(curie) or curie
    members = cat.members(cls, services.ns.base + "id/")
    if not members and cls not in cat.labels and cls not in cat.types:
        return error_response(404, f"no class {curie} in this graph")
    q = request.args.get("q", "").strip()
    if q:
        order = {h.iri: i for i, h in enumerate(cat.search(q, limit=len(members) or 1, within=set(members)))}
        members = sorted(order, key=order.__getitem__)
    sort = request.args.get("sort", "" if q else "name")
    rows = _rows(members, urls)
    if sort in SORTS:
        rows = _sort(rows, sort, lang)
    try:
        page = max(1, int(request.args.get("page", "1")))
    except ValueError:
        page = 1
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = min(page, pages)
    html = render_template("kind.html", cls=cls, curie=urls.curie(cls) or cls, title=cap(term_label(cls, lang)),
                           comment=_comment(cls, lang), rows=rows[(page - 1) * PAGE_SIZE:page * PAGE_SIZE],
                           total=len(rows), q=q, sort=sort, page=page, pages=pages,
                           abbreviations=any(r.abbreviations for r in rows))
    return Response(html, mimetype="text/html")


def _comment(cls: str, lang: str) -> tuple[str, str | None] | None:
    """The class's ``rdfs:comment`` in ``lang`` (else another, with its language to mark it)."""
    import pyoxigraph as ox

    rows = services.store.query("SELECT ?c ?comment WHERE { ?c <http://www.w3.org/2000/01/rdf-schema#comment> ?comment }",
                                use_default_graph_as_union=True, substitutions={ox.Variable("c"): ox.NamedNode(cls)})
    comments = [r["comment"] for r in rows]
    best = [c for c in comments if c.language == lang] or comments
    if not best:
        return None
    tag = best[0].language
    return best[0].value, (tag if tag and tag != lang else None)
