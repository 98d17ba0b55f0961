"""Issue 9, item 5: ``foaf:name`` has no PDF spaces around "·".

The report writes "盖伊 · 赖德", "马克 · 加滕", "让 - 皮埃尔 · 拉克鲁瓦": the spaces are layout noise
of the PDF, so the name is 盖伊·赖德; the text as written stays in the mention's annotation.
"""

from __future__ import annotations

from ungraph.extract import persons
from ungraph.records import Entity, Mention
from ungraph.extract import build_context


def test_foaf_names_have_no_spaces_around_dots(real) -> None:
    doc, segments, gazetteer = real
    records = list(persons.extract(doc, segments, build_context(doc, segments, gazetteer)))
    names = {r.ref.key: lit.value for r in records if isinstance(r, Entity) for p, lit in r.labels if p == "foaf:name"}
    assert names["gai-yi-lai-de"] == "盖伊·赖德"
    assert names["rang-pi-ai-er-la-ke-lu-wa"] == "让-皮埃尔·拉克鲁瓦"
    assert [n for n in names.values() if " ·" in n or "· " in n or " -" in n or "- " in n] == []
    assert "Nhet Sokheng" in names.values()  # a space between Latin words is no noise
    written = {r.text for r in records if isinstance(r, Mention)}
    assert "盖伊 · 赖德" in written
