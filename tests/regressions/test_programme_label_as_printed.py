"""Issue 11 (checked, not changed): chapter 3's fourth core programme is printed 域合作促进非洲经济和社会发展,
without the first character of 区域 (区域合作, regional cooperation). The report's text as stored
(``data/source/A-78-1.zh.txt``, sha256 in ``source.json``) lacks it: the label stays as printed, the
graph never adds a character the text does not have, and ``data/README.md`` says why it has no English
row (no checked English name; the character the text lacks)."""

from __future__ import annotations

from pathlib import Path

from ungraph.extract import build_context, programmes
from ungraph.records import Entity

ROOT = Path(__file__).resolve().parents[2]
PRINTED = "域合作促进非洲经济和社会发展"


def test_the_programme_keeps_the_name_as_printed(real) -> None:
    doc, segments, gazetteer = real
    assert f"\n{PRINTED}\n" in doc.text and f"区{PRINTED}" not in doc.text
    records = list(programmes.extract(doc, segments, build_context(doc, segments, gazetteer)))
    labels = {lit.value for r in records if isinstance(r, Entity) for p, lit in r.labels if p == "skos:prefLabel"}
    assert PRINTED in labels and f"区{PRINTED}" not in labels


def test_the_data_readme_says_the_text_lacks_the_character() -> None:
    text = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert f"{PRINTED} is printed without its first character (区)" in text
