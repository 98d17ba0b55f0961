"""Sustainable Development Goals on the real report: every goal named by number, and nothing else.

By grep on the raw text: "可持续发展目标 14" (line 782), "可持续发展目标 11" (870), "可持续发展目标 5"
(939) and "可持续发展目标 16 和 17" (1638): five goals, five mentions. "实现可持续发展目标" at the end
of line 1062 is followed on the next line by "92%": a share, never a goal.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from ungraph.extract.goals import extract, find_goals
from ungraph.records import Entity, Mention, Ref, Statement
from ungraph.source.segment import segment
from ungraph.extract import build_context


@pytest.fixture(scope="module")
def records(real):
    doc, segments, gazetteer = real
    return list(extract(doc, segments, build_context(doc, segments, gazetteer)))


def _mentions(records):
    return Counter(int(r.ref.key) for r in records if isinstance(r, Mention))


def test_every_goal_mention_of_the_report(records) -> None:
    assert _mentions(records) == {5: 1, 11: 1, 14: 1, 16: 1, 17: 1}


def test_sixteen_and_seventeen_are_two_goals_in_one_sentence(real, records) -> None:
    doc = real[0]
    spans = {int(r.ref.key): doc.text[r.provenance.start:r.provenance.end] for r in records if isinstance(r, Mention)}
    assert spans[16] == "可持续发展目标 16" and spans[17] == "17"
    m16, m17 = (next(r for r in records if isinstance(r, Mention) and r.ref.key == k) for k in ("16", "17"))
    assert m16.provenance.segment_id == m17.provenance.segment_id


def test_a_share_after_the_words_is_never_a_goal(real) -> None:
    doc = real[0]
    at = doc.text.index("实现可持续发展目标\n")
    assert "92%" in doc.text[at:at + 20]
    assert find_goals(doc.text[at:at + 40]) == []
    assert find_goals("实现可持续发展目标92%的") == [] and find_goals("可持续发展目标 18") == []


def test_goals_are_entities_matching_the_un_iri(records) -> None:
    goals = {r.ref for r in records if isinstance(r, Entity)}
    assert goals == {Ref("goal", str(n)) for n in (5, 11, 14, 16, 17)}
    facts = {(r.subject.key, r.predicate, r.object) for r in records if isinstance(r, Statement)}
    for n in (5, 11, 14, 16, 17):
        assert (str(n), "skos:exactMatch", f"http://metadata.un.org/sdg/{n}") in facts
    subjects = [r for r in records if isinstance(r, Statement) and r.predicate == "dcterms:subject"]
    assert sorted(int(r.object.key) for r in subjects) == [5, 11, 14, 16, 17]


def test_reflowed_text_gives_the_same_goals(real, records) -> None:
    doc, _, gazetteer = real
    reflowed = dataclasses.replace(doc, text=doc.text.replace("\n", "\n\n"))
    assert _mentions(list(extract(reflowed, segment(reflowed), build_context(reflowed, segment(reflowed), gazetteer)))) == _mentions(records)
