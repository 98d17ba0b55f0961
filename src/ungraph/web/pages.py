"""Pages: the blueprint every HTML page hangs from, the home page and the language switch.

The page kinds live in their own modules, each a blueprint in the routing table of
:func:`ungraph.web.app.routes`:
:mod:`~ungraph.web.resource` (every IRI under the base, content-negotiated), :mod:`~ungraph.web.browse`
(a page per kind), :mod:`~ungraph.web.reader` (the report, chapter by chapter) and
:mod:`~ungraph.web.search` (``/search`` and ``/api/search``). Every HTML response gets the
security headers (a Content-Security-Policy with no external source, ``nosniff``) unless the
view set its own.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, render_template, request
from werkzeug.wrappers import Response as BaseResponse  # what redirect() gives

from ungraph.web.catalog import get_catalog
from ungraph.web.context import services
from ungraph.web.errors import error_response
from ungraph.web.i18n import COOKIE, LANGS, current_lang, mark_mixed, other_lang, text
from ungraph.web.urls import is_local_path
from ungraph.web.view import STRUCTURE, kind_rows, name, term_label

__all__ = ["blueprint", "CSP"]

blueprint = Blueprint("pages", __name__, template_folder="templates")

#: No source outside this server; no inline script or style.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


@blueprint.after_app_request
def _security_headers(resp: Response) -> Response:
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    if resp.mimetype == "text/html":
        resp.headers.setdefault("Content-Security-Policy", CSP)
        resp.headers.setdefault("Referrer-Policy", "same-origin")
        resp.headers.setdefault("X-Frame-Options", "DENY")
    return resp


@blueprint.app_context_processor
def _template_globals() -> dict[str, object]:
    lang = current_lang()
    urls = services.urls(request.script_root)
    reports = get_catalog().instances.get(services.ns.ontology + "Report", [])
    return {
        "lang": lang, "other_lang": other_lang(lang), "t": lambda key, **kw: text(key, lang, **kw),
        "urls": urls, "name": lambda iri: name(iri, lang), "term_label": lambda iri: term_label(iri, lang),
        "here": request.full_path.rstrip("?"), "report_iri": reports[0] if reports else None,
        "has_route": lambda path: any(r.rule == path for r in current_app.url_map.iter_rules()),
        "mixed": lambda value: mark_mixed(value or "", lang),
    }


def _chapter_number(iri: str) -> int:
    last = iri.rsplit("/", 1)[-1]
    return int(last) if last.isdigit() else 0


@blueprint.route("/")
def home() -> Response:
    cat, ns = get_catalog(), services.ns
    kinds = kind_rows(cat, ns, current_lang())
    chapters = [(iri, cat.label(iri, current_lang())) for iri in
                sorted(cat.instances.get(ns.ontology + "Chapter", []), key=lambda i: (_chapter_number(i), i))]
    reports = cat.instances.get(ns.ontology + "Report", [])
    n = next(iter(services.store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                                       use_default_graph_as_union=True)))["n"].value
    html = render_template("index.html", triples=int(n), kinds=[k for k in kinds if k.group != STRUCTURE],
                           structure=[k for k in kinds if k.group == STRUCTURE], chapters=chapters,
                           report=reports[0] if reports else None,
                           entities=sum(k.count for k in kinds if k.group != STRUCTURE),
                           mentions=sum(cat.mentions.values()))
    return Response(html, mimetype="text/html")


@blueprint.route("/lang/<code>")
def switch_lang(code: str) -> BaseResponse:
    """Keep the chosen interface language in a cookie and go back where the reader was."""
    if code not in LANGS:
        return error_response(404, f"no interface language {code!r} (use one of {', '.join(LANGS)})")
    target = request.args.get("next", "/")
    resp = redirect(target if is_local_path(target) else "/", code=303)
    resp.set_cookie(COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return resp
