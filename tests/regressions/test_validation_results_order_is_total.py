"""Issue 14: results that differ only in their constraint component (one value failing datatype,
minInclusive and lessThan of one property shape, with one message) were ordered by set iteration,
so ``ungraph validate --format json`` listed them in a hash-seed order and the two SHACL engines'
``results`` could differ in order. The order is now total: component and source shape break ties."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ungraph.validate import _result, validate_graph

BASE = "http://127.0.0.1:8080/"
FIXTURE = Path(__file__).resolve().parents[1] / "shapes" / "DocumentPartShape" / "invalid.ttl"
SH = "http://www.w3.org/ns/shacl#"


def test_results_alike_but_for_their_component_come_in_one_order() -> None:
    quads = list(ox.parse(path=str(FIXTURE), format=ox.RdfFormat.TURTLE, base_iri=BASE))  # charStart "zero"
    results = validate_graph(quads, BASE, "pyshacl").results
    tied = [r for r in results if r.path == BASE + "ontology#charStart"]
    assert len({r.component for r in tied}) >= 2
    forward, backward = _result(list(tied), BASE).results, _result(list(reversed(tied)), BASE).results
    assert forward == backward
    assert [r.component for r in forward] == sorted(r.component for r in forward)
    assert SH + "DatatypeConstraintComponent" in {r.component for r in forward}
