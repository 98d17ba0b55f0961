"""The pipeline: source -> segments -> records -> RDF -> validation -> store.

Each stage is a plain function; :func:`build` chains them with a progress bar (tqdm) and
writes the store atomically (``store.write_build``): if any stage fails, the previous store
and dump stay exactly as they were.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from tqdm import tqdm

from ungraph.config import Settings
from ungraph.errors import ValidationFailed
from ungraph.extract import run_extractors
from ungraph.graph.assemble import assemble
from ungraph.graph.ontology import ontology_quads, ontology_terms
from ungraph.namespaces import Namespaces
from ungraph.reference.gazetteer import Gazetteer
from ungraph.source.load import load_report
from ungraph.source.segment import segment
from ungraph.validate import shapes_quads
from ungraph import store as stores

__all__ = ["BuildResult", "build_quads", "build"]

STAGES = ("load source", "segment", "reference data", "extract", "assemble", "validate", "write store")


@dataclass(frozen=True)
class BuildResult:
    quads: int
    segments: int
    records: int
    store: Path
    dump: Path
    warnings: int


def _validate(quads: list[ox.Quad], settings: Settings) -> tuple[int, list[ox.Quad]]:
    """Validate the quads; raise ValidationFailed on a Violation.

    Returns the number of other results (warnings and infos) and the report as quads in the
    named graph ``{base}graph/validation``, which the store keeps so that SPARQL and the pages
    can show it.
    """
    from ungraph.validate import report_quads, validate_graph

    result = validate_graph(quads, settings.base, settings.shacl)
    if not result.conforms:
        raise ValidationFailed(result.report_text)
    return len(result.results), report_quads(result, settings.base)


def build_quads(settings: Settings, stage: Callable[[str], None] = lambda name: None
                ) -> tuple[list[ox.Quad], int, int, int]:
    """Run every stage but the store; return (quads, segments, records, validation warnings).

    ``stage(name)`` is called as each stage starts (the progress bar).
    """
    settings = settings.resolved()  # the data directories: package data unless given
    stage("load source")
    doc = load_report(settings.source_dir)
    stage("segment")
    segments = segment(doc)
    stage("reference data")
    gazetteer = Gazetteer.from_dir(settings.reference_dir)
    stage("extract")
    records = run_extractors(doc, segments, gazetteer)
    stage("assemble")
    ns = Namespaces(settings.base)
    quads = assemble(doc, segments, records, ns, terms=ontology_terms(settings.base))
    quads += ontology_quads(settings.base)
    quads.sort(key=str)
    stage("validate")
    warnings, report = _validate(quads, settings) if settings.validate else (0, [])
    quads += report + shapes_quads(settings.base)
    return quads, len(segments), len(records), warnings


def build(settings: Settings, *, progress: bool = False) -> BuildResult:
    """Build the graph and swap it in atomically as ``settings.store`` and ``settings.dump``."""
    bar = tqdm(total=len(STAGES), desc="build", unit="stage", disable=not progress, file=sys.stderr,
               bar_format="{desc:<30}{bar:20} {n_fmt}/{total_fmt} [{elapsed}]")
    seen: list[str] = []

    def stage(name: str) -> None:
        if seen:
            bar.update()
        seen.append(name)
        bar.set_description(f"build: {name}")

    with bar:
        quads, n_segments, n_records, warnings = build_quads(settings, stage)
        stage("write store")
        count = stores.write_build(quads, settings.store, settings.dump, prefixes=Namespaces(settings.base).prefixes)
        bar.update()
    return BuildResult(count, n_segments, n_records, Path(settings.store), Path(settings.dump), warnings)
