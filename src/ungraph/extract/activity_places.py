"""Where and when a sentence's bodies act: the place and period rules of :mod:`ungraph.extract.activities`.

>>> period("2022年3月，联合国向也门提供了援助。")
('2022-03', 'xsd:gYearMonth', 0, 7)
>>> period("为落实《2030 年议程》") is None
True
"""

from __future__ import annotations

import re
from typing import Any

from ungraph.extract.activity_agents import TITLE
from ungraph.records import Ref
from ungraph.source.sentences import CLAUSE_END, words_after, words_before

__all__ = ["kept_places", "named_in", "countries_only", "period"]

_DATE = re.compile(r"(?<!\d)(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日(?!\s*至))?)?")
_SCENE = ("鉴于", "由于", "因为", "虽然", "尽管")
#: Words for the people of a place (越南人民, 非洲青年): the place names who they are, not where one acts.
_PEOPLE = ("人民", "人", "妇女", "女童", "青年", "儿童", "难民")


def kept_places(text: str, places: list[tuple[Ref, int, int]], agent_start: int) -> list[tuple[Ref, int, int]]:
    """The places where the agents act: not those of an earlier clause that only sets the scene, opening
    with 鉴于, 由于 ... or with the place itself as its subject (鉴于乌克兰…受到严重限制，我们…;
    整个萨赫勒和非洲之角面临…，我们…), nor a place named only for its people (对越南人民犯下…)."""
    def clause_start(at: int) -> int:
        ends = [m.end() for m in CLAUSE_END.finditer(text, 0, at)]
        return ends[-1] if ends else 0

    agent_clause = clause_start(agent_start)
    place_starts = {s for _, s, _ in places}
    kept = []
    for ref, s, e in places:
        if words_after(text, e, _PEOPLE) and sum(r == ref for r, _, _ in places) == 1:
            continue  # 对越南人民: the people of a place, not where the body acts
        start = clause_start(s)
        opening = text[start:s]
        for _, ps, pe in places:
            if start <= ps and pe <= s:
                opening = opening.replace(text[ps:pe], "")
        opening = re.sub(r"[\s和及与、]", "", opening).removeprefix("整个").removeprefix("全")
        scene = start != agent_clause and s < agent_start and (
            text[start:].lstrip().startswith(_SCENE) or (opening == "" and s in place_starts))
        if not scene:
            kept.append((ref, s, e))
    return kept


def named_in(agents: list[tuple[str, int, int]], text: str, countries: Any) -> list[tuple[Ref, int, int]]:
    """Countries inside an agent's own name (黎巴嫩问题特别法庭: Lebanon): a body named for a country acts there."""
    out: list[tuple[Ref, int, int]] = []
    for body, start, end in agents:
        if body and countries is not None:
            out.extend((m.ref, start + m.start, start + m.end) for m in countries.find(text[start:end])
                       if m.kind == "country")
    return out


def countries_only(gazetteer: Any) -> Any:
    """A gazetteer of the countries alone (to find a country inside a body's name)."""
    from ungraph.reference.gazetteer import Gazetteer

    return Gazetteer({name: rows for name, rows in gazetteer.tables.items() if name in ("countries.tsv", "blockers.tsv")})


def period(text: str) -> tuple[str, str, int, int] | None:
    found = []
    titles = [m.span() for m in TITLE.finditer(text)]
    for m in _DATE.finditer(text):
        if any(s <= m.start() < e for s, e in titles) or words_before(text, m.start(), ("到", "至")):
            continue
        if words_after(text, m.end(), ("议程",)):
            continue
        found.append(m)
    if not found or len({m[1] for m in found}) != 1:
        return None
    months = {m[2] for m in found}
    m = found[0]
    if len({(m[2], m[3]) for m in found}) == 1 and m[3]:
        return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}", "xsd:date", m.start(), m.end()
    if len(months) == 1 and m[2]:
        return f"{m[1]}-{int(m[2]):02d}", "xsd:gYearMonth", m.start(), m.end()
    return m[1], "xsd:gYear", m.start(), m.start() + len(m[1])
