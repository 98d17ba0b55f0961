"""Does a 1 MiB pathological query delay a concurrent ASK? (issue 13, item 2)

    .venv/bin/python benchmarks/load/pathological.py [--asks 300] [--hostile 2]

Starts ``python -m ungraph serve`` on the built store (as ``run.py`` does), then measures the latency
of ``ASK {}`` (a distinct comment each, so no answer cache) sent one after another: first alone, then
while ``--hostile`` clients keep posting a query of just under 1 MiB (the ``max_body`` limit) that
mentions "service" (so the safety check must parse it) with a huge ``IN`` list — the query that once
took 7.8 s of the request thread. Every step of such a query (check, parse, execute, serialize) runs
in a forked worker under the time limit, so the ASKs should only pay for the CPU the workers take.
Prints p50 / p99 / max of both series and the difference of the medians; writes
``pathological.json``. A benchmark, not a test: the figures depend on the machine's load (printed).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import BASE, ROOT, _load, _wait, free_port  # noqa: E402  (the sibling script's helpers)

_LIMIT = 1048576


def hostile_query() -> bytes:
    """A query of just under 1 MiB that the safety check has to parse in full."""
    head, tail = 'SELECT * WHERE { ?s ?p ?o FILTER(?o IN (', ')) }'
    items, size, i = [], len(head) + len(tail), 0
    while True:
        item = f'"service {i}"'
        if size + len(item) + 2 > _LIMIT - 64:
            break
        items.append(item)
        size += len(item) + 2
        i += 1
    return (head + ", ".join(items) + tail).encode()


def _asks(port: int, n: int, tag: str) -> list[float]:
    times = []
    for i in range(n):
        url = f"http://127.0.0.1:{port}/sparql?query=" + quote(f"ASK {{}} # {tag} {i}")
        t0 = time.perf_counter()
        with urllib.request.urlopen(url, timeout=60) as resp:
            resp.read()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def _summary(ms: list[float]) -> dict[str, float]:
    ms = sorted(ms)
    return {"n": len(ms), "p50_ms": round(statistics.median(ms), 2),
            "p99_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.99))], 2), "max_ms": round(ms[-1], 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--asks", type=int, default=300)
    ap.add_argument("--hostile", type=int, default=2, help="clients posting the 1 MiB query meanwhile")
    ap.add_argument("--store", default=str(ROOT / "build/store"))
    ap.add_argument("--dump", default=str(ROOT / "build/ungraph.nq"))
    ap.add_argument("--out", default=str(HERE / "pathological.json"))
    args = ap.parse_args()
    body = hostile_query()
    port = free_port()
    env = {**os.environ, "UNGRAPH_BASE": BASE, "UNGRAPH_DUMP": args.dump, "UNGRAPH_RATE_LIMIT": "",
           "UNGRAPH_QUERY_BUDGET": "0"}
    work = Path(tempfile.mkdtemp(prefix="ungraph-pathological-"))
    log = (work / "server.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "ungraph", "serve", "--store", args.store, "--port", str(port)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    stop = threading.Event()
    statuses: list[int] = []

    def hostile() -> None:
        while not stop.is_set():
            req = urllib.request.Request(f"http://127.0.0.1:{port}/sparql", data=body, method="POST",
                                         headers={"Content-Type": "application/sparql-query"})
            try:
                with urllib.request.urlopen(req, timeout=120) as resp:
                    statuses.append(resp.status)
            except urllib.error.HTTPError as err:
                statuses.append(err.code)

    try:
        _wait(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D", proc)
        result: dict[str, object] = {"query_bytes": len(body), "hostile_clients": args.hostile,
                                     "cpus": os.cpu_count(), "load_before": _load()}
        _asks(port, 20, "warm")
        alone = _asks(port, args.asks, "alone")
        threads = [threading.Thread(target=hostile, daemon=True) for _ in range(args.hostile)]
        for t in threads:
            t.start()
        time.sleep(1.0)  # the hostile queries are in the workers
        during = _asks(port, args.asks, "during")
        stop.set()
        result.update({"alone": _summary(alone), "during": _summary(during), "load_after": _load(),
                       "hostile_statuses": {str(s): statuses.count(s) for s in sorted(set(statuses))}})
        a, d = result["alone"], result["during"]
        print(f"ASK alone:  p50 {a['p50_ms']} ms, p99 {a['p99_ms']} ms, max {a['max_ms']} ms")  # type: ignore[index]
        print(f"ASK during: p50 {d['p50_ms']} ms, p99 {d['p99_ms']} ms, max {d['max_ms']} ms "  # type: ignore[index]
              f"({args.hostile} clients posting a {len(body):,}-byte query; their answers: "
              f"{result['hostile_statuses']}); load average {result['load_before']} -> {result['load_after']}")
        Path(args.out).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    finally:
        stop.set()
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


if __name__ == "__main__":
    main()
