"""Who acts in a sentence: the agent rules of :mod:`ungraph.extract.activities`.

Bodies come from the gazetteer (UN bodies, missions, other organisations) and from the word 我们;
:func:`find_agents` keeps those the words around them make the subject (see the rules in
:mod:`ungraph.extract.activities`); :func:`short_names`, :func:`our_funds`, :func:`mission_for` and
:func:`list_headings` resolve the bodies a sentence names without their names (法院, 我们的基金,
我们的维持和平特派团, a list under a body's heading); :func:`chapter_agents` gives 我们 in a chapter
whose 主要实体 list names one body.

>>> from ungraph.reference.gazetteer import Gazetteer
>>> from ungraph.reference.tables import Country
>>> gz = Gazetteer({"countries.tsv": [Country("YEM", "YE", "887", "", "", "也门", "Yemen", "t")]})
>>> bodies, places = candidates("在也门，我们提供了援助。", gz)
>>> find_agents("在也门，我们提供了援助。", bodies, places)
[('', 4, 6)]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ungraph.extract.actions import find_actions
from ungraph.records import Provenance, Ref, Segment
from ungraph.source.sentences import words_after, words_before

__all__ = ["UN", "PLACE_KINDS", "TITLE", "candidates", "find_agents", "short_names", "our_funds", "chapter_agents",
           "mission_areas", "mission_for", "list_headings"]

#: The UN itself (组织 key of 联合国 in organizations.tsv): the agent of 我们 and 联合国.
UN = "UN"
#: Entity kinds that are places.
PLACE_KINDS = frozenset({"country", "region"})
#: A title in 《》: the names inside it are the title's words, not places or agents of the sentence.
TITLE = re.compile(r"《[^》]*》")
_BEFORE_NOT_AGENT = ("与", "同", "跟", "向", "对", "为", "给", "使", "让", "请", "帮助", "协助", "在", "被", "从", "到")
_AFTER_NOT_AGENT = ("总部", "会员国", "大楼", "日", "宪章", "系统以外")
_BEFORE_AGENT = ("由", "得到", "获得")
_CONJUNCTIONS = ("和", "及", "、", "以及", "与其")
#: Words after 我们 that make the sentence say what should or will be done, not what was done.
_MODALS = ("必须", "需要", "应该", "应当", "将要", "希望", "要")
_OUR_BODIES = ("特派团", "维持和平", "维和", "特别政治任务", "基金", "团队", "工作人员", "办事处", "国家工作队",
               "人员", "同事", "实体", "机构", "行动")
_WE = re.compile(r"我们")
#: A body's head noun alone at the start of a sentence or clause (resolved by :func:`short_names`).
_SHORT = re.compile(r"(?:^|[，,]\s*)(?P<head>法院|委员会|理事会|法庭)(?=还|已|也|目前|在|于|就|对|为|向|与|[^\u4e00-\u9fff])")
_SPACE = re.compile(r"\s+")
_MISSION_WORDS = (("维持和平特派团", frozenset({"peacekeeping-operation"})),
                  ("特派团", frozenset({"peacekeeping-operation", "special-political-mission"})))


def _squeeze(text: str, start: int, end: int) -> str:
    return _SPACE.sub("", text[start:end])


def _under(text: str, end: int) -> bool:
    """在 X (的 ...) 下: the clause after X ends in 下 (在联合国见证下, 在开发署的方案领导下)."""
    clause = re.split(r"[，,。；;]", text[end:end + 24], maxsplit=1)[0]
    return bool(re.match(r"\s*(?:的[^，,下]{0,10})?[\u4e00-\u9fff]{0,4}?下", clause))


def _relative_agent(text: str, end: int) -> bool:
    """X 促成的 …: a body directly followed by a verb of the scheme and 的 is that verb's agent."""
    after = text[end:end + 12].lstrip()
    return any(at == 0 and after[len(verb):len(verb) + 1] == "的" for _, verb, at in find_actions(after[:8]))


def _after_verb(text: str, start: int) -> bool:
    """The words right before a body are a verb of the scheme (+ 了): the body is its object."""
    before = _SPACE.sub("", text[max(0, start - 10):start]).removesuffix("了")
    return any(at + len(verb) == len(before) for _, verb, at in find_actions(before))


def short_names(text: str, before: str, gazetteer: Any) -> list[tuple[str, int, int]]:
    """A body written by its head noun alone (法院, 委员会) at the start of a clause: the last body named
    earlier in the block whose name ends with that noun (国际法院 … 法院还处理了 …)."""
    out = []
    named = [m for m in gazetteer.find(before) if m.kind == "organization"]
    for m in _SHORT.finditer(text):
        head = m.group("head")
        match = next((n for n in reversed(named) if _SPACE.sub("", n.surface).endswith(head)), None)
        if match is not None:
            out.append((match.id, m.start("head"), m.end("head")))
    return out


def our_funds(text: str, before: str, gazetteer: Any, agents: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """我们的基金 / 两基金: the funds named earlier in the block (我们的中央应急基金和国家集合基金 … 我们的基金拨款)."""
    funds = []
    for m in gazetteer.find(before):
        row = gazetteer.get("organization", m.id) if m.kind == "organization" else None
        if row is not None and row.name_zh.endswith("基金") and m.id not in funds:
            funds.append(m.id)
    out: list[tuple[str, int, int]] = []
    for body, start, end in agents:
        word = _SPACE.sub("", text[end:end + 4])
        if body == "" and word.startswith("的基金") and funds:
            out.extend((f, start, end + text[end:].index("基金") + 2) for f in funds)
        else:
            out.append((body, start, end))
    return out


def candidates(text: str, gazetteer: Any) -> tuple[list[tuple[str, int, int]], list[tuple[Ref, int, int]]]:
    """Bodies (id, start, end) including 我们 (id ``""``) and places (ref, start, end) in the sentence."""
    bodies, places = [], []
    titles = [m.span() for m in TITLE.finditer(text)]
    matches = gazetteer.find(text)
    for m in matches:
        if m.kind == "organization":
            bodies.append((m.id, m.start, m.end))
        elif m.kind in PLACE_KINDS and not any(s <= m.start < e for s, e in titles):
            places.append((m.ref, m.start, m.end))
    taken = [(m.start, m.end) for m in matches]
    for w in _WE.finditer(text):
        if not any(s <= w.start() < e for s, e in taken):
            bodies.append(("", w.start(), w.end()))
    return sorted(bodies, key=lambda b: b[1]), places


def find_agents(text: str, bodies: list[tuple[str, int, int]], places: list[tuple[Ref, int, int]]) -> list[tuple[str, int, int]]:
    place_starts = {s for _, s, _ in places}
    out: list[tuple[str, int, int]] = []
    previous: tuple[int, bool] | None = None  # (end, was agent) of the previous body
    for body, start, end in bodies:
        gap_after = end + len(text[end:]) - len(text[end:].lstrip())
        if _relative_agent(text, end):
            agent = True  # 联合国促成的停火, 联合国支持的发展项目: the agent of the verb after it
        elif body == "" and words_before(text, start, ("使", "让")) and words_after(text, end, ("能够", "得以")):
            agent = True  # 使我们能够…作出响应: we act
        elif body == "" and words_after(text, end, _MODALS):
            agent = False
        elif body == "" and words_after(text, end, ("的",)):
            agent = words_after(text, end + 1, _OUR_BODIES)
        elif body and (gap_after in place_starts or words_after(text, end, _AFTER_NOT_AGENT)):
            agent = False
        else:
            conj = words_before(text, start, _CONJUNCTIONS)
            if conj and previous is not None and _squeeze(text, previous[0], start) == conj:
                agent = previous[1]
            elif words_before(text, start, _BEFORE_AGENT):
                agent = True
            elif _after_verb(text, start):
                agent = False  # 这促成了中非共和国特别刑事法院…: the object of a verb
            elif words_before(text, start, ("在",)):
                agent = _under(text, end)
            else:
                agent = words_before(text, start, _BEFORE_NOT_AGENT) is None
        previous = (end, agent)
        if agent:
            out.append((body, start, end))
    return out


def chapter_agents(segments: Sequence[Segment], gazetteer: Any) -> dict[str, str]:
    """Chapter id -> the one body its 主要实体 list names (chapters whose list names several are left out)."""
    by_id = {s.id: s for s in segments}
    named: dict[str, list[str]] = {}
    for item in segments:
        section = by_id.get(item.parent or "")
        if item.kind not in ("item", "paragraph", "heading") or section is None or section.attr("section_kind") != "entities":
            continue
        for m in gazetteer.find(item.text):
            if m.kind == "organization" and section.parent:
                named.setdefault(section.parent, [])
                if m.id not in named[section.parent]:
                    named[section.parent].append(m.id)
    return {chapter: ids[0] for chapter, ids in named.items() if len(ids) == 1}


def mission_areas(gazetteer: Any) -> dict[tuple[Ref, str], list[str]]:
    """(place, mission word) -> the missions of ``missions.tsv`` of that word's kinds that serve the place.

    A mission serves the places its Chinese name contains (联合国驻黎巴嫩临时部队: Lebanon), or the
    place of its ``serves`` column.
    """
    from ungraph.reference.gazetteer import Gazetteer

    places = Gazetteer({name: rows for name, rows in gazetteer.tables.items()
                        if name in ("countries.tsv", "regions.tsv", "blockers.tsv")})
    out: dict[tuple[Ref, str], list[str]] = {}
    for row in gazetteer.tables.get("missions.tsv", []):
        served = {m.ref for m in places.find(row.name_zh) if m.kind in PLACE_KINDS}
        if row.serves:
            served.add(Ref("country" if places.get("country", row.serves) else "region", row.serves))
        for word, kinds in _MISSION_WORDS:
            if row.classification in kinds:
                for ref in served:
                    out.setdefault((ref, word), []).append(row.id)
    return out


def mission_for(text: str, body: str, end: int, places: Sequence[tuple[Ref, int, int]],
             missions: dict[tuple[Ref, str], list[str]]) -> tuple[str, int] | None:
    """我们的(维持和平)特派团 / 联合国特派团 in a sentence with one place that one such mission serves."""
    if body not in ("", UN) or len({p for p, _, _ in places}) != 1:
        return None
    at = end + (1 if text[end:end + 1] == "的" else 0)
    for word, _ in _MISSION_WORDS:
        if text.startswith(word, at):
            ids = missions.get((places[0][0], word), [])
            return (ids[0], at + len(word)) if len(ids) == 1 else None
    return None


def list_headings(segments: Sequence[Segment], gazetteer: Any) -> dict[str, tuple[str, Provenance]]:
    """List item id -> the body its list speaks of: the heading right above the list is a body's name
    and nothing else (中央应急基金 over "- 为非洲、亚洲…划拨了…")."""
    out: dict[str, tuple[str, Provenance]] = {}
    current: tuple[str, Provenance] | None = None
    parent = None
    for seg in segments:
        if seg.kind == "item" and seg.parent == parent and current is not None:
            out[seg.id] = current
            continue
        current, parent = None, seg.parent
        if seg.kind == "heading":
            found = gazetteer.find(seg.text)
            if len(found) == 1 and found[0].kind == "organization" and _SPACE.sub("", found[0].surface) == _SPACE.sub("", seg.text):
                current = (found[0].id, Provenance(seg.start + found[0].start, seg.start + found[0].end, seg.id))
    return out
