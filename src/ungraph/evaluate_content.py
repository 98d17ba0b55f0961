"""Quality of the events and figures against the gold set (``tests/gold/events.tsv``, ``figures.tsv``).

**Events.** A gold event and a graph event match when one of their names is the same after
:func:`ungraph.evaluate.normalize_label`, or when one name contains the other (four characters or
more) and the graph event is mentioned on one of the lines the gold row lists. Matching is one to
one (a second graph event for one gold event is a false positive), optional rows are neither
missed nor errors. Of the matched required events that have a date (or a country) in the gold
set, ``events-dates`` (``events-places``) counts those whose graph date (country) is the same:
``schema:startDate`` (and ``schema:endDate`` for a range ``start/end``), ``lode:atPlace``'s
ISO 3166-1 code (or that of the country its ``schema:location`` lies in); ``events-cities``, of those with a city, those whose ``schema:location`` (the
place as written, or the Chinese name of the place entity it is) contains it. The gold set infers a
country from a city (纽约 -> USA); so does the graph, the event's city being ``schema:containedInPlace``
its country.

**Figures.** A gold figure and a graph figure match when the graph figure's value (its
``sdmx-measure:obsValue``, or its ``schema:minValue``) equals the gold value and its printed
value starts on the gold row's line. ``figures-measure`` counts the matched required figures
whose ``ug:measure`` (for an indicative resource amount, the Chinese label of its ``ug:fundingSource``, and
for a chapter's total, the Chinese label of its data set, 指示性资源)
is not empty and shares a two-character word with the gold measure (or is
contained in it); ``figures-unit``, ``figures-place``, ``figures-period`` those whose unit,
``sdmx-dimension:refArea`` (code or Chinese name), ``sdmx-dimension:refPeriod`` (the same, or
one more precise than the other: 2022 and 2022-07) agree, among
the matched required figures for which the gold row states one. The precision of places and
periods counts the graph's values on matched figures that the gold row does not share; a chart
cell's period (its series') counts only where the gold row gives one, as the gold reading declines
to assign the cells of the gender-parity chart to their series.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field as dataclass_field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from ungraph.evaluate import GoldItem, GraphItem, Scores, normalize_label, score
from ungraph.sparql import select

__all__ = ["CONTENT_KINDS", "evaluate_content", "event_items", "figure_items", "UNIT_MAP"]

CONTENT_KINDS = ("events", "events-dates", "events-places", "events-cities", "figures", "figures-measure", "figures-unit",
                 "figures-place", "figures-period")

#: Gold unit -> the graph's unit (a ``ug:Units`` local name, or a currency code).
UNIT_MAP = {"person": "Person", "country": "Country", "USD": "USD", "percent": "Percent", "tonne": "Tonne",
            "km": "Kilometre", "km2": "SquareKilometre", "hectare": "Hectare", "barrel": "Barrel"}
_COUNTED = {"household", "organization", "mission", "meeting", "document", "project", "case", "visit", "location",
            "item", "language"}

_PROLOGUE = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX lode: <http://linkedevents.org/ontology/>
PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
PREFIX sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def _ug(store: ox.Store) -> str:
    rows = list(select(store, _PROLOGUE + "SELECT ?o WHERE { ?o a owl:Ontology } ORDER BY ?o"))
    return f"PREFIX ug: <{rows[0]['o'].value if rows else 'urn:ungraph:ontology'}#>\n"


def _line_starts(text: str) -> list[int]:
    starts, at = [0], text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def _line(starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(starts, offset)


@dataclass
class _Event:
    forms: set[str]
    lines: set[int]
    start: str | None = None
    end: str | None = None
    countries: set[str] = dataclass_field(default_factory=set)
    places: set[str] = dataclass_field(default_factory=set)


def event_items(store: ox.Store, text: str) -> dict[str, _Event]:
    """The graph's events: names, the lines that mention them, date, country."""
    starts = _line_starts(text)
    q = _PROLOGUE + _ug(store) + """SELECT ?e ?f ?s ?d ?x ?c ?w WHERE { ?e a ug:Event .
      { ?e skos:prefLabel|skos:altLabel ?f } UNION { ?a oa:hasBody ?e ; oa:hasTarget/oa:hasSelector/oa:start ?s }
      UNION { ?e schema:startDate ?d } UNION { ?e schema:endDate ?x } UNION { ?e schema:location ?w FILTER(isLiteral(?w)) }
      UNION { ?e schema:location/skos:prefLabel ?w FILTER(LANG(?w) = "zh") }
      UNION { ?e (lode:atPlace|schema:location/schema:containedInPlace)/skos:notation ?c FILTER(REGEX(STR(?c), '^[A-Z]{3}$')) } }"""
    out: dict[str, _Event] = defaultdict(lambda: _Event(set(), set(), countries=set(), places=set()))
    for r in select(store, q):
        ev = out[r["e"].value]
        if r["f"] is not None:
            ev.forms.add(normalize_label(r["f"].value))
        if r["s"] is not None:
            ev.lines.add(_line(starts, int(r["s"].value)))
        if r["d"] is not None:
            ev.start = r["d"].value
        if r["x"] is not None:
            ev.end = r["x"].value
        if r["c"] is not None:
            ev.countries.add(r["c"].value)
        if r["w"] is not None:
            ev.places.add(r["w"].value)
    return dict(sorted(out.items()))


def _gold_events(gold_dir: Path) -> list[dict[str, str]]:
    return [r for r in _rows(gold_dir / "events.tsv") if r["required"] in ("yes", "optional")]


def _event_forms(row: dict[str, str]) -> set[str]:
    return {normalize_label(v) for v in [row["label_zh"], *row["variants"].split("|")] if v.strip()}


def _score_events(gold_dir: Path, store: ox.Store, text: str) -> dict[str, Scores]:
    gold_rows, graph = _gold_events(gold_dir), event_items(store, text)
    keys = sorted(graph)
    # a graph event gets, for each gold row it matches by containment on a shared line, that row's id as a form
    items = []
    for key in keys:
        ev = graph[key]
        forms = set(ev.forms)
        for row in gold_rows:
            gforms, lines = _event_forms(row), {int(x) for x in row["lines"].split("|") if x.strip().isdigit()}
            if ev.lines & lines and any(len(a) >= 4 and len(b) >= 4 and (a in b or b in a) for a in ev.forms for b in gforms):
                forms.add("#" + row["id"])
        items.append(GraphItem(key, frozenset(forms)))
    gold = [GoldItem(r["id"], frozenset(_event_forms(r) | {"#" + r["id"]}), r["required"] == "yes") for r in gold_rows]
    main = score(gold, items)
    matched = _pairs(gold, items)
    by_id = {r["id"]: r for r in gold_rows}
    dates = [(g, graph[k]) for g, k in matched if by_id[g]["required"] == "yes" and by_id[g]["date"]]
    places = [(g, graph[k]) for g, k in matched if by_id[g]["required"] == "yes" and by_id[g]["place_country"]]
    cities = [(g, graph[k]) for g, k in matched if by_id[g]["required"] == "yes" and by_id[g]["place_city"]]
    date_ok = [g for g, e in dates if _same_date(by_id[g]["date"], e)]
    place_ok = [g for g, e in places if e.countries and e.countries & set(by_id[g]["place_country"].split("|"))]
    city_ok = [g for g, e in cities if any(by_id[g]["place_city"] in p for p in e.places or ())]
    return {"events": main, "events-dates": _ratio_scores(dates, date_ok), "events-places": _ratio_scores(places, place_ok),
            "events-cities": _ratio_scores(cities, city_ok)}


def _same_date(gold: str, ev: _Event) -> bool:
    for option in gold.split("|"):
        start, _, end = option.partition("/")
        if ev.start == start and (not end or ev.end == end):
            return True
    return False


def _pairs(gold: list[GoldItem], graph: list[GraphItem]) -> list[tuple[str, str]]:
    """The (gold key, graph key) pairs of the maximum matching (as :func:`score` makes it)."""
    from ungraph.evaluate import _match

    required = [i for i, g in enumerate(gold) if g.required]
    optional = [i for i, g in enumerate(gold) if not g.required]
    return sorted((gold[i].key, graph[j].key) for i, j in _match(gold, graph, required + optional).items())


def _ratio_scores(cases: list, ok: list) -> Scores:
    tp = len(ok)
    wrong = sorted(str(g) for g, _ in cases if g not in set(ok))
    return Scores(tp, 0, len(cases) - tp, 1.0, tp / len(cases) if cases else 1.0, (), tuple(wrong))


@dataclass
class _Figure:
    value: Decimal | None
    line: int
    measure: str = ""
    unit: str = ""
    area: set[str] = dataclass_field(default_factory=set)
    period: str = ""
    cell: bool = False  # a chart cell (its period is its series')


def figure_items(store: ox.Store, text: str) -> dict[str, _Figure]:
    """The graph's figures: value, line of the printed value, measure, unit, place, period."""
    starts = _line_starts(text)
    q = _PROLOGUE + _ug(store) + """SELECT ?e ?v ?lo ?s ?x ?m ?u ?cur ?an ?al ?p ?series WHERE {
      VALUES ?type { ug:Figure ug:ResourceAmount } ?e a ?type .
      ?st <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?e ;
          <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> ?vp .
      VALUES ?vp { ug:verbatimValue ug:amount }
      ?a oa:hasBody ?st ; oa:hasTarget/oa:hasSelector ?sel . ?sel oa:start ?s . ?a oa:hasTarget/oa:hasSelector/oa:exact ?x .
      OPTIONAL { ?e sdmx-measure:obsValue|ug:amount ?v } OPTIONAL { ?e schema:minValue ?lo }
      OPTIONAL { { ?e ug:measure|ug:fundingSource/skos:prefLabel ?m } UNION
                 { ?e a ug:ResourceAmount ; <http://purl.org/linked-data/cube#dataSet>/<http://www.w3.org/2000/01/rdf-schema#label> ?m
                   FILTER NOT EXISTS { ?e ug:fundingSource ?source } }
                 FILTER(LANG(?m) != "en") } OPTIONAL { ?e sdmx-attribute:unitMeasure ?u } OPTIONAL { ?e schema:currency ?cur }
      OPTIONAL { ?e sdmx-dimension:refArea ?ar . OPTIONAL { ?ar skos:notation ?an } OPTIONAL { ?ar skos:prefLabel ?al } }
      OPTIONAL { ?e sdmx-dimension:refPeriod ?p } OPTIONAL { ?e ug:series ?series } }"""
    out: dict[str, _Figure] = {}
    for r in select(store, q):
        key = r["e"].value
        raw = r["v"] if r["v"] is not None else r["lo"]
        digit = next((i for i, ch in enumerate(r["x"].value) if ch.isdigit() or ch in "一二三四五六七八九十两"), 0)
        fig = out.setdefault(key, _Figure(Decimal(raw.value) if raw is not None else None,
                                          _line(starts, int(r["s"].value) + digit), area=set()))
        if r["m"] is not None:
            fig.measure = r["m"].value
        if r["u"] is not None:
            fig.unit = r["u"].value.rsplit("#", 1)[-1]
        if r["cur"] is not None:
            fig.unit = r["cur"].value
        for name in ("an", "al"):
            if r[name] is not None:
                fig.area.add(r[name].value)
        if r["p"] is not None:
            fig.period = r["p"].value
        if r["series"] is not None:
            fig.cell = True
    return dict(sorted(out.items()))


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except (InvalidOperation, ValueError):
        return None


def _measure_ok(gold: str, graph: str) -> bool:
    if not graph:
        return False
    return graph in gold or any(graph[i:i + 2] in gold for i in range(len(graph) - 1))


def _period_ok(gold: str, graph: str) -> bool:
    """The same period, or one more precise than the other (2022 and 2022-07)."""
    return bool(graph) and (graph == gold or graph.startswith(gold + "-") or gold.startswith(graph + "-"))


def _unit_ok(gold: str, graph: str) -> bool:
    return UNIT_MAP.get(gold) == graph or (gold in _COUNTED and graph == "Count")


def _score_figures(gold_dir: Path, store: ox.Store, text: str) -> dict[str, Scores]:
    rows = [r for r in _rows(gold_dir / "figures.tsv") if r["required"] in ("yes", "optional")]
    graph = figure_items(store, text)
    items = [GraphItem(k, frozenset({f"{f.line}|{f.value.normalize()}"} if f.value is not None else set()))
             for k, f in graph.items()]
    gold = []
    for r in rows:
        value = _decimal(r["value"])
        forms = frozenset({f"{r['line']}|{value.normalize()}"}) if value is not None else frozenset()
        gold.append(GoldItem(r["id"], forms, r["required"] == "yes"))
    main = score(gold, items)
    by_id = {r["id"]: r for r in rows}
    matched = [(by_id[g], graph[k]) for g, k in _pairs(gold, items) if by_id[g]["required"] == "yes"]
    out = {"figures": main}
    for kind, field, ok, given in (
            ("figures-measure", "measure", lambda r, f: _measure_ok(r["measure"], f.measure), None),
            ("figures-unit", "unit", lambda r, f: _unit_ok(r["unit"], f.unit), None),
            ("figures-place", "place", lambda r, f: bool(f.area and set(r["place"].split("|")) & f.area), lambda f: bool(f.area)),
            ("figures-period", "period", lambda r, f: _period_ok(r["period"], f.period), lambda f: bool(f.period))):
        cases = [(r["id"], f) for r, f in matched if r[field]]
        good = [g for g, f in cases if ok(by_id[g], f)]
        scores = _ratio_scores(cases, good)
        if given is not None:  # precision: of the graph's places (periods) on matched figures, how many the gold has
            stated = [(r, f) for r, f in matched if given(f) and (r[field] or not (field == "period" and f.cell))]
            wrong = sorted(r["id"] for r, f in stated if not (r[field] and ok(r, f)))
            scores = Scores(scores.tp, len(wrong), scores.fn, (len(stated) - len(wrong)) / len(stated) if stated else 1.0,
                            scores.recall, tuple(wrong), scores.false_negatives)
        out[kind] = scores
    return out


def evaluate_content(store: ox.Store, gold_dir: str | Path, text: str) -> dict[str, Scores]:
    """Scores of the events and figures (see the module docstring); empty when the gold files are absent."""
    d = Path(gold_dir)
    if not (d / "events.tsv").exists() or not (d / "figures.tsv").exists():
        return {}
    return {**_score_events(d, store, text), **_score_figures(d, store, text)}
