"""Plain records passed between the pipeline stages (no RDF here).

source -> :class:`Document` -> :class:`Segment` s -> extractors -> :class:`Entity`,
:class:`Mention`, :class:`Statement` records -> ``graph.assemble`` -> quads.

All offsets are Unicode code points into ``Document.text`` (Python ``str`` indices),
end exclusive, so ``text[start:end]`` is the quoted span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Document", "Segment", "Ref", "Literal", "Provenance", "Entity", "Mention", "Statement", "Record", "name_literal"]


@dataclass(frozen=True)
class Document:
    """The report as received: its text plus the metadata of ``source.json``."""

    text: str
    sha256: str
    symbol: str
    title_zh: str
    title_en: str
    meta: tuple[tuple[str, str], ...] = ()

    @property
    def key(self) -> str:
        """IRI key of the report: the symbol made safe, ``A/78/1`` -> ``A-78-1``."""
        return self.symbol.replace("/", "-")


@dataclass(frozen=True)
class Segment:
    """One structural unit of the report, from the report itself down to a table row.

    ``id`` is a stable structural path such as ``chapter/3/section/mandates/item/2``; the
    segment's IRI is ``{base}id/report/{doc.key}/{id}`` (the report itself has ``id == ""``).
    """

    id: str
    kind: str
    parent: str | None
    order: int
    start: int
    end: int
    text: str
    title: str | None = None
    page: int | None = None
    repeat_of: str | None = None
    attrs: tuple[tuple[str, str], ...] = ()

    def attr(self, name: str, default: str | None = None) -> str | None:
        return dict(self.attrs).get(name, default)


@dataclass(frozen=True)
class Ref:
    """A reference to an entity: its IRI is ``{base}id/{kind}/{key}``."""

    kind: str
    key: str


@dataclass(frozen=True)
class Literal:
    """An RDF literal: a language-tagged string, a typed value (datatype as a CURIE) or a plain string."""

    value: str
    lang: str | None = None
    datatype: str | None = None


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def name_literal(text: str) -> Literal:
    """A name as a literal: tagged ``zh`` when it has a Han character, else ``en``.

    The report's Latin-script names are UN acronyms and names in English use (CRAF'd,
    COVID-19); tagging them ``zh`` would tell a reader they are Chinese (issue 9).

    >>> name_literal("复杂风险分析基金").lang, name_literal("CRAF'd").lang
    ('zh', 'en')
    """
    return Literal(text, "zh" if _HAN.search(text) else "en")


@dataclass(frozen=True, order=True)
class Provenance:
    """Where the report states something: a span of the source text inside a segment."""

    start: int
    end: int
    segment_id: str


@dataclass(frozen=True)
class Entity:
    """An entity with its types (CURIEs such as ``org:Organization``) and labels.

    ``labels`` are (property CURIE, Literal) pairs, e.g. ``("skos:prefLabel", Literal("联合国", "zh"))``.
    ``provenance`` is set for entities the report states; reference-only entities have none.
    """

    ref: Ref
    types: tuple[str, ...]
    labels: tuple[tuple[str, Literal], ...] = ()
    provenance: Provenance | None = None
    #: For an entity from a curated table: its row's ``source`` (where its names were checked).
    source: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Mention:
    """The report names ``ref`` at ``provenance``; ``text`` is the exact span text."""

    ref: Ref
    provenance: Provenance
    text: str


@dataclass(frozen=True)
class Statement:
    """``subject predicate object``; with provenance when the report states it, without when a table does.

    ``object`` is an entity (:class:`Ref`), a :class:`Literal`, or a plain string holding an
    absolute IRI or CURIE of something outside the graph (an undocs URL, a GeoNames IRI).
    """

    subject: Ref
    predicate: str
    object: Ref | Literal | str
    provenance: Provenance | None = None
    source: str | None = field(default=None, compare=False)


Record = Entity | Mention | Statement
