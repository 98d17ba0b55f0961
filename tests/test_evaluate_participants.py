"""The events' participants against the gold set: how they are compared, and the measured quality of the real build."""

from __future__ import annotations

from pathlib import Path

import pytest

from ungraph.evaluate_participants import PARTICIPANT_KINDS, evaluate_participants, load_gold_participants

from tests.floors import GOLD, TEXT, assert_at_least_the_floor

#: Measured on the 2023 report: 100% / 100% (12 required rows; README, "Quality, measured").
FLOORS = {"events-participants": (0.97, 0.90)}


def test_gold_items_are_by_line_row_and_participant() -> None:
    gold = load_gold_participants(GOLD)
    assert any(g.key == "610 黑海倡议 <- TUR" and g.required for g in gold)
    assert sum(g.required for g in gold) == 12


def test_without_a_gold_file_there_is_nothing_to_score(tmp_path: Path) -> None:
    assert load_gold_participants(tmp_path) == []


@pytest.fixture(scope="module")
def measured(built):
    from ungraph.store import open_store

    return evaluate_participants(open_store(built.store, read_only=True), GOLD, TEXT)


@pytest.mark.parametrize("kind", PARTICIPANT_KINDS)
def test_real_build_quality_is_at_least_the_floor(measured, kind: str) -> None:
    assert_at_least_the_floor(measured, kind, FLOORS)
