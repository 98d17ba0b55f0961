"""The registry of entity kinds: the ``kind`` of every IRI ``{base}id/{kind}/{key}``, in one place.

Like pySHACL's ``ALL_CONSTRAINT_COMPONENTS``, minting and the pages read this list:
:meth:`ungraph.namespaces.Namespaces.mint` refuses a kind that is not registered here, so a
mistyped ``Ref("organisation", …)`` fails the build instead of minting a dangling IRI.
Adding a kind of entity is one :class:`Kind` entry below plus its extractor and tests.

Keys of names without a checked English form or code come from one function,
:func:`name_key` (toneless pinyin), so the same name always gets the same key whichever
extractor meets it.

>>> KINDS["country"].cls
'schema:Country'
>>> is_kind("organisation")
False
>>> name_key("“地方 2030”联盟")
'di-fang-2030-lian-meng'
>>> name_key("阿明娜 · 穆罕默德"), name_key("Nhet Sokheng")
('a-ming-na-mu-han-mo-de', 'nhet-sokheng')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["Kind", "KINDS", "is_kind", "name_key"]


@dataclass(frozen=True)
class Kind:
    """One kind of entity: its IRI segment, its main class (a CURIE) and what it is."""

    name: str
    cls: str
    doc: str
    #: Keys may contain ``/`` (structural paths such as ``A-78-1/chapter/3``).
    paths: bool = False


_ALL = (
    Kind("activity", "ug:Activity", "what a named body does in, for or on a place, as one sentence states it"),
    Kind("amount", "ug:ResourceAmount", "an indicative resource amount of a chapter"),
    Kind("artwork", "schema:VisualArtwork", "a work of art a photo of the report shows (a mural), made by a person"),
    Kind("annotation", "oa:Annotation", "a Web Annotation tying an entity or statement to its span of the report"),
    Kind("build", "ug:Build", "one build of the graph (PROV activity)"),
    Kind("city", "schema:City", "a populated place (city, town or village) inside its country, with its GeoNames id where GeoNames has one"),
    Kind("country", "schema:Country", "a country or territory with an ISO 3166-1 code"),
    Kind("dataset", "qb:DataSet", "a Data Cube dataset grouping the figures of a part of the report"),
    Kind("event", "ug:Event", "a named event the report speaks of"),
    Kind("figure", "ug:Figure", "a figure the report states (a Data Cube observation)"),
    Kind("goal", "ug:SustainableDevelopmentGoal", "a Sustainable Development Goal, by number (1-17)"),
    Kind("instrument", "ug:Instrument", "a convention, treaty, agenda, framework or other instrument"),
    Kind("organization", "org:Organization", "a UN body, peace operation or other organisation"),
    Kind("person", "foaf:Person", "a named person"),
    Kind("photo", "ug:Photo", "a photograph of the report, with its caption and credit"),
    Kind("post", "org:Post", "a post (常务副秘书长), independent of who holds it"),
    Kind("programme", "ug:Programme", "a core programme of a chapter"),
    Kind("region", "ug:Region", "a region or area that is not a country"),
    Kind("report", "schema:Report", "the report and its structural parts", paths=True),
    Kind("resolution", "ug:Resolution", "a resolution of the General Assembly, Security Council or Human Rights Council"),
    Kind("statement", "rdf:Statement", "a reified statement the report makes, the body of its annotation"),
    Kind("structure", "qb:DataStructureDefinition", "the Data Cube structure of the figures and its component specifications"),
)

#: Every kind, by name.
KINDS: dict[str, Kind] = {k.name: k for k in _ALL}


def is_kind(name: str) -> bool:
    """Whether ``name`` is a registered kind."""
    return name in KINDS


# Whitespace next to a non-ASCII character is PDF noise ("阿明娜 · 穆罕默德"); between two
# ASCII words it separates them ("Nhet Sokheng").
_NOISE_SPACE = re.compile(r"\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+")


def name_key(name: str) -> str:
    """The IRI key of a name that has no checked English form or code: toneless pinyin, hyphenated.

    Chinese characters become their pinyin syllables, other words are kept (lower case), every
    run of other characters becomes one ``-``; an empty result is ``x``.
    """
    from pypinyin import lazy_pinyin

    keep: Any = lambda s: [s]  # noqa: E731 - a run pypinyin has no syllables for stays itself (its stubs say str)
    words = lazy_pinyin(_NOISE_SPACE.sub("", name), errors=keep)
    return re.sub(r"-+", "-", "-".join(re.sub(r"[^a-z0-9]+", "-", w.lower()) for w in words)).strip("-") or "x"
