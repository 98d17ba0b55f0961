"""Resolutions: every resolution the report cites, as a ``ug:Resolution`` with its symbol and link.

Citations are found by rule (:mod:`ungraph.extract.citations`) in every block: a *citation
run* starts at ``第`` (optionally after the organ: 大会, 安全理事会, 人权理事会) and lists
symbols joined by 和, 及, 、, 以及 or a comma, with the layout noise of the PDF tolerated (line breaks, a stray "(" at the start
of a wrapped line, "第74/3(和76/203号决议"). A symbol is

* ``70/1``, ``72/262 C``, ``57/228B``, ``76/84 A-B`` (session/number, lettered parts):
  General Assembly ``A/RES/…``, Human Rights Council ``A/HRC/RES/…``; ``72/266 A和B`` lists
  two parts, so it is two resolutions (``A/RES/72/266 A`` and ``…B``), and so is the range
  ``76/84 A-B`` (``A/RES/76/84 A`` and ``…B``: one document per letter);
* ``S-10/2``: a special session of the General Assembly;
* ``217(III)``, ``2099 (XX)``: old-style General Assembly numbers (OCR reads the roman
  numeral I as the digit 1: ``94(1)`` is ``94(I)``);
* ``2282(2016)``: a Security Council resolution ``S/RES/2282 (2016)``.

The organ is the one named at the start of the run, else the organ of the previous run in
the same block, else the form's (``n(year)`` Security Council, otherwise General Assembly).
The undocs link is ``https://undocs.org/`` + the symbol without spaces.

In a ``主要授权`` (key mandates) list, each cited resolution is ``ug:citedIn`` the chapter,
with the line's subject (its text without the citation) as ``ug:mandateSubject``.
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
