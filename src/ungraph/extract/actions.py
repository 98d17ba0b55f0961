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

__all__ = ["Action", "ACTIONS", "find_actions", "action", "main_verb"]


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
    Action("Cooperating", "cooperate", "合作", ("合作(?!伙伴)", "携手", "协作")),
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

#: Verbs that give way to the next verb of their clause (努力增加 …: what is done is the next verb).
_WEAK = frozenset({"WorkingTowards"})

#: A clause that says with whom the body works (与…合作, 与…一道).
_WITH = re.compile(r"[与同].*(?:合作|一道|携手)")


def main_verb(text: str, verbs: Sequence[tuple[Action, str, int]]) -> tuple[Action, str, int]:
    """The head verb of the first clause that has one (Chinese puts the head of a verb series first:
    协助开展, 帮助建立), except that

    * a clause that only says with whom (我们与区域伙伴合作，支持…) gives way to the next clause;
    * a weak verb (努力, 致力于) gives way to the next verb of its clause, and so does a verb inside a
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
    while rest and (head[0].name in _WEAK or _inside_phrase(text, head, rest[0])):
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
