"""Photos: each caption + credit pair of the report is one ``ug:Photo``.

The segmenter pairs a caption with the credit line under it (``(place, YYYY年M月) © organisation /
photographer``) and parses the credit into ``place``, ``date``, ``organisation`` and
``photographer`` attributes. From them:

- the photo's key is the report key + the caption's structural id (``A-78-1-chapter-1-caption-1``);
  a repeated caption (``repeat_of``) is the same photo, so both captions are ``ug:captionOf`` it;
- ``schema:creator``: the persons the credit names (:mod:`ungraph.extract.persons` finds them),
  or the organisation written in the photographer's place (业务转型和问责司) when the gazetteer
  knows it;
- ``schema:copyrightHolder``: the organisation after © (联合国图库, 妇女署, 人权高专办...);
  a "©" followed by a person's name (© 霍尔姆 · 阿赫达尔) makes that person the creator;
- ``schema:contentLocation``: the most specific place the credit names
  (:func:`ungraph.extract.places.resolve_place`: 荷兰海牙 -> The Hague, a city in the Netherlands;
  墨西哥格雷罗 -> Mexico), a link; only a place no table knows stays as written;
- ``schema:dateCreated``: the month as ``xsd:gYearMonth``;
- ``foaf:depicts`` (photo) and ``ug:depicts`` (caption): the persons the caption names.

Every statement carries the span of the credit or caption that states it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from ungraph.extract.persons import People, collect
from ungraph.extract.places import resolve_place
from ungraph.namespaces import safe_key
from ungraph.records import Document, Entity, Literal, Provenance, Record, Ref, Segment, Statement
from ungraph.reference.gazetteer import normalise, normalise_with_offsets

__all__ = ["photo_ref", "locate", "extract"]

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月")


def photo_ref(doc: Document, caption_id: str) -> Ref:
    """The photo a caption describes, keyed by the report and the caption's structural id.

    >>> from ungraph.records import Document
    >>> photo_ref(Document("", "0", "A/78/1", "", ""), "chapter/1/caption/1")
    Ref(kind='photo', key='A-78-1-chapter-1-caption-1')
    """
    return Ref("photo", safe_key(f"{doc.key}/{caption_id}".replace("/", "-")))


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


def _org(gazetteer: Any, name: str | None) -> Ref | None:
    ref = gazetteer.ref(name) if gazetteer is not None and name else None
    return ref if ref is not None and ref.kind == "organization" else None


def _persons_in(people: People, seg_id: str) -> list[tuple[Ref, Provenance]]:
    return [(Ref("person", key), occ.provenance()) for occ, key in people.mentions if occ.segment_id == seg_id]


def _credit_records(doc: Document, photo: Ref, credit: Segment, people: People, gazetteer: Any) -> Iterator[Record]:
    whole = Provenance(credit.start, credit.end, credit.id)
    creators = _persons_in(people, credit.id)
    for person, prov in creators:
        yield Statement(photo, "schema:creator", person, prov)
    photographer, organisation = credit.attr("photographer"), credit.attr("organisation")
    if photographer and not creators and (ref := _org(gazetteer, photographer)) is not None:
        yield Statement(photo, "schema:creator", ref, locate(credit, photographer) or whole)
    if (ref := _org(gazetteer, organisation)) is not None:
        yield Statement(photo, "schema:copyrightHolder", ref, locate(credit, organisation or "") or whole)
    place = credit.attr("place")
    if place:
        prov = locate(credit, place) or whole
        ref = resolve_place(place, gazetteer) if gazetteer is not None else None
        if ref is not None:
            yield Statement(photo, "schema:contentLocation", ref, prov)
        else:  # a place no table knows (朱巴) stays as written
            yield Statement(photo, "schema:contentLocation", Literal(re.sub(r"\s+", "", place), "zh"), prov)
    date = credit.attr("date")
    if date:
        m = _DATE.search(credit.text)
        prov = Provenance(credit.start + m.start(), credit.start + m.end(), credit.id) if m else whole
        yield Statement(photo, "schema:dateCreated", Literal(date, datatype="xsd:gYearMonth"), prov)


def extract(doc: Document, segments: Sequence[Segment], gazetteer: Any) -> Iterator[Record]:
    """Photos with their creator, copyright holder, place, month and the persons they show."""
    people = collect(doc, segments, gazetteer)
    by_id = {s.id: s for s in segments}
    for credit in segments:
        if credit.kind != "credit" or not credit.attr("caption"):
            continue
        caption = by_id[credit.attr("caption") or ""]
        photo = photo_ref(doc, caption.repeat_of or caption.id)
        cap_prov = Provenance(caption.start, caption.end, caption.id)
        text = caption.attr("normalized") or caption.text
        if caption.repeat_of is None:
            yield Entity(photo, ("ug:Photo",), (("schema:caption", Literal(text, "zh")),), cap_prov)
            yield from _credit_records(doc, photo, credit, people, gazetteer)
        block = Ref("report", f"{doc.key}/{caption.id}")
        yield Statement(block, "ug:captionOf", photo, cap_prov)
        for person, prov in _persons_in(people, caption.id):
            yield Statement(photo, "foaf:depicts", person, prov)
            yield Statement(block, "ug:depicts", person, prov)
