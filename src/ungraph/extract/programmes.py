"""Core programmes: each item of a chapter's 核心方案 (core programmes) section is a ``ug:Programme``.

- key: the programme's name in toneless pinyin (:func:`ungraph.kinds.name_key`),
  so a programme listed under the same name in two chapters is one entity (should two different
  names give one pinyin, the later gets its chapter appended: ``…-chapter-3``);
- ``skos:prefLabel`` @zh: the name as written, list bullet dropped, spaces normalised (none
  between two Chinese characters, runs of others collapsed);
- the chapter ``ug:coreProgramme`` the programme, and the programme's ``schema:position`` in
  the list, each a statement with the item's span as provenance.

The provenance span is the name inside the item (without the "- " bullet).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ungraph.extract.context import Context
from ungraph.kinds import name_key
from ungraph.records import Document, Entity, Literal, Mention, Provenance, Record, Ref, Segment, Statement

__all__ = ["normalise_name", "programme_ref", "extract"]

_BULLET = re.compile(r"^[\s\-–—•·*]+")
_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
_CJK_GAP = re.compile(rf"(?<={_CJK})\s+(?={_CJK})")


def normalise_name(text: str) -> str:
    """The name as written, without bullet, without spaces between Chinese characters.

    >>> normalise_name("- 预防、管控 和解决冲突\\n")
    '预防、管控和解决冲突'
    >>> normalise_name("支持 COVID-19  应对")
    '支持 COVID-19 应对'
    """
    name = _BULLET.sub("", text).strip()
    return re.sub(r"\s+", " ", _CJK_GAP.sub("", name))


def programme_ref(name: str) -> Ref:
    """The programme named ``name`` (normalised first).

    >>> programme_ref("- 选举援助")
    Ref(kind='programme', key='xuan-ju-yuan-zhu')
    """
    return Ref("programme", name_key(normalise_name(name)))


def _name_span(item: Segment) -> Provenance:
    start = len(bullet[0]) if (bullet := _BULLET.match(item.text)) else 0
    end = len(item.text.rstrip())
    return Provenance(item.start + start, item.start + end, item.id)


def _chapter_of(seg: Segment, by_id: dict[str, Segment]) -> Segment | None:
    parent = by_id.get(seg.parent or "")
    while parent is not None and parent.kind != "chapter":
        parent = by_id.get(parent.parent or "")
    return parent


def extract(doc: Document, segments: Sequence[Segment], ctx: Context) -> Iterator[Record]:
    """Programmes of every 核心方案 list, linked to their chapter."""
    by_id = {s.id: s for s in segments}
    names: dict[Ref, str] = {}
    positions: dict[str, int] = {}
    for item in segments:
        section = by_id.get(item.parent or "")
        if item.kind != "item" or section is None or section.attr("section_kind") != "core-programmes":
            continue
        chapter = _chapter_of(item, by_id)
        name = normalise_name(item.text)
        if chapter is None or not name:
            continue
        ref, prov = programme_ref(name), _name_span(item)
        if names.get(ref, name) != name:  # two names, one pinyin: the later one is told apart by its chapter
            ref = Ref(ref.kind, f"{ref.key}-{chapter.id.replace('/', '-')}")
        positions[section.id] = position = positions.get(section.id, 0) + 1
        if ref not in names:
            names[ref] = name
            yield Entity(ref, ("ug:Programme",), (("skos:prefLabel", Literal(name, "zh")),), prov)
        yield Mention(ref, prov, doc.text[prov.start:prov.end])
        yield Statement(Ref("report", f"{doc.key}/{chapter.id}"), "ug:coreProgramme", ref, prov)
        yield Statement(ref, "schema:position", Literal(str(position), datatype="xsd:integer"), prov)
