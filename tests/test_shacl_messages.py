"""Chinese messages for results of shapes without ``sh:message`` (issue 12, defect 4): every result
of the validation has an English and a Chinese message, whichever constraint raised it."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.namespace import SH

from ungraph.shacl_messages import TEMPLATES, chinese_message
from ungraph.validate import load_shapes, validate_graph

BASE = "http://127.0.0.1:8080/"
FIXTURES = Path(__file__).parent / "shapes"
UG = BASE + "ontology#"


@pytest.mark.parametrize("component,parameters,path,expected", [
    ("MinCount", {"minCount": "1"}, "http://purl.org/dc/terms/title", "dcterms:title 至少应有 1 个值"),
    ("MaxCount", {"maxCount": "1"}, "http://www.w3.org/ns/oa#exact", "oa:exact 至多应有 1 个值"),
    ("Datatype", {"datatype": "xsd:decimal"}, UG + "amount", "ug:amount 的值应为 xsd:decimal 类型"),
    ("Class", {"class": "ug:Resolution"}, UG + "adoptedBy", "ug:adoptedBy 的值应为 ug:Resolution 的实例"),
    ("LessThan", {"lessThan": "ug:charEnd"}, UG + "charStart", "ug:charStart 的值应小于 ug:charEnd 的值"),
    ("Closed", {}, "https://schema.org/name", "封闭形状不允许属性 schema:name"),
    ("Or", {}, None, "该节点 的值应至少符合其中一个形状（sh:or）"),
])
def test_templates(component: str, parameters: dict[str, str], path: str | None, expected: str) -> None:
    assert chinese_message(str(SH) + component + "ConstraintComponent", parameters, path, BASE) == expected


def test_parameters_are_read_from_the_shape_lists_included() -> None:
    from ungraph.shacl_messages import shape_parameters

    shapes = load_shapes(BASE)
    from rdflib.collection import Collection

    holder = next(s for s in shapes.subjects(SH.languageIn, None) if (s, SH.minCount, None) in shapes
                  and len(Collection(shapes, shapes.value(s, SH.languageIn))) == 2)
    params = shape_parameters(shapes, holder, BASE)
    assert params["languageIn"] in ("“zh”、“en”", "“en”、“zh”")
    assert params["minCount"].isdigit()


def test_every_constraint_parameter_the_shapes_use_has_a_template() -> None:
    shapes = load_shapes(BASE)
    used = {str(p)[len(str(SH)):] for p in shapes.predicates() if str(p).startswith(str(SH))}
    components = {"minCount": "MinCount", "maxCount": "MaxCount", "datatype": "Datatype", "class": "Class",
                  "nodeKind": "NodeKind", "pattern": "Pattern", "languageIn": "LanguageIn", "uniqueLang": "UniqueLang",
                  "minInclusive": "MinInclusive", "minLength": "MinLength", "lessThan": "LessThan", "equals": "Equals",
                  "in": "In", "closed": "Closed", "qualifiedMinCount": "QualifiedMinCount",
                  "qualifiedMaxCount": "QualifiedMaxCount", "or": "Or", "not": "Not", "sparql": "SPARQL"}
    assert {components[p] for p in used if p in components} <= set(TEMPLATES)


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*/invalid.ttl")), ids=lambda p: p.parent.name)
def test_every_result_has_an_english_and_a_chinese_message(fixture: Path) -> None:
    result = validate_graph(list(ox.parse(path=str(fixture), format=ox.RdfFormat.TURTLE, base_iri=BASE)), BASE)
    assert result.results
    bad = [(r.source_shape, dict(r.messages)) for r in result.results if set(dict(r.messages)) != {"en", "zh"}]
    assert not bad
    unfilled = [dict(r.messages)["zh"] for r in result.results if "{" in dict(r.messages)["zh"]
                or " ? " in dict(r.messages)["zh"]]
    assert not unfilled
