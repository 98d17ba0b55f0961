"""``benchmarks/endpoint/inprocess.py`` timed a columns path that gave up as if it had answered.

Its ``describe`` path timed ``ungraph.web.describe.answer``, and for ``organization/UN`` at 100x
(past the row limit then) that was the check that returned None in 0.01 ms, while the server answered
it through the engine in 108 ms: the 100x median of the six DESCRIBEs read 4.5 ms. A path's figure is
now what the server spends: the columns' time, and the engine's when the columns give up.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ENDPOINT = Path(__file__).resolve().parents[2] / "benchmarks" / "endpoint"


def test_a_give_up_costs_the_engines_time_too() -> None:
    sys.path.insert(0, str(ENDPOINT))
    import inprocess

    assert inprocess.served_ms(lambda: None, engine_ms=50.0) >= 50.0
    answered = inprocess.served_ms(lambda: time.sleep(0.002) or object(), engine_ms=50.0)
    assert 2.0 <= answered < 50.0
