"""Issue 9, item 5: a photo of a mural depicts the mural, not its painter.

Two captions show a mural: "爱德华多·科布拉的壁画于2022年9月至12月在联合国总部展出" and
"…介绍多米尼加共和国何塞·贝拉·萨内蒂于1953年绘制的壁画《人类为持久和平而奋斗》". The painter is the
mural's creator; the photo depicts the mural.
"""

from __future__ import annotations

from ungraph.extract import photos
from ungraph.records import Entity, Statement
from ungraph.extract import build_context


def _records(real):
    doc, segments, gazetteer = real
    return doc, list(photos.extract(doc, segments, build_context(doc, segments, gazetteer)))


def test_painters_are_not_depicted(real) -> None:
    _, records = _records(real)
    depicted = {r.object.key for r in records if isinstance(r, Statement) and r.predicate == "foaf:depicts"}
    assert "ai-de-hua-duo-ke-bu-la" not in depicted
    assert "he-sai-bei-la-sa-nei-di" not in depicted


def test_the_photos_depict_the_murals_and_the_painters_made_them(real) -> None:
    doc, records = _records(real)
    artworks = {r.ref: r for r in records if isinstance(r, Entity) and "schema:VisualArtwork" in r.types}
    assert len(artworks) == 2
    depicts = {(r.subject.kind, r.object) for r in records if isinstance(r, Statement) and r.predicate == "foaf:depicts"}
    assert all(("photo", ref) in depicts for ref in artworks)
    creators = {(r.subject, r.object.key) for r in records if isinstance(r, Statement)
                and r.predicate == "schema:creator" and r.subject.kind == "artwork"}
    assert {key for _, key in creators} == {"ai-de-hua-duo-ke-bu-la", "he-sai-bei-la-sa-nei-di"}
    names = {lit.value for e in artworks.values() for p, lit in e.labels if p == "schema:name"}
    assert "人类为持久和平而奋斗" in names
    for e in artworks.values():
        assert e.provenance is not None
        assert "壁画" in doc.text[e.provenance.start:e.provenance.end]
