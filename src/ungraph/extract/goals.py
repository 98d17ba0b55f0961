"""The Sustainable Development Goals: every mention of a goal by number, linked to the goal.

A goal is mentioned as "可持续发展目标 N" (or "SDG N"), and a list or range of numbers after it
names several: "可持续发展目标 16 和 17" is goals 16 and 17, "目标 1 至 3" goals 1, 2 and 3. A
number is a goal only when it is 1-17, stands on the same line as the words before it and is
not followed by another digit, a decimal point or a per cent sign: in "实现可持续发展目标" /
"92% 的方案国政府…" the 92 is a share, not a goal.

**IRIs (a decision).** A goal's IRI is local, ``{base}id/goal/{n}``, minted like every other
entity's, and ``skos:exactMatch`` links it to the UN's own IRI ``http://metadata.un.org/sdg/{n}``
(by rule: the UN's Common Digital Identifiers for the SDGs). So a goal has a page on our server
with the report's mentions and annotations, like every other kind, and the graph makes no
statements about a resource the UN publishes; the block that names a goal also has the goal as
its ``dcterms:subject`` (and so, through the match, the UN's IRI). Names are by rule:
可持续发展目标N / Sustainable Development Goal N.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ungraph.extract.blocks import CONTAINERS
from ungraph.extract.context import Context
from ungraph.records import Document, Entity, Literal, Mention, Provenance, Record, Ref, Segment, Statement

__all__ = ["KIND", "SDG_IRI", "find_goals", "goal_entity", "extract"]

#: Entity kind of goals (IRI ``{base}id/goal/{n}``).
KIND = "goal"
#: The UN's IRI of goal ``n``.
SDG_IRI = "http://metadata.un.org/sdg/{n}"
_SOURCE = "rule: http://metadata.un.org/sdg/{n} (the UN's Common Digital Identifiers for the SDGs)"

_SP = r"[ \t\u00a0\u3000]*"
_NUM = r"\d{1,2}(?![\d.%％])"
_SEP = r"(?:和|、|及|与|以及|至|到|-|–|—|,|，)"
_MENTION = re.compile(rf"(?:可持续发展目标|SDGs?){_SP}(?:第{_SP})?({_NUM}(?:{_SP}{_SEP}{_SP}{_NUM})*)")
_PART = re.compile(rf"({_NUM})|({_SEP})")


def find_goals(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, n)`` of every goal named in ``text``; the first span covers the words before it.

    >>> [(text[s:e], n) for text in ["(可持续发展目标 16 和 17)"] for s, e, n in find_goals(text)]
    [('可持续发展目标 16', 16), ('17', 17)]
    >>> find_goals("实现可持续发展目标\\n\\t92%的方案国"), find_goals("可持续发展目标 18"), find_goals("目标 5")
    ([], [], [])
    >>> [n for _, _, n in find_goals("可持续发展目标1至3")]
    [1, 2, 3]
    """
    out: list[tuple[int, int, int]] = []
    for m in _MENTION.finditer(text):
        numbers: list[tuple[int, int, int]] = []
        ranged = False
        for p in _PART.finditer(text, m.start(1), m.end(1)):
            if p.group(2):
                ranged = p.group(2) in ("至", "到", "-", "–", "—")
                continue
            n = int(p.group(1))
            if ranged and numbers and numbers[-1][2] < n:
                numbers += [(p.start(), p.end(), k) for k in range(numbers[-1][2] + 1, n + 1)]
            else:
                numbers.append((p.start(), p.end(), n))
            ranged = False
        if not numbers or any(not 1 <= n <= 17 for _, _, n in numbers):
            continue
        first = numbers[0]
        out.append((m.start(), first[1], first[2]))
        out.extend(numbers[1:])
    return out


def goal_entity(n: int, prov: Provenance | None) -> Iterator[Record]:
    """The goal, its number and its match to the UN's IRI (reference facts by rule)."""
    ref = Ref(KIND, str(n))
    labels = (("skos:prefLabel", Literal(f"可持续发展目标{n}", "zh")),
              ("skos:prefLabel", Literal(f"Sustainable Development Goal {n}", "en")))
    yield Entity(ref, ("ug:SustainableDevelopmentGoal", "skos:Concept"), labels, prov)
    source = _SOURCE.format(n=n)
    yield Statement(ref, "skos:notation", Literal(str(n)), None, source)
    yield Statement(ref, "skos:exactMatch", SDG_IRI.format(n=n), None, source)


def extract(doc: Document, segments: Sequence[Segment], ctx: Context) -> Iterator[Record]:
    """A mention per goal named, the block's ``dcterms:subject``, then one entity per goal."""
    first: dict[int, Provenance] = {}
    for seg in segments:
        if seg.kind in CONTAINERS:
            continue
        block = Ref("report", f"{doc.key}/{seg.id}")
        for start, end, n in find_goals(seg.text):
            prov = Provenance(seg.start + start, seg.start + end, seg.id)
            first.setdefault(n, prov)
            yield Mention(Ref(KIND, str(n)), prov, seg.text[start:end])
            yield Statement(block, "dcterms:subject", Ref(KIND, str(n)), prov)
    for n in sorted(first):
        yield from goal_entity(n, first[n])
