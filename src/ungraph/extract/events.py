"""Events: named conferences and summits (…峰会, …大会, …会议) that the report dates or places.

Precision over recall: a name is taken only where the sentence anchors it, in one of four
patterns (spaces and line breaks ignored):

1. date, optional place, 举行的/召开的, name: "2022 年在葡萄牙举行的联合国海洋大会";
2. date right before the name: "2023年联合国水事会议", "在 2022 年教育变革峰会上";
3. place, 举行的/召开的, name: "在卡塔尔举行的第五次联合国最不发达国家问题会议";
4. name at the start of a clause, 于 date (在 place) 举行: "第一次联合国全球恐怖主义受害者大会于 2022 年
   9 月 8 日至 9 日在纽约举行".

A name is Chinese characters ending in 峰会, 大会 or 会议, with an optional ordinal (第五次), and
without function words (的, 了, 在, 将, 于, 是...). A name the gazetteer knows (联合国大会 is the
General Assembly, 联合国贸易和发展会议 is UNCTAD) is an organisation, not an event.

Each event: ``ug:Event`` with ``skos:prefLabel`` @zh; ``schema:startDate`` as ``xsd:gYearMonth``
or ``xsd:gYear``; ``lode:atPlace`` the country or region the gazetteer finds in the place (a city
it does not know gives no place). Key: the name in pinyin plus the year when stated. Every other
occurrence of the name in the report is a mention (names given with two different years are
not mentioned, being ambiguous).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ungraph.kinds import name_key
from ungraph.records import Document, Entity, Literal, Mention, Provenance, Record, Ref, Segment, Statement
from ungraph.reference.gazetteer import normalise_with_offsets

__all__ = ["Find", "finds", "extract", "EVENT_KEYWORDS"]

EVENT_KEYWORDS = ("峰会", "大会", "会议")
_CHAR = r"(?:(?![的了在将于是把被这该此其并和与及])[\u4e00-\u9fff])"
_NAME = rf"(?P<name>(?:第[一二三四五六七八九十]+次)?{_CHAR}{{2,20}}?(?:{'|'.join(EVENT_KEYWORDS)}))"
_DATE = r"(?P<date>(?P<year>\d{4})年(?:(?P<month>\d{1,2})月)?)(?:\d{1,2}日(?:至\d{1,2}日)?)?"
_PLACE = r"在(?P<place>[\u4e00-\u9fff]{2,8}?)"
_HELD = r"(?:举行|召开)"
PATTERNS = (
    re.compile(rf"{_DATE}(?:{_PLACE})?{_HELD}的{_NAME}"),
    re.compile(rf"{_DATE}(?!{_HELD}|举办){_NAME}"),
    re.compile(rf"{_PLACE}{_HELD}的{_NAME}"),
    re.compile(rf"(?:^|(?<=[^\u4e00-\u9fff])){_NAME}于{_DATE}(?:{_PLACE})?{_HELD}"),
)
_BLOCKS = ("paragraph", "heading", "caption", "item", "quotation", "figure", "footnote")


@dataclass(frozen=True)
class Find:
    """An event name anchored by a date or place; spans index the document text."""

    name: str
    span: tuple[int, int]
    segment_id: str
    year: str | None = None
    month: str | None = None
    date_span: tuple[int, int] | None = None
    place: str | None = None
    place_span: tuple[int, int] | None = None


def _span(pos: list[int], offset: int, m: re.Match[str], group: str) -> tuple[int, int]:
    return offset + pos[m.start(group)], offset + pos[m.end(group) - 1] + 1


def finds(text: str, offset: int = 0, segment_id: str = "") -> list[Find]:
    """Anchored event names in ``text`` (one block), leftmost first, no overlaps.

    >>> [(f.name, f.year, f.place) for f in finds("2022 年在葡萄牙举行的联合国海洋大会重点动员")]
    [('联合国海洋大会', '2022', '葡萄牙')]
    >>> [(f.name, f.year, f.month) for f in finds("定于 2023 年 9 月举行部长级会议")]
    []
    """
    norm, pos = normalise_with_offsets(text)
    taken: list[tuple[int, int]] = []
    out: list[Find] = []
    for pattern in PATTERNS:
        for m in pattern.finditer(norm):
            if any(s < m.end("name") and m.start("name") < e for s, e in taken):
                continue
            taken.append((m.start("name"), m.end("name")))
            year = m["year"] if "year" in m.groupdict() else None
            place = m["place"] if "place" in m.groupdict() else None
            out.append(Find(m["name"], _span(pos, offset, m, "name"), segment_id, year,
                            m["month"] if year else None, _span(pos, offset, m, "date") if year else None,
                            place, _span(pos, offset, m, "place") if place else None))
    return sorted(out, key=lambda f: f.span)


def _key(name: str, year: str | None) -> Ref:
    return Ref("event", name_key(name) + (f"-{year}" if year else ""))


def _is_known_name(gazetteer: Any, name: str) -> bool:
    return gazetteer is not None and gazetteer.ref(name) is not None


def _without_organiser(gazetteer: Any, f: Find) -> Find | None:
    """A body's name heading the name is the organiser: 联合国环境规划署 + 联合国… -> 联合国…;
    ``None`` when what follows is itself a body (联合国环境规划署 + 联合国环境大会, a body meeting in session)."""
    if gazetteer is None:
        return f
    for m in gazetteer.find(f.name)[:1]:
        rest = f.name[m.end:]
        own = gazetteer.find(rest)[:1]
        if m.start != 0 or m.kind != "organization" or not own or own[0].start != 0 or own[0].kind != "organization":
            return f
        if own[0].end == len(rest) or not rest.endswith(EVENT_KEYWORDS):
            return None
        return dataclasses.replace(f, name=rest, span=(f.span[1] - len(rest), f.span[1]))
    return f


def _place(gazetteer: Any, f: Find) -> tuple[Ref, Provenance] | None:
    if gazetteer is None or not f.place or not f.place_span:
        return None
    for m in gazetteer.find(f.place):
        if m.kind in ("country", "region"):
            start = f.place_span[0] + f.place.find(m.surface) if m.surface in f.place else f.place_span[0]
            return m.ref, Provenance(start, start + len(m.surface), f.segment_id)
    return None


def _event_records(doc: Document, ref: Ref, group: list[Find], gazetteer: Any) -> Iterator[Record]:
    first = group[0]
    yield Entity(ref, ("ug:Event", "schema:Event", "lode:Event"), (("skos:prefLabel", Literal(first.name, "zh")),),
                 Provenance(*first.span, first.segment_id))
    dated = next((f for f in group if f.year and f.date_span), None)
    if dated is not None and dated.date_span:
        value = (f"{dated.year}-{int(dated.month):02d}", "xsd:gYearMonth") if dated.month else (dated.year, "xsd:gYear")
        yield Statement(ref, "schema:startDate", Literal(value[0] or "", datatype=value[1]),
                        Provenance(*dated.date_span, dated.segment_id))
    for f in group:
        if (place := _place(gazetteer, f)) is not None:
            yield Statement(ref, "lode:atPlace", place[0], place[1])
            break


def extract(doc: Document, segments: Sequence[Segment], gazetteer: Any) -> Iterator[Record]:
    """Dated or placed conferences and summits, with a mention of each occurrence of their names."""
    blocks = [s for s in segments if s.kind in _BLOCKS]
    found = [g for s in blocks for f in finds(s.text, s.start, s.id)
             if not _is_known_name(gazetteer, f.name) and (g := _without_organiser(gazetteer, f)) is not None]
    years: dict[str, set[str]] = {}
    for f in found:
        years.setdefault(f.name, set()).update({f.year} if f.year else set())
    groups: dict[Ref, list[Find]] = {}
    for f in found:
        ys = years[f.name]
        if len(ys) > 1 and not f.year:
            continue  # which of the events of that name is meant: unknown
        groups.setdefault(_key(f.name, f.year or (min(ys) if ys else None)), []).append(f)
    anchored = {(f.span, f.segment_id) for g in groups.values() for f in g}
    for ref, group in sorted(groups.items(), key=lambda kv: kv[1][0].span):
        yield from _event_records(doc, ref, group, gazetteer)
        name = group[0].name
        if len(years[name]) > 1:
            for f in group:
                yield Mention(ref, Provenance(*f.span, f.segment_id), doc.text[f.span[0]:f.span[1]])
            continue
        for s in blocks:
            norm, pos = normalise_with_offsets(s.text)
            for m in re.finditer(re.escape(name), norm):
                start, end = s.start + pos[m.start()], s.start + pos[m.end() - 1] + 1
                if _is_longer_name(norm, m) and ((start, end), s.id) not in anchored:
                    continue
                yield Mention(ref, Provenance(start, end, s.id), doc.text[start:end])


def _is_longer_name(norm: str, m: re.Match[str]) -> bool:
    """The occurrence is the tail of a longer name (…联合国环境大会 inside 联合国环境规划署联合国环境大会)."""
    return m.start() > 0 and "\u4e00" <= norm[m.start() - 1] <= "\u9fff" and norm[m.start() - 1] not in "在的了和与及年届次"
