"""Issue 11: "还会导致荷台达港和萨利夫港关闭, 这两个港口…" (A/78/1, chapter on humanitarian aid) names
the port of the city of 荷台达 (Hodeidah) and the port 萨利夫港 (Salif); both were missed. 荷台达 is a
city (``cities.tsv``, GeoNames 79415) read inside 荷台达港; 萨利夫港 is a port, a ``schema:Place`` of
Yemen (``regions.tsv`` kind=place, as 拉斯伊萨). The mission 荷台达协议支助团 stays a mission."""

from __future__ import annotations

from ungraph.extract import build_context, places
from ungraph.records import Entity, Mention, Ref


def test_hodeidah_is_a_city_and_salif_a_port(real) -> None:
    doc, segments, gazetteer = real
    records = list(places.extract(doc, segments, build_context(doc, segments, gazetteer)))
    entities = {r.ref: r for r in records if isinstance(r, Entity)}
    assert entities[Ref("city", "al-hudaydah")].types == ("schema:City",)
    assert entities[Ref("region", "sa-li-fu-gang")].types == ("schema:Place",)
    surfaces = {(m.ref, m.text) for m in records if isinstance(m, Mention)}
    assert (Ref("region", "sa-li-fu-gang"), "萨利夫港") in surfaces
    assert (Ref("city", "al-hudaydah"), "荷台达") in surfaces


def test_the_hudaydah_mission_stays_a_mission(real) -> None:
    _, _, gazetteer = real
    found = [(m.kind, m.surface) for m in gazetteer.find("荷台达协议支助团 联合国支助荷台达协议特派团")]
    assert [k for k, _ in found] == ["organization", "organization"], found
