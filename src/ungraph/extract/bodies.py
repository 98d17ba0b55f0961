"""Bodies named in the text: the one lookup of organisations (and missions) by their names.

Shared by :mod:`ungraph.extract.organizations` (the bodies of ``organizations.tsv``) and
:mod:`ungraph.extract.missions` (the peace operations): a name is a gazetteer match of kind
``organization``, except the 联合国 that opens the longer name of a meeting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ungraph.records import Document, Mention, Provenance, Ref, Segment

__all__ = ["KIND", "UN_ID", "classification_curie", "inside_longer_name", "find_bodies", "locate", "mentions"]

#: Entity kind of organisations and missions (IRI ``{base}id/organization/{id}``).
KIND = "organization"


def classification_curie(slug: str) -> str:
    """The ``ug:`` concept of a classification slug (``principal-organ`` -> ``ug:PrincipalOrgan``)."""
    return "ug:" + "".join(part.capitalize() for part in slug.split("-"))


def _innermost(segments: Sequence[Segment]) -> Any:
    spans = sorted(((s.start, s.end, s.id) for s in segments), key=lambda t: (t[0], -t[1]))

    def find(start: int, end: int) -> str:
        best = ""
        best_len = None
        for s_start, s_end, sid in spans:
            if s_start > start:
                break
            if end <= s_end and (best_len is None or s_end - s_start <= best_len):
                best, best_len = sid, s_end - s_start
        return best

    return find


#: The id of the Organization itself, and what ends the name of a meeting named after it.
UN_ID = "UN"
_EVENT_AFTER_UN = re.compile(r"\s*(?P<rest>[\u4e00-\u9fff\s]{1,16}?(?:会议|大会|峰会))")
#: Function words that never stand inside such a name: "联合国和合作伙伴…会议" is two phrases.
_NOT_IN_NAME = frozenset("和与及或的了在对向为是将把被由从等并也都还各其")


def inside_longer_name(text: str, start: int) -> bool:
    """Whether the 联合国 at ``text[start:]`` begins the longer name of a meeting.

    >>> inside_longer_name("第五次联合国最不发达国家问题会议上", 3), inside_longer_name("联合国大会", 0)
    (True, False)
    >>> inside_longer_name("联合国和合作伙伴举行会议", 0)
    False
    """
    if not text.startswith("联合国", start):
        return False
    m = _EVENT_AFTER_UN.match(text, start + 3)
    if m is None:
        return False
    rest = re.sub(r"\s+", "", m["rest"])
    # a name does not repeat 联合国, and 联合国总部 (Headquarters) is a place, not a name's start
    return (rest != "大会" and "联合国" not in rest and not rest.startswith("总部")
            and not any(ch in _NOT_IN_NAME for ch in rest))


def find_bodies(text: str, gazetteer: Any) -> list[Any]:
    """Every name of a body (or mission) in ``text``, leftmost-longest, as gazetteer matches.

    The one lookup other extractors use to find the bodies a sentence names (the agents of what
    it says was done): the same names and rules as the mentions here, the 联合国 of a meeting's
    name left out.

    >>> from ungraph.reference.tables import Organization as O
    >>> from ungraph.reference.gazetteer import Gazetteer
    >>> gz = Gazetteer({"organizations.tsv": [O("UN", "联合国", "", "", "", "", "", "t"),
    ...                                       O("UNDP", "联合国开发计划署", "", "", "", "", "", "t")]})
    >>> [m.id for m in find_bodies("联合国开发计划署与联合国在联合国海洋大会上", gz)]
    ['UNDP', 'UN']
    """
    return [m for m in gazetteer.find(text) if m.kind == KIND and not (m.id == UN_ID and inside_longer_name(text, m.start))]


def locate(doc: Document, segments: Sequence[Segment], gazetteer: Any, ids: Iterable[str]) -> list[tuple[Any, str]]:
    """Every gazetteer match in the text naming one of ``ids``, with its innermost segment id
    (联合国 inside the name of a meeting left out: :func:`inside_longer_name`)."""
    wanted = set(ids)
    find = _innermost(segments)
    return [(m, find(m.start, m.end)) for m in find_bodies(doc.text, gazetteer) if m.id in wanted]


def mentions(doc: Document, segments: Sequence[Segment], gazetteer: Any, ids: Iterable[str]) -> Iterator[Mention]:
    """A :class:`Mention` for every occurrence of a name of one of ``ids``."""
    for m, sid in locate(doc, segments, gazetteer, ids):
        yield Mention(Ref(KIND, m.id), Provenance(m.start, m.end, sid), m.surface)
