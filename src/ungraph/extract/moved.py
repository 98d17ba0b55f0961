"""IRIs that moved: an entity the build once minted under another IRI points from the old IRI to the new.

Runs after the extractors (:data:`ungraph.extract.ALL_ENRICHERS`). For each row of
``data/reference/moved.tsv`` whose new entity the build has and whose old one it no longer has, the
old IRI gets ``dcterms:isReplacedBy`` (DCMI: a resource that supplants it) and ``owl:sameAs`` (the same
thing under another name, as Wikidata's RDF writes a redirected item) the new one. The web answers
the old IRI with a 301 to the new (:mod:`ungraph.web.resource`), so a link made to it keeps working.
A row whose new entity is gone, or whose old entity is back, says nothing (the table is history, the
graph says what holds for this build).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ungraph.extract.context import Context
from ungraph.records import Document, Entity, Record, Ref, Segment, Statement

__all__ = ["TABLE", "enrich"]

#: The curated table this module reads.
TABLE = "moved.tsv"
#: What an old IRI says about the new one.
PREDICATES = ("dcterms:isReplacedBy", "owl:sameAs")


def _ref(path: str) -> Ref:
    kind, _, key = path.partition("/")
    return Ref(kind, key)


def enrich(doc: Document, segments: Sequence[Segment], ctx: Context, records: Sequence[Record]) -> Iterator[Record]:
    """``dcterms:isReplacedBy`` and ``owl:sameAs`` from each moved IRI to the entity it became."""
    have = {rec.ref for rec in records if isinstance(rec, Entity)}
    tables = ctx.gazetteer.tables if ctx.gazetteer is not None else {}
    for row in tables.get(TABLE, []):
        old, new = _ref(row.id), _ref(row.replaced_by)
        if new in have and old not in have:
            for predicate in PREDICATES:
                yield Statement(old, predicate, new, None, f"moved.tsv: {row.source} (since {row.since})")
