"""The events and figures evaluator (ungraph.evaluate_content) and the measured quality of the real build."""

from __future__ import annotations


import pytest

from ungraph.evaluate import main
from ungraph.evaluate_content import CONTENT_KINDS, UNIT_MAP, _measure_ok, _same_date, _unit_ok, _Event, evaluate_content

from tests.floors import GOLD, ROOT, TEXT, assert_at_least_the_floor


#: Floors a few points under the values measured on the 2023 report build (README, "Quality, measured").
#: kind -> (precision, recall); of the attribute kinds, place and period also have a precision (of the graph's
#: places and periods on matched figures, those the gold set states too).
FLOORS = {
    "events": (0.95, 0.95), "events-dates": (1.0, 0.93), "events-places": (1.0, 0.94), "events-cities": (1.0, 0.96),
    "figures": (0.98, 0.97), "figures-measure": (1.0, 0.90), "figures-unit": (1.0, 0.91), "figures-place": (0.97, 0.43),
    "figures-period": (0.97, 0.50),
}


def test_dates_compare_start_and_end_of_a_range() -> None:
    ev = _Event(set(), set(), "2022-09-08", "2022-09-09")
    assert _same_date("2022-09-08/2022-09-09", ev) and not _same_date("2022-09", ev)
    assert _same_date("2021|2022-09-08", _Event(set(), set(), "2022-09-08"))


def test_measure_and_unit_rules() -> None:
    assert _measure_ok("获得保护服务的难民、寻求庇护者", "难民") and not _measure_ok("难民", "")
    assert _unit_ok("person", "Person") and _unit_ok("item", "Count") and not _unit_ok("year", "Count")
    assert set(UNIT_MAP.values()) <= {"Person", "Country", "USD", "Percent", "Tonne", "Kilometre", "SquareKilometre",
                                       "Hectare", "Barrel"}


def test_no_gold_files_no_scores(tmp_path) -> None:
    assert evaluate_content(None, tmp_path, TEXT) == {}


@pytest.fixture(scope="module")
def measured(built):
    from ungraph.store import open_store

    return evaluate_content(open_store(built.store, read_only=True), GOLD, TEXT)


@pytest.mark.parametrize("kind", CONTENT_KINDS)
def test_real_build_events_and_figures_are_at_least_the_floor(measured, kind: str) -> None:
    assert_at_least_the_floor(measured, kind, FLOORS)


def test_cli_prints_events_and_figures(built, capsys) -> None:
    assert main(["--store", built.store, "--gold", str(GOLD), "--source", str(ROOT / "data/source")]) == 0
    out = capsys.readouterr().out
    assert "| events |" in out and "| figures-period |" in out
