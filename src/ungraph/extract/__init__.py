"""Extractors: one module per entity kind, each ``extract(doc, segments, gazetteer) -> Iterator[Record]``.

Like pySHACL's constraint registry: adding a kind means a new module plus one line in
:data:`ALL_EXTRACTORS`. Extractors are pure functions over the segmented text; they never
touch RDF (``graph.assemble`` does).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ungraph.extract import (
    events,
    figures,
    goals,
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

__all__ = ["Extractor", "ALL_EXTRACTORS", "run_extractors"]

Extractor = Callable[[Document, Sequence[Segment], Any], Iterator[Record]]

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
    events.extract,
]


def run_extractors(doc: Document, segments: Sequence[Segment], gazetteer: Any,
                   extractors: Sequence[Extractor] | None = None) -> list[Record]:
    """Run the extractors and return their records in a deterministic order."""
    records: list[Record] = []
    for extractor in ALL_EXTRACTORS if extractors is None else extractors:
        records.extend(extractor(doc, segments, gazetteer))
    return records
