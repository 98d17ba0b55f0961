"""The floor and a point lookup in process: the WSGI app called directly, without HTTP or a server.

Times ``/health`` (the benchmark's floor) and the benchmark's point lookups (``run.py``'s
``queries()``, every text distinct) through ``ungraph.web.wsgi.create_from_env`` on one thread, and
with ``--profile`` prints where a lookup's time goes (cProfile, by cumulative time). What the
figures say is in ``README.md`` ("The floor and a point lookup").

    .venv/bin/python benchmarks/endpoint/floor.py --n 3000 --rounds 2 [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent


def environ(path: str, query: str) -> dict:
    return {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8080", "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr, "HTTP_HOST": "127.0.0.1:8080",
            "HTTP_ACCEPT": "application/sparql-results+json, text/turtle;q=0.9", "REMOTE_ADDR": "127.0.0.1",
            "wsgi.multithread": True, "wsgi.multiprocess": True, "wsgi.run_once": False, "wsgi.version": (1, 0)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", default="build/store")
    ap.add_argument("--n", type=int, default=3000, help="requests per route and round")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--profile", action="store_true", help="profile one more round of lookups")
    args = ap.parse_args()
    os.environ.update(UNGRAPH_BASE="http://127.0.0.1:8080/", UNGRAPH_RATE_LIMIT="", UNGRAPH_QUERY_BUDGET="0",
                      UNGRAPH_STORE=args.store)
    sys.path.insert(0, str(HERE))
    import pyoxigraph as ox
    from run import queries

    from ungraph.web.wsgi import create_from_env

    lookups = queries(ox.Store.read_only(args.store))["point lookup"]
    sys.stderr = open(os.devnull, "w")  # the access log
    app = create_from_env()

    def start_response(status, headers, exc_info=None):
        return None

    def run(route: str, n: int, seed: int) -> float:
        start = time.perf_counter()
        for i in range(n):
            if route == "floor":
                env = environ("/health", "")
            else:  # every text distinct: no answer comes from the cache
                env = environ("/sparql", "query=" + quote(f"{lookups[i % len(lookups)]}\n#{seed}-{i}", safe=""))
            b"".join(app(env, start_response))
        return (time.perf_counter() - start) / n * 1000

    for r in range(args.rounds):
        for route in ("floor", "lookup"):
            print(f"round {r + 1} {route:6} {run(route, args.n, r):.3f} ms/request", file=sys.__stdout__)
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        run("lookup", args.n, 999)
        prof.disable()
        pstats.Stats(prof, stream=sys.__stdout__).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(int(os.environ.get("TOP", "30")))


if __name__ == "__main__":
    main()
