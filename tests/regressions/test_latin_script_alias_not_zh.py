"""Issue 9 (item 5): a Latin-script alias was tagged ``zh``.

The report writes some names in Latin script (复杂风险分析基金 is also "CRAF'd"); the graph gave
them ``@zh``, telling every reader and tool that "CRAF'd" is Chinese. A name without a Han
character is tagged ``en`` (``ungraph.records.name_literal``); this holds for every label of
every entity of the build.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ungraph.extract import run_extractors
from ungraph.records import Entity, Literal, Statement
from ungraph.reference.gazetteer import Gazetteer
from ungraph.source.load import load_report
from ungraph.source.segment import segment

ROOT = Path(__file__).resolve().parents[2]
LABELS = {"skos:prefLabel", "skos:altLabel", "ug:abbreviation", "foaf:name", "rdfs:label"}
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@pytest.fixture(scope="module")
def labels():
    doc = load_report(ROOT / "data" / "source")
    records = run_extractors(doc, segment(doc), Gazetteer.from_dir(ROOT / "data" / "reference"))
    out = []
    for r in records:
        if isinstance(r, Entity):
            out.extend((r.ref, lit) for prop, lit in r.labels if prop in LABELS)
        elif isinstance(r, Statement) and r.predicate in LABELS and isinstance(r.object, Literal):
            out.append((r.subject, r.object))
    return out


def test_the_crafd_alias_is_not_chinese(labels) -> None:
    crafd = [lit for _, lit in labels if lit.value == "CRAF'd"]
    assert crafd and all(lit.lang == "en" for lit in crafd)


def test_no_zh_label_without_a_han_character(labels) -> None:
    bad = sorted({(ref.kind, ref.key, lit.value) for ref, lit in labels if lit.lang == "zh" and not HAN.search(lit.value)})
    assert bad == []
