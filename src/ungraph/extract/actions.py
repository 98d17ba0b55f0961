"""The verb scheme of activities: what a body does, as a small SKOS scheme (``ug:ActionKinds``).

Each :class:`Action` is one concept of the ontology (``ug:<name>``) with the Chinese verbs that
express it. A verb is a regular expression, so that a verb that is also a noun is only read as a
verb where it is one (合作 but not 合作伙伴, 组织了 but not 区域组织). :func:`find_actions` gives every
verb of the scheme in a text, leftmost first, longest first at one position.

>>> [(a.concept, verb) for a, verb, _ in find_actions("联合国和合作伙伴向2600多万人提供了人道主义援助")]
[('ug:Providing', '提供')]
>>> [a.concept for a, _, _ in find_actions("我们与区域和次区域组织合作，推动政治进程")]
['ug:Cooperating', 'ug:Promoting']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ungraph.source.sentences import CLAUSE_END

__all__ = ["Action", "ACTIONS", "find_actions", "action", "main_verb", "confident"]


@dataclass(frozen=True)
class Action:
    """One concept of ``ug:ActionKinds``: its local name, English and Chinese labels, and verb patterns."""

    name: str
    en: str
    zh: str
    verbs: tuple[str, ...]

    @property
    def concept(self) -> str:
        return "ug:" + self.name


#: The scheme, in the order the ontology lists it. Verbs are regular expressions over normalised text.
ACTIONS: tuple[Action, ...] = (
    Action("Providing", "provide", "提供", ("提供(?!者)",)),
    Action("Supporting", "support", "支持", ("支持(?!者)", "支助", "支援")),
    Action("Assisting", "assist", "协助", ("协助", "帮助")),
    Action("Delivering", "deliver or ship", "运送", ("运送", "运输", "出口", "交付")),
    Action("Deploying", "deploy", "部署", ("部署", "派驻", "派遣")),
    Action("Brokering", "broker or mediate", "促成", ("促成", "斡旋", "调解", "见证")),
    Action("Monitoring", "monitor", "监测", ("监测(?!机制|框架|工具|系统)", "监督(?!厅|事务)", "核查")),
    Action("Training", "train", "培训", ("培训", "训练")),
    Action("Funding", "fund or allocate", "拨款", ("拨款", "划拨", "资助", "拨付", "捐助")),
    Action("Mobilizing", "mobilise resources", "调集", ("调集", "筹集", "募集", "筹措")),
    Action("Protecting", "protect", "保护", ("保护(?!问题|方面)", "护送")),
    Action("Convening", "convene or organise", "举办", ("举办", "召集", "主办", "组织了", "召开了")),
    Action("Cooperating", "cooperate", "合作", ("合作(?!伙伴|平台|框架|机制)", "携手", "协作")),
    Action("Establishing", "establish or launch", "建立", ("建立", "设立", "成立(?![，。,；;])", "启动", "创建")),
    Action("Signing", "sign", "签署", ("签署",)),
    Action("Adjudicating", "adjudicate", "裁判", ("作出判决", "审理", "裁定", "确认(?=[^。]{0,60}罪名成立)",
                                                  "维持(?=[^。]{0,8}判决)", "指示采取临时措施")),
    Action("Proposing", "propose", "提出", ("提出",)),
    Action("Advocating", "advocate", "呼吁", ("呼吁", "倡导", "宣传")),
    Action("Responding", "respond", "应对", ("应对", "响应")),
    Action("Promoting", "promote", "推动", ("推动", "促进")),
    Action("Implementing", "implement or carry out", "开展", ("开展", "实施", "执行", "落实")),
    Action("WorkingTowards", "work towards", "努力", ("努力", "致力于")),
)


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], dict[str, Action]]:
    groups, by_group = [], {}
    for i, a in enumerate(ACTIONS):
        groups.append(f"(?P<a{i}>{'|'.join(a.verbs)})")
        by_group[f"a{i}"] = a
    return re.compile("|".join(groups)), by_group


def find_actions(text: str) -> list[tuple[Action, str, int]]:
    """Every verb of the scheme in ``text``: (action, verb as written, index), leftmost first."""
    pattern, by_group = _pattern()
    return [(by_group[m.lastgroup or ""], m.group(), m.start()) for m in pattern.finditer(text)]


def action(name: str) -> Action:
    """The action of a local name (``"Providing"``); ``KeyError`` for a name not in the scheme."""
    return next(a for a in ACTIONS if a.name == name)


#: Light-verb constructions: 提供 + the noun that names the action.
_LIGHT = re.compile(r"提供\s*(?:了\s*)?(支持|协助|培训)")

_LIGHT_ACTIONS = {"支持": "Supporting", "协助": "Assisting", "培训": "Training"}

#: Verbs that give way to the next verb of their clause (努力增加 …, 帮助培训 …: what is done is the next verb).
_WEAK = frozenset({"WorkingTowards"})
_WEAK_VERBS = frozenset({"帮助"})

#: A clause that says with whom the body works (与…合作, 与…一道).
_WITH = re.compile(r"[与同].*(?:合作|一道|携手)")


def main_verb(text: str, verbs: Sequence[tuple[Action, str, int]]) -> tuple[Action, str, int]:
    """The head verb of the first clause that has one (Chinese puts the head of a verb series first:
    协助开展, 帮助建立), except that

    * a clause that only says with whom (我们与区域伙伴合作，支持…) gives way to the next clause;
    * a weak verb (努力, 致力于, 帮助) gives way to the next verb of its clause, and so does a verb inside a
      为/向/对 … 的 phrase (我们为…促进…的努力提供了协助: 提供);
    * the light verb 提供 takes its action from its object: 提供支持 is support, 提供协助 assist,
      提供培训 train (提供援助 stays provide); the verb as written is then the two words.
    """
    def clause(at: int) -> int:
        return len(CLAUSE_END.findall(text[:at]))

    groups: dict[int, list[tuple[Action, str, int]]] = {}
    for v in verbs:
        groups.setdefault(clause(v[2]), []).append(v)
    order = sorted(groups)
    chosen = groups[order[0]]
    for i, n in enumerate(order[:-1]):
        if not all(v[0].name == "Cooperating" for v in groups[n]) or not _WITH.search(_clause_text(text, n)):
            chosen = groups[n]
            break
        chosen = groups[order[i + 1]]
    head, rest = chosen[0], chosen[1:]
    while rest and (head[0].name in _WEAK or head[1] in _WEAK_VERBS or _inside_phrase(text, head, rest[0])):
        head, rest = rest[0], rest[1:]
    light = _LIGHT.match(text, head[2])
    if light and head[0].name == "Providing":
        return action(_LIGHT_ACTIONS[light[1]]), light.group(), head[2]
    return head


def _clause_text(text: str, n: int) -> str:
    return CLAUSE_END.split(text)[n] if n < len(CLAUSE_END.split(text)) else ""


def _inside_phrase(text: str, verb: tuple[Action, str, int], later: tuple[Action, str, int]) -> bool:
    """The verb stands inside a 为/向/对/就 … 的 phrase that the later verb of its clause heads."""
    start = max((m.end() for m in CLAUSE_END.finditer(text, 0, verb[2])), default=0)
    return bool(re.search(r"[为向对就]", text[start:verb[2]])) and "的" in text[verb[2]:later[2]]


#: Concepts never read with confidence: what was done lies in the object (应对洪灾, 作出响应, 提出倡议).
_VAGUE = frozenset({"Responding", "Proposing", "WorkingTowards"})

#: A coordinated predicate of its own (…提供支持，并首次讨论了南苏丹…的优先事项).
_COORDINATE = re.compile(r"^\s*(?:并且?|而且|同时)")


def confident(text: str, head: tuple[Action, str, int], after: int,
              places: Sequence[tuple[object, int, int]] = ()) -> Action | None:
    """The action of ``head`` (from :func:`main_verb`) when the rules can read it with confidence, else ``None``
    (the activity keeps its verb as written, without a concept). Not read with confidence:

    * a vague concept (:data:`_VAGUE`: 应对, 响应, 提出, 努力 with no verb of the scheme after it);
    * 帮助 with no verb of the scheme after it in its clause, unless its object is a place (帮助佛得角…:
      assist; 帮助维持稳定, 帮助我们改善了…: the help lies in a verb outside the scheme);
    * 建立 without 了 (建立伙伴关系, 建立机制: how the body works; 建立了一个信息中心 is a thing established);
    * 合作 in a clause that only says with whom (与…合作，维护…) and gives way to no verb of the scheme;
    * a verb after 并 that follows other words of the agent's clause (我们积极参与谈判并推动落实…: the
      head verb, 参与, is not in the scheme);
    * a verb whose clause names no place when the places come only in a later, coordinated clause
      (委员会为 14 个国家提供支持，并首次讨论了南苏丹…: the places belong to 讨论).

    ``after``: the index where the last agent before the verb ends; ``places``: (ref, start, end).

    >>> [getattr(confident(t, main_verb(t, find_actions(t)), 2), "name", None) for t in ("我们帮助培训记者", "我们帮助维持稳定")]
    ['Training', None]
    """
    act, verb, at = head
    end = at + len(verb)
    if act.name in _VAGUE:
        return None
    if verb == "帮助" and not any(s == end for _, s, _ in places):
        return None
    if verb == "建立" and not text.startswith("了", end):
        return None
    clause_start = max((m.end() for m in CLAUSE_END.finditer(text, 0, at)), default=0)
    rest = CLAUSE_END.search(text, end)
    if act.name == "Cooperating" and _WITH.search(text[clause_start:end]) and rest is not None \
            and not text[end:rest.start()].strip() and text[rest.end():].strip(" 。"):
        return None
    before = text[max(clause_start, after):at]
    if len(before) > 1 and before.endswith(("并", "并且")):
        return None
    clause_end = rest.start() if rest else len(text)
    if places and all(s >= clause_end for _, s, _ in places) and not any(s < clause_start for _, s, _ in places):
        first = min(s for _, s, _ in places)
        opening = max((m.end() for m in CLAUSE_END.finditer(text, 0, first)), default=0)
        if _COORDINATE.match(text[opening:first]):
            return None
    return act
