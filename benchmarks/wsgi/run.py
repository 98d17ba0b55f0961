"""Which WSGI server serves ungraph: granian vs gunicorn vs waitress, measured on our own app.

    .venv/bin/pip install gunicorn waitress      # (the `bench` extra)
    .venv/bin/python benchmarks/wsgi/run.py [--duration 6] [--rounds 2]

Each server runs the same factory (``ungraph.web.wsgi:create_from_env``) over the same built
store (``make build``), one process, on 127.0.0.1; wrk (Debian ``wrk``) sends 8 connections for
``--duration`` seconds to three routes: a static file (the server layer alone), a SPARQL point
lookup whose answer is cached (the server + Flask), and an entity page (the server + Flask +
queries). Rounds alternate the order of the servers. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
APP = "ungraph.web.wsgi:create_from_env"
ROUTES = {
    "static file": "/static/app.css",
    "SPARQL point lookup (cached)": "/sparql?query=" + quote(
        "SELECT ?p ?o WHERE { <http://127.0.0.1:8080/id/organization/UNSC> ?p ?o }"),
    "entity page": "/id/organization/UNSC",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def command(server: str, port: int) -> list[str]:
    if server == "granian":
        return [str(BIN / "ungraph"), "serve", "--port", str(port)]
    if server == "gunicorn":  # sync workers: the store is in memory, requests are short
        return [str(BIN / "gunicorn"), "--workers", "1", "--threads", "8", "--bind", f"127.0.0.1:{port}",
                "--log-level", "warning", f"{APP}()"]
    return [str(BIN / "waitress-serve"), "--threads", "8", "--listen", f"127.0.0.1:{port}", "--call", APP]


def wrk(url: str, duration: int) -> tuple[float, float, float]:
    out = subprocess.run(["wrk", "-t2", "-c8", f"-d{duration}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]

    def pct(p: str) -> float:
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        value, unit = float(m.group(1)), m.group(2)  # type: ignore[union-attr]
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    return rps, pct("50"), pct("99")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--duration", type=int, default=6)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    servers = ["granian", "gunicorn", "waitress"]
    results: dict[tuple[str, str], list[tuple[float, float, float]]] = {}
    env = {**os.environ, "UNGRAPH_STORE": str(ROOT / "build/store"), "UNGRAPH_DUMP": str(ROOT / "build/ungraph.nq"),
           "UNGRAPH_RATE_LIMIT": "", "UNGRAPH_QUERY_BUDGET": "0"}  # one client address: no fair-use limits
    for rnd in range(args.rounds):
        for server in servers if rnd % 2 == 0 else servers[::-1]:
            port = free_port()
            proc = subprocess.Popen(command(server, port), cwd=ROOT, env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                for _ in range(300):
                    try:
                        if httpx.get(f"http://127.0.0.1:{port}/static/app.css", timeout=1).status_code == 200:
                            break
                    except httpx.TransportError:
                        time.sleep(0.05)
                for name, path in ROUTES.items():
                    res = wrk(f"http://127.0.0.1:{port}{path}", args.duration)
                    results.setdefault((server, name), []).append(res)
                    print(f"round {rnd + 1} {server:9} {name:30} {res[0]:8.0f} req/s p50 {res[1]:6.2f} ms "
                          f"p99 {res[2]:6.2f} ms", flush=True)
            finally:
                proc.terminate()
                proc.wait(timeout=10)
    print("\n| route | " + " | ".join(f"{s} req/s (p50 / p99 ms)" for s in servers) + " |")
    print("|---|" + "---|" * len(servers))
    for name in ROUTES:
        cells = []
        for s in servers:
            runs = results[(s, name)]
            rps = sum(r[0] for r in runs) / len(runs)
            cells.append(f"{rps:,.0f} ({sum(r[1] for r in runs) / len(runs):.1f} / {max(r[2] for r in runs):.1f})")
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
