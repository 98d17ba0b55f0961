"""Quality, measured: precision and recall of the built graph against the gold set in ``tests/gold/``.

The gold set was made by reading the report (``tests/gold/README.md`` says how, file by file).
For each *kind* (organisations, missions, persons, countries, resolutions, ... and a few
relations such as "which chapter lists which key entity") the graph side is read with SPARQL
and compared with the gold side by *forms*:

* labels are compared after :func:`normalize_label` (NFKC, whitespace, "·" variants and
  quotation marks removed), so "阿明娜 · 穆罕默德" and "阿明娜·穆罕默德" are one form;
* resolution symbols after :func:`normalize_symbol` (NFKC, upper case, no spaces), a range of
  lettered parts ("A/RES/76/84 A-B") standing for its parts;
* countries by ISO 3166-1 alpha-3 code (or a Chinese form);
* Sustainable Development Goals by the UN's own IRI (``http://metadata.un.org/sdg/{n}``).

A gold item and a graph item match when they share a form; matching is one-to-one (a maximum
bipartite matching, required gold items first). Then ``tp`` = required gold items matched,
``fn`` = required gold items not matched, ``fp`` = graph items matched to no gold item (also a
second graph item for an already matched gold item: a duplicate). Gold items marked optional
are never counted as misses, and graph items matching them are never counted as errors.

Country mentions and goal mentions are compared span by span: a graph annotation on a country
(or a goal) matches a gold span with the same code (or goal number) when the two spans overlap.

>>> s = score([GoldItem("甲", frozenset({"甲"}), True), GoldItem("乙", frozenset({"乙"}), False)],
...           [GraphItem("x", frozenset({"甲"})), GraphItem("y", frozenset({"丙"}))])
>>> (s.tp, s.fp, s.fn, s.precision, s.recall, s.false_positives)
(1, 1, 0, 0.5, 1.0, ('y',))
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ungraph.sparql import select

__all__ = ["GoldItem", "GraphItem", "Scores", "KINDS", "SDG", "normalize_label", "normalize_symbol", "score", "score_spans",
           "load_gold", "load_gold_mentions", "load_gold_goal_mentions", "graph_items", "graph_country_mentions",
           "graph_goal_mentions", "evaluate", "format_table", "main"]

#: The UN's IRI of Sustainable Development Goal n (``SDG + "14"``); see ../shared/LINKED_DATA.md.
SDG = "http://metadata.un.org/sdg/"

_DROP = re.compile(r"[\s·・•‧∙⋅‐《》“”\"‘’'「」]")
_RANGE = re.compile(r"^(.*\d)\s*([A-Z])\s*(?:-|–|—|和|AND)\s*([A-Z])$")


def normalize_label(text: str) -> str:
    """The form a label is compared in.

    >>> normalize_label("阿明娜 · 穆罕默德") == normalize_label("阿明娜·穆罕默德")
    True
    >>> normalize_label("《联合国宪章》")
    '联合国宪章'
    >>> normalize_label(" CRAF'd ")
    'crafd'
    """
    return _DROP.sub("", unicodedata.normalize("NFKC", text)).lower()


def normalize_symbol(text: str) -> str:
    """The form a document symbol is compared in.

    >>> normalize_symbol("S/RES/2282 (2016)")
    'S/RES/2282(2016)'
    >>> normalize_symbol("A/RES/72/262 C") == normalize_symbol("A/RES/72/262C")
    True
    """
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).upper()


def _expand_range(symbol: str) -> list[str]:
    """A range of lettered parts stands for its parts.

    >>> _expand_range("A/RES/76/84 A-B")
    ['A/RES/76/84 A', 'A/RES/76/84 B']
    >>> _expand_range("A/RES/70/1")
    ['A/RES/70/1']
    """
    m = _RANGE.match(unicodedata.normalize("NFKC", symbol).strip().upper())
    if not m:
        return [symbol]
    head, first, last = m.groups()
    return [f"{head} {chr(c)}" for c in range(ord(first), ord(last) + 1)]


@dataclass(frozen=True)
class GoldItem:
    key: str
    forms: frozenset[str]
    required: bool = True


@dataclass(frozen=True)
class GraphItem:
    key: str
    forms: frozenset[str]


@dataclass(frozen=True)
class Scores:
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    false_positives: tuple[str, ...] = ()
    false_negatives: tuple[str, ...] = ()


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def _match(gold: Sequence[GoldItem], graph: Sequence[GraphItem], order: Iterable[int]) -> dict[int, int]:
    """Maximum bipartite matching (augmenting paths): gold index -> graph index."""
    by_form: dict[str, list[int]] = defaultdict(list)
    for j, item in enumerate(graph):
        for f in item.forms:
            by_form[f].append(j)
    edges = [sorted({j for f in g.forms for j in by_form.get(f, ())}) for g in gold]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in order:
        augment(i, set())
    return {i: j for j, i in owner.items()}


def score(gold: Sequence[GoldItem], graph: Sequence[GraphItem]) -> Scores:
    """Score graph items against gold items (see the module docstring for the rules)."""
    required = [i for i, g in enumerate(gold) if g.required]
    optional = [i for i, g in enumerate(gold) if not g.required]
    matched = _match(gold, graph, required + optional)
    used = set(matched.values())
    tp = sum(1 for i in required if i in matched)
    fns = sorted(gold[i].key for i in required if i not in matched)
    fps = sorted(item.key for j, item in enumerate(graph) if j not in used)
    return Scores(tp, len(fps), len(fns), _ratio(tp, tp + len(fps)), _ratio(tp, tp + len(fns)),
                  tuple(fps), tuple(fns))


def score_spans(gold: Sequence[tuple[int, int, str, bool, str]], graph: Sequence[tuple[int, int, str]]) -> Scores:
    """Span-level scores: a graph span matches a gold span with the same code that it overlaps.

    >>> s = score_spans([(0, 2, "MLI", True, "马里"), (5, 7, "MLI", False, "马里")], [(0, 2, "MLI"), (9, 11, "CHN")])
    >>> (s.tp, s.fp, s.fn)
    (1, 1, 0)
    """
    hit: set[int] = set()
    fps = []
    for s, e, code in graph:
        found = [i for i, (gs, ge, gc, _, _) in enumerate(gold) if gc == code and gs < e and s < ge]
        if found:
            hit.update(found)
        else:
            fps.append(f"{s}-{e} {code}")
    tp = sum(1 for i, g in enumerate(gold) if g[3] and i in hit)
    fns = [f"{g[0]}-{g[1]} {g[2]} {g[4]}" for i, g in enumerate(gold) if g[3] and i not in hit]
    return Scores(tp, len(fps), len(fns), _ratio(tp, tp + len(fps)), _ratio(tp, tp + len(fns)),
                  tuple(fps), tuple(fns))


# --- gold side ------------------------------------------------------------------------------

def _rows(gold_dir: Path, name: str) -> list[dict[str, str]]:
    with open(gold_dir / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def _optional_rows(gold_dir: Path, name: str) -> list[dict[str, str]]:
    """The rows of a gold file that an older gold set may not have (no file: no items)."""
    return _rows(gold_dir, name) if (gold_dir / name).exists() else []


def _country_required(row: dict[str, str]) -> bool:
    """A country is required when its ``required`` cell says so, or (older files) when it has a sure mention."""
    return row["required"] == "yes" if row.get("required") else int(row["mentions"]) > 0


def _split(cell: str | None) -> list[str]:
    return [v for v in (cell or "").split("|") if v.strip()]


def _labels(*cells: str | None) -> frozenset[str]:
    return frozenset(normalize_label(v) for c in cells for v in _split(c))


def _pairs(lefts: Iterable[str], rights: Iterable[str]) -> frozenset[str]:
    return frozenset(f"{a}|{b}" for a in lefts for b in rights)


def load_gold(gold_dir: str | Path) -> dict[str, list[GoldItem]]:
    """Every entity and relation kind of the gold set, as lists of :class:`GoldItem`."""
    d = Path(gold_dir)
    orgs, missions, officials = _rows(d, "organizations.tsv"), _rows(d, "missions.tsv"), _rows(d, "officials.tsv")
    persons, regions = _rows(d, "persons.tsv"), _rows(d, "regions.tsv")
    gold: dict[str, list[GoldItem]] = {
        "organizations": [GoldItem(r["label_zh"], _labels(r["label_zh"], r["variants"]), r["required"] == "yes")
                          for r in orgs],
        "missions": [GoldItem(r["abbreviation"] or r["full_name"], _labels(r["abbreviation"], r["full_name"], r["variants"]),
                              r["required"] == "yes") for r in missions],
        "officials": [GoldItem(r["name_zh"], _labels(r["name_zh"], r["variants"])) for r in officials],
        "posts": [GoldItem(r["title_zh"], _labels(r["title_zh"])) for r in officials],
        "persons": [GoldItem(r["name_zh"], _labels(r["name_zh"], r["variants"])) for r in officials]
        + [GoldItem(r["name_zh"], _labels(r["name_zh"], r["variants"]), r["required"] == "yes")
           for r in persons if r["required"] != "no"],
        "countries": [GoldItem(r["iso3"], frozenset({normalize_label(r["iso3"])}) | _labels(r["forms"]),
                               _country_required(r)) for r in _rows(d, "countries.tsv")],
        "cities": [GoldItem(r["name_zh"], _labels(r["name_zh"], r["variants"]), r["required"] == "yes")
                   for r in _optional_rows(d, "cities.tsv")],
        "goals": [GoldItem(SDG + r["goal"], frozenset({SDG + r["goal"]})) for r in _optional_rows(d, "goals.tsv")],
        "regions": [GoldItem(r["name_zh"], _labels(r["name_zh"], r["variants"]), r["required"] == "yes") for r in regions],
        "resolutions": [GoldItem(r["symbol"], frozenset({normalize_symbol(r["symbol"])})) for r in _rows(d, "resolutions.tsv")],
        "instruments": [GoldItem(r["label_zh"], _labels(r["label_zh"], r["variants"]), r["required"] == "yes")
                        for r in _rows(d, "instruments.tsv")],
        "key-entities": [GoldItem(f"{r['label_zh']} @ {ch}", _pairs(_labels(r["label_zh"], r["variants"]), [ch]),
                                  r["required"] == "yes") for r in orgs for ch in _split(r["key_entity_of"])],
        "mandates": [GoldItem(f"{r['symbol']} @ {ch}", frozenset({normalize_symbol(f"{r['symbol']}|{ch}")}))
                     for r in _rows(d, "resolutions.tsv") if r["cited_as"] == "mandate" for ch in _split(r["parts"])],
        "mission-areas": [GoldItem(f"{r['abbreviation']} -> {a}", _pairs(_labels(r["abbreviation"], r["full_name"]),
                                                                          [normalize_label(a)]), r["required"] == "yes")
                          for r in missions for a in _split(r["serves"])],
        "post-holders": [GoldItem(f"{r['title_zh']} {r['name_zh']}", _pairs(_labels(r["title_zh"]),
                                                                              _labels(r["name_zh"], r["variants"])))
                         for r in officials],
        "quotations": [GoldItem(f"{r['name_zh']} @ {r['quoted_in']}", _pairs(_labels(r["name_zh"], r["variants"]),
                                                                              [r["quoted_in"]]))
                       for r in officials if r["quoted_in"]],
    }
    return gold


def load_gold_mentions(gold_dir: str | Path) -> list[tuple[int, int, str, bool, str]]:
    """The gold country mentions: (start, end, iso3, required, surface); false friends are left out."""
    return [(int(r["start"]), int(r["end"]), r["iso3"], r["status"] == "yes", r["surface"])
            for r in _rows(Path(gold_dir), "country_mentions.tsv") if r["status"] != "no"]


def load_gold_goal_mentions(gold_dir: str | Path) -> list[tuple[int, int, str, bool, str]]:
    """The gold goal mentions: (start, end, goal number, required, surface); numbers that are not goals left out."""
    return [(int(r["start"]), int(r["end"]), r["goal"], r["status"] == "yes", r["surface"])
            for r in _optional_rows(Path(gold_dir), "goal_mentions.tsv") if r["status"] != "no"]


# --- graph side -----------------------------------------------------------------------------

_PROLOGUE = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""
#: Any label of an entity, in Chinese or without a language (English labels never match the gold).
_LABEL = ("?e skos:prefLabel|skos:altLabel|foaf:name|rdfs:label|schema:name|ug:abbreviation|ug:postTitle ?f "
          "FILTER(isLiteral(?f) && (LANG(?f) = '' || LANGMATCHES(LANG(?f), 'zh')))")
#: Entities that come from the report: annotated or mentioned.
_FROM_REPORT = "FILTER EXISTS { { ?e ug:mentionedIn ?_b } UNION { ?_a oa:hasBody ?e } }"
_ORG_TYPES = "VALUES ?t { org:Organization org:FormalOrganization org:OrganizationalUnit ug:UNBody ug:ExternalOrganization }"
_ALPHA3 = "?e skos:notation ?_n FILTER(REGEX(STR(?_n), '^[A-Z]{3}$'))"
#: A fact the report states has a reified statement (with its annotation); reference facts have none.
_STATED = "FILTER EXISTS { ?_st rdf:subject ?m ; rdf:predicate ug:servesArea ; rdf:object ?a }"
#: The top part (introduction or chapter/N) of a part ?p, read from its structural id ({base}id/report/{key}/{id}).
_TOP = "BIND(REPLACE(STR(?p), '^.*/id/report/[^/]+/(introduction|chapter/[0-9]+)(/.*)?$', '$1') AS ?part)"

#: Cities and sub-national places: typed with a schema.org class for them (or a subclass of one).
#: A place typed only schema:Place (no region, no territory) is one inside a country that is neither an
#: area nor a settlement, the port 拉斯伊萨 or the island 圣安唐 (issue 11, places): the gold set lists them with the cities.
_CITY = ("{ ?e a ?_c . ?_c rdfs:subClassOf* ?_ct . "
         "VALUES ?_ct { schema:City schema:AdministrativeArea schema:Town schema:Village } } UNION "
         "{ ?e a schema:Place FILTER NOT EXISTS { ?e a ug:Region } FILTER NOT EXISTS { ?e a ug:Territory } }")
#: ?g is the UN's IRI of a goal: the entity itself, or what it is declared the same as.
_SDG_RE = "'^" + SDG.replace(".", "[.]") + "[0-9]+$'"
_GOAL = (f"OPTIONAL {{ ?e skos:exactMatch|owl:sameAs ?_m FILTER(REGEX(STR(?_m), {_SDG_RE})) }} "
         f"BIND(IF(REGEX(STR(?e), {_SDG_RE}), ?e, ?_m) AS ?g) FILTER(BOUND(?g))")

#: kind -> (SELECT ?e ?f body, normaliser). ``?e`` identifies a graph item, ``?f`` is one of its forms.
_GRAPH: dict[str, tuple[str, Callable[[str], str]]] = {
    "organizations": (f"{_ORG_TYPES} ?e a ?t . FILTER NOT EXISTS {{ ?e a ug:PeaceOperation }} {_FROM_REPORT} {_LABEL}",
                      normalize_label),
    "missions": (f"?e a ug:PeaceOperation . {_FROM_REPORT} {_LABEL}", normalize_label),
    "persons": (f"?e a foaf:Person . {_FROM_REPORT} {_LABEL}", normalize_label),
    "officials": (f"?e a foaf:Person ; org:holds ?_p . {_FROM_REPORT} {_LABEL}", normalize_label),
    "posts": (f"?e a org:Post . {_FROM_REPORT} {_LABEL}", normalize_label),
    "countries": ("VALUES ?t { schema:Country ug:Territory } ?e a ?t . " + _FROM_REPORT + f" FILTER EXISTS {{ {_ALPHA3} }}"
                  " { ?e skos:notation ?f FILTER(REGEX(STR(?f), '^[A-Z]{3}$')) } UNION { " + _LABEL + " }",
                  normalize_label),
    "regions": ("VALUES ?t { ug:Region ug:Territory schema:Place } ?e a ?t . "
                f"FILTER NOT EXISTS {{ ?e a schema:Country }} FILTER NOT EXISTS {{ {_ALPHA3} }} "
                f"MINUS {{ {_CITY} }} {_FROM_REPORT} {_LABEL}", normalize_label),  # MINUS: evaluated once, not per ?e
    "cities": (f"{_CITY} FILTER NOT EXISTS {{ ?e a schema:Country }} FILTER NOT EXISTS {{ {_ALPHA3} }} "
               f"{_FROM_REPORT} {_LABEL}", normalize_label),
    "goals": ("{ ?_x dcterms:subject ?e } UNION { ?_a oa:hasBody ?e } UNION { ?e ug:mentionedIn ?_b } "
              f"{_GOAL} BIND(STR(?g) AS ?f)", str.strip),
    "resolutions": (f"?e a ug:Resolution . {_FROM_REPORT} ?e schema:legislationIdentifier|dcterms:identifier ?f",
                    normalize_symbol),
    "instruments": (f"?e a/rdfs:subClassOf* ug:Instrument . FILTER NOT EXISTS {{ ?e a ug:Resolution }} "
                    f"{_FROM_REPORT} {_LABEL}", normalize_label),
    "key-entities": (f"?o ug:keyEntityOf|^ug:keyEntity ?p . {_TOP} "
                     "?o skos:prefLabel|skos:altLabel|ug:abbreviation|rdfs:label ?l "
                     "FILTER(LANG(?l) = '' || LANGMATCHES(LANG(?l), 'zh')) "
                     "BIND(CONCAT(STR(?o), ' @ ', ?part) AS ?e) BIND(CONCAT(STR(?l), '|', ?part) AS ?f)",
                     normalize_label),
    "mandates": (f"?r a ug:Resolution ; ug:citedIn ?p ; schema:legislationIdentifier|dcterms:identifier ?s . {_TOP} "
                 "BIND(CONCAT(STR(?s), ' @ ', ?part) AS ?e) BIND(CONCAT(STR(?s), '|', ?part) AS ?f)",
                 normalize_symbol),
    "mission-areas": (f"?m a ug:PeaceOperation ; ug:servesArea ?a . {_STATED} "
                      "?m skos:prefLabel|skos:altLabel|ug:abbreviation ?ml FILTER(LANGMATCHES(LANG(?ml), 'zh')) "
                      "{ ?a skos:notation ?al FILTER(REGEX(STR(?al), '^[A-Z]{3}$')) } UNION "
                      "{ ?a skos:prefLabel|skos:altLabel ?al FILTER(LANGMATCHES(LANG(?al), 'zh')) } "
                      "BIND(CONCAT(STR(?m), ' -> ', STR(?a)) AS ?e) BIND(CONCAT(STR(?ml), '|', STR(?al)) AS ?f)",
                      normalize_label),
    "post-holders": ("{ ?x org:holds ?y } UNION { ?y org:heldBy ?x } ?x a foaf:Person . ?y a org:Post . "
                     "?y skos:prefLabel|ug:postTitle ?t FILTER(LANG(?t) = '' || LANGMATCHES(LANG(?t), 'zh')) "
                     "?x foaf:name|skos:prefLabel|skos:altLabel ?n FILTER(LANG(?n) = '' || LANGMATCHES(LANG(?n), 'zh')) "
                     "BIND(CONCAT(STR(?y), ' ', STR(?x)) AS ?e) BIND(CONCAT(STR(?t), '|', STR(?n)) AS ?f)",
                     normalize_label),
    "quotations": (f"?x a foaf:Person ; ug:quotedIn ?p . {_TOP} "
                   "?x foaf:name|skos:prefLabel|skos:altLabel ?n FILTER(LANG(?n) = '' || LANGMATCHES(LANG(?n), 'zh')) "
                   "BIND(CONCAT(STR(?x), ' @ ', ?part) AS ?e) BIND(CONCAT(STR(?n), '|', ?part) AS ?f)",
                   normalize_label),
}

#: Every kind scored, in the order of the table.
KINDS: tuple[str, ...] = (*_GRAPH, "country-mentions", "goal-mentions")


def _ontology_namespace(store: ox.Store) -> str:
    rows = list(select(store, _PROLOGUE + "SELECT ?o WHERE { ?o a owl:Ontology } ORDER BY ?o"))
    return (rows[0]["o"].value if rows else "urn:ungraph:ontology") + "#"


def _prologue(store: ox.Store) -> str:
    return _PROLOGUE + f"PREFIX ug: <{_ontology_namespace(store)}>\n"


def _expand_form(kind: str, value: str) -> list[str]:
    """Resolution symbols (alone or before "|part") that are ranges of lettered parts become their parts."""
    if kind not in ("resolutions", "mandates"):
        return [value]
    symbol, sep, rest = value.partition("|")
    return [p + sep + rest for p in _expand_range(symbol)]


def graph_items(store: ox.Store, kind: str) -> list[GraphItem]:
    """The graph's items of one kind, each with its normalised forms.

    A resolution entity whose symbol is a range of lettered parts counts once per part.
    """
    body, norm = _GRAPH[kind]
    forms: dict[str, set[str]] = defaultdict(set)
    for row in select(store, _prologue(store) + f"SELECT DISTINCT ?e ?f WHERE {{ {body} }}"):
        key, value = row["e"].value, row["f"].value
        parts = _expand_form(kind, value)
        if len(parts) > 1:
            for part in parts:
                forms[f"{key} [{part}]"].add(norm(part))
        else:
            forms[key].add(norm(value))
    return [GraphItem(k, frozenset(v)) for k, v in sorted(forms.items())]


def graph_country_mentions(store: ox.Store) -> list[tuple[int, int, str]]:
    """(start, end, iso3) of every annotation whose body is a country or territory with an alpha-3 code."""
    q = _prologue(store) + """SELECT DISTINCT ?s ?x ?c WHERE {
      ?a oa:hasBody ?e ; oa:hasTarget/oa:hasSelector ?sel . ?sel oa:start ?s ; oa:end ?x .
      ?e skos:notation ?c FILTER(REGEX(STR(?c), '^[A-Z]{3}$')) }"""
    return sorted((int(r["s"].value), int(r["x"].value), r["c"].value) for r in select(store, q))


def graph_goal_mentions(store: ox.Store) -> list[tuple[int, int, str]]:
    """(start, end, goal number) of every annotation whose body is a Sustainable Development Goal."""
    q = _prologue(store) + f"""SELECT DISTINCT ?s ?x ?g WHERE {{
      ?a oa:hasBody ?e ; oa:hasTarget/oa:hasSelector ?sel . ?sel oa:start ?s ; oa:end ?x . {_GOAL} }}"""
    return sorted({(int(r["s"].value), int(r["x"].value), r["g"].value.removeprefix(SDG)) for r in select(store, q)})


def evaluate(store: ox.Store, gold_dir: str | Path, text: str | None = None) -> dict[str, Scores]:
    """Precision and recall per kind of the graph in ``store`` against the gold set in ``gold_dir``;
    with the report ``text``, also events and figures (:mod:`ungraph.evaluate_content`) and the activities
    (:mod:`ungraph.evaluate_activities`)."""
    gold = load_gold(gold_dir)
    scores = {kind: score(gold[kind], graph_items(store, kind)) for kind in _GRAPH}
    scores["country-mentions"] = score_spans(load_gold_mentions(gold_dir), graph_country_mentions(store))
    scores["goal-mentions"] = score_spans(load_gold_goal_mentions(gold_dir), graph_goal_mentions(store))
    if text is not None:
        from ungraph.evaluate_activities import evaluate_activities
        from ungraph.evaluate_content import evaluate_content

        scores.update(evaluate_content(store, gold_dir, text))
        scores.update(evaluate_activities(store, gold_dir, text))
        from ungraph.evaluate_participants import evaluate_participants  # issue 10: events' participants

        scores.update(evaluate_participants(store, gold_dir, text))
    return scores


def format_table(scores: dict[str, Scores], *, details: bool = False) -> str:
    """A Markdown table of the scores (and, with ``details``, the misses under it)."""
    lines = ["| kind | gold | tp | fp | fn | precision | recall |", "|---|---:|---:|---:|---:|---:|---:|"]
    for kind, s in scores.items():
        lines.append(f"| {kind} | {s.tp + s.fn} | {s.tp} | {s.fp} | {s.fn} | {s.precision:.1%} | {s.recall:.1%} |")
    if details:
        for kind, s in scores.items():
            for label, items in (("false positive", s.false_positives), ("false negative", s.false_negatives)):
                lines.extend(f"{kind}\t{label}\t{item}" for item in items)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m ungraph.evaluate [--store build/store] [--gold tests/gold] [--details]``."""
    from ungraph.store import open_store

    parser = argparse.ArgumentParser(prog="python -m ungraph.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("--store", default="build/store", help="store directory written by `ungraph build`")
    parser.add_argument("--gold", default="tests/gold", help="directory of the gold TSV files")
    parser.add_argument("--details", action="store_true", help="list every false positive and false negative")
    parser.add_argument("--source", default="data/source", help="directory of the report text (for events and figures)")
    args = parser.parse_args(argv)
    store = open_store(args.store, read_only=True)
    text = (Path(args.source) / "A-78-1.zh.txt").read_text(encoding="utf-8") if (Path(args.source) / "A-78-1.zh.txt").exists() \
        else None
    print(format_table(evaluate(store, args.gold, text), details=args.details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
