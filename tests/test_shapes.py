"""The shapes graph: valid SHACL, in step with the ontology, and each shape proven by fixtures.

Every node shape has ``tests/shapes/<Shape>/valid.ttl`` (conforms, and nothing from the shape)
and ``invalid.ttl`` (fails on that very shape: a result whose ``sh:sourceShape`` is the shape or
one of its property shapes), so a shape that checks nothing cannot pass.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SH

from ungraph.graph.ontology import load_ontology, ontology_terms
from ungraph.validate import load_shapes, shapes_turtle, validate_graph

BASE = "http://127.0.0.1:8080/"
FIXTURES = Path(__file__).parent / "shapes"
SHAPES = load_shapes(BASE)
NODE_SHAPES = sorted(str(s).rsplit("#", 1)[1] for s in SHAPES.subjects(RDF.type, SH.NodeShape))
UG = BASE + "ontology#"


def _validate_fixture(path: Path):
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=BASE))
    return validate_graph(quads, BASE)


def test_shapes_graph_is_valid_shacl() -> None:
    """SHACL-SHACL: the shapes graph conforms to the shapes of SHACL itself (pyshacl meta_shacl)."""
    import pyshacl

    conforms, _, text = pyshacl.validate(rdflib.Graph(), shacl_graph=load_shapes(BASE), meta_shacl=True, inference="none",
                                         advanced=True)
    assert conforms, text


def test_every_ontology_class_has_a_node_shape_named_for_it() -> None:
    onto = load_ontology(BASE)
    classes = sorted(str(c)[len(UG):] for c in onto.subjects(RDF.type, OWL.Class) if str(c).startswith(UG))
    targeted = {str(c)[len(UG):] for c in SHAPES.objects(None, SH.targetClass) if str(c).startswith(UG)}
    missing = [c for c in classes if c not in targeted or c + "Shape" not in NODE_SHAPES]
    assert not missing, f"classes without a ugs:<Class>Shape targeting them: {missing}"


def test_targets_and_paths_in_the_ontology_namespace_are_ontology_terms() -> None:
    terms = ontology_terms(BASE)
    used = {str(o) for p in (SH.targetClass, SH.path, SH["class"], SH.datatype, SH.lessThan, SH.equals)
            for o in SHAPES.objects(None, p) if str(o).startswith(UG)}
    assert used and not sorted(used - terms)


def test_property_shapes_are_named_so_reports_have_no_blank_nodes() -> None:
    unnamed = [s for s in SHAPES.subjects(SH.path, None) if isinstance(s, rdflib.BNode)
               and any(True for _ in SHAPES.subjects(SH.property, s))]
    assert not unnamed


def test_shapes_turtle_has_every_named_triple_of_the_loaded_graph() -> None:
    parsed = rdflib.Graph().parse(data=shapes_turtle(BASE), format="turtle")

    def named(g: rdflib.Graph) -> set[tuple[rdflib.term.Node, ...]]:
        return {t for t in g if not any(isinstance(x, rdflib.BNode) for x in t)}

    assert named(parsed) == named(SHAPES)


def test_every_node_shape_has_fixtures() -> None:
    missing = [s for s in NODE_SHAPES if not (FIXTURES / s / "valid.ttl").is_file()
               or not (FIXTURES / s / "invalid.ttl").is_file()]
    assert not missing
    stray = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name not in NODE_SHAPES and p.name != "__pycache__")
    assert not stray, f"fixture folders for shapes that do not exist: {stray}"


@pytest.mark.parametrize("shape", NODE_SHAPES)
def test_valid_fixture_conforms(shape: str) -> None:
    result = _validate_fixture(FIXTURES / shape / "valid.ttl")
    assert result.conforms and not result.results, result.report_text


@pytest.mark.parametrize("shape", NODE_SHAPES)
def test_invalid_fixture_fails_on_that_shape(shape: str) -> None:
    result = _validate_fixture(FIXTURES / shape / "invalid.ttl")
    mine = [r for r in result.results if r.shape == BASE + "shapes#" + shape]
    assert mine, f"no result from ugs:{shape}:\n{result.report_text}"
    severities = {r.severity for r in mine}
    if "Violation" in severities:
        assert not result.conforms


# --- both languages (issue 12, defect 4) ------------------------------------------------------------

_VARIABLE = re.compile(r"\{[?$]\w+\}")


def _per_language(subject: rdflib.term.Node, prop: rdflib.URIRef) -> Counter[str | None]:
    return Counter(o.language for o in SHAPES.objects(subject, prop) if isinstance(o, rdflib.Literal))


def test_every_message_is_in_english_and_chinese_once() -> None:
    holders = sorted(set(SHAPES.subjects(SH.message, None)), key=str)
    bad = {str(h): dict(_per_language(h, SH.message)) for h in holders
           if _per_language(h, SH.message) != Counter({"en": 1, "zh": 1})}
    assert holders and not bad, f"sh:message needs one @en and one @zh: {bad}"


def test_chinese_message_fills_the_same_variables_as_the_english() -> None:
    bad = []
    for holder in set(SHAPES.subjects(SH.message, None)):
        by_lang = {o.language: str(o) for o in SHAPES.objects(holder, SH.message)}
        if sorted(_VARIABLE.findall(by_lang.get("en", ""))) != sorted(_VARIABLE.findall(by_lang.get("zh", ""))):
            bad.append(str(holder))
        if not re.search(r"[\u4e00-\u9fff]", by_lang.get("zh", "")):
            bad.append(str(holder))
    assert not bad


@pytest.mark.parametrize("prop", [RDFS.label, RDFS.comment], ids=["label", "comment"])
def test_every_shape_is_named_and_described_in_english_and_chinese_once(prop: rdflib.URIRef) -> None:
    named = sorted({*SHAPES.subjects(RDF.type, SH.NodeShape), *SHAPES.subjects(RDF.type, OWL.Ontology)}, key=str)
    if prop == RDFS.comment:
        named = [s for s in named if (s, prop, None) in SHAPES]
    bad = {str(s): dict(_per_language(s, prop)) for s in named if _per_language(s, prop) != Counter({"en": 1, "zh": 1})}
    assert named and not bad, f"{prop.n3()} needs one @en and one @zh: {bad}"
