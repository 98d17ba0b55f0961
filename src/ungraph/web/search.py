"""Search: ``/search?q=`` as a page and ``/api/search?q=`` as JSON, with one ranking for both.

Entities first, then passages of the report:

1. entities by their labels (:meth:`ungraph.web.catalog.Catalog.search`) for the query and its
   other forms (:func:`ungraph.web.fulltext.query_forms`: 维和 and 维持和平): exact name, exact
   abbreviation or variant, prefix; Chinese, English or abbreviation, traditional characters
   folded to simplified, spaces and "·" variants ignored;
2. the key entities the report lists beside a matching item of a chapter's "主要实体"
   (:func:`_topic`, rank :data:`TOPIC_RANK`: "维和" finds the Department of Peace Operations);
3. entities whose labels contain the query, or nearly match it by edit distance; then the
   members of a classification the query names (维和 = 维持和平 → 维持和平行动: the
   peacekeeping operations);
4. bodies the matching passages speak of: an organisation
   mentioned in at least :data:`RELATED_MIN` matching passages, and in matching passages for at
   least :data:`RELATED_SHARE` of its mentions, ranked by tf-idf (matching
   passages that mention it, times the log of how rare its mentions are: 联合国, named
   everywhere, says little about a topic);
5. descriptive nodes whose labels match (figures, amounts, photos: their labels are fragments
   of the text, "名维和人员");
6. passages (paragraphs, headings, captions, list items) by full text
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
from typing import Any, TypedDict
from urllib.parse import urlencode

from flask import Blueprint, Response, jsonify, render_template, request

from ungraph.web.catalog import Catalog, Hit, get_catalog
from ungraph.web.context import services
from ungraph.web.fulltext import chapter_of, query_forms
from ungraph.web.i18n import current_lang, text
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
#: The rank of the bodies a topic brings (:func:`_topic`): after exact names, abbreviations and
#: prefixes (0-2), before names that merely contain the query or nearly match it (3-4).
TOPIC_RANK = 3
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


def _excluded(ns, terms: bool) -> tuple[str, ...]:
    hidden = tuple(f"{ns.base}id/{k}/" for k in sorted(_HIDDEN))
    return hidden if terms else hidden + (ns.ontology_iri, ns.shapes_iri, ns.base + "validation/")


def _entity_results(cat: Catalog, q: str, lang: str, terms: bool) -> list[dict[str, Any]]:
    """Entities by their labels, for the query and its other forms (维和 and 维持和平): each at its best rank."""
    ns = services.ns
    best: dict[str, Hit] = {}
    for form in [q, *query_forms(q)[1:]]:
        for h in cat.search(form, limit=500, exclude=_excluded(ns, terms)):
            if h.iri not in best or h.rank < best[h.iri].rank:
                best[h.iri] = h
    hits = sorted(best.values(), key=lambda h: (h.rank, -cat.mentions.get(h.iri, 0), len(h.matched), h.iri))
    return [{"iri": h.iri, "matched": h.matched, "rank": h.rank, "type": "entity"} for h in hits]


def _topic(cat: Catalog, q: str, passages: list, names_one: bool) -> tuple[list[dict[str, object]], ...]:
    """Bodies a topic query brings although their names do not contain it (rank :data:`TOPIC_RANK`),
    as two lists:

    - the key entities the report lists for a chapter (its "主要实体" section), when an item of that
      list holds the query's words (as words: 人权 is not a word of 受害人权利) and the query names
      no entity itself ("维和": the item
      "维持和平特派团、特别政治任务和各办事处" beside "和平行动部");
    - the members of a classification the query names (``org:classification``, by exact name or
      prefix: 维和 = 维持和平 → 维持和平行动, the peacekeeping operations).

    Each result says ``via`` which list item or classification brought it.
    """
    key: dict[str, str] = {}
    ug = services.ns.ontology
    if not names_one:
        sections = cat.instances.get(ug + "KeyEntities", [])
        for p in passages:
            section = next((s for s in sections if p.iri.startswith(s + "/")), None)
            if section is None or not cat.is_a(p.iri, ug + "ListItem") or not cat.fulltext.has_words(p.iri, q):
                continue  # not an item of the list (a photo's caption in the section), or a run across words
            chapter = next((c for c in cat.key_entities if section and section.startswith(c + "/")), None)
            for body in sorted(cat.key_entities.get(chapter or "", ()), key=lambda i: (-cat.mentions.get(i, 0), i)):
                key.setdefault(body, p.iri)
    members: dict[str, str] = {}
    concepts = {h.iri for form in [q, *query_forms(q)[1:]]
                for h in cat.search(form, limit=50, within=set(cat.classified)) if h.rank <= 2}
    for concept in sorted(concepts):
        for member in sorted(cat.classified[concept], key=lambda i: (-cat.mentions.get(i, 0), i)):
            if member not in key:
                members.setdefault(member, concept)
    return tuple([{"iri": iri, "matched": "", "rank": TOPIC_RANK, "type": "entity", "via": via} for iri, via in found.items()]
                 for found in (key, members))


def _related(cat: Catalog, passages: list, seen: set[str]) -> list[dict[str, object]]:
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
    # exact names, abbreviations, prefixes; key entities; names containing the query; members of its classification
    strong = [e for e in named if int(e["rank"]) < TOPIC_RANK]
    key, members = _topic(cat, q, passages, any(int(e["rank"]) <= 1 for e in named))
    key = [k for k in key if k["iri"] not in {e["iri"] for e in strong}]
    weak = [e for e in named if int(e["rank"]) >= TOPIC_RANK and e["iri"] not in {k["iri"] for k in key}]
    members = [m for m in members if m["iri"] not in {e["iri"] for e in strong + key + weak}]
    entities = strong + key + weak + members
    entities += _related(cat, passages, {str(e["iri"]) for e in entities + descriptive}) + descriptive
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
        results.append({**e, "url": urls.page(iri), "label": name(iri, lang), "mentions": cat.mentions.get(iri, 0),
                         **({"via_label": _via_label(str(e["via"]), lang)} if e.get("via") else {})})
    for p in passages:
        block_kinds = kinds_of(p.iri, cat, ns)
        results.append({"iri": p.iri, "url": urls.page(p.iri), "label": _excerpt(p.text, q), "matched": "",
                        "type": "passage", "kind": term_label(block_kinds[0], lang) if block_kinds else "",
                        "kind_iri": block_kinds[0] if block_kinds else "", "chapter": p.chapter,
                        "score": round(p.score, 4), "mentions": 0})
    kinds_facet = sorted(((k, term_label(k, lang), n) for k, n in facet_kinds.items()), key=lambda r: (-r[2], r[1]))
    chapters_facet = sorted(facet_chapters.items(), key=lambda r: (not r[0].isdigit(), int(r[0]) if r[0].isdigit() else 0, r[0]))
    return Found(q, results, kinds_facet, chapters_facet)


def _via_label(via: str, lang: str) -> str:
    """Why a topic brought a body: "第2章主要实体" (a key-entity list item) or the classification's name."""
    chapter = chapter_of(via) if "/id/report/" in via else ""
    if chapter.isdigit():
        return text("search_key_entity", lang, chapter=text("chapter_n", lang, n=chapter))
    return term_label(via, lang)


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


class _Params(TypedDict):
    """The filters of a search (the keyword arguments of :func:`find`)."""
    kind: str
    chapter: str
    terms: bool


def _params() -> _Params:
    return {"kind": request.args.get("kind", "")[:500], "chapter": request.args.get("chapter", "")[:20],
            "terms": request.args.get("terms", "") in ("1", "true", "yes")}


@blueprint.route("/search")
def page() -> Response:
    q = request.args.get("q", "").strip()
    lang, params = current_lang(), _params()
    found = find(q, lang, **params) if q else Found("", [], [], [])
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
    found = find(q, current_lang(), **_params())
    offset, limit = _int("offset", 0, 100_000), _int("limit", 10, 100, least=1)
    return jsonify({"query": q, "total": len(found.results), "offset": offset,
                    "results": found.results[offset:offset + limit],
                    "facets": {"kind": [{"iri": k, "label": label, "count": n} for k, label, n in found.kinds],
                               "chapter": [{"chapter": c, "count": n} for c, n in found.chapters]}})
