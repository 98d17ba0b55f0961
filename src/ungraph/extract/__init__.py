"""Extractors: one module per entity kind, each ``extract(doc, segments, ctx) -> Iterator[Record]``.

Like pySHACL's constraint registry: adding a kind means a new module plus one line in
:data:`ALL_EXTRACTORS`. Extractors are pure functions over the segmented text; they never
touch RDF (``graph.assemble`` does). They do not import each other (``tests/extract/
test_import_graph.py`` draws the imports): what several need (the gazetteer, the vocabularies
of the ontology, the persons found) is in the :class:`~ungraph.extract.context.Context` that
:func:`build_context` builds once; rules several share live in modules that are no extractor
(``blocks``, ``bodies``, ``citations``, ``people``, ``place_names``, ``quantities``...).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from ungraph.extract import (
    activities,
    cube,
    english,
    event_participants,
    events,
    figures,
    goals,
    instruments,
    links,
    missions,
    moved,
    organizations,
    persons,
    photos,
    places,
    programmes,
    resolutions,
    resources,
)
from ungraph.extract.context import Context, funding_sources
from ungraph.extract.people import collect
from ungraph.records import Document, Record, Segment
from ungraph.reference.gazetteer import Gazetteer

__all__ = ["Context", "Extractor", "Enricher", "ALL_EXTRACTORS", "ALL_ENRICHERS", "build_context", "run_extractors"]

Extractor = Callable[[Document, Sequence[Segment], Context], Iterator[Record]]
#: Runs after the extractors, over their records (English by rule and table, links out).
Enricher = Callable[[Document, Sequence[Segment], Context, Sequence[Record]], Iterable[Record]]

#: Every extractor, in the order they run (the order only orders the records; assemble sorts the quads).
ALL_EXTRACTORS: list[Extractor] = [
    resolutions.extract,
    instruments.extract,
    places.extract,
    goals.extract,
    organizations.extract,
    missions.extract,
    persons.extract,
    photos.extract,
    programmes.extract,
    resources.extract,
    figures.extract,
    cube.extract,
    events.extract,
    activities.extract,
]

#: Enrichers, run once over everything the extractors found (linked area).
ALL_ENRICHERS: list[Enricher] = [english.enrich, links.enrich, activities.enrich, event_participants.enrich, moved.enrich]


def build_context(doc: Document, segments: Sequence[Segment], gazetteer: Gazetteer | None) -> Context:
    """The context every extractor of one build is handed: built once, before the first one runs."""
    return Context(gazetteer=gazetteer, people=collect(doc, segments, gazetteer), funding_sources=funding_sources())


def run_extractors(doc: Document, segments: Sequence[Segment], gazetteer: Gazetteer | None,
                   extractors: Sequence[Extractor] | None = None) -> list[Record]:
    """Run the extractors and return their records in a deterministic order."""
    ctx = build_context(doc, segments, gazetteer)
    records: list[Record] = []
    for extractor in ALL_EXTRACTORS if extractors is None else extractors:
        records.extend(extractor(doc, segments, ctx))
    if extractors is None:
        extracted = tuple(records)
        for enricher in ALL_ENRICHERS:
            records.extend(enricher(doc, segments, ctx, extracted))
    return records
