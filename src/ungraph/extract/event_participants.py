"""Who took part in an event, where the sentence says so: ``lode:involvedAgent`` from the event to the
states and bodies of the graph (issue 10, item 1: "the participants where stated").

LODE's ``involvedAgent`` ("an agent involved in the event") covers both the parties to an agreement
and those who attend a meeting; ``schema:attendee`` would fit only the second, and its range
(``schema:Person``, ``schema:Organization``) has no room for the states that sign. The rules read
the sentence in which the event is named (the events extractor's mentions); a participant is named by
the gazetteer (a country, territory or organisation) and the statement's provenance is its name:

* **parties**: the names right before 签署 (签署了, 签署的) when the event is named after the verb in
  the same clause, read backwards over a list (、 和 与 及 同), a country's 政府 (埃塞俄比亚联邦民主共和国政府
  is the state), a date (2022 年 7 月) and a 在…下 phrase (在联合国见证下: a witness, not a party):
  土耳其、俄罗斯联邦和乌克兰在联合国见证下签署了《…倡议》 gives three parties. A list that opens with
  与 (我们还与俄罗斯联邦签署了…) has the sentence's signing activity's agent as the other party
  (the UN for 我们, :mod:`ungraph.extract.activities`);
* **attendees**: 来自 <list> 的 … 与会者/代表 参加了/出席了 <event> (来自各国、民间社会及联合国的 700 多名与会者
  参加了非洲人后裔问题常设论坛的开幕会议: the UN; 各国 and 民间社会 name no entity), and <list> 参加了/出席了
  <event> with the list read as for parties;
* **between**: <list> 之间的 <event> (俄罗斯联邦与联合国秘书处之间的《谅解备忘录》).

Nothing else: a list of places the event concerns (运输谷物和食品到土耳其、俄罗斯联邦和乌克兰的倡议) or
generic participants (会员国, 民间社会) give none (precision first).

>>> text = "2022年7月22日，土耳其、俄罗斯联邦和乌克兰在联合国见证下"
>>> [text[s:e] for s, e in _run_back(text, [(11, 14), (15, 20), (21, 24), (25, 28)])[0]]
['土耳其', '俄罗斯联邦', '乌克兰']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ungraph.extract.context import Context
from ungraph.records import Document, Entity, Mention, Provenance, Record, Ref, Segment, Statement
from ungraph.source.sentences import CLAUSE_END, sentences

__all__ = ["PREDICATE", "enrich", "participants"]

PREDICATE = "lode:involvedAgent"

_KINDS = frozenset({"country", "territory", "organization"})
#: What may stand between the names of a list, read backwards, and the verb.
_SKIP = re.compile(r"(?:\s|在[^，。、]{1,12}下|\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?|政府)+$")
_SEPARATOR = re.compile(r"(?:\s*(?:、|和|与|及|同)\s*)$")
#: The verb of a party, and what may stand between it and the event's name.
_SIGN = re.compile(r"签署(?:了|的)?[^，。；]{0,16}$")
_ATTEND = re.compile(r"(?:参加|出席)了?[^，。；]{0,4}$")
_BETWEEN = re.compile(r"之间的\s*《?$")
_FROM = re.compile(r"来自([^，。；]{1,40}?)的[^，。；]{0,16}?(?:与会者|代表)\s*(?:参加|出席)了?\s*$")


def _run_back(text: str, names: Sequence[tuple[int, int]]) -> tuple[list[tuple[int, int]], bool]:
    """The names (spans in ``text``) of the list that ends ``text``, last first read, in text order;
    and whether the list opens with 与/同 (a counterpart of the clause's subject)."""
    end = len(text)
    m = _SKIP.search(text[:end])
    if m:
        end = m.start()
    run: list[tuple[int, int]] = []
    by_end = {e: (s, e) for s, e in names}
    opened_with = text[:end].rstrip()[-1:] in ("与", "同")  # 与政府签署: a counterpart the graph cannot name
    while end in by_end:
        s, _ = by_end[end]
        run.append(by_end[end])
        sep = _SEPARATOR.search(text[:s])
        if not sep:
            return run[::-1], False
        end = sep.start()
        end -= 2 if text[:end].endswith("政府") else 0
        opened_with = text[sep.start():s].strip() in ("与", "同")
    return run[::-1], opened_with


def participants(text: str, event_start: int, gazetteer: Any) -> tuple[list[tuple[Ref, int, int]], bool]:
    """(participant, start, end) of the event named at ``event_start`` of the sentence ``text``, and whether
    the parties' list opened with 与 (我们与俄罗斯联邦签署了…), so that the clause's subject is a party too."""
    before = text[:event_start]
    names = [(m.start, m.end, m.ref) for m in gazetteer.find(text) if m.kind in _KINDS and m.end <= event_start]
    spans = [(s, e) for s, e, _ in names]
    refs = {(s, e): r for s, e, r in names}
    out: list[tuple[Ref, int, int]] = []
    counterpart = False
    sign = _SIGN.search(before)
    verb = sign or _ATTEND.search(before) or _BETWEEN.search(before)
    if verb:
        clause = max((c.end() for c in CLAUSE_END.finditer(before, 0, verb.start())), default=0)
        if not CLAUSE_END.search(before, verb.start()):
            run, opened_with = _run_back(before[:verb.start()], [sp for sp in spans if sp[0] >= clause])
            out.extend((refs[sp], sp[0], sp[1]) for sp in run)
            counterpart = opened_with and sign is not None
    came = _FROM.search(before)
    if came:
        out.extend((refs[sp], sp[0], sp[1]) for sp in spans if came.start(1) <= sp[0] and sp[1] <= came.end(1))
    return out, counterpart


def enrich(doc: Document, segments: Sequence[Segment], ctx: Context, records: Sequence[Record]) -> list[Record]:
    """``lode:involvedAgent`` statements for the events the extractors named (see the module)."""
    gazetteer = ctx.gazetteer
    if gazetteer is None:
        return []
    events = sorted({(r.provenance.start, r.provenance.end, r.provenance.segment_id, r.ref) for r in records
                     if isinstance(r, (Entity, Mention)) and r.ref.kind == "event" and r.provenance is not None},
                    key=lambda t: (t[0], t[1], t[3].key))
    signers = _signing_agents(records)
    by_id = {s.id: s for s in segments}
    out: dict[tuple[Ref, Ref, int], Statement] = {}  # one statement per participant and span (a fact stated twice has two)
    for start, _, seg_id, event in events:
        seg = by_id.get(seg_id or "")
        if seg is None:
            continue
        sent = next((s for s in sentences(seg.text, seg.start) if s.start <= start < s.end), None)
        if sent is None:
            continue
        found, counterpart = participants(sent.text, start - sent.start, gazetteer)
        for ref, s, e in found:
            out.setdefault((event, ref, sent.start + s),
                           Statement(event, PREDICATE, ref, Provenance(sent.start + s, sent.start + e, seg.id)))
        if counterpart:
            for agent, where in signers.get((sent.start, sent.end), ()):
                out.setdefault((event, agent, where.start), Statement(event, PREDICATE, agent, where))
    return [out[k] for k in sorted(out, key=lambda k: (k[0].key, k[1].kind, k[1].key, k[2]))]


def _signing_agents(records: Sequence[Record]) -> dict[tuple[int, int], list[tuple[Ref, Provenance]]]:
    """The agents of the activities whose verb is 签署, by the span of the activity's sentence."""
    spans = {r.ref: (r.provenance.start, r.provenance.end) for r in records
             if isinstance(r, Entity) and r.ref.kind == "activity" and r.provenance is not None}
    signing = {r.subject for r in records if isinstance(r, Statement) and r.predicate == "ug:actionVerb"
               and getattr(r.object, "value", "") == "签署"}
    out: dict[tuple[int, int], list[tuple[Ref, Provenance]]] = {}
    for r in records:
        if isinstance(r, Statement) and r.predicate == "prov:wasAssociatedWith" and r.subject in signing \
                and r.subject in spans and isinstance(r.object, Ref) and r.provenance is not None:
            out.setdefault(spans[r.subject], []).append((r.object, r.provenance))
    return out
