"""SHACL validation with pyshacl: ``validate_graph(data) -> ValidationResult``.

The shapes are every ``*.ttl`` file in ``shapes/`` (relative IRIs, parsed against the base
like the ontology). The result is a graph plus sorted text (pySHACL style); the exit codes of
``ungraph validate`` are a contract: 0 conforms, 1 does not conform, 2 error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from collections.abc import Iterable

import pyoxigraph as ox
import rdflib

__all__ = ["ValidationResult", "shapes_dir", "load_shapes", "validate_graph", "validate_path", "as_rdflib_graph"]


@dataclass(frozen=True)
class ValidationResult:
    conforms: bool
    report_graph: rdflib.Graph
    report_text: str

    def render(self, fmt: str = "text") -> str:
        """The report as ``text`` (sorted, for people), ``ttl`` or ``json`` (JSON-LD)."""
        if fmt == "ttl":
            return self.report_graph.serialize(format="turtle")
        if fmt == "json":
            return self.report_graph.serialize(format="json-ld")
        return self.report_text


def shapes_dir() -> Path:
    """``shapes/`` at the repository root (found by walking up from this module)."""
    for parent in Path(__file__).resolve().parents:
        if (parent / "shapes").is_dir() and (parent / "ontology").is_dir():
            return parent / "shapes"
    raise FileNotFoundError("cannot find the shapes/ directory next to ontology/")


def load_shapes(base: str) -> rdflib.Graph:
    g = rdflib.Graph()
    for path in sorted(shapes_dir().glob("*.ttl")):
        g.parse(path, format="turtle", publicID=base)
    return g


def validate_graph(data: rdflib.Graph | rdflib.Dataset, base: str, ontology: rdflib.Graph | None = None) -> ValidationResult:
    """Validate ``data`` against the shapes; no inference (types are materialised at build time)."""
    import pyshacl

    shapes = load_shapes(base)
    conforms, graph, text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True,
        allow_warnings=True,
    )
    return ValidationResult(bool(conforms), graph, str(text))


def as_rdflib_graph(quads: Iterable[ox.Quad]) -> rdflib.Graph:
    """The union of all graphs of ``quads`` as one rdflib graph (what the shapes validate)."""
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    graph = rdflib.Graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


def validate_path(settings, data: str | None = None) -> ValidationResult:  # type: ignore[no-untyped-def]
    """Validate a store directory (``settings.store``) or an RDF file, as the CLI does."""
    from ungraph import store as stores
    from ungraph.errors import FormatError

    if data:
        fmt = stores.format_for_path(data)
        try:
            quads = list(ox.parse(path=data, format=fmt))
        except FileNotFoundError:
            raise FormatError(f"{data}: no such file") from None
        except (SyntaxError, ValueError, OSError) as e:
            raise FormatError(f"{data}: does not parse as {fmt.name}: {e}") from None
        graph = as_rdflib_graph(quads)
    else:
        store = stores.open_store(settings.store, read_only=True)
        graph = as_rdflib_graph(store.quads_for_pattern(None, None, None, None))
    return validate_graph(graph, settings.base)
