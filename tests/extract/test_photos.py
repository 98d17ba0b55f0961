"""Photos of the real report: 64 credit lines "(place, date) © …" (``grep -c "©"`` gives 65, one
being the front matter's 版权所有© 2023联合国), each under its caption."""

from __future__ import annotations

import dataclasses

import pytest

from ungraph.extract.photos import extract, photo_ref
from ungraph.records import Entity, Literal, Ref, Statement
from ungraph.source.segment import segment
from ungraph.extract import build_context


@pytest.fixture(scope="module")
def report(real):
    doc, segments, gazetteer = real
    return doc, segments, gazetteer, list(extract(doc, segments, build_context(doc, segments, gazetteer)))


def _facts(records, photo):
    return {(s.predicate, s.object) for s in records if isinstance(s, Statement) and s.subject == photo}


def test_every_credit_is_a_photo(report):
    photos = [r for r in report[3] if isinstance(r, Entity) and r.ref.kind == "photo"]
    assert len(photos) == 64
    assert all(r.types == ("ug:Photo",) for r in photos)


def test_photo_with_creator_holder_place_and_month(report):
    doc, records = report[0], report[3]
    # "(日内瓦, 2022年12月) © 联合国图库 / 维奥莱恩·马丁" under the caption naming 常务副秘书长阿米娜·穆罕默德
    photo = photo_ref(doc, "chapter/1/section/results/subsection/4/caption/1")
    facts = _facts(records, photo)
    assert ("schema:creator", Ref("person", "wei-ao-lai-en-ma-ding")) in facts
    assert ("schema:copyrightHolder", Ref("organization", "lian-he-guo-tu-ku")) in facts
    assert ("schema:contentLocation", Ref("city", "geneva")) in facts
    assert ("schema:dateCreated", Literal("2022-12", datatype="xsd:gYearMonth")) in facts
    assert ("foaf:depicts", Ref("person", "a-ming-na-mu-han-mo-de")) in facts
    depicts = next(s for s in records if isinstance(s, Statement) and s.predicate == "foaf:depicts" and s.subject == photo)
    assert doc.text[depicts.provenance.start:depicts.provenance.end] == "阿米娜·穆罕默德"


def test_city_in_the_place_is_resolved(report):
    doc, records = report[0], report[3]
    facts = _facts(records, photo_ref(doc, "front/caption/1"))  # (哥伦比亚波哥大，2022年10月)© 妇女署 / 佩德罗·皮奥
    assert ("schema:contentLocation", Ref("city", "bogota")) in facts
    assert not any(p == "schema:contentLocation" and isinstance(o, Literal) for p, o in facts)
    assert ("schema:copyrightHolder", Ref("organization", "UN-Women")) in facts


@pytest.mark.parametrize("caption,creator", [
    ("chapter/6/section/results/caption/1", Ref("person", "nhet-sokheng")),  # /Nhet Sokheng
    ("chapter/5/section/results/subsection/1/caption/1", Ref("person", "ji-ha-de-a-er-na-ha-li")),  # “…”组织 - 吉哈德·阿尔·纳哈里
])
def test_unusual_credits(report, caption, creator):
    doc, records = report[0], report[3]
    assert ("schema:creator", creator) in _facts(records, photo_ref(doc, caption))


def test_a_credited_organization_written_as_a_name_holds_the_copyright(report):
    doc, records = report[0], report[3]
    facts = _facts(records, photo_ref(doc, "chapter/5/section/results/caption/2"))  # © 霍尔姆 · 阿赫达尔 (Holm Akhdar)
    assert ("schema:copyrightHolder", Ref("organization", "huo-er-mu-a-he-da-er")) in facts
    assert not [o for p, o in facts if p == "schema:creator"]


def test_credit_without_photographer_has_no_creator(report):
    doc, records = report[0], report[3]
    facts = _facts(records, photo_ref(doc, "chapter/4/section/entities/caption/1"))  # (太子港, 2022年12月) © 人权高专办
    assert not any(p == "schema:creator" for p, _ in facts)
    assert ("schema:copyrightHolder", Ref("organization", "OHCHR")) in facts


def test_caption_block_points_to_its_photo(report):
    doc, records = report[0], report[3]
    links = [s for s in records if isinstance(s, Statement) and s.predicate == "ug:captionOf"]
    assert len(links) == 64
    assert all(s.subject.kind == "report" and s.object == photo_ref(doc, s.subject.key.split("/", 1)[1]) for s in links)


def test_repeated_caption_is_the_same_photo():
    from ungraph.records import Document, Segment

    text = "说明文字一二三。\n(纽约, 2022年9月) © 联合国图库 / 马克·加滕\n说明文字一二三。\n(纽约, 2022年9月) © 联合国图库 / 马克·加滕"
    doc = Document(text, "0", "A/1", "", "")
    credit = dict(caption="c/1", date="2022-09", organisation="联合国图库", photographer="马克·加滕", place="纽约")
    segs = [Segment("c/1", "caption", "", 1, 0, 8, text[0:8]),
            Segment("k/1", "credit", "", 2, 9, 37, text[9:37], attrs=tuple(sorted(credit.items()))),
            Segment("c/2", "caption", "", 3, 38, 46, text[38:46], repeat_of="c/1"),
            Segment("k/2", "credit", "", 4, 47, 75, text[47:75], attrs=tuple(sorted({**credit, "caption": "c/2"}.items())))]
    records = list(extract(doc, segs, build_context(doc, segs, None)))
    assert [r.ref for r in records if isinstance(r, Entity)] == [photo_ref(doc, "c/1")]
    assert {s.subject.key for s in records if isinstance(s, Statement) and s.predicate == "ug:captionOf"} == {"A-1/c/1", "A-1/c/2"}


def test_reflowed_text_gives_the_same_photos(report):
    doc, _, gazetteer, records = report
    doubled = "".join(line + line if not line.strip() else line for line in doc.text.splitlines(keepends=True))
    reflowed = dataclasses.replace(doc, text=doubled)
    again = list(extract(reflowed, segment(reflowed), build_context(reflowed, segment(reflowed), gazetteer)))
    def key(rs):
        return {(s.subject, s.predicate, s.object) for s in rs if isinstance(s, Statement)}
    assert key(again) == key(records)
