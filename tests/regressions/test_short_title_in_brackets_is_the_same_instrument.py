"""Issue 11 (linked and bilingual): a short title in brackets after a full title is the same instrument.

Chapter 7 writes "《联合国囚犯待遇最低限度标准规则》(《纳尔逊·曼德拉规则》)和《联合国女性囚犯待遇和女性罪犯
非监禁措施规则》(《曼谷规则》)": the Nelson Mandela Rules and the Bangkok Rules are the short titles of the
two sets of rules, not two more instruments. Each came out as a second entity (``instrument/na-er-xun-man-
de-la-gui-ze``, ``instrument/man-gu-gui-ze``), with its own links and English name; the short title is an
alternative label of the full one, and a mention of it resolves to the full one.
"""

from __future__ import annotations

from ungraph.extract import build_context, instruments
from ungraph.kinds import name_key
from ungraph.records import Entity, Mention, Statement

FULL_SHORT = (("联合国囚犯待遇最低限度标准规则", "纳尔逊·曼德拉规则"),
              ("联合国女性囚犯待遇和女性罪犯非监禁措施规则", "曼谷规则"))


def test_the_short_title_is_an_alternative_label_of_the_full_one(real) -> None:
    doc, segments, gazetteer = real
    records = list(instruments.extract(doc, segments, build_context(doc, segments, gazetteer)))
    keys = {r.ref.key for r in records if isinstance(r, Entity)}
    alts = {(r.subject.key, r.object.value) for r in records
            if isinstance(r, Statement) and r.predicate == "skos:altLabel"}
    mentioned = {(r.ref.key, r.text) for r in records if isinstance(r, Mention)}
    for full, short in FULL_SHORT:
        assert name_key(short) not in keys, f"{short} is a second instrument"
        assert (name_key(full), short) in alts
        assert (name_key(full), short) in mentioned


def test_a_bracketed_short_title_after_another_instrument_needs_the_brackets_right_after() -> None:
    """Two titles in a row ("《A》和《B》") are two instruments; only "《A》(《B》)" makes B a short title of A."""
    assert instruments.short_titles("《禁止核武器条约》和《不扩散核武器条约》") == {}
    assert instruments.short_titles("根据《联合国囚犯待遇最低限度标准规则》（《纳尔逊·曼德拉规则》）") == {
        "纳尔逊·曼德拉规则": "联合国囚犯待遇最低限度标准规则"}
