"""Officials and other named persons, their posts and the quotations attributed to them, as records.

Who is who is found once per build by :func:`ungraph.extract.people.collect` (the rules are in
its module docstring) and handed over in the extraction context (:attr:`Context.people
<ungraph.extract.context.Context.people>`). From it, here: a ``foaf:Person`` per person
(``foaf:name`` as first written, ``skos:prefLabel`` and ``skos:altLabel`` its normalised
spellings, the English name only from ``persons.tsv``), a :class:`Mention` per occurrence, an
``org:Post`` per title (:mod:`ungraph.extract.posts`: its key, the body it is a post in and
whether it heads it), ``org:holds`` / ``org:heldBy`` / ``org:headOf``, and ``ug:quotedIn`` for
the quotation an attribution line signs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ungraph.extract.context import Context
from ungraph.extract.people import Occurrence, People
from ungraph.extract.posts import is_former, post_key, post_org
from ungraph.records import Document, Entity, Literal, Mention, Provenance, Record, Ref, Segment, Statement, name_literal
from ungraph.reference.gazetteer import Gazetteer

__all__ = ["extract"]


def _zh(value: str) -> Literal:
    """A name as written: ``zh`` with a Han character, else ``en`` (a Latin-script credit, "Nhet Sokheng")."""
    return name_literal(value)


def _person_records(doc: Document, people: People) -> Iterator[Record]:
    first: dict[str, Occurrence] = {}
    for occ, key in people.mentions:
        first.setdefault(key, occ)
    for key in sorted(people.names):
        names = people.names[key]
        labels = [("foaf:name", _zh(people.written[key])), ("skos:prefLabel", _zh(names[0]))]
        labels += [("skos:altLabel", _zh(n)) for n in names[1:]]
        if key in people.english:  # the curated English name is the one English prefLabel
            labels = [(p, lit) for p, lit in labels if not (p == "skos:prefLabel" and lit.lang == "en")]
        ref = Ref("person", key)
        yield Entity(ref, ("foaf:Person", "schema:Person"), tuple(labels), first[key].provenance())
        if key in people.english:
            yield Entity(ref, ("foaf:Person", "schema:Person"), (("skos:prefLabel", Literal(people.english[key], "en")),))
    for occ, key in people.mentions:
        yield Mention(Ref("person", key), occ.provenance(), doc.text[occ.start:occ.end])


def _post_records(doc: Document, people: People, gazetteer: Gazetteer | None) -> Iterator[Record]:
    seen: set[str] = set()
    for t in people.titled:
        if is_former(t.title.norm):
            continue
        post = Ref("post", post_key(t.title.norm))
        person = Ref("person", people.key_of[t.name.norm])
        both = Provenance(t.title.start, t.name.end, t.segment.id)
        if post.key not in seen:
            seen.add(post.key)
            written = re.sub(r"[\r\n]+\s*", "", doc.text[t.title.start:t.title.end])
            yield Entity(post, ("org:Post",), (("skos:prefLabel", Literal(t.title.norm, "zh")),
                                               ("ug:postTitle", Literal(written, "zh"))), t.title.provenance())
            org, heads = post_org(t.title.norm, gazetteer)
            if org is not None:
                yield Statement(post, "org:postIn", org, t.title.provenance())
        yield Mention(post, t.title.provenance(), doc.text[t.title.start:t.title.end])
        yield Statement(post, "org:heldBy", person, both)
        yield Statement(person, "org:holds", post, both)
        org, heads = post_org(t.title.norm, gazetteer)
        if org is not None and heads:
            yield Statement(person, "org:headOf", org, both)
        if t.quotation:
            yield Statement(person, "ug:quotedIn", Ref("report", f"{doc.key}/{t.quotation}"),
                            Provenance(t.segment.start, t.segment.end, t.segment.id))


def extract(doc: Document, segments: Sequence[Segment], ctx: Context) -> Iterator[Record]:
    """Persons, their mentions, posts, who holds and heads what, and who is quoted where."""
    yield from _person_records(doc, ctx.people)
    yield from _post_records(doc, ctx.people, ctx.gazetteer)
