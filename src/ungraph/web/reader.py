"""The report reader: the text, one top-level part (a chapter) per page, every mention linked.

``/read/<report>`` is the table of contents; ``/read/<report>/<part>`` shows one top-level part
with every block under it. Each block carries its path as HTML id and a link to its own IRI, and
a block's IRI page links back here at that anchor; ``/read/`` with a deeper block redirects to
the anchor in its part. :func:`chapter_overview` and :func:`report_contents` feed the chapter and
report pages.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from flask import Blueprint, Response, redirect, render_template, request
from werkzeug.wrappers import Response as BaseResponse  # what redirect() gives

from ungraph import queries
from ungraph.web.catalog import get_catalog
from ungraph.web.context import services
from ungraph.web.errors import error_response
from ungraph.web.i18n import current_lang
from ungraph.web.fulltext import display_text
from ungraph.web.present import Span, clean_spans, link_spans
from ungraph.web.urls import Urls
from ungraph.web.view import kinds_of, name, name_lang, term_label

__all__ = ["blueprint", "chapter_overview", "report_contents", "Node"]

blueprint = Blueprint("reader", __name__)


@dataclass
class Node:
    iri: str
    kind: str
    kind_label: str
    title: str | None
    anchor: str
    spans: list[Span]
    depth: int
    children: list["Node"] = field(default_factory=list)


def _urls() -> Urls:
    return services.urls(request.script_root)


def _local(cls: str) -> str:
    return cls.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _tree(root: str, lang: str, urls: Urls) -> Node | None:
    ug = services.ns.ontology
    parts = queries.parts_under(services.store, root, ug)
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    starts = {p.iri: p.start for p in parts}
    for block, body, start, end in queries.mentions_under(services.store, root, ug):
        if block in starts:
            spans[block].append((start - starts[block], end - starts[block], body))
    nodes: dict[str, Node] = {}
    for p in parts:
        cls = next((t for t in p.types if t.startswith(ug)), p.types[0] if p.types else "")
        nodes[p.iri] = Node(p.iri, _local(cls), term_label(cls, lang) if cls else "",
                            display_text(p.title) if p.title else None, urls.anchor(p.iri),
                            clean_spans(link_spans(p.text, spans.get(p.iri, []))) if p.text else [], 0)
    for p in parts:
        if p.iri != root and p.parent in nodes:
            nodes[p.parent].children.append(nodes[p.iri])
    top = nodes.get(root)
    if top:
        _depths(top, 0)
    return top


def _depths(node: Node, depth: int) -> None:
    node.depth = depth
    for c in node.children:
        _depths(c, depth + 1)


def _top_parts(report: str, lang: str, urls: Urls) -> list[tuple[str, str, str, str]]:
    """(iri, title, kind label, reader url) of each top-level part of ``report``, in order."""
    ug, cat = services.ns.ontology, get_catalog()
    parts = [p for p in queries.parts_under(services.store, report, ug) if p.parent == report]
    out = []
    for p in parts:
        cls = next((t for t in p.types if t.startswith(ug)), "")
        out.append((p.iri, p.title or cat.label(p.iri, lang) or term_label(cls, lang), term_label(cls, lang), urls.reader(p.iri)))
    return out


@blueprint.route("/read/<path:rest>")
def read(rest: str) -> BaseResponse:
    """A reader page, rendered once per part, language and script root (the data never changes while it
    is served, and a chapter takes 0.5-1 s to render: its tree, its mentions, the report's parts)."""
    iri = services.ns.base + "id/report/" + rest
    key = ("read " + iri, current_lang(), request.script_root)
    html = services.pages.get(key) if not request.query_string else None
    if html is not None:
        return Response(html, mimetype="text/html")
    resp = _read(iri)
    if resp.status_code == 200 and not request.query_string:
        services.pages.put(key, resp.get_data(as_text=True))
    return resp


def _read(iri: str) -> BaseResponse:
    lang, urls, cat = current_lang(), _urls(), get_catalog()
    if iri not in cat.types:
        return error_response(404, f"no part of a report at {iri}")
    top = queries.top_part(services.store, iri)
    if top is None:
        if services.ns.ontology + "Report" not in cat.types[iri]:
            return error_response(404, f"{iri} is not part of a report")
        html = render_template("reader_contents.html", report=iri, title=name(iri, lang),
                               parts=_top_parts(iri, lang, urls))
        return Response(html, mimetype="text/html")
    report, part = top
    if part != iri:
        return redirect(urls.reader(part, urls.anchor(iri)), code=303)
    siblings = _top_parts(report, lang, urls)
    i = next(k for k, s in enumerate(siblings) if s[0] == part)
    html = render_template("reader.html", report=report, report_title=name(report, lang), tree=_tree(part, lang, urls),
                           title=siblings[i][1], prev=siblings[i - 1] if i > 0 else None,
                           next=siblings[i + 1] if i + 1 < len(siblings) else None, parts=siblings, current=part)
    return Response(html, mimetype="text/html")


def report_contents(report: str, lang: str) -> list[tuple[str, str, str, str]]:
    return _top_parts(report, lang, _urls())


def chapter_overview(chapter: str, lang: str) -> dict[str, object]:
    """The chapter's sections (programmes, resources, mandates, key entities...) and what it mentions."""
    ug, cat, urls = services.ns.ontology, get_catalog(), _urls()
    tree = _tree(chapter, lang, urls)
    sections = []
    for child in tree.children if tree else []:
        if cat.is_a(child.iri, ug + "Section") and child.kind != "Section":
            items = [(n, english_names(n.spans, lang, urls)) for n in _walk(child) if n.spans][:15]
            sections.append((child, items))
    counts: Counter[str] = Counter()
    for block, body, _s, _e in set(queries.mentions_under(services.store, chapter, ug)):
        counts[body] += 1
    by_kind: dict[str, list[tuple[str, str, int, str | None]]] = defaultdict(list)
    for body, n in counts.items():
        kinds = kinds_of(body, cat, services.ns)
        by_kind[term_label(kinds[0], lang) if kinds else "—"].append((name(body, lang), urls.page(body), n,
                                                                      name_lang(body, lang)[1]))
    mentioned = sorted(((k, sorted(v, key=lambda x: (-x[2], x[0]))) for k, v in by_kind.items()),
                       key=lambda kv: (-sum(x[2] for x in kv[1]), kv[0]))
    return {"sections": sections, "mentioned": mentioned, "reader": urls.reader(chapter)}


_SEPARATORS = re.compile(r"^[\s\-–—·•、，,;；:：.。]*$")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def english_names(spans: list[Span], lang: str, urls: Urls) -> list[tuple[str, str]] | None:
    """In English mode, the English names (and page URLs) of a block that is nothing but names of
    entities that have one (a core programme as listed: "选举援助"); ``None`` when the block has other
    text or a name without English, so the page shows it as printed, marked Chinese."""
    if lang != "en" or not any(s.iri for s in spans):
        return None
    out = []
    for s in spans:
        if s.iri is None:
            if not _SEPARATORS.match(s.text):
                return None
            continue
        label, fallback = name_lang(s.iri, lang)
        if fallback is not None or _HAN.search(label):
            return None
        out.append((label, urls.page(s.iri)))
    return out


def _walk(node: Node) -> list[Node]:
    out = []
    for c in node.children:
        out.append(c)
        out.extend(_walk(c))
    return out
