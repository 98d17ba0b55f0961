"""Issue 10: three chart panels were read as one figure each.

The uniformed gender parity chart (军警人员性别均等) has three panels: 军事人员 and 警察 with four
bars each (two categories × two legend entries), 司法和惩戒 with two. Each panel's last value was
read as one figure whose label joined its two category names ("建制特遣队和军事观察员"), and the
other values were dropped. Each cell must be its own observation with its series and category.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ungraph.extract.figures import extract
from ungraph.records import Entity, Statement
from ungraph.source.load import load_report
from ungraph.source.segment import segment
from ungraph.extract import build_context

LAUNCH = "2018-2028 年军警人员性别均等战略发布之时"
DEC_2022 = "截至 2022 年 12 月"


@pytest.fixture(scope="module")
def real():
    doc = load_report(Path(__file__).resolve().parents[2] / "data" / "source")
    return doc, segment(doc), None


def _cells(records):
    facts: dict = {}
    for st in records:
        if isinstance(st, Statement) and st.predicate in ("ug:series", "ug:category", "sdmx-measure:obsValue",
                                                          "sdmx-dimension:refPeriod", "ug:panel"):
            facts.setdefault(st.subject, {})[st.predicate] = st.object.value
    return {(f.get("ug:panel"), f.get("ug:category"), f.get("ug:series")): f for f in facts.values()
            if "ug:series" in f}


def test_each_bar_of_the_gender_parity_chart_is_its_own_cell(real):
    doc, segments, _ = real
    cells = _cells(list(extract(doc, segments, build_context(doc, segments, None))))
    expected = {
        ("军事人员", "军事观察员", DEC_2022): "22", ("军事人员", "军事观察员", LAUNCH): "12",
        ("军事人员", "建制特遣队", DEC_2022): "6", ("军事人员", "建制特遣队", LAUNCH): "4",
        ("警察", "单派警察", DEC_2022): "32", ("警察", "单派警察", LAUNCH): "20",
        ("警察", "建制警察部队", DEC_2022): "15", ("警察", "建制警察部队", LAUNCH): "8",
        ("司法和惩戒", "司法和惩戒", DEC_2022): "40", ("司法和惩戒", "司法和惩戒", LAUNCH): "25",
    }
    got = {k: v["sdmx-measure:obsValue"] for k, v in cells.items() if k[0] in ("军事人员", "警察", "司法和惩戒")}
    assert got == expected
    assert cells[("警察", "单派警察", DEC_2022)]["sdmx-dimension:refPeriod"] == "2022-12"


def test_no_figure_joins_two_category_names(real):
    doc, segments, _ = real
    labels = [lit.value for r in extract(doc, segments, build_context(doc, segments, None)) if isinstance(r, Entity) for _, lit in r.labels]
    assert not [label for label in labels if label in ("建制特遣队和军事观察员", "建制警察部队单派警察")]
    assert not [label for label in labels if label.startswith("担任司法和惩戒人员的妇女")]
