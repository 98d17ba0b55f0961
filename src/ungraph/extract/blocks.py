"""Blocks: the segments whose own text the extractors scan (paragraphs, items, rows...), and spans in them.

>>> "chapter" in CONTAINERS, "paragraph" in CONTAINERS
(True, False)
"""

from __future__ import annotations

from ungraph.records import Provenance, Segment
from ungraph.reference.gazetteer import normalise, normalise_with_offsets

__all__ = ["CONTAINERS", "locate"]

#: Segment kinds that contain blocks (not scanned themselves).
CONTAINERS = frozenset({"report", "front-matter", "contents", "introduction", "chapter", "section",
                        "spotlight", "subsection", "table"})


def locate(seg: Segment, value: str) -> Provenance | None:
    """The span of ``value`` inside a segment, compared in normalised form (spaces and "·" variants ignored).

    >>> from ungraph.records import Segment
    >>> seg = Segment("c", "credit", None, 1, 10, 24, "(纽约) © 马克 · 加滕")
    >>> locate(seg, "马克·加滕")
    Provenance(start=17, end=24, segment_id='c')
    """
    key = normalise(value)
    if not key:
        return None
    norm, pos = normalise_with_offsets(seg.text)
    at = norm.find(key)
    if at < 0:
        return None
    return Provenance(seg.start + pos[at], seg.start + pos[at + len(key) - 1] + 1, seg.id)
