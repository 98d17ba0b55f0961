"""The endpoint benchmark's "uncached" requests were the same texts in every wrk run against one server.

``mix.lua`` made a request distinct with a trailing comment of its thread offset and a counter, and
both start again with every wrk run. A server answers the same text from its answer cache, so every
run after the first on one server (the next round, a kind whose queries are also in the mix, the runs
of ``warmup.sh``) was partly cached: DESCRIBE of a report's own entity "warmed up" from 2,200 to 3,800
req/s over four runs of one server, and none of it was warming up. Each run now has its own ``RUN``
nonce in the comment.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENDPOINT = ROOT / "benchmarks" / "endpoint"


def test_every_wrk_run_has_its_own_nonce(monkeypatch, tmp_path: Path) -> None:
    sys.path.insert(0, str(ENDPOINT))
    import run

    seen = []

    def fake(cmd, env, **kw):
        seen.append(env["RUN"])
        return subprocess.CompletedProcess(cmd, 0, 'RESULT {"requests": 1, "seconds": 1.0}\n', "")

    monkeypatch.setattr(run.subprocess, "run", fake)
    for _ in range(3):
        run.wrk(1, tmp_path / "mix", 1, 8, True)
    assert len(set(seen)) == 3


def test_the_script_puts_the_nonce_in_the_distinct_comment() -> None:
    lua = (ENDPOINT / "mix.lua").read_text(encoding="utf-8")
    assert 'os.getenv("RUN")' in lua
    line = next(ln for ln in lua.splitlines() if "if unique then p = p .." in ln)
    assert "run" in line
    assert "RUN=" in (ENDPOINT / "warmup.sh").read_text(encoding="utf-8")
