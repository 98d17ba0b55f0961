"""Photos: each caption + credit pair of the report is one ``ug:Photo``.

The segmenter pairs a caption with the credit line under it (``(place, YYYY年M月) © organisation /
photographer``) and parses the credit into ``place``, ``date``, ``organisation`` and
``photographer`` attributes. From them:

- the photo's key is the report key + the caption's structural id (``A-78-1-chapter-1-caption-1``);
  a repeated caption (``repeat_of``) is the same photo, so both captions are ``ug:captionOf`` it;
- ``schema:creator``: the persons the credit names (:mod:`ungraph.extract.people` finds them),
  or the organisation written in the photographer's place (业务转型和问责司) when the gazetteer
  knows it;
- ``schema:copyrightHolder``: the organisation after © (联合国图库, 妇女署, 人权高专办...);
  a "©" followed by a person's name makes that person the creator, unless ``organizations.tsv``
  lists the name (© 霍尔姆 · 阿赫达尔 is Holm Akhdar, an organization: the copyright holder);
- ``schema:contentLocation``: the most specific place the credit names
  (:func:`ungraph.extract.place_names.resolve_place`: 荷兰海牙 -> The Hague, a city in the Netherlands;
  墨西哥格雷罗 -> Mexico), a link; only a place no table knows stays as written;
- ``schema:dateCreated``: the month as ``xsd:gYearMonth``;
- ``foaf:depicts`` (photo) and ``ug:depicts`` (caption): the persons the caption names, except
  the maker of a work of art the caption shows (:func:`artwork_after`): "爱德华多·科布拉的壁画",
  "何塞·贝拉·萨内蒂于1953年绘制的壁画《人类为持久和平而奋斗》" name a mural and its painter, so
  the photo depicts the mural (``id/artwork/<key>``, a ``schema:VisualArtwork`` named by its
  title, else by the words as written) and the painter is the mural's ``schema:creator``.

Every statement carries the span of the credit or caption that states it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from ungraph.extract.blocks import locate
from ungraph.extract.context import Context
from ungraph.extract.people import People
from ungraph.extract.place_names import resolve_place
from ungraph.kinds import name_key
from ungraph.namespaces import safe_key
from ungraph.records import Document, Entity, Literal, Provenance, Record, Ref, Segment, Statement

__all__ = ["photo_ref", "locate", "artwork_after", "extract"]

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月")
#: After a person's name: "(于1953年绘制)的壁画《title》" — the person made the work shown.
_ARTWORK = re.compile(r"\s*(?:于\s*\d{4}\s*年\s*(?:绘制|创作|制作))?\s*的\s*(?P<work>壁画|雕塑|画作|油画|作品)"
                      r"(?:\s*《(?P<title>[^》]{1,40})》)?")


def photo_ref(doc: Document, caption_id: str) -> Ref:
    """The photo a caption describes, keyed by the report and the caption's structural id.

    >>> from ungraph.records import Document
    >>> photo_ref(Document("", "0", "A/78/1", "", ""), "chapter/1/caption/1")
    Ref(kind='photo', key='A-78-1-chapter-1-caption-1')
    """
    return Ref("photo", safe_key(f"{doc.key}/{caption_id}".replace("/", "-")))


def _org(gazetteer: Any, name: str | None) -> Ref | None:
    ref = gazetteer.ref(name) if gazetteer is not None and name else None
    return ref if ref is not None and ref.kind == "organization" else None


def _persons_in(people: People, seg_id: str) -> list[tuple[Ref, Provenance]]:
    return [(Ref("person", key), occ.provenance()) for occ, key in people.mentions if occ.segment_id == seg_id]


def artwork_after(text: str, end: int) -> re.Match[str] | None:
    """The work of art a caption says the person named just before ``end`` made, or ``None``.

    >>> m = artwork_after("何塞·贝拉·萨内蒂于1953年绘制的壁画《人类为持久和平而奋斗》。", 9)
    >>> m["work"], m["title"]
    ('壁画', '人类为持久和平而奋斗')
    >>> artwork_after("秘书长安东尼奥·古特雷斯在峰会上讲话", 12) is None
    True
    """
    return _ARTWORK.match(text, end)


def _artworks(doc: Document, photo: Ref, caption: Segment, people: People) -> tuple[set[str], list[Record]]:
    """The persons of a caption who made the work it shows, and the records of those works."""
    makers: set[str] = set()
    out: list[Record] = []
    for person, prov in _persons_in(people, caption.id):
        m = artwork_after(doc.text, prov.end)
        if m is None or m.end() > caption.end:
            continue
        makers.add(person.key)
        whole = Provenance(prov.start, m.end(), caption.id)
        written = re.sub(r"\s+", "", doc.text[prov.start:m.end("work")])
        title = m["title"]
        art = Ref("artwork", name_key(title or written))
        labels: tuple[tuple[str, Literal], ...] = (("skos:prefLabel", Literal(title or written, "zh")),)
        if title:
            labels += (("schema:name", Literal(title, "zh")),)
        out.append(Entity(art, ("schema:VisualArtwork",), labels, whole))
        out.append(Statement(art, "schema:creator", person, whole))
        out.append(Statement(photo, "foaf:depicts", art, whole))
        out.append(Statement(Ref("report", f"{doc.key}/{caption.id}"), "ug:depicts", art, whole))
    return makers, out


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


def extract(doc: Document, segments: Sequence[Segment], ctx: Context) -> Iterator[Record]:
    """Photos with their creator, copyright holder, place, month and the persons they show."""
    gazetteer, people = ctx.gazetteer, ctx.people
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
        makers, works = _artworks(doc, photo, caption, people)
        yield from works
        for person, prov in _persons_in(people, caption.id):
            if person.key in makers:
                continue
            yield Statement(photo, "foaf:depicts", person, prov)
            yield Statement(block, "ug:depicts", person, prov)
