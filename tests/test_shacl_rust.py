"""The Rust SHACL engine (``ungraph.shacl_rust``, ``UNGRAPH_SHACL=rust``) gives what pyshacl gives: the same
results, messages, report graph and report text, on the real build and on every shape fixture (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from ungraph import validate
from ungraph.cli import cli
from ungraph.config import Settings
from ungraph.validate import engine_for, validate_graph

BASE = "http://127.0.0.1:8080/"
FIXTURES = sorted((Path(__file__).parent / "shapes").glob("*/*.ttl"))


def _same(a: validate.ValidationResult, b: validate.ValidationResult) -> None:
    assert a.conforms == b.conforms
    assert a.results == b.results  # in the same order
    assert [(r.messages, r.focus_label) for r in a.results] == [(r.messages, r.focus_label) for r in b.results]
    assert a.report_text == b.report_text
    assert set(a.report_graph) == set(b.report_graph)  # no blank nodes: equal graphs are equal sets


def test_both_engines_agree_on_the_real_build(built: Settings) -> None:
    skip = {built.base + "graph/validation", built.base + "graph/shapes"}
    quads = [q for q in ox.parse(path=built.dump, format=ox.RdfFormat.N_QUADS)
             if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in skip)]
    py, rust = validate_graph(quads, built.base, "pyshacl"), validate_graph(quads, built.base, "rust")
    assert py.results  # the real build has warnings: there is something to agree on
    _same(py, rust)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_both_engines_agree_on_every_shape_fixture(path: Path) -> None:
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=BASE))
    _same(validate_graph(quads, BASE, "pyshacl"), validate_graph(quads, BASE, "rust"))


def test_ungraph_shacl_rust_validates_an_invalid_file_with_the_rust_engine(monkeypatch: pytest.MonkeyPatch,
                                                                          tmp_path: Path) -> None:
    import pyshacl

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("pyshacl ran although UNGRAPH_SHACL=rust")

    monkeypatch.setattr(pyshacl, "validate", refuse)
    fixture = Path(__file__).parent / "shapes" / "StatementShape" / "invalid.ttl"
    data = tmp_path / "invalid.nt"  # the fixture's relative IRIs resolved, as a file the CLI reads
    data.write_bytes(ox.serialize(ox.parse(path=str(fixture), format=ox.RdfFormat.TURTLE, base_iri=BASE),
                                  format=ox.RdfFormat.N_TRIPLES))
    out = CliRunner().invoke(cli, ["validate", "--data", str(data)], env={"UNGRAPH_SHACL": "rust"},
                             catch_exceptions=False)
    assert out.exit_code == 1, out.output
    lines = out.output.splitlines()
    assert lines[0] == "Conforms: no (1 violations, 0 warnings, 0 infos)"
    assert lines[1:] == ["", "ugs:StatementShape — 1 result", "  [Violation] <id/statement/1>",
                         "      path: -   value: ug:servesArea",
                         "      the statement's triple (http://127.0.0.1:8080/id/organization/MONUSCO "
                         "http://127.0.0.1:8080/ontology#servesArea …) is not asserted in the graph", ""]


def test_auto_takes_the_rust_engine_from_the_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    store = ox.Store()
    store.extend([ox.Quad(ox.NamedNode(f"http://x.test/{i}"), ox.NamedNode("http://x.test/p"), ox.Literal(str(i)))
                  for i in range(3)])
    assert engine_for(store, "auto") == "pyshacl"
    monkeypatch.setattr(validate, "RUST_FROM_QUADS", 3)
    assert (engine_for(store, "auto"), engine_for(store, "pyshacl")) == ("rust", "pyshacl")
    with pytest.raises(ValueError, match="unknown SHACL engine"):
        engine_for(store, "jena")
