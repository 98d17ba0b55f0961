"""The real report, segmented, and the gazetteer: loaded once for every extractor test."""

from __future__ import annotations

from pathlib import Path

import pytest

from ungraph.reference.gazetteer import Gazetteer
from ungraph.source.load import load_report
from ungraph.source.segment import segment

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def real():
    """``(doc, segments, gazetteer)`` of the real report and the curated tables."""
    doc = load_report(ROOT / "data" / "source")
    return doc, segment(doc), Gazetteer.from_dir(ROOT / "data" / "reference")
