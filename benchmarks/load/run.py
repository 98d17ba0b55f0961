"""Load benchmark: 32 concurrent clients for 60 s over a realistic mix, against ``ungraph serve``.

    .venv/bin/python benchmarks/load/run.py [--duration 60] [--connections 32] [--per-kind 0]

The server is ``python -m ungraph serve`` on 127.0.0.1 (granian, one process, the store in memory,
queries in forked workers) on the built store (``make build``: ``build/store``, ``build/ungraph.nq``).
The load generator is wrk (Debian ``wrk``, C with an event loop: at 32 connections it takes a
fraction of a core, where a Python client would take as much CPU as the server it measures) with
``mix.lua``. The mix, drawn from the data with a fixed seed (the same data gives the same requests),
in these shares of requests:

==================  =====  =====================================================================
entity page HTML     30 %  ``/id/...`` of the named entities (people, bodies, countries, figures...)
entity RDF           15 %  the same IRIs as Turtle or JSON-LD
SPARQL lookup        20 %  ``SELECT ?p ?o WHERE { <iri> ?p ?o } LIMIT 100`` over distinct IRIs
                           (entities, report blocks, statements)
SPARQL DESCRIBE      10 %  ``DESCRIBE <iri>`` over distinct IRIs
search               10 %  ``/api/search?q=`` and ``/search?q=`` with names from the graph
class pages           8 %  ``/class/<curie>`` of every class with members, some with ``page=2``
reader pages          7 %  ``/read/A-78-1/chapter/<n>`` and the contents
==================  =====  =====================================================================

SPARQL requests carry a distinct trailing comment each (no answer cache helps them); pages are
whatever the server caches after their first request, as in production. Per-client fair-use limits
are off (``UNGRAPH_RATE_LIMIT=""``, ``UNGRAPH_QUERY_BUDGET=0``): every client here is 127.0.0.1, so
the limits would measure themselves. Writes ``results.json`` and prints the figures and the
machine's load average before and after (the machine is shared).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BASE = "http://127.0.0.1:8080/"  # the base of a default build
SKOS = "http://www.w3.org/2004/02/skos/core#"
SHARES = {"entity-html": 30, "entity-rdf": 15, "sparql-lookup": 20, "sparql-describe": 10, "search": 10,
          "class": 8, "reader": 7}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _values(store: ox.Store, query: str) -> list[str]:
    return [r[0].value for r in store.query(query, use_default_graph_as_union=True)]  # type: ignore[index]


def mix(store: ox.Store, base: str, size: int, seed: int = 13) -> list[tuple[str, str, str, bool]]:
    """(kind, Accept, path, unique) lines in the shares of :data:`SHARES`, shuffled with ``seed``."""
    rnd = random.Random(seed)
    subjects = _values(store, f"SELECT DISTINCT ?s WHERE {{ ?s a ?c FILTER(STRSTARTS(STR(?s), '{base}id/') "
                              f"&& !STRSTARTS(STR(?s), '{base}id/report/') && !CONTAINS(STR(?s), '#')) }} ORDER BY ?s")
    # pages people visit: the named entities (not the provenance nodes: annotations, statements)
    entities = [s for s in subjects if s[len(base + "id/"):].split("/")[0] not in ("annotation", "statement")]
    statements = [s for s in subjects if s[len(base + "id/"):].startswith("statement/")]
    blocks = _values(store, f"SELECT DISTINCT ?s WHERE {{ ?s a ?c FILTER(STRSTARTS(STR(?s), '{base}id/report/')) }} ORDER BY ?s")
    labels = _values(store, f"SELECT DISTINCT ?l WHERE {{ ?s <{SKOS}prefLabel> ?l FILTER(LANG(?l) = 'zh' && "
                            f"STRLEN(?l) >= 2 && STRLEN(?l) <= 12) }} ORDER BY ?l")
    english = _values(store, f"SELECT DISTINCT ?l WHERE {{ ?s <{SKOS}prefLabel> ?l FILTER(LANG(?l) = 'en' && "
                             f"STRLEN(?l) <= 30) }} ORDER BY ?l")
    classes = _values(store, f"SELECT DISTINCT ?c WHERE {{ ?s a ?c FILTER(STRSTARTS(STR(?s), '{base}id/') "
                             f"&& STRSTARTS(STR(?c), '{base}ontology#')) }} ORDER BY ?c")
    chapters = [b for b in blocks if b.rsplit("/", 2)[-2] == "chapter"]
    rnd.shuffle(entities)
    rnd.shuffle(blocks)
    rnd.shuffle(statements)
    iris = entities + blocks + statements  # distinct subjects for SPARQL
    lines: list[tuple[str, str, str, bool]] = []
    counters = dict.fromkeys(SHARES, 0)

    def take(kind: str) -> tuple[str, str, str, bool]:
        k = counters[kind]
        counters[kind] += 1
        if kind == "entity-html":
            return kind, "text/html", "/" + entities[k % len(entities)][len(base):], False
        if kind == "entity-rdf":
            accept = "text/turtle" if k % 2 == 0 else "application/ld+json"
            return kind, accept, "/" + entities[(k * 7) % len(entities)][len(base):], False
        if kind in ("sparql-lookup", "sparql-describe"):
            iri = iris[(k * 2 + (kind == "sparql-describe")) % len(iris)]
            q = (f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }} LIMIT 100" if kind == "sparql-lookup" else f"DESCRIBE <{iri}>")
            accept = "application/sparql-results+json" if kind == "sparql-lookup" else "text/turtle"
            return kind, accept, "/sparql?query=" + quote(q, safe=""), True
        if kind == "search":
            words = labels if k % 3 else english
            word = words[(k * 13) % len(words)]
            word = word[: max(2, len(word) // 2)] if k % 2 else word  # a prefix or the whole name
            path = "/api/search?" if k % 2 == 0 else "/search?"
            return kind, "application/json" if k % 2 == 0 else "text/html", path + urlencode({"q": word}), False
        if kind == "class":
            cls = classes[k % len(classes)]
            page = "?page=2" if k % 4 == 3 else ""
            return kind, "text/html", f"/class/ug:{cls.rsplit('#', 1)[1]}{page}", False
        chapter = (chapters + [base + "id/report/A-78-1"])[k % (len(chapters) + 1)]
        return kind, "text/html", "/read/" + chapter[len(base + "id/report/"):], False

    kinds = [k for k, n in SHARES.items() for _ in range(n)]
    while len(lines) < size:
        rnd.shuffle(kinds)
        lines.extend(take(k) for k in kinds)
    return lines[:size]


def wrk(port: int, mix_file: Path, duration: int, connections: int, threads: int) -> dict:
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--timeout", "10s",
                          "--latency", "-s", str(HERE / "mix.lua"), f"http://127.0.0.1:{port}"],
                         env={**os.environ, "MIX_FILE": str(mix_file)}, capture_output=True, text=True, check=True)
    line = next(line for line in out.stdout.splitlines() if line.startswith("RESULT "))
    r = json.loads(line[7:])
    r["rps"] = round(r["requests"] / r["seconds"], 1)
    r["errors"] = r["socket_errors"] + r["timeouts"] + r["non2xx"]
    return r


def _wait(url: str, proc: subprocess.Popen, seconds: float = 120) -> None:
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--duration", type=int, default=60)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--per-kind", type=int, default=0, help="then each kind alone for this many seconds (0: not)")
    ap.add_argument("--store", default=str(ROOT / "build/store"))
    ap.add_argument("--dump", default=str(ROOT / "build/ungraph.nq"))
    ap.add_argument("--size", type=int, default=20000, help="lines in the mix (the run cycles through them)")
    ap.add_argument("--out", default=str(HERE / "results.json"))
    args = ap.parse_args()
    store = ox.Store.read_only(args.store)
    lines = mix(store, BASE, args.size)
    del store
    work = Path(tempfile.mkdtemp(prefix="ungraph-load-"))
    mix_file = work / "mix.txt"
    mix_file.write_text("".join(f"{k}\t{a}\t{p}\t{int(u)}\n" for k, a, p, u in lines), encoding="utf-8")
    port = free_port()
    env = {**os.environ, "UNGRAPH_BASE": BASE, "UNGRAPH_DUMP": args.dump, "UNGRAPH_RATE_LIMIT": "",
           "UNGRAPH_QUERY_BUDGET": "0"}
    log = (work / "server.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "ungraph", "serve", "--store", args.store, "--port", str(port)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait(f"http://127.0.0.1:{port}/health", proc)
        for path in ("/", "/search?q=%E5%92%8C%E5%B9%B3", "/sparql?query=ASK%7B%7D"):  # the catalog, the search index, the workers
            _wait(f"http://127.0.0.1:{port}{path}", proc)
        result = {"connections": args.connections, "duration": args.duration, "cpus": os.cpu_count(),
                  "load_before": _load(), "mix": {k: sum(1 for line in lines if line[0] == k) for k in SHARES}}
        print(f"load average before: {result['load_before']}", file=sys.stderr)
        result["all"] = wrk(port, mix_file, args.duration, args.connections, args.threads)
        result["load_after"] = _load()
        r = result["all"]
        print(f"mix: {r['rps']} req/s, p50 {r['p50_ms']:.1f} ms, p90 {r['p90_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, "
              f"max {r['max_ms']:.1f} ms, {r['requests']} requests, errors {r['errors']} "
              f"(4xx {r['s4xx']}, 5xx {r['s5xx']}, timeouts {r['timeouts']}, socket {r['socket_errors']}); "
              f"load average after: {result['load_after']}")
        if args.per_kind:
            result["kinds"] = {}
            for kind in SHARES:
                one = work / f"mix-{kind}.txt"
                one.write_text("".join(f"{k}\t{a}\t{p}\t{int(u)}\n" for k, a, p, u in lines if k == kind), encoding="utf-8")
                k = result["kinds"][kind] = wrk(port, one, args.per_kind, args.connections, args.threads)
                print(f"  {kind:16} {k['rps']:8.1f} req/s p50 {k['p50_ms']:7.1f} ms p99 {k['p99_ms']:7.1f} ms "
                      f"errors {k['errors']}")
        Path(args.out).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
    errors = [line for line in (work / "server.log").read_text(errors="replace").splitlines()
              if '"status": 5' in line or "Traceback" in line or " ERROR " in line]
    if errors:
        print(f"{len(errors)} error lines in the server log ({work / 'server.log'}), e.g.:\n" + "\n".join(errors[:5]))


if __name__ == "__main__":
    main()
