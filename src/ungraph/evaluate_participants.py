"""Quality of the events' participants (``lode:involvedAgent``) against ``tests/gold/event_participants.tsv``.

One gold item per row (line, event, participant); one graph item per participant statement. They
match when the line where the statement's provenance starts is the row's line, the participant is
the same (ISO 3166-1 alpha-3 code, or a Chinese name of the entity, after
:func:`ungraph.evaluate.normalize_label`) and the event is the row's: one of its Chinese names equals
one of the row's names or contains it or is contained in it (four characters or more).

>>> _same_event({"黑海倡议"}, ["黑海倡议"]), _same_event({"谅解备忘录"}, ["关于推动…的谅解备忘录"])
(True, True)
"""

from __future__ import annotations

import bisect
import csv
from pathlib import Path

import pyoxigraph as ox

from ungraph.evaluate import GoldItem, GraphItem, Scores, normalize_label, score
from ungraph.sparql import select

__all__ = ["PARTICIPANT_KINDS", "load_gold_participants", "graph_participants", "evaluate_participants"]

PARTICIPANT_KINDS = ("events-participants",)

_QUERY = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX lode: <http://linkedevents.org/ontology/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT DISTINCT ?e ?p ?start ?name ?form WHERE {
  ?e lode:involvedAgent ?p .
  ?st rdf:subject ?e ; rdf:predicate lode:involvedAgent ; rdf:object ?p .
  ?ann oa:hasBody ?st ; oa:hasTarget/oa:hasSelector/oa:start ?start .
  ?e skos:prefLabel|skos:altLabel ?name FILTER(LANGMATCHES(LANG(?name), 'zh'))
  { ?p skos:notation ?form FILTER(REGEX(STR(?form), '^[A-Z]{3}$')) }
  UNION { ?p skos:prefLabel|skos:altLabel ?form FILTER(LANGMATCHES(LANG(?form), 'zh')) }
}"""


def _same_event(gold_names: set[str], graph_names: list[str]) -> bool:
    for g in gold_names:
        for n in graph_names:
            a, b = normalize_label(g), normalize_label(n.replace("…", ""))
            if a == b or (min(len(a), len(b)) >= 4 and (a in b or b in a)):
                return True
    return False


def _gold_rows(gold_dir: str | Path) -> list[dict[str, str]]:
    path = Path(gold_dir) / "event_participants.tsv"
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_gold_participants(gold_dir: str | Path) -> list[GoldItem]:
    """One item per row: forms ``line|row number|participant``."""
    return [GoldItem(f"{r['line']} {r['event'].split('|')[0]} <- {r['participant']}",
                     frozenset({f"{r['line']}|{i}|{normalize_label(r['participant'])}"}), r["required"] == "yes")
            for i, r in enumerate(_gold_rows(gold_dir)) if r["required"] != "no"]


def graph_participants(store: ox.Store, text: str, gold_dir: str | Path) -> list[GraphItem]:
    """One item per (event, participant, line): forms for every gold row whose event it is."""
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    rows = _gold_rows(gold_dir)
    found: dict[tuple[str, str, int], tuple[set[str], set[str]]] = {}
    for r in select(store, _QUERY):
        n = bisect.bisect_right(starts, int(r["start"].value))
        names, forms = found.setdefault((r["e"].value, r["p"].value, n), (set(), set()))
        names.add(r["name"].value)
        forms.add(normalize_label(r["form"].value))
    items = []
    for (event, participant, n), (names, forms) in sorted(found.items()):
        keys = {f"{n}|{i}|{f}" for i, row in enumerate(rows) if row["line"] == str(n)
                and _same_event(set(row["event"].split("|")), sorted(names)) for f in forms}
        items.append(GraphItem(f"{event} <- {participant} (line {n})", frozenset(keys)))
    return items


def evaluate_participants(store: ox.Store, gold_dir: str | Path, text: str) -> dict[str, Scores]:
    """``events-participants``: the participant statements of the graph against the gold rows."""
    return {"events-participants": score(load_gold_participants(gold_dir), graph_participants(store, text, gold_dir))}
