"""What the words around an event name say about it: its date or period and its place.

Read from the normalised text (spaces and line breaks dropped), in this order:

1. after the name: ``于 2022年9月8日至9日 在纽约 举行`` (also ``在马拉加举行``);
2. before the name: ``2022年在葡萄牙举行的``, ``在 2023年3月 举行的``, ``定于 2024年9月22日和23日 举行``,
   ``2022年7月在联合国见证下签署的``, ``在纽约组织了``, or a date right before it (``2023年联合国水事会议``);
3. the sentence's opening date (``2022年6月18日，我们…纪念打击仇恨言论国际日``);
4. for a name in a photo caption, the credit's "(place, YYYY年M月)".

Dates are as precise as written: ``xsd:date`` for a day, ``xsd:gYearMonth`` for a month,
``xsd:gYear`` for a year; a range ("8日至9日", "2-3月", "22日和23日") gives an end date too.

>>> parse_date("2022年9月8日至9日")
(Literal(value='2022-09-08', lang=None, datatype='xsd:date'), Literal(value='2022-09-09', lang=None, datatype='xsd:date'))
>>> parse_date("2022年2-3月")[1].value, parse_date("2021年")[0].datatype
('2022-03', 'xsd:gYear')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ungraph.records import Literal

__all__ = ["DATE", "Context", "parse_date", "context_before", "context_after", "sentence_date", "sentence_place"]

#: A date as written (normalised text: no spaces).
DATE = (r"(?P<y>\d{4})年(?:(?P<m>\d{1,2})(?:-(?P<m2>\d{1,2}))?月(?:(?P<d>\d{1,2})日(?:(?:至|和|-)(?P<d2>\d{1,2})日)?)?)?"
        r"(?:中旬|初|底|中)?")
_DATE = re.compile(DATE)
_PLACE = r"(?P<place>[\u4e00-\u9fff]{2,10}?)"
_VERBS = r"(?:举行|召开|举办|组织|签署|启动|发起|主办)"
_AFTER = re.compile(rf"^[》”]?(?:也|还)?(?:将?于|在|自)?(?P<date>{DATE})?(?:在{_PLACE})?{_VERBS}")
_BEFORE = re.compile(rf"(?P<date>{DATE})?(?:在{_PLACE}(?:见证下)?)?(?:举行|召开|举办|组织|签署|启动|发起)(?:的|了)?$")
_BEFORE_PLACE = re.compile(rf"在{_PLACE}(?:举行|召开|举办|组织)(?:的|了)$")
_RIGHT_BEFORE = re.compile(rf"(?:在|于)?(?P<date>{DATE})$")
_SENTENCE_DATE = re.compile(rf"^(?:截至)?(?P<date>{DATE})[，,]")


@dataclass(frozen=True)
class Context:
    """A date (start, end) and a place as written, with where each was read (offsets into the normalised text)."""

    start: Literal | None = None
    end: Literal | None = None
    place: str | None = None


def parse_date(text: str) -> tuple[Literal, Literal | None] | None:
    """The start (and end, for a range) of a date as written; ``None`` if ``text`` is not one."""
    m = _DATE.fullmatch(re.sub(r"\s", "", text))
    if not m:
        return None
    y, mo, mo2, d, d2 = m["y"], m["m"], m["m2"], m["d"], m["d2"]
    if d and mo:
        start = Literal(f"{y}-{int(mo):02d}-{int(d):02d}", datatype="xsd:date")
        end = Literal(f"{y}-{int(mo):02d}-{int(d2):02d}", datatype="xsd:date") if d2 else None
        return start, end
    if mo:
        start = Literal(f"{y}-{int(mo):02d}", datatype="xsd:gYearMonth")
        return start, (Literal(f"{y}-{int(mo2):02d}", datatype="xsd:gYearMonth") if mo2 else None)
    return Literal(y, datatype="xsd:gYear"), None


def _context(date: str | None, place: str | None) -> Context:
    parsed = parse_date(date) if date else None
    return Context(parsed[0] if parsed else None, parsed[1] if parsed else None, place or None)


def context_after(norm_after: str) -> Context:
    """Date and place stated right after the name (``于…在…举行``)."""
    m = _AFTER.match(norm_after)
    return _context(m["date"], m["place"]) if m else Context()


def context_before(norm_before: str) -> Context:
    """Date and place stated right before the name (``2022年在葡萄牙举行的``, ``2023年``)."""
    tail = norm_before[-40:]
    m = _BEFORE.search(tail)
    if m and (m["date"] or m["place"]):
        return _context(m["date"], m["place"])
    m = _BEFORE_PLACE.search(tail)
    if m:
        return _context(None, m["place"])
    m = _RIGHT_BEFORE.search(tail)
    return _context(m["date"], None) if m else Context()


#: An opening ``在…，`` that is an adverbial phrase, not a place: closed by a postposition (在这方面,
#: 在我们的支持下, 在网络犯罪相关问题上, 在此期间) or naming the speaker or what was just said (我们, 这, 此, 该).
_NOT_A_PLACE = re.compile(r"(?:下|上|中|方面|期间|时|前|后|以来)$|我们|这|此|该")


def sentence_place(norm_sentence: str) -> str | None:
    """The place a sentence opens with (``在摩洛哥马拉喀什，…``); not an adverbial opening (``在这方面，…``).

    >>> sentence_place("在摩洛哥马拉喀什，我们召集了…"), sentence_place("在这方面，我们…"), sentence_place("在秘书长的倡导下，…")
    ('摩洛哥马拉喀什', None, None)
    """
    m = re.match(r"^在([\u4e00-\u9fff]{2,10})[，,]", norm_sentence)
    return m[1] if m and not _NOT_A_PLACE.search(m[1]) else None


def sentence_date(norm_sentence: str) -> Context:
    """The date a sentence opens with (``2022年6月18日，…``)."""
    m = _SENTENCE_DATE.match(norm_sentence)
    return _context(m["date"], None) if m else Context()
