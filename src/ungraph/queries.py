"""SPARQL for the pages: query builders (``_x_query``) and runners (``x(store, ...)``) in pairs.

Skosmos style, minus its string interpolation: every value is bound with pyoxigraph
``substitutions=`` (the bound variable is in the SELECT projection, as pyoxigraph requires),
never pasted into the query text. Runners return plain tuples and dicts; the default graph is
the union of all graphs.

>>> import pyoxigraph as ox
>>> s = ox.Store()
>>> a, p = ox.NamedNode("http://x.test/id/a"), ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
>>> s.add(ox.Quad(a, p, ox.Literal("甲", language="zh"), ox.NamedNode("http://x.test/graph/report")))
>>> [(p, o.value) for p, o in outgoing(s, "http://x.test/id/a")]
[('http://www.w3.org/2004/02/skos/core#prefLabel', '甲')]
>>> outgoing(s, "http://x.test/id/none")
[]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from ungraph.describe_labels import label_triples
from ungraph.validate import Result as ValidationResult  # the one record of a SHACL result
from ungraph.namespaces import PREFIXES

__all__ = [
    "LABEL_PROPERTIES", "Value", "Mention", "ValidationResult", "Part",
    "describe", "describe_namespace", "outgoing", "incoming", "label_rows", "type_rows", "text_rows", "mention_counts",
    "mention_rows", "pair_rows", "mentions_of", "statement_sources", "validation_results", "parts_under", "mentions_under",
    "top_part", "subclass_rows", "sparql_for_entity", "Activity", "activities_of",
]

_P = PREFIXES
#: Label properties, in fallback order (the order the pages pick a display label in).
LABEL_PROPERTIES = (
    _P["skos"] + "prefLabel", _P["foaf"] + "name", _P["schema"] + "name", _P["rdfs"] + "label",
    _P["dcterms"] + "title", _P["skos"] + "altLabel", _P["skos"] + "notation", _P["dcterms"] + "identifier",
    _P["schema"] + "caption",
    _P["sh"] + "resultMessage",  # a validation result is named by its message (issue 12, defect 5)
)

_PROLOGUE = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in ("rdf", "rdfs", "skos", "oa", "dcterms", "schema", "sh"))

Value = ox.NamedNode | ox.Literal | ox.BlankNode


def _run(store: ox.Store, query: str, bind: Mapping[str, Value] | None = None) -> ox.QuerySolutions:
    subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(k): v for k, v in (bind or {}).items()}
    results = store.query(query, use_default_graph_as_union=True, substitutions=subs or None)
    if not isinstance(results, ox.QuerySolutions):  # every query here is a SELECT
        raise TypeError(f"a SELECT gave {type(results).__name__}")
    return results


def _int(term: object) -> int:
    return int(term.value) if isinstance(term, ox.Literal) else 0


# --- one resource ---------------------------------------------------------------------------

def _describe_query() -> str:
    return "SELECT ?iri ?s ?p ?o WHERE { { ?iri ?p ?o BIND(?iri AS ?s) } UNION { ?s ?p ?iri BIND(?iri AS ?o) } }"


def _describe_extra_query() -> str:
    # an annotation's document reaches the quoted text: its target and both selectors
    return (_PROLOGUE + "SELECT ?iri ?s ?p ?o WHERE { "
            "{ ?iri oa:hasTarget ?s . ?s ?p ?o } UNION { ?iri oa:hasTarget/oa:hasSelector ?s . ?s ?p ?o } }")


def describe(store: ox.Store, iri: str) -> list[ox.Triple]:
    """The document of ``iri``, sorted; ``[]`` when the graph doesn't know it.

    Every triple with ``iri`` as subject or object, the labels (``rdfs:label``, ``skos:prefLabel``)
    of every IRI those triples link it to (so a client can show names without a second request), and,
    for an annotation, its target and selectors.

    The labels are read by index lookups on the linked IRIs (:func:`ungraph.describe_labels.label_triples`),
    not joined in the SPARQL: the engine plans a query before ``substitutions=`` binds ``?iri``, and read
    every label of the store to join them (3 s for a document at the 100x enlargement:
    ``tests/regressions/test_entity_document_labels_by_index.py``). The graph has no blank nodes, so the
    linked resources are IRIs.
    """
    node = ox.NamedNode(iri)
    rows = list(_run(store, _describe_query(), {"iri": node}))
    if not rows:
        return []
    rows += list(_run(store, _describe_extra_query(), {"iri": node}))
    triples = {ox.Triple(r["s"], r["p"], r["o"]) for r in rows}
    linked = {t.object if t.subject == node else t.subject for t in triples if t.subject == node or t.object == node}
    triples.update(label_triples(store, sorted((n for n in linked if type(n) is ox.NamedNode), key=str)))
    return sorted(triples, key=str)


def _namespace_query() -> str:
    return "SELECT ?ns ?s ?p ?o WHERE { ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), ?ns)) }"


def describe_namespace(store: ox.Store, prefix: str) -> list[ox.Triple]:
    """Every triple whose subject's IRI starts with ``prefix`` (the ontology and its terms)."""
    rows = _run(store, _namespace_query(), {"ns": ox.Literal(prefix)})
    return sorted({ox.Triple(r["s"], r["p"], r["o"]) for r in rows}, key=str)


def _outgoing_query() -> str:
    return "SELECT DISTINCT ?iri ?p ?o WHERE { ?iri ?p ?o }"


def outgoing(store: ox.Store, iri: str) -> list[tuple[str, Value]]:
    """(predicate IRI, object) pairs of ``iri``, sorted."""
    rows = _run(store, _outgoing_query(), {"iri": ox.NamedNode(iri)})
    return sorted(((r["p"].value, r["o"]) for r in rows), key=lambda x: (x[0], str(x[1])))


def _incoming_query() -> str:
    return ("SELECT DISTINCT ?iri ?s ?p WHERE { ?s ?p ?iri "
            "FILTER(?p NOT IN (oa:hasBody, rdf:subject, rdf:object, oa:hasSource)) }")


def incoming(store: ox.Store, iri: str) -> list[tuple[str, str]]:
    """(subject IRI, predicate IRI) of the triples pointing at ``iri``, provenance plumbing left out."""
    rows = _run(store, _PROLOGUE + _incoming_query(), {"iri": ox.NamedNode(iri)})
    return sorted((r["s"].value, r["p"].value) for r in rows if isinstance(r["s"], ox.NamedNode))


def _top_part_query() -> str:
    return ("SELECT ?iri ?top ?report WHERE { ?iri dcterms:isPartOf* ?top . ?top dcterms:isPartOf ?report . "
            "FILTER NOT EXISTS { ?report dcterms:isPartOf ?up } }")


def top_part(store: ox.Store, iri: str) -> tuple[str, str] | None:
    """(report, top-level part) holding the document part ``iri``; None if it is no part of a report."""
    for r in _run(store, _PROLOGUE + _top_part_query(), {"iri": ox.NamedNode(iri)}):
        return r["report"].value, r["top"].value
    return None


# --- provenance -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Mention:
    """Where the report states something: the span, its block and the block's text and start."""
    body: str
    start: int
    end: int
    exact: str
    block: str | None
    block_text: str | None
    block_start: int | None
    predicate: str | None = None
    object: Value | None = None


_SPAN = ("?ann oa:hasTarget ?t . ?t oa:hasSelector ?sel . ?sel oa:start ?start ; oa:end ?end . "
         "OPTIONAL { ?t oa:hasSelector ?q . ?q oa:exact ?exact } "
         "OPTIONAL { ?ann ug:inBlock ?block . OPTIONAL { ?block schema:text ?btext ; ug:charStart ?bstart } }")


def _mention(r: ox.QuerySolution, body: str, pred: object = None, obj: Value | None = None) -> Mention:
    block, btext = r["block"], r["btext"]
    return Mention(body, _int(r["start"]), _int(r["end"]), r["exact"].value if r["exact"] else "",
                   block.value if block else None, btext.value if btext else None,
                   _int(r["bstart"]) if r["bstart"] else None,
                   pred.value if isinstance(pred, ox.NamedNode) else None, obj)


def _mentions_query(ug: str) -> str:
    return (_PROLOGUE + f"PREFIX ug: <{ug}>\n"
            f"SELECT DISTINCT ?iri ?start ?end ?exact ?block ?btext ?bstart WHERE {{ ?ann oa:hasBody ?iri . {_SPAN} }}")


def mentions_of(store: ox.Store, iri: str, ug: str) -> list[Mention]:
    """The annotations whose body is ``iri`` itself (the report names it there), in text order."""
    rows = _run(store, _mentions_query(ug), {"iri": ox.NamedNode(iri)})
    return sorted((_mention(r, iri) for r in rows), key=lambda m: (m.start, m.end))


def _statements_query(ug: str) -> str:
    return (_PROLOGUE + "SELECT DISTINCT ?iri ?st ?pred ?obj WHERE { "
            "?st rdf:subject ?iri ; rdf:predicate ?pred ; rdf:object ?obj }")


def statement_sources(store: ox.Store, iri: str, ug: str) -> list[Mention]:
    """The sources of the facts about ``iri`` the report states (reified statements), in text order.

    The statements first, then the spans of each (:func:`mentions_of` of the statement): in one query,
    pyoxigraph evaluated the span's OPTIONALs over every annotation of the graph (0.1 s a page)."""
    statements = sorted(((r["st"].value, r["pred"], r["obj"])
                         for r in _run(store, _statements_query(ug), {"iri": ox.NamedNode(iri)})),
                        key=lambda s: (s[0], str(s[1]), str(s[2])))
    out = [_mention(r, st, pred, obj) for st, pred, obj in statements
           for r in _run(store, _mentions_query(ug), {"iri": ox.NamedNode(st)})]
    return sorted(out, key=lambda m: (m.start, m.end))


# --- validation -----------------------------------------------------------------------------

def validation_results(store: ox.Store, iri: str, graph: str) -> list[ValidationResult]:
    """SHACL results about ``iri`` in the validation graph ``graph`` (none if that graph is absent),
    read by the one reader of results, :func:`ungraph.validate.read_results`."""
    from ungraph.validate import read_results

    return read_results(store, graph, graph.rsplit("/", 1)[0] + "/shapes", focus=iri)


# --- tables for the whole graph (computed once per app) ---------------------------------------

def _labels_query() -> str:
    values = " ".join(f"<{p}>" for p in LABEL_PROPERTIES)
    return "SELECT ?s ?p ?o WHERE { VALUES ?p { " + values + " } ?s ?p ?o FILTER(isIRI(?s) && isLiteral(?o)) }"


def _abbreviations_query() -> str:
    return "SELECT ?p ?s ?o WHERE { ?s ?p ?o FILTER(isIRI(?s) && isLiteral(?o)) }"


def label_rows(store: ox.Store, abbreviation: str) -> list[tuple[str, str, str, str]]:
    """(subject, property, text, language) for every label-like literal, sorted.

    ``abbreviation``: the IRI of the ontology's abbreviation property (it depends on the base). It is
    asked for in a query of its own: bound inside a UNION branch, a remote Virtuoso 7 joined it wrongly
    (issue 14).
    """
    rows = list(_run(store, _labels_query())) + list(_run(store, _abbreviations_query(), {"p": ox.NamedNode(abbreviation)}))
    return sorted({(r["s"].value, r["p"].value, r["o"].value, r["o"].language or "") for r in rows})


def _types_query() -> str:
    return "SELECT DISTINCT ?s ?type WHERE { ?s a ?type FILTER(isIRI(?s) && isIRI(?type)) }"


def type_rows(store: ox.Store) -> list[tuple[str, str]]:
    """(subject, class) for every typed IRI, sorted."""
    return sorted((r["s"].value, r["type"].value) for r in _run(store, _types_query()))


def _subclass_query() -> str:
    return _PROLOGUE + "SELECT DISTINCT ?c ?super WHERE { ?c rdfs:subClassOf ?super FILTER(isIRI(?super)) }"


def subclass_rows(store: ox.Store) -> list[tuple[str, str]]:
    """(class, direct superclass) pairs, sorted."""
    return sorted((r["c"].value, r["super"].value) for r in _run(store, _subclass_query()))


def _texts_query() -> str:
    return _PROLOGUE + "SELECT ?s ?text WHERE { ?s schema:text ?text FILTER(isIRI(?s)) }"


def text_rows(store: ox.Store) -> dict[str, str]:
    """Block IRI -> its text (used to name untitled blocks by their first words)."""
    return {r["s"].value: r["text"].value for r in _run(store, _texts_query())}


def _mention_counts_query(ug: str) -> str:
    return f"SELECT ?s (COUNT(DISTINCT ?b) AS ?n) WHERE {{ ?s <{ug}mentionedIn> ?b }} GROUP BY ?s"


def mention_counts(store: ox.Store, ug: str) -> dict[str, int]:
    """Entity IRI -> number of blocks of the report that mention it."""
    return {r["s"].value: _int(r["n"]) for r in _run(store, _mention_counts_query(ug))}


def _mention_rows_query(ug: str) -> str:
    return f"SELECT DISTINCT ?s ?b WHERE {{ ?s <{ug}mentionedIn> ?b FILTER(isIRI(?s) && isIRI(?b)) }}"


def mention_rows(store: ox.Store, ug: str) -> list[tuple[str, str]]:
    """(entity, block) for every block of the report that mentions an entity, sorted."""
    return sorted((r["s"].value, r["b"].value) for r in _run(store, _mention_rows_query(ug)))


def _pair_rows_query() -> str:
    return "SELECT DISTINCT ?p ?s ?o WHERE { ?s ?p ?o FILTER(isIRI(?s) && isIRI(?o)) }"


def pair_rows(store: ox.Store, predicate: str) -> list[tuple[str, str]]:
    """(subject, object) for every IRI-to-IRI triple of ``predicate``, sorted (the search reads
    ``org:classification`` and ``ug:keyEntityOf`` so)."""
    rows = _run(store, _pair_rows_query(), {"p": ox.NamedNode(predicate)})
    return sorted((r["s"].value, r["o"].value) for r in rows)


# --- the report reader ----------------------------------------------------------------------

@dataclass(frozen=True)
class Part:
    iri: str
    parent: str | None
    types: tuple[str, ...]
    position: int
    start: int
    end: int
    text: str | None
    title: str | None


def _parts_query(ug: str) -> str:
    return (_PROLOGUE + f"PREFIX ug: <{ug}>\n"
            "SELECT ?root ?part ?parent ?type ?pos ?start ?end ?text ?title WHERE { "
            "?part dcterms:isPartOf* ?root ; a ?type ; ug:charStart ?start ; ug:charEnd ?end . "
            "OPTIONAL { ?part dcterms:isPartOf ?parent } OPTIONAL { ?part schema:position ?pos } "
            "OPTIONAL { ?part schema:text ?text } OPTIONAL { ?part dcterms:title ?title FILTER(langMatches(lang(?title), 'zh')) } }")


def parts_under(store: ox.Store, root: str, ug: str) -> list[Part]:
    """``root`` and every part under it, in text order (start, then outermost first)."""
    merged: dict[str, dict] = {}
    for r in _run(store, _parts_query(ug), {"root": ox.NamedNode(root)}):
        iri = r["part"].value
        m = merged.setdefault(iri, {"types": set(), "r": r})
        m["types"].add(r["type"].value)
    parts = []
    for iri, m in merged.items():
        r = m["r"]
        parts.append(Part(iri, r["parent"].value if r["parent"] else None, tuple(sorted(m["types"])),
                          _int(r["pos"]) if r["pos"] else 0, _int(r["start"]), _int(r["end"]),
                          r["text"].value if r["text"] else None, r["title"].value if r["title"] else None))
    return sorted(parts, key=lambda p: (p.start, -p.end, p.position, p.iri))


def _mentions_under_query(ug: str) -> str:
    return (_PROLOGUE + f"PREFIX ug: <{ug}>\n"
            "SELECT DISTINCT ?root ?block ?body ?start ?end WHERE { ?block dcterms:isPartOf* ?root . "
            "?ann ug:inBlock ?block ; oa:hasBody ?body ; oa:hasTarget/oa:hasSelector ?sel . "
            "?sel oa:start ?start ; oa:end ?end . ?body ug:mentionedIn ?block }")


def mentions_under(store: ox.Store, root: str, ug: str) -> list[tuple[str, str, int, int]]:
    """(block, entity, start, end) of every entity mention in the parts under ``root``, in text order."""
    rows = _run(store, _mentions_under_query(ug), {"root": ox.NamedNode(root)})
    return sorted((r["block"].value, r["body"].value, _int(r["start"]), _int(r["end"])) for r in rows)


# --- activities (who did what where) --------------------------------------------------------

@dataclass(frozen=True)
class Activity:
    """An activity an entity takes part in (as agent, place, initiative or event, or figure), with its sentence."""
    iri: str
    sentence: str
    start: int
    block: str | None
    agents: tuple[str, ...]
    action: str | None
    places: tuple[str, ...]
    figures: tuple[str, ...]
    concerns: tuple[str, ...]
    period: str | None


_ACTIVITY_PROPS = {"prov:wasAssociatedWith": "agents", "dcterms:spatial": "places", "ug:figure": "figures",
                   "ug:concerns": "concerns"}


def _activities_query(ug: str) -> str:
    return (_PROLOGUE + f"PREFIX ug: <{ug}>\nPREFIX prov: <{PREFIXES['prov']}>\n"
            "SELECT DISTINCT ?iri ?activity ?p ?v WHERE { "
            "?activity a ug:Activity ; prov:wasAssociatedWith|dcterms:spatial|ug:concerns|ug:figure ?iri ; ?p ?v . "
            "FILTER(?p IN (prov:wasAssociatedWith, dcterms:spatial, ug:figure, ug:concerns, ug:action, "
            "schema:temporalCoverage)) }")


# The sentence and the block of one activity, each asked for separately from the bound activity: as
# OPTIONALs of the query above, pyoxigraph evaluated them over every annotation of the graph first
# (0.2 s a page, even for an entity in no activity; benchmarks/load/README.md).
def _activity_sentence_query(ug: str) -> str:
    return (_PROLOGUE + f"PREFIX ug: <{ug}>\n"
            "SELECT ?activity ?sentence ?start WHERE { ?ann oa:hasBody ?activity ; oa:hasTarget ?t . "
            "?t oa:hasSelector ?q , ?pos . ?q oa:exact ?sentence . ?pos oa:start ?start }")


def _activity_block_query(ug: str) -> str:
    return _PROLOGUE + f"PREFIX ug: <{ug}>\nSELECT ?activity ?block WHERE {{ ?activity ug:mentionedIn ?block }}"


def activities_of(store: ox.Store, iri: str, ug: str) -> list[Activity]:
    """The activities ``iri`` takes part in, in text order; ``[]`` for none.

    Values are IRIs (agents, places, figures, initiatives and events, the action concept) or, for the
    period, the literal's lexical form. An activity's sentence is the first its annotations give (in
    text order), its block the first by IRI.
    """
    rows: dict[str, dict] = {}
    keys = {PREFIXES[c.split(":")[0]] + c.split(":")[1] if not c.startswith("ug:") else ug + c[3:]: k
            for c, k in _ACTIVITY_PROPS.items()}
    for r in _run(store, _activities_query(ug), {"iri": ox.NamedNode(iri)}):
        a = r["activity"].value
        row = rows.setdefault(a, {"agents": set(), "places": set(), "figures": set(), "concerns": set(),
                                  "action": None, "period": None, "sentence": "", "start": 0, "block": None})
        p, v = r["p"].value, r["v"].value
        if p in keys:
            row[keys[p]].add(v)
        elif p == ug + "action":
            row["action"] = v
        else:
            row["period"] = v
    for a, row in rows.items():
        bound = {"activity": ox.NamedNode(a)}
        sentences = sorted((_int(r["start"]), r["sentence"].value)
                           for r in _run(store, _activity_sentence_query(ug), bound))
        if sentences:
            row["start"], row["sentence"] = sentences[0]
        blocks = sorted(r["block"].value for r in _run(store, _activity_block_query(ug), bound))
        row["block"] = blocks[0] if blocks else None
    out = [Activity(a, d["sentence"], d["start"], d["block"], tuple(sorted(d["agents"])), d["action"],
                    tuple(sorted(d["places"])), tuple(sorted(d["figures"])), tuple(sorted(d["concerns"])), d["period"])
           for a, d in rows.items()]
    return sorted(out, key=lambda x: (x.start, x.iri))


# --- the SPARQL a page shows ----------------------------------------------------------------

def sparql_for_entity(iri: str) -> str:
    """The query a reader can run to see what an entity page shows (for the query page, not run here).

    >>> print(sparql_for_entity("http://x.test/id/a"))  # doctest: +NORMALIZE_WHITESPACE
    SELECT ?property ?value ?direction WHERE { { <http://x.test/id/a> ?property ?value BIND("out" AS ?direction) }
      UNION { ?value ?property <http://x.test/id/a> BIND("in" AS ?direction) } } ORDER BY ?direction ?property ?value
    """
    if any(c in iri for c in '<>"{}|^`\\ '):
        raise ValueError(f"not an IRI: {iri!r}")
    return (f'SELECT ?property ?value ?direction WHERE {{ {{ <{iri}> ?property ?value BIND("out" AS ?direction) }}\n'
            f'  UNION {{ ?value ?property <{iri}> BIND("in" AS ?direction) }} }} ORDER BY ?direction ?property ?value')


# --- views: timeline, map, charts (ungraph.web.views) -----------------------------------------
# Whole-graph tables, run once per served build; the views shape them for their pages.

__all__ += ["event_rows", "part_tops", "place_links", "notation_rows", "city_rows", "resource_rows", "series_rows"]

_VIEWS_PROLOGUE = _PROLOGUE + "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in (
    "lode", "qb", "sdmx-measure", "sdmx-dimension", "sdmx-attribute", "org", "prov"))


def _event_rows_query(ug: str) -> str:
    return (_VIEWS_PROLOGUE + f"PREFIX ug: <{ug}>\n"
            "SELECT ?event ?start ?end ?kind ?place WHERE { ?event a ug:Event . "
            "OPTIONAL { ?event schema:startDate ?start } OPTIONAL { ?event schema:endDate ?end } "
            "OPTIONAL { ?event ug:eventKind ?kind } OPTIONAL { ?event lode:atPlace ?place } }")


def event_rows(store: ox.Store, ug: str) -> list[dict[str, str | None]]:
    """One dict per (event, start, end, kind, place) row: ``event``, ``start`` and ``end`` (the
    literal's lexical form, an ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``), ``kind`` and
    ``place`` (IRIs); missing values are ``None``. Sorted."""
    out = []
    for r in _run(store, _event_rows_query(ug)):
        out.append({k: (r[k].value if r[k] is not None else None) for k in ("event", "start", "end", "kind", "place")})
    return sorted(out, key=lambda d: tuple(v or "" for v in d.values()))


def _part_tops_query() -> str:
    return (_PROLOGUE + "SELECT DISTINCT ?part ?top WHERE { ?part dcterms:isPartOf+ ?top . ?top dcterms:isPartOf ?report . "
            "?report a schema:Report FILTER NOT EXISTS { ?report dcterms:isPartOf ?up } }")


def part_tops(store: ox.Store) -> dict[str, str]:
    """Document part IRI -> the top-level part (introduction, chapter) that holds it."""
    return {r["part"].value: r["top"].value for r in _run(store, _part_tops_query())}


def _place_links_query(ug: str) -> str:
    return (_VIEWS_PROLOGUE + f"PREFIX ug: <{ug}>\n"
            "SELECT DISTINCT ?place ?rel ?thing WHERE { "
            "{ ?thing ug:servesArea ?place BIND('missions' AS ?rel) } "
            "UNION { ?thing a ug:Activity ; dcterms:spatial ?place BIND('activities' AS ?rel) } "
            "UNION { ?a a ug:Activity ; dcterms:spatial ?place ; ug:figure ?thing BIND('figures' AS ?rel) } "
            "UNION { ?thing sdmx-dimension:refArea ?place BIND('figures' AS ?rel) } "
            "UNION { ?thing lode:atPlace ?place BIND('events' AS ?rel) } "
            "FILTER(isIRI(?thing)) }")


def place_links(store: ox.Store, ug: str) -> list[tuple[str, str, str]]:
    """(place, relation, thing): the missions serving a place, the activities and events at it, the
    figures stated about it; relation is ``missions``, ``activities``, ``events`` or ``figures``."""
    return sorted((r["place"].value, r["rel"].value, r["thing"].value) for r in _run(store, _place_links_query(ug)))


def _notation_rows_query() -> str:
    return _PROLOGUE + "SELECT ?place ?code ?type WHERE { ?place skos:notation ?code BIND(DATATYPE(?code) AS ?type) }"


def notation_rows(store: ox.Store) -> list[tuple[str, str, str]]:
    """(place, code, datatype IRI) for every ``skos:notation``, sorted."""
    return sorted((r["place"].value, r["code"].value, r["type"].value) for r in _run(store, _notation_rows_query()))


def _city_rows_query() -> str:
    return (_PROLOGUE + "PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>\n"
            "SELECT ?city ?country ?match ?lat ?long WHERE { ?city a schema:City . "
            "OPTIONAL { ?city schema:containedInPlace ?country . ?country a schema:Country } "
            "OPTIONAL { ?city skos:exactMatch ?match FILTER(STRSTARTS(STR(?match), 'http://sws.geonames.org/')) } "
            "OPTIONAL { { ?city schema:latitude ?lat ; schema:longitude ?long } UNION "
            "{ ?city schema:geo ?g . ?g schema:latitude ?lat ; schema:longitude ?long } UNION "
            "{ ?city geo:lat ?lat ; geo:long ?long } } }")


def city_rows(store: ox.Store) -> list[dict[str, str | None]]:
    """Every ``schema:City``: its country, its GeoNames IRI and its coordinates when the graph has them."""
    out = [{k: (r[k].value if r[k] is not None else None) for k in ("city", "country", "match", "lat", "long")}
           for r in _run(store, _city_rows_query())]
    return sorted(out, key=lambda d: tuple(v or "" for v in d.values()))


def _resource_rows_query(ug: str) -> str:
    return (_VIEWS_PROLOGUE + f"PREFIX ug: <{ug}>\n"
            "SELECT ?amount ?chapter ?value ?currency ?verbatim ?source ?total ?period WHERE { "
            "?amount a ug:ResourceAmount ; ug:resourcesFor ?chapter ; ug:amount ?value . "
            "OPTIONAL { ?amount schema:currency ?currency } OPTIONAL { ?amount ug:verbatimValue ?verbatim } "
            "OPTIONAL { ?amount ug:fundingSource ?source } OPTIONAL { ?amount ug:componentOf ?total } "
            "OPTIONAL { ?amount sdmx-dimension:refPeriod ?period } }")


def resource_rows(store: ox.Store, ug: str) -> list[dict[str, str | None]]:
    """Every indicative resource amount: chapter, value (in units of the currency), currency, the
    verbatim figure, funding source and the total it is part of (``None`` for a total)."""
    keys = ("amount", "chapter", "value", "currency", "verbatim", "source", "total", "period")
    out = [{k: (r[k].value if r[k] is not None else None) for k in keys} for r in _run(store, _resource_rows_query(ug))]
    return sorted(out, key=lambda d: tuple(v or "" for v in d.values()))


def _series_rows_query(ug: str) -> str:
    return (_VIEWS_PROLOGUE + f"PREFIX ug: <{ug}>\n"
            "SELECT ?obs ?dataset ?value ?verbatim ?unit ?series ?category ?panel ?period WHERE { "
            "?obs a ug:Figure ; qb:dataSet ?dataset ; sdmx-measure:obsValue ?value ; ug:series ?series . "
            "OPTIONAL { ?obs ug:category ?category } OPTIONAL { ?obs ug:panel ?panel } "
            "OPTIONAL { ?obs ug:verbatimValue ?verbatim } OPTIONAL { ?obs sdmx-attribute:unitMeasure ?unit } "
            "OPTIONAL { ?obs sdmx-dimension:refPeriod ?period } }")


def series_rows(store: ox.Store, ug: str) -> list[dict[str, str | None]]:
    """Every figure that belongs to a series (a chart panel read as a table: ``ug:series`` ×
    ``ug:category``), with its data set, value, verbatim figure, unit, panel and period."""
    keys = ("obs", "dataset", "value", "verbatim", "unit", "series", "category", "panel", "period")
    out = [{k: (r[k].value if r[k] is not None else None) for k in keys} for r in _run(store, _series_rows_query(ug))]
    return sorted(out, key=lambda d: tuple(v or "" for v in d.values()))
