"""Named instruments: the conventions, treaties, agendas, frameworks... the report names, as ``ug:Instrument`` s.

They are the titles between 《》 in every block, and in mandate lines also a title whose opening 《 the PDF lost
(``联合国海洋法公约》 (大会…``) and the names of ``data/reference/instruments.tsv`` (for
``(新城市议程)`` or an unbracketed protocol). A title is looked up in the gazetteer
(``instruments.tsv``: id, English name, kind); unknown titles are typed by their head noun
(公约, 条约, 议程, 框架...) and keyed by their pinyin. Titles of reports and publications
(kind ``publication`` in the table, or a head noun such as 报告 or 登记册) are not instruments.
A short title the report gives in brackets right after a full one (``《联合国囚犯待遇最低限度标准规则》
(《纳尔逊·曼德拉规则》)``, :func:`short_titles`) is that instrument's alternative label, wherever it is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ungraph.extract.citations import CONTAINERS, find_citations, mandate_chapter, mandate_subject
from ungraph.extract.context import Context
from ungraph.kinds import name_key
from ungraph.namespaces import safe_key
from ungraph.records import Document, Entity, Literal, Mention, Provenance, Record, Ref, Segment, Statement
from ungraph.reference.gazetteer import Gazetteer

__all__ = ["find_titles", "instrument_kind", "short_titles", "extract"]

#: Head noun -> instrument type (CURIEs), checked longest first; ``None``: not an instrument.
_HEADS: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    ("框架公约", ("ug:Convention", "undo:Convention")),
    ("公约", ("ug:Convention", "undo:Convention")),
    ("议定书", ("ug:Treaty", "undo:Treaty")),
    ("条约", ("ug:Treaty", "undo:Treaty")),
    ("谅解备忘录", ("ug:Treaty", "undo:Treaty")),
    ("协定", ("ug:Treaty", "undo:Treaty")),
    ("宪章", ("ug:Charter", "undo:Charter")),
    ("宣言", ("ug:Declaration",)),
    ("议程", ("ug:Agenda",)),
    ("框架", ("ug:Framework",)),
    ("行动纲领", ("ug:ProgrammeOfAction",)),
    ("行动纲要", ("ug:ProgrammeOfAction",)),
    ("行动计划", ("ug:ProgrammeOfAction",)),
    ("路线图", ("ug:ProgrammeOfAction",)),
    ("战略", ("ug:ProgrammeOfAction",)),
    ("途径", ("ug:ProgrammeOfAction",)),
    ("规则", ("ug:Instrument",)),
    ("示范法", ("ug:Instrument",)),
    ("报告", None),
    ("登记册", None),
)
#: ``kind`` column of instruments.tsv -> types.
_KINDS: dict[str, tuple[str, ...] | None] = {
    "convention": ("ug:Convention", "undo:Convention"), "treaty": ("ug:Treaty", "undo:Treaty"),
    "charter": ("ug:Charter", "undo:Charter"), "declaration": ("ug:Declaration",), "agenda": ("ug:Agenda",),
    "framework": ("ug:Framework",), "programme-of-action": ("ug:ProgrammeOfAction",),
    "instrument": ("ug:Instrument",), "publication": None,
}
_TITLE = re.compile(r"《([^》]{1,120}?)》")
#: 《full title》(《short title》): the short title the text introduces for the instrument it has just named.
_SHORT = re.compile(r"《([^《》]{1,120}?)》\s*[(（]\s*《([^《》]{1,60}?)》\s*[)）]")
_OPEN_LOST = re.compile(r"^[-•●▪\s(（]*([^《》()（）\n]{2,60}?)》")


def instrument_kind(title: str) -> tuple[str, ...] | None:
    """Types of an instrument by the head noun of its title (``None``: not an instrument).

    >>> instrument_kind("联合国海洋法公约"), instrument_kind("2023年世界社会报告"), instrument_kind("北京宣言")
    (('ug:Convention', 'undo:Convention'), None, ('ug:Declaration',))
    """
    for head, types in _HEADS:
        if title.endswith(head):
            return types
    return None


def short_titles(text: str) -> dict[str, str]:
    """Short title -> full title (normalised) for every instrument title followed by a bracketed title.

    >>> short_titles("《联合国女性囚犯待遇和女性罪犯非监禁措施规则》(《曼谷规则》)")
    {'曼谷规则': '联合国女性囚犯待遇和女性罪犯非监禁措施规则'}
    """
    from ungraph.reference.gazetteer import normalise

    return {normalise(m[2]): normalise(m[1]) for m in _SHORT.finditer(text)
            if instrument_kind(re.sub(r"\s", "", m[1])) and normalise(m[2]) != normalise(m[1])}


@dataclass(frozen=True)
class _Title:
    title: str
    start: int
    end: int


def find_titles(text: str, offset: int = 0, mandate: bool = False) -> list[_Title]:
    """Titles between 《》 (a stray inner 《 dropped); in a mandate line also one whose 《 was lost.

    >>> [t.title for t in find_titles("《1971年《精神药物公约》和《2030 年议程》")]
    ['1971年精神药物公约', '2030 年议程']
    >>> [t.title for t in find_titles("联合国海洋法公约》 (大会第52/26号)", mandate=True)]
    ['联合国海洋法公约']
    """
    out = []
    for m in _TITLE.finditer(text):
        start = m.start(1)
        while text[start] == "《":
            start += 1
        out.append(_Title(text[start:m.end(1)].replace("《", ""), offset + start, offset + m.end(1)))
    if mandate and (lost := _OPEN_LOST.match(text)) and "《" not in text[: lost.end()]:
        out.insert(0, _Title(lost[1], offset + lost.start(1), offset + lost.end(1)))
    return out


def _instrument(title: str, gazetteer: Gazetteer | None) -> tuple[Ref, tuple[str, ...], Any] | None:
    row = None
    ref = gazetteer.ref(title) if gazetteer is not None else None
    if ref is not None and ref.kind == "instrument" and gazetteer is not None:
        row = gazetteer.get("instrument", ref.key)
    if ref is not None and row is not None:
        types = _KINDS.get(row.kind)
        return (ref, types, row) if types else None
    bare = re.sub(r"\s", "", title)
    if any(bare == head for head, _ in _HEADS):  # 《宣言》, 《谅解备忘录》: a short form that needs context
        return None
    types = instrument_kind(bare)
    return (Ref("instrument", name_key(re.sub(r"\s", "", title))), types, None) if types else None


def _instruments(doc: Document, blocks: Sequence[Segment], gazetteer: Gazetteer | None) -> Iterator[Record]:
    from ungraph.reference.gazetteer import normalise

    seen: dict[Ref, str] = {}  # ref -> its Chinese label
    seen_alt: set[tuple[Ref, str]] = set()
    full_of: dict[str, str] = {}
    for seg in blocks:
        full_of.update(short_titles(seg.text))
    for seg in blocks:
        chapter = mandate_chapter(seg.id)
        titles = find_titles(seg.text, seg.start, mandate=bool(chapter))
        if chapter and gazetteer is not None:  # unbracketed names in mandate lines
            covered = [(t.start, t.end) for t in titles]
            for m in gazetteer.find(seg.text):
                s, e = seg.start + m.start, seg.start + m.end
                if m.kind == "instrument" and not any(a <= s < b for a, b in covered):
                    titles.append(_Title(m.surface, s, e))
        cites = find_citations(seg.text, seg.start) if chapter else []
        subject = mandate_subject(seg.text) if chapter else None
        for t in titles:
            variant = normalise(t.title)
            full = full_of.get(variant)
            hit = _instrument(full or t.title, gazetteer)
            if hit is None:
                continue
            ref, types, row = hit
            prov = Provenance(t.start, t.end, seg.id)
            if ref not in seen:
                seen[ref] = row.name_zh if row is not None else normalise(full or t.title)
                labels = [("skos:prefLabel", Literal(seen[ref], "zh"))]
                if row is not None and row.name_en:
                    labels.append(("skos:prefLabel", Literal(row.name_en, "en")))
                yield Entity(ref, types, tuple(labels), prov)
            named = row is not None or full is not None
            if named and variant != normalise(seen[ref]) and (ref, variant) not in seen_alt:
                seen_alt.add((ref, variant))
                yield Statement(ref, "skos:altLabel", Literal(variant, "zh"), prov)
            yield Mention(ref, prov, doc.text[t.start:t.end])
            if chapter:
                yield Statement(ref, "ug:citedIn", Ref("report", f"{doc.key}/{chapter}"), prov)
                # the line names only this instrument and cites one resolution: it adopted it
                bare = subject and len(cites) == 1 and normalise(subject[0]).strip("《》()（）") == normalise(t.title)
                for c in cites if bare else []:
                    yield Statement(ref, "ug:adoptedBy", Ref("resolution", safe_key(c.symbol)),
                                    Provenance(c.start, c.end, seg.id))


def extract(doc: Document, segments: Sequence[Segment], ctx: Context) -> Iterator[Record]:
    """The named instruments of every block (see the module docstring), each record once."""
    blocks = [s for s in segments if s.kind not in CONTAINERS]
    done: set[Record] = set()
    for rec in _instruments(doc, blocks, ctx.gazetteer):
        if rec not in done:
            done.add(rec)
            yield rec
