"""Search: ``/search?q=`` as a page and ``/api/search?q=`` as JSON, with one ranking for both.

Entities first, then passages of the report:

1. entities by their labels (:meth:`ungraph.web.catalog.Catalog.search`): exact name, exact
   abbreviation or variant, prefix, inside a name, near miss by edit distance; Chinese,
   English or abbreviation, traditional characters folded to simplified, spaces and "·"
   variants ignored;
2. bodies the matching passages speak of, when the query names a topic rather than an entity
   ("维和" finds the Department of Peace Operations and the missions): an organisation
   mentioned in at least :data:`RELATED_MIN` matching passages, and in matching passages for at
   least :data:`RELATED_SHARE` of its mentions, ranked by tf-idf (matching
   passages that mention it, times the log of how rare its mentions are: 联合国, named
   everywhere, says little about a topic);
3. descriptive nodes whose labels match (figures, amounts, photos: their labels are fragments
   of the text, "名维和人员");
4. passages (paragraphs, headings, captions, list items) by full text
   (:mod:`ungraph.web.fulltext`: jieba word segmentation, tf-idf).

Ontology terms, shapes, validation results and the bookkeeping nodes of the graph (annotations,
statements, builds) are left out unless ``terms=1`` asks for them. Facets: the kinds of the entities
found and the chapters of the passages found, each a filter (``kind=``, ``chapter=``).
Paging: ``page=`` (20 a page) on the HTML page, ``offset=``/``limit=`` in the API.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from flask import Blueprint, Response, jsonify, render_template, request

from ungraph.web.catalog import Catalog, get_catalog
from ungraph.web.context import services
from ungraph.web.i18n import current_lang
from ungraph.web.urls import Urls
from ungraph.web.view import kinds_of, name, term_label

__all__ = ["blueprint", "find", "results", "Found", "RELATED_MIN", "PAGE_SIZE"]

blueprint = Blueprint("search", __name__)
_MAX_QUERY = 200
PAGE_SIZE = 20
#: A body counts as related to a topic when this many matching passages mention it.
RELATED_MIN = 2
#: ... and when at least this share of the passages that mention it match (联合国, named in hundreds
#: of passages, is related to no topic in particular).
RELATED_SHARE = 0.2
#: Kinds (the ``{kind}`` of ``id/{kind}/…``) that describe rather than name: ranked after named entities.
_DESCRIPTIVE = frozenset({"figure", "amount", "photo", "dataset"})
#: Kinds that are the graph's bookkeeping, never search results.
_HIDDEN = frozenset({"annotation", "statement", "build", "report"})


@dataclass(frozen=True)
class Found:
    """The whole ranked result of one query, before paging."""

    query: str
    results: list[dict[str, object]]
    kinds: list[tuple[str, str, int]]  # (kind IRI, label, count) of the entity results
    chapters: list[tuple[str, int]]  # (chapter, count) of the passage results


def _kind_segment(iri: str, base: str) -> str:
    rest = iri[len(base) + 3:] if iri.startswith(base + "id/") else ""
    return rest.split("/", 1)[0]


def _excluded(ns, terms: bool) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    hidden = tuple(f"{ns.base}id/{k}/" for k in sorted(_HIDDEN))
    return hidden if terms else hidden + (ns.ontology_iri, ns.shapes_iri, ns.base + "validation/")


def _entity_results(cat: Catalog, q: str, lang: str, terms: bool) -> list[dict[str, object]]:
    ns = services.ns
    hits = cat.search(q, limit=500, exclude=_excluded(ns, terms))
    return [{"iri": h.iri, "matched": h.matched, "rank": h.rank, "type": "entity"} for h in hits]


def _related(cat: Catalog, passages: list, seen: set[str]) -> list[dict[str, object]]:  # type: ignore[type-arg]
    org = "http://www.w3.org/ns/org#Organization"
    count: Counter[str] = Counter()
    for p in passages:
        for entity in cat.blocks.get(p.iri, ()):
            if entity not in seen and cat.is_a(entity, org):
                count[entity] += 1
    blocks = max(1, len(cat.blocks))
    # tf-idf: a body named everywhere (联合国) says little about a topic
    score = {iri: n * math.log(blocks / max(1, cat.mentions.get(iri, 1))) for iri, n in count.items()
             if n >= RELATED_MIN and n >= RELATED_SHARE * cat.mentions.get(iri, 1)}
    ranked = sorted((iri for iri, sc in score.items() if sc > 0), key=lambda i: (-score[i], i))
    return [{"iri": iri, "matched": "", "rank": 5, "type": "entity", "passages": count[iri]} for iri in ranked]


def find(q: str, lang: str, *, kind: str = "", chapter: str = "", terms: bool = False) -> Found:
    """Everything ``q`` finds, ranked (entities, related bodies, passages), with facets."""
    cat, ns = get_catalog(), services.ns
    q = q[:_MAX_QUERY]
    entities = _entity_results(cat, q, lang, terms)
    passages = cat.fulltext.search(q)
    named = [e for e in entities if _kind_segment(str(e["iri"]), ns.base) not in _DESCRIPTIVE]
    descriptive = [e for e in entities if _kind_segment(str(e["iri"]), ns.base) in _DESCRIPTIVE]
    entities = named + _related(cat, passages, {str(e["iri"]) for e in entities}) + descriptive
    urls = Urls(ns.base, ns.prefixes, request.script_root)
    for e in entities:
        kinds = kinds_of(str(e["iri"]), cat, ns)
        e.update(kind_iri=kinds[0] if kinds else "", kind=term_label(kinds[0], lang) if kinds else "")
    facet_kinds = Counter(str(e["kind_iri"]) for e in entities if e["kind_iri"])
    facet_chapters = Counter(p.chapter for p in passages)
    if kind:
        entities = [e for e in entities if e["kind_iri"] == kind or cat.is_a(str(e["iri"]), kind)]
    if chapter:
        passages = [p for p in passages if p.chapter == chapter]
    if kind and not chapter:
        passages = []
    if chapter and not kind:
        entities = []
    results: list[dict[str, object]] = []
    for e in entities:
        iri = str(e["iri"])
        results.append({**e, "url": urls.page(iri), "label": name(iri, lang), "mentions": cat.mentions.get(iri, 0)})
    for p in passages:
        block_kinds = kinds_of(p.iri, cat, ns)
        results.append({"iri": p.iri, "url": urls.page(p.iri), "label": _excerpt(p.text, q), "matched": "",
                        "type": "passage", "kind": term_label(block_kinds[0], lang) if block_kinds else "",
                        "kind_iri": block_kinds[0] if block_kinds else "", "chapter": p.chapter,
                        "score": round(p.score, 4), "mentions": 0})
    kinds_facet = sorted(((k, term_label(k, lang), n) for k, n in facet_kinds.items()), key=lambda r: (-r[2], r[1]))
    chapters_facet = sorted(facet_chapters.items(), key=lambda r: (not r[0].isdigit(), int(r[0]) if r[0].isdigit() else 0, r[0]))
    return Found(q, results, kinds_facet, chapters_facet)


def results(q: str, lang: str, limit: int) -> list[dict[str, object]]:
    """The first ``limit`` entities ``q`` finds (the "did you mean" of a page that does not exist)."""
    return [r for r in find(q, lang).results if r["type"] == "entity"][:limit]


def _excerpt(text: str, q: str, width: int = 80) -> str:
    """About ``width`` characters of ``text`` around the first occurrence of the query."""
    at = text.find(q.strip())
    if len(text) <= width:
        return text
    start = max(0, (at if at >= 0 else 0) - width // 4)
    return ("…" if start else "") + text[start:start + width] + ("…" if start + width < len(text) else "")


def _int(name_: str, default: int, most: int, least: int = 0) -> int:
    try:
        return max(least, min(most, int(request.args.get(name_, default))))
    except ValueError:
        return default


def _params() -> dict[str, object]:
    return {"kind": request.args.get("kind", "")[:500], "chapter": request.args.get("chapter", "")[:20],
            "terms": request.args.get("terms", "") in ("1", "true", "yes")}


@blueprint.route("/search")
def page() -> Response:
    q = request.args.get("q", "").strip()
    lang, params = current_lang(), _params()
    found = find(q, lang, **params) if q else Found("", [], [], [])  # type: ignore[arg-type]
    pages = max(1, -(-len(found.results) // PAGE_SIZE))
    number = _int("page", 1, pages, least=1)
    hits = found.results[(number - 1) * PAGE_SIZE:number * PAGE_SIZE]

    def search_url(**args: object) -> str:
        return request.script_root + "/search?" + urlencode({k: v for k, v in args.items() if v not in (None, "")})

    return Response(render_template("search.html", q=q, hits=hits, found=found, page=number, pages=pages,
                                    params=params, total=len(found.results), search_url=search_url),
                    mimetype="text/html")


@blueprint.route("/api/search")
def api() -> Response:
    q = request.args.get("q", "").strip()
    if not q:
        return jsonify({"query": "", "total": 0, "offset": 0, "results": [], "facets": {"kind": [], "chapter": []}})
    found = find(q, current_lang(), **_params())  # type: ignore[arg-type]
    offset, limit = _int("offset", 0, 100_000), _int("limit", 10, 100, least=1)
    return jsonify({"query": q, "total": len(found.results), "offset": offset,
                    "results": found.results[offset:offset + limit],
                    "facets": {"kind": [{"iri": k, "label": label, "count": n} for k, label, n in found.kinds],
                               "chapter": [{"chapter": c, "count": n} for c, n in found.chapters]}})
