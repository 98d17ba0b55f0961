"""Issue 11: the photo credit "© 霍尔姆 · 阿赫达尔" (the Safer tanker off Ras Isa, chapter 5) names Holm
Akhdar, an organization (the credited source of the footage), yet the persons extractor made it a
``foaf:Person``, because a credit's "organisation" written with "·" was always read as a person's
name. A name that ``organizations.tsv`` lists is an organization wherever it is credited: the credit
reader consults the table before treating a name as a person, and the photo's copyright holder is
that organization."""

from __future__ import annotations

from ungraph.extract import build_context, organizations, photos
from ungraph.records import Entity, Ref, Statement

HOLM = "huo-er-mu-a-he-da-er"


def test_the_credited_organization_is_no_person(real) -> None:
    doc, segments, gazetteer = real
    ctx = build_context(doc, segments, gazetteer)
    assert ctx.people.ref("霍尔姆 · 阿赫达尔") is None
    assert HOLM not in ctx.people.names
    # the photographers of the other credits are still persons
    assert ctx.people.ref("吉哈德·阿尔·纳哈里") is not None


def test_the_credited_organization_is_an_organization_and_holds_the_copyright(real) -> None:
    doc, segments, gazetteer = real
    ctx = build_context(doc, segments, gazetteer)
    orgs = {r.ref for r in organizations.extract(doc, segments, ctx) if isinstance(r, Entity)}
    assert Ref("organization", HOLM) in orgs
    credits = [s for s in photos.extract(doc, segments, ctx) if isinstance(s, Statement)
               and s.object == Ref("organization", HOLM)]
    assert {s.predicate for s in credits} == {"schema:copyrightHolder"}
    assert doc.text[credits[0].provenance.start:credits[0].provenance.end] == "霍尔姆 · 阿赫达尔"
    assert not [s for s in photos.extract(doc, segments, ctx) if isinstance(s, Statement)
                and s.object == Ref("person", HOLM)]
