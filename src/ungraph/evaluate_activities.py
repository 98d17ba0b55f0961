"""Quality of the activities (who did what where) against the gold set (``tests/gold/activities.tsv``).

**Pairs** (``activities``): one gold item per (line, agent, place) of a row, one graph item per
(activity, agent, place); they match when the line where the activity's sentence starts, the agent
and the place agree after :func:`ungraph.evaluate.normalize_label`. The gold set writes 我们 and
联合国 as 联合国 (and 联合国特派团, 联合国人权小组 ... for units of the UN it does not name), so an
agent the graph infers from 我们 (its statement's words start with 我们) also has the form 联合国;
places compare by ISO 3166-1 code, Chinese name or the words the sentence names them by; a
sub-national place inside a country of the same activity (布干维尔 beside 巴布亚新几内亚) refines
that country and is not a pair of its own, as the gold set names places at the level of countries.

**Actions** (``activity-actions``): one gold item per row (line and action word), one graph item
per activity (line and its concept in the gold set's words, :data:`ACTION_WORDS`; a concept
without one is ``other``; an activity without ``ug:action``, whose verb the rules could not read with
confidence, gives no item), scored on the lines the gold set has rows for: the pairs above score
which sentences are activities, this scores what the agents do in them.

>>> _gold_agent("联合国特派团"), _gold_agent("粮食署")
('联合国', '粮食署')
"""

from __future__ import annotations

import bisect
import csv
import re
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from ungraph.evaluate import GoldItem, GraphItem, Scores, _ontology_namespace, _prologue, normalize_label, score
from ungraph.sparql import select

__all__ = ["ACTIVITY_KINDS", "ACTION_WORDS", "load_gold_activities", "graph_activities", "evaluate_activities"]

ACTIVITY_KINDS = ("activities", "activity-actions")

#: A gold agent written as 联合国 + a word for an unnamed unit of it (联合国特派团, 联合国人权小组,
#: 联合国车队) is the UN: the reading names no other body there (tests/gold/README.md: 我们/联合国 -> 联合国).
_UN_UNITS = re.compile(r"^联合国(特派团|人权小组|人权干事|车队|合作伙伴|国家工作队|维和人员)$")
#: The graph's action concepts in the gold set's action words (tests/gold/README.md, "actions").
ACTION_WORDS = {
    "Providing": "provide", "Supporting": "support", "Assisting": "assist", "Delivering": "deliver",
    "Deploying": "deploy", "Brokering": "broker", "Monitoring": "monitor", "Training": "train",
    "Funding": "allocate", "Protecting": "protect", "Convening": "convene", "Cooperating": "cooperate",
    "Establishing": "launch", "Signing": "sign", "Adjudicating": "adjudicate", "Promoting": "support",
}


def _gold_agent(agent: str) -> str:
    """The agent a gold row names: 联合国 for an unnamed unit of the UN."""
    return "联合国" if _UN_UNITS.match(agent.strip()) else agent


def load_gold_activities(gold_dir: str | Path) -> dict[str, list[GoldItem]]:
    """``activities``: one item per (line, agent, place) of ``activities.tsv``; ``activity-actions``: one per row."""
    path = Path(gold_dir) / "activities.tsv"
    rows = list(csv.DictReader(open(path, encoding="utf-8", newline=""), delimiter="\t", quoting=csv.QUOTE_NONE)) \
        if path.exists() else []
    pairs, actions = [], []
    for r in rows:
        if r["required"] == "no":
            continue
        required = r["required"] == "yes"
        for agent in _cells(r["agent"]):
            for place in _cells(r["place"]):
                form = f"{r['line']}|{normalize_label(_gold_agent(agent))}|{normalize_label(place)}"
                pairs.append(GoldItem(f"{r['line']} {agent} -> {place}", frozenset({form}), required))
        actions.append(GoldItem(f"{r['line']} {r['agent']} {r['action']}", frozenset({f"{r['line']}|{r['action']}"}),
                                required))
    return {"activities": pairs, "activity-actions": actions}


def _cells(cell: str | None) -> list[str]:
    return [v for v in (cell or "").split("|") if v.strip()]


_ACTIVITIES = """SELECT DISTINCT ?a ?agent ?place ?start ?agentform ?placeform ?action WHERE {
  ?a a ug:Activity ; prov:wasAssociatedWith ?agent ; dcterms:spatial ?place .
  OPTIONAL { ?a ug:action ?action }
  FILTER NOT EXISTS { ?a dcterms:spatial ?country . ?country a schema:Country . ?place schema:containedInPlace+ ?country
                      FILTER NOT EXISTS { ?place a schema:Country } }
  ?ann oa:hasBody ?a ; oa:hasTarget/oa:hasSelector/oa:start ?start .
  { ?agent skos:prefLabel|skos:altLabel|ug:abbreviation ?agentform FILTER(LANGMATCHES(LANG(?agentform), 'zh')) }
  UNION { ?st rdf:subject ?a ; rdf:predicate prov:wasAssociatedWith ; rdf:object ?agent .
          ?sa oa:hasBody ?st ; oa:hasTarget/oa:hasSelector/oa:exact ?written
          FILTER(STRSTARTS(?written, '我们')) BIND('联合国' AS ?agentform) }
  { ?place skos:notation ?placeform FILTER(REGEX(STR(?placeform), '^[A-Z]{3}$')) }
  UNION { ?place skos:prefLabel|skos:altLabel ?placeform FILTER(LANGMATCHES(LANG(?placeform), 'zh')) }
  UNION { ?sp rdf:subject ?a ; rdf:predicate dcterms:spatial ; rdf:object ?place .
          ?pa oa:hasBody ?sp ; oa:hasTarget/oa:hasSelector/oa:exact ?placeform }
}"""


def graph_activities(store: ox.Store, text: str) -> dict[str, list[GraphItem]]:
    """``activities``: (line, agent, place) of every activity; ``activity-actions``: (line, action) of every activity.

    An agent inferred from 我们 (its statement's words start with 我们) also has the form 联合国, and a
    place the words the sentence names it by (拉丁美洲和加勒比), as the gold set writes them. The line is the report line (1-based) where the activity's sentence starts.
    """
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    ug = _ontology_namespace(store)
    q = (_prologue(store) + "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
         "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n" + _ACTIVITIES)
    pairs: dict[str, set[str]] = defaultdict(set)
    actions: dict[str, set[str]] = defaultdict(set)
    for r in select(store, q):
        n = bisect.bisect_right(starts, int(r["start"].value))
        activity = r["a"].value
        pairs[f"{activity} {r['agent'].value} -> {r['place'].value}"].add(
            f"{n}|{normalize_label(r['agentform'].value)}|{normalize_label(r['placeform'].value)}")
        if r["action"] is not None:  # an activity whose verb the rules could not read has no action to score
            actions[activity].add(f"{n}|{ACTION_WORDS.get(r['action'].value.removeprefix(ug), 'other')}")
    return {kind: [GraphItem(k, frozenset(v)) for k, v in sorted(items.items())]
            for kind, items in (("activities", pairs), ("activity-actions", actions))}


def evaluate_activities(store: ox.Store, gold_dir: str | Path, text: str) -> dict[str, Scores]:
    """``activities`` and ``activity-actions`` scores of the graph in ``store`` (``text``: the report)."""
    gold, graph = load_gold_activities(gold_dir), graph_activities(store, text)
    lines = {f.split("|", 1)[0] for g in gold["activity-actions"] for f in g.forms}
    return {"activities": score(gold["activities"], graph["activities"]),
            "activity-actions": score(gold["activity-actions"],
                                      [g for g in graph["activity-actions"]
                                       if any(f.split("|", 1)[0] in lines for f in g.forms)])}
