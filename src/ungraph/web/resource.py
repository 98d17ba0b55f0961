"""Every IRI under the base, content-negotiated: the entity page for people, RDF for programs.

``text/html`` (the default) or any ``document`` format of :mod:`ungraph.formats` (Turtle, JSON-LD
against ``/context.jsonld``, N-Triples, RDF/XML) by ``Accept`` or ``?format=``, always with
``Vary: Accept`` (:mod:`ungraph.web.documents`: validators, CORS, ``Link`` alternates). The RDF is every triple
with the IRI as subject or object (the ontology and the shapes: every triple about their terms).
An IRI the graph doesn't know gets a 404 that suggests labels close to its last path segment.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox
from flask import Blueprint, Response, g, render_template, request
from jinja2 import TemplateNotFound, TemplatesNotFound

from ungraph import formats, queries
from ungraph.formats import Format
from ungraph.namespaces import Namespaces
from ungraph.web import documents, negotiation
from ungraph.web.catalog import get_catalog
from ungraph.web.context import services
from ungraph.web.errors import error_response
from ungraph.web.i18n import TERMS, current_lang, text
from ungraph.web.present import (BOLD, GROUPS, LIST_DASH, NAME_ORDER, external_name, format_literal, group_of,
                                 reference_parts, sentence_around)
from ungraph.web import search
from ungraph.web.reader import chapter_overview, report_contents
from ungraph.web.urls import Urls
from ungraph.web.view import is_structure, kinds_of, name, name_lang, term_label

__all__ = ["blueprint", "negotiate"]

blueprint = Blueprint("resource", __name__)

_LIST_LIMIT = 50
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD = "http://www.w3.org/2001/XMLSchema#"


def negotiate() -> Format | None:
    """The format of the document at this IRI (HTML or an RDF format), or None (406)."""
    return negotiation.negotiate(formats.offers("document"), request.headers.get("Accept"),
                                 param=request.args.get("format"))


def _serve(iri: str, triples: list[ox.Triple], html: Callable[[], str]) -> Response:
    if not triples:
        return _not_found(iri)
    fmt = negotiate()
    if fmt is None:
        resp = error_response(406, "no acceptable format; offer one of " +
                              ", ".join(f.media_type for f in formats.offers("document")))
    elif fmt is formats.HTML:
        g.alternates = documents.alternates(request.script_root + request.path)  # relative: pages are cached
        resp = Response(html(), mimetype="text/html")
        resp.headers["Link"] = documents.link_header(request.base_url)
        resp.headers.update(documents.CORS_HEADERS)
    else:
        resp = documents.rdf_response(triples, fmt, tag=iri)
    resp.headers["Vary"] = "Accept, Cookie"
    return resp


def _not_found(iri: str) -> Response:
    if negotiate() is formats.HTML:
        guess = iri.rstrip("/").rsplit("/", 1)[-1]
        hits = search.results(guess, current_lang(), 8) if guess else []
        resp = Response(render_template("not_found.html", iri=iri, hits=hits), status=404, mimetype="text/html")
    else:
        resp = error_response(404, f"no resource {iri} in this graph")
    resp.headers["Vary"] = "Accept, Cookie"
    return resp


def _cached_entity_html(iri: str) -> str:
    """The entity page, rendered once per IRI, language and script root: the data never changes while
    it is served (a new build means a new process), and the heaviest pages take 0.1-0.2 s to render."""
    key = (iri, current_lang(), request.script_root)
    html = services.pages.get(key)
    if html is None:
        html = _entity_html(iri)  # rendered outside the lock: two threads may render the same page once each
        services.pages.put(key, html)
    return html


def _is_iri(iri: str) -> bool:
    """False for a path that does not make a valid IRI (``<``, spaces, quotes...): such a path is a 404."""
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return True


def _not_an_iri(iri: str) -> Response:
    resp = error_response(404, "no such resource: the path does not make a valid IRI")
    resp.headers["Vary"] = "Accept, Cookie"
    return resp


_REPLACED_BY = "http://purl.org/dc/terms/isReplacedBy"
_MOVED_ONLY = {_REPLACED_BY, "http://www.w3.org/2002/07/owl#sameAs"}


def replaced_by(iri: str, triples: list[ox.Triple], also: Iterable[str] = ()) -> str | None:
    """The IRI that replaces ``iri`` when the graph says nothing else about it (an IRI that moved,
    :mod:`ungraph.extract.moved`) than what replaces it and the predicates ``also`` (where that was
    recorded: ``ug:curatedFrom``), else None.

    >>> t = lambda p, o: ox.Triple(ox.NamedNode("x:old"), ox.NamedNode(p), ox.NamedNode(o))
    >>> replaced_by("x:old", [t(_REPLACED_BY, "x:new"), t("http://www.w3.org/2002/07/owl#sameAs", "x:new")])
    'x:new'
    >>> replaced_by("x:old", [t(_REPLACED_BY, "x:new"), t("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "x:C")])
    """
    own = [t for t in triples if t.subject == ox.NamedNode(iri)]
    allowed = _MOVED_ONLY | set(also)
    if not own or any(t.predicate.value not in allowed for t in own):
        return None
    return next((t.object.value for t in own if t.predicate.value == _REPLACED_BY and isinstance(t.object, ox.NamedNode)),
                None)


def _moved(iri: str, new: str) -> Response:
    """A 301 from a moved IRI to the one that replaced it, in every format (as Wikidata redirects an item)."""
    base = services.ns.base
    target = request.script_root + "/" + new[len(base):] if new.startswith(base) else new
    if request.query_string:
        target += "?" + request.query_string.decode("latin-1")
    resp = Response(f"{iri} moved to {new}\n", status=301, mimetype="text/plain")
    resp.headers["Location"] = target
    resp.headers["Vary"] = "Accept, Cookie"
    resp.headers.update(documents.CORS_HEADERS)
    return resp


@blueprint.route("/id/<path:rest>")
def entity(rest: str) -> Response:
    iri = services.ns.base + "id/" + rest
    if not _is_iri(iri):
        return _not_an_iri(iri)
    triples = queries.describe(services.store, iri)
    new = replaced_by(iri, triples, also=(services.ns.expand("ug:curatedFrom"),))
    if new is not None:
        return _moved(iri, new)
    return _serve(iri, triples, lambda: _cached_entity_html(iri))


@blueprint.route("/ontology", defaults={"which": "ontology"})
@blueprint.route("/shapes", defaults={"which": "shapes"})
def vocabulary(which: str) -> Response:
    """The ontology and the shapes at their IRIs.

    Browsers get the site's bilingual documentation of the terms (generated from the ontology
    graph); ``?view=lode`` gives the full documentation generated by pyLODE; RDF clients get every
    triple about the terms.
    pyLODE's page carries its own inline style and script, so it gets its own CSP: nothing
    from outside, inline code allowed (the page is generated from our ontology, never from input).
    """
    iri = services.ns.ontology_iri if which == "ontology" else services.ns.shapes_iri
    triples = queries.describe_namespace(services.store, iri)
    if which == "ontology" and triples and negotiate() is formats.HTML and request.args.get("view") == "lode":
        from ungraph.graph.ontology import ontology_html

        resp = Response(ontology_html(services.ns.base), mimetype="text/html")
        resp.headers["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
        resp.headers["Vary"] = "Accept, Cookie"
        return resp
    return _serve(iri, triples, lambda: _vocabulary_html(iri, triples))


@blueprint.route("/<path:rest>")
def other(rest: str) -> Response:
    """Any other IRI under the base (graph names, validation results...), if the graph knows it."""
    iri = services.ns.base + rest
    if not _is_iri(iri):
        return _not_an_iri(iri)
    return _serve(iri, queries.describe(services.store, iri), lambda: _entity_html(iri))


# --- the entity page ------------------------------------------------------------------------

@dataclass
class Source:
    before: str
    mention: str
    after: str
    reader: str | None
    block: str | None


@dataclass
class Value:
    text: str
    url: str | None = None
    lang: str | None = None
    external: bool = False
    datatype: str | None = None
    sources: list[Source] = field(default_factory=list)
    references: list[tuple[str, str | None]] = field(default_factory=list)


@dataclass
class Fact:
    prop: str
    label: str
    url: str
    values: list[Value]


def _source(m: queries.Mention, urls: Urls, tops: dict[str, str | None]) -> Source:
    if m.block_text is not None and m.block_start is not None and 0 <= m.start - m.block_start <= len(m.block_text):
        before, mention, after = (BOLD.sub("", part) for part in
                                  sentence_around(m.block_text, m.start - m.block_start, m.end - m.block_start))
        before = LIST_DASH.sub("", before)
    else:
        before, mention, after = "", m.exact, ""
    reader = None
    if m.block:
        if m.block not in tops:
            top = queries.top_part(services.store, m.block)
            tops[m.block] = top[1] if top else None
        if top_iri := tops[m.block]:
            reader = urls.reader(top_iri, urls.anchor(m.block))
    return Source(before, mention, after, reader, m.block)


_OA = "http://www.w3.org/ns/oa#"


def _value(o: object, prop: str, lang: str, urls: Urls, currency: str | None) -> Value:
    if isinstance(o, ox.NamedNode) and prop == _TYPE:
        return Value(term_label(o.value, lang), urls.cls(o.value), datatype=urls.curie(o.value))
    if isinstance(o, ox.NamedNode):
        external = not urls.is_local(o.value)
        label, label_lang = (external_name(o.value), None) if external else name_lang(o.value, lang)
        if external and get_catalog().label(o.value, lang):
            label, label_lang = name_lang(o.value, lang)
        elif external and urls.curie(o.value) in TERMS:  # a reused term as a value (sh:Warning, skos:prefLabel)
            label = term_label(o.value, lang)
        return Value(label, urls.page(o.value), lang=label_lang, external=external)
    if isinstance(o, ox.Literal):
        dt = o.datatype.value if o.datatype else None
        shown = None if not dt or dt.startswith(_XSD) or dt.endswith("langString") else term_label(dt, lang)
        text = format_literal(o.value, dt, lang, currency if prop.endswith(("amount", "value")) else None)
        if o.language and not prop.startswith(_OA):  # the display form; oa:exact & co. stay verbatim
            text = LIST_DASH.sub("", BOLD.sub("", text))
        return Value(text, lang=o.language or None, datatype=shown)
    return Value(str(o))


def _without_derived_labels(out: list[tuple[str, queries.Value]], ns: Namespaces) -> list[tuple[str, queries.Value]]:
    """Drop the label copies made for generic tools (``graph/labels.py``): ``rdfs:label`` / ``schema:name``
    equal to a preferred label or title, ``skos:altLabel`` equal to an abbreviation; the page shows each name once."""
    pref = {o for p, o in out if p in (ns.expand("skos:prefLabel"), ns.expand("dcterms:title"))}
    abbr = {o for p, o in out if p == ns.ontology + "abbreviation"}
    copies = {ns.expand("rdfs:label"): pref, ns.expand("schema:name"): pref, ns.expand("skos:altLabel"): abbr}
    return [(p, o) for p, o in out if o not in copies.get(p, ())]


def _name_rank(prop: str, ug: str) -> int:
    key = "abbreviation" if prop == ug + "abbreviation" else prop
    return NAME_ORDER.index(key) if key in NAME_ORDER else len(NAME_ORDER)


def _facts(iri: str, lang: str, urls: Urls, skip: set[str]) -> dict[str, list[Fact]]:
    ns = services.ns
    out = [(p, o) for p, o in queries.outgoing(services.store, iri) if p not in skip]
    out = _without_derived_labels(out, ns)
    currency = next((o.value for p, o in out if p == ns.expand("schema:currency") and isinstance(o, ox.Literal)), None)
    sources: dict[tuple[str, str], list[Source]] = defaultdict(list)
    tops: dict[str, str | None] = {}
    for m in queries.statement_sources(services.store, iri, ns.ontology):
        sources[(m.predicate or "", str(m.object))].append(_source(m, urls, tops))
    by_prop: dict[str, list[Value]] = defaultdict(list)
    for p, o in out:
        v = _value(o, p, lang, urls, currency)
        v.sources = sources.get((p, str(o)), [])
        if p == ns.ontology + "curatedFrom" and isinstance(o, ox.Literal):
            v.references = reference_parts(o.value)
        by_prop[p].append(v)
    groups: dict[str, list[Fact]] = {g: [] for g in GROUPS}
    for p, values in by_prop.items():
        is_iri = any(v.url for v in values)
        g = group_of(p, is_iri, all(not v.external for v in values), ns.ontology)
        values.sort(key=lambda v: (v.lang not in (lang, None), v.lang or "", v.text))
        groups[g].append(Fact(p, term_label(p, lang), urls.term(p), values[:200]))
    for g, facts in groups.items():
        facts.sort(key=lambda f: ((_name_rank(f.prop, ns.ontology) if g == "names" else 0), f.label.casefold()))
    return {g: f for g, f in groups.items() if f}


def _link_value(iri: str, lang: str, urls: Urls) -> Value:
    text, text_lang = name_lang(iri, lang)
    return Value(text, urls.page(iri), lang=text_lang)


#: Incoming links of the graph's bookkeeping: the annotations and reified statements behind the
#: facts, which the page shows as the report's sentences instead.
_PLUMBING_LINKS = ("oa:hasBody", "rdf:subject", "rdf:object")
# --- activities: who did what where (the activities helper's section) ---------------------------

def _marked(sentence: str, iri: str) -> tuple[str, str, str]:
    """The sentence split around the first of the entity's Chinese names it contains (else unmarked)."""
    cat = get_catalog()
    names = [n for n in [cat.label_in(iri, "zh"), *(t for t, _ in cat.values(iri, services.ns.ontology + "abbreviation")),
                         *(t for t, _ in cat.values(iri, services.ns.expand("skos:altLabel")))] if n]
    hits = [(sentence.find(n), n) for n in names if n in sentence]
    if not hits:
        return sentence, "", ""
    at, n = min(hits, key=lambda h: (h[0], -len(h[1])))
    return sentence[:at], n, sentence[at + len(n):]


def _activities(iri: str, lang: str, urls: Urls) -> list[dict[str, object]]:
    """The activities the entity takes part in, each with its agents, action, places, figures and sentence."""
    tops: dict[str, str | None] = {}
    out: list[dict[str, object]] = []

    def links(iris: Iterable[str]) -> list[Value]:
        return [_link_value(i, lang, urls) for i in iris]

    for a in queries.activities_of(services.store, iri, services.ns.ontology)[:_LIST_LIMIT]:
        reader = None
        if a.block:
            if a.block not in tops:
                top = queries.top_part(services.store, a.block)
                tops[a.block] = top[1] if top else None
            reader = urls.reader(top_iri, urls.anchor(a.block)) if (top_iri := tops[a.block]) else None
        out.append({"url": urls.page(a.iri), "agents": links(a.agents), "places": links(a.places),
                    "action": Value(term_label(a.action, lang), urls.term(a.action)) if a.action else None,
                    "figures": links(a.figures), "concerns": links(a.concerns), "period": a.period,
                    "source": Source(*_marked(a.sentence, iri), reader, a.block)})
    return out


def _links_here(iri: str, lang: str, urls: Urls) -> list[tuple[str, str, int, list[Value]]]:
    skip = {services.ns.ontology + "mentions", *(services.ns.expand(p) for p in _PLUMBING_LINKS)}
    by_prop: dict[str, list[str]] = defaultdict(list)
    for s, p in queries.incoming(services.store, iri):
        if p not in skip:
            by_prop[p].append(s)
    rows = []
    for p, subjects in by_prop.items():
        values = sorted((_link_value(s, lang, urls) for s in subjects), key=lambda v: v.text)
        rows.append((term_label(p, lang), urls.term(p), len(values), values[:_LIST_LIMIT]))
    return sorted(rows, key=lambda r: (-r[2], r[0]))


def _labels(iri: str, lang: str) -> dict[str, object]:
    cat = get_catalog()
    ug = services.ns.ontology
    abbr = [t for t, _ in cat.values(iri, ug + "abbreviation")]
    alt = [t for t, _ in cat.values(iri, services.ns.expand("skos:altLabel")) if t not in abbr]
    zh, en = cat.label_in(iri, "zh"), cat.label_in(iri, "en")
    own = en if lang == "en" else zh
    title, title_lang = (own, None) if own else name_lang(iri, lang)
    subtitle = (zh if lang == "en" else en) if (zh and en) else None
    return {"title": title, "title_lang": title_lang, "subtitle": subtitle, "abbreviations": abbr, "aliases": alt}


def _mention_list(mentions: list[queries.Mention], urls: Urls, tops: dict[str, str | None]) -> dict[str, object]:
    """The sentences that name an entity, one per block, a sentence repeated in the report (a caption
    printed twice) shown once; ``mention_count`` counts the blocks, as the class tables do."""
    shown: list[Source] = []
    texts: set[tuple[str, str, str]] = set()
    unique = 0
    for m in mentions:
        s = _source(m, urls, tops)
        if (s.before, s.mention, s.after) in texts:
            continue
        texts.add((s.before, s.mention, s.after))
        unique += 1
        if len(shown) < _LIST_LIMIT:
            shown.append(s)
    return {"mentions": shown, "mention_count": len(mentions), "more_mentions": unique - len(shown)}


def _kind_badges(kinds: list[str], lang: str) -> list[tuple[str, str]]:
    """One badge per kind name: foaf:Person and schema:Person are both "person"."""
    seen: set[str] = set()
    out = []
    for k in kinds:
        label = term_label(k, lang)
        if label.casefold() not in seen:
            seen.add(label.casefold())
            out.append((k, label))
    return out


def _entity_html(iri: str) -> str:
    lang, cat, ns = current_lang(), get_catalog(), services.ns
    urls = services.urls(request.script_root)
    kinds = kinds_of(iri, cat, ns)
    tops: dict[str, str | None] = {}
    mentions = queries.mentions_of(services.store, iri, ns.ontology)
    seen, sources = set(), []
    for m in mentions:  # one sentence per block, as many as the blocks the report names it in
        if (m.block or m.start) not in seen:
            seen.add(m.block or m.start)
            sources.append(m)
    structure = any(is_structure(k, cat, ns) for k in cat.types.get(iri, ()))
    top = queries.top_part(services.store, iri) if structure else None
    context = {
        "iri": iri, **_labels(iri, lang), "kinds": _kind_badges(kinds, lang),
        "groups": _facts(iri, lang, urls, {ns.ontology + "mentionedIn"} if sources else set()), "links_here": _links_here(iri, lang, urls),
        **_mention_list(sources, urls, tops),
        "activities": _activities(iri, lang, urls),
        "validation": queries.validation_results(services.store, iri, ns.graph("validation")),
        "reader": urls.reader(top[1], urls.anchor(iri) if top[1] != iri else None) if top else None,
        "sparql": queries.sparql_for_entity(iri), "group_names": {g: text(g if g != "kind" else "kind", lang) for g in GROUPS},
        "overview": chapter_overview(iri, lang) if ns.ontology + "Chapter" in cat.types.get(iri, ()) else None,
        "contents": report_contents(iri, lang) if ns.ontology + "Report" in cat.types.get(iri, ()) else None,
    }
    names = [f"entity-{k.rsplit('#', 1)[-1].rsplit('/', 1)[-1]}.html" for k in kinds] + ["entity.html"]
    for template in names:
        try:
            return render_template(template, **context)
        except TemplateNotFound:
            continue
    raise TemplatesNotFound(names)


def _vocabulary_html(iri: str, triples: list[ox.Triple]) -> str:
    lang, cat = current_lang(), get_catalog()
    subjects = sorted({t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode) and t.subject.value != iri})
    comment = services.ns.expand("rdfs:comment")
    rows = []
    for s in subjects:
        comments = [t.object for t in triples if isinstance(t.subject, ox.NamedNode) and t.subject.value == s
                    and t.predicate.value == comment and isinstance(t.object, ox.Literal)]
        best = next((c for c in comments if c.language == lang), next(iter(comments), None))
        local = s[len(iri):].lstrip("#")
        own = cat.label_lang(s, lang)
        # a shape without a label is named by its IRI; a label in the other language says so
        label = term_label(s, lang) if own or not iri.endswith("/shapes") else None
        label_lang = own[1] if own and own[1] and own[1].split("-")[0] != lang else None
        best_lang = best.language if best is not None and best.language and best.language != lang else None
        rows.append((local, s, label, cat.types.get(s, ()), best.value if best is not None else "", best_lang, label_lang))
    return render_template("vocabulary.html", iri=iri, title=name(iri, lang), rows=rows,
                           classes=[r for r in rows if services.ns.expand("owl:Class") in r[3]],
                           properties=[r for r in rows if services.ns.expand("owl:Class") not in r[3]])
