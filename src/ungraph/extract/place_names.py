"""Place names: the places a text names, through the gazetteer (shared by the extractors).

:func:`find_places` is the rule of :mod:`ungraph.extract.places` (a place inside the name of an
organisation counts, 非洲联盟 is not 非洲); :func:`resolve_place` picks the most specific place a
phrase names, for the place of a photo credit.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ungraph.records import Ref

__all__ = ["PLACE_KINDS", "places_only", "find_places", "resolve_place"]

PLACE_KINDS = frozenset({"country", "region", "city"})
_PLACE_TABLES = ("countries.tsv", "regions.tsv", "cities.tsv", "aliases.tsv", "blockers.tsv")
#: Kinds of organisation outside the UN system (their names do not name the regions they contain).
_EXTERNAL = frozenset({"regional-organization", "international-organization"})
#: A name joined to the next by a middle dot is part of a transliterated personal name (卢拉·达·西尔瓦:
#: Lula da Silva, not the Yemeni town 西尔瓦), not a place.
_NAME_DOT_BEFORE = re.compile(r"[·•・‧]\s*$")
_NAME_DOT_AFTER = re.compile(r"\s*[·•・‧]")


@lru_cache(maxsize=8)
def places_only(gazetteer: Any) -> Any:
    """A gazetteer over the place tables, plus outside organisations, for names inside organisation names.

    Built once per gazetteer (cached), so :func:`resolve_place` stays cheap for callers in a loop.

    Outside organisations stay, so 非洲联盟 inside 联合国驻非洲联盟办事处 is consumed and 非洲 is not read.
    """
    from ungraph.reference.gazetteer import Gazetteer

    tables = {name: rows for name, rows in gazetteer.tables.items() if name in _PLACE_TABLES}
    tables["aliases.tsv"] = [a for a in tables.get("aliases.tsv", []) if a.kind in PLACE_KINDS]
    tables["organizations.tsv"] = [o for o in gazetteer.tables.get("organizations.tsv", [])
                                   if o.classification in _EXTERNAL]
    return Gazetteer(tables)


def _nested_ok(gazetteer: Any, ref: Ref, outer: Ref) -> bool:
    if ref.kind in ("country", "city"):
        return True
    row = gazetteer.get(ref.kind, ref.key)
    if row is None:
        return False
    if row.kind in ("area", "subnational", "place"):
        return True
    body = gazetteer.get(outer.kind, outer.key)
    return body is not None and getattr(body, "classification", "") not in _EXTERNAL


def find_places(text: str, gazetteer: Any, places: Any | None = None) -> list[tuple[int, int, Ref, str]]:
    """Place mentions in ``text`` as ``(start, end, ref, surface)``, in text order.

    :param places: a place-only gazetteer for names inside organisation names (built if omitted).
    """
    out = []
    for m in gazetteer.find(text):
        if _in_personal_name(text, m.start, m.end):
            continue
        if m.kind in PLACE_KINDS:
            out.append((m.start, m.end, m.ref, m.surface))
        elif m.kind == "organization":
            places = places if places is not None else places_only(gazetteer)
            for n in places.find(m.surface):
                if n.kind in PLACE_KINDS and _nested_ok(gazetteer, n.ref, m.ref):
                    out.append((m.start + n.start, m.start + n.end, n.ref, n.surface))
    return out


def _in_personal_name(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is joined by a middle dot to the name before or after it.

    >>> _in_personal_name("卢拉·达·西尔瓦", 5, 8), _in_personal_name("一名来自西尔瓦的妇女", 4, 7)
    (True, False)
    """
    return bool(_NAME_DOT_BEFORE.search(text[max(0, start - 3):start]) or _NAME_DOT_AFTER.match(text, end, end + 3))


def resolve_place(phrase: str, gazetteer: Any) -> Ref | None:
    """The most specific place a phrase names, or ``None``: a city before the country it lies in.

    For the place of a photo credit, an event or an activity ("荷兰海牙" -> The Hague,
    "也门马里卜" -> Yemen, since 马里卜 is not a known place, "在乌克兰" -> Ukraine).

    >>> from ungraph.reference.tables import City, Country
    >>> gz = __import__("ungraph.reference.gazetteer", fromlist=["Gazetteer"]).Gazetteer({
    ...     "countries.tsv": [Country("NLD", "NL", "528", "", "", "荷兰", "Netherlands", "t")],
    ...     "cities.tsv": [City("the-hague", "海牙", "The Hague", "NLD", "2747373", "t")]})
    >>> resolve_place("荷兰海牙", gz), resolve_place("荷兰", gz), resolve_place("某地", gz)
    (Ref(kind='city', key='the-hague'), Ref(kind='country', key='NLD'), None)
    """
    found = [ref for _, _, ref, _ in find_places(phrase, gazetteer)]
    if not found:
        return None
    rank = {"city": 0, "region": 1, "country": 2}
    return min(found, key=lambda r: (rank[r.kind], found.index(r)))
