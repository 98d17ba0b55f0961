"""Resolutions: every resolution the report cites, as a ``ug:Resolution`` with its symbol and link.

Citations are found by rule in every block; what a citation run and a symbol are, how the organ is
chosen, the undocs link and the key-mandates subjects are written once, in
:mod:`ungraph.extract.citations`, whose functions this module calls.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ungraph.extract.citations import CONTAINERS, find_citations, mandate_chapter, mandate_subject, undocs_url
from ungraph.extract.context import Context
from ungraph.namespaces import safe_key
from ungraph.records import Document, Entity, Literal, Mention, Provenance, Record, Ref, Segment, Statement
from ungraph.reference.gazetteer import Gazetteer

__all__ = ["extract"]

_ORGAN_ZH = {"GA": "大会", "SC": "安全理事会", "HRC": "人权理事会"}
#: Fallback organisation keys, used only when the gazetteer does not know the organ's name.
_ORGAN_KEYS = {"GA": "UNGA", "SC": "UNSC", "HRC": "HRC"}


def _organ_ref(gazetteer: Gazetteer | None, organ: str) -> Ref:
    ref = gazetteer.ref(_ORGAN_ZH[organ]) if gazetteer is not None else None
    if ref is not None and ref.kind == "organization":
        return ref
    return Ref("organization", _ORGAN_KEYS[organ])


def _resolutions(doc: Document, blocks: Sequence[Segment], gazetteer: Gazetteer | None) -> Iterator[Record]:
    seen: set[str] = set()
    for seg in blocks:
        chapter = mandate_chapter(seg.id)
        subject = mandate_subject(seg.text) if chapter else None
        for c in find_citations(seg.text, seg.start):
            ref = Ref("resolution", safe_key(c.symbol))
            prov = Provenance(c.start, c.end, seg.id)
            if c.symbol not in seen:
                seen.add(c.symbol)
                number = c.symbol.split("/RES/", 1)[1]
                yield Entity(ref, ("ug:Resolution", "schema:Legislation", "undo:Resolution"), (
                    ("skos:prefLabel", Literal(f"{_ORGAN_ZH[c.organ]}第{number}号决议", "zh")),
                    ("schema:legislationIdentifier", Literal(c.symbol)),
                    ("dcterms:identifier", Literal(c.symbol)),
                ), prov)
                yield Statement(ref, "ug:issuedBy", _organ_ref(gazetteer, c.organ), prov)
                yield Statement(ref, "schema:url", undocs_url(c.symbol), None, "rule: undocs.org + symbol")
            yield Mention(ref, prov, c.surface)
            if chapter:
                yield Statement(ref, "ug:citedIn", Ref("report", f"{doc.key}/{chapter}"), prov)
                if subject:
                    yield Statement(ref, "ug:mandateSubject", Literal(subject[0], "zh"),
                                    Provenance(seg.start + subject[1], seg.start + subject[2], seg.id))


def extract(doc: Document, segments: Sequence[Segment], ctx: Context) -> Iterator[Record]:
    """The resolutions cited in every block (see the module docstring), each record once."""
    blocks = [s for s in segments if s.kind not in CONTAINERS]
    done: set[Record] = set()
    for rec in _resolutions(doc, blocks, ctx.gazetteer):
        if rec not in done:
            done.add(rec)
            yield rec
