"""Extractors: one module per entity kind, each ``extract(doc, segments, gazetteer) -> Iterator[Record]``.

Like pySHACL's constraint registry: adding a kind means a new module plus one line in
:data:`ALL_EXTRACTORS`. Extractors are pure functions over the segmented text; they never
touch RDF (``graph.assemble`` does).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ungraph.extract import (
    activities,
    cube,
    english,
    events,
    figures,
    goals,
    links,
    mandates,
    missions,
    organizations,
    persons,
    photos,
    places,
    programmes,
    resources,
)
from ungraph.records import Document, Record, Segment

__all__ = ["Extractor", "Enricher", "ALL_EXTRACTORS", "ALL_ENRICHERS", "run_extractors"]

Extractor = Callable[[Document, Sequence[Segment], Any], Iterator[Record]]
#: Runs after the extractors, over their records (English by rule and table, links out).
Enricher = Callable[[Document, Sequence[Segment], Any, Sequence[Record]], Iterator[Record]]

#: Every extractor, in the order they run (the order only orders the records; assemble sorts the quads).
ALL_EXTRACTORS: list[Extractor] = [
    mandates.extract,
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
ALL_ENRICHERS: list[Enricher] = [english.enrich, links.enrich, activities.enrich]


def run_extractors(doc: Document, segments: Sequence[Segment], gazetteer: Any,
                   extractors: Sequence[Extractor] | None = None) -> list[Record]:
    """Run the extractors and return their records in a deterministic order."""
    records: list[Record] = []
    for extractor in ALL_EXTRACTORS if extractors is None else extractors:
        records.extend(extractor(doc, segments, gazetteer))
    if extractors is None:
        extracted = tuple(records)
        for enricher in ALL_ENRICHERS:
            records.extend(enricher(doc, segments, gazetteer, extracted))
    return records
