"""The shared shape of the gold-set floor tests (``tests/test_evaluate*.py``): the paths, and one
assertion that names what fell short."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ungraph.evaluate import Scores

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests/gold"
TEXT = (ROOT / "data/source/A-78-1.zh.txt").read_text(encoding="utf-8")


def assert_at_least_the_floor(scores: Mapping[str, Scores], kind: str, floors: Mapping[str, tuple[float, float]]) -> None:
    """``scores[kind]`` has at least the floor's precision and recall; the message lists the misses."""
    s = scores[kind]
    precision, recall = floors[kind]
    assert s.precision >= precision, f"{kind}: precision {s.precision:.3f} < {precision}; false positives: {s.false_positives}"
    assert s.recall >= recall, f"{kind}: recall {s.recall:.3f} < {recall}; false negatives: {s.false_negatives}"
