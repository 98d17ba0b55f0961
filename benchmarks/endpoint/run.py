"""Endpoint benchmark: ungraph vs ``oxigraph serve-read-only`` vs rdflib-endpoint, same data, same queries.

    .venv/bin/python benchmarks/endpoint/run.py [--scale 1] [--duration 8] [--rounds 2] [--connections 8]

Load generator: wrk (Debian ``wrk``) with ``mix.lua``. It is C with an event loop, so at 8
connections it uses a fraction of a core. A Python load generator would take as much CPU as the
servers it measures on this 2-core machine. Every server is on 127.0.0.1 and gets the same
requests (GET ``?query=``). Rounds alternate the server order. Each round runs the whole mix, then
each query kind alone; ``UNIQUE=1`` (the "uncached" rows) makes every request distinct with a
trailing comment, so answer caches cannot help. The data is ``build/ungraph.nq`` (``make build``),
or ``--scale N`` copies of it with every ``/id/`` IRI suffixed per copy (a synthetic N× graph).
Writes ``results-x{scale}.json`` and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BIN = Path(sys.executable).parent
SKOS = "http://www.w3.org/2004/02/skos/core#"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def enlarge(src: Path, dst: Path, scale: int) -> None:
    """``scale`` copies of the dump; copy k>0 suffixes every IRI under /id/ with ``-xk``."""
    iri = re.compile(r"<([^>]*/id/[^>]*)>")
    with src.open(encoding="utf-8") as f, dst.open("w", encoding="utf-8") as out:
        lines = f.readlines()
        for k in range(scale):
            if k == 0:
                out.writelines(lines)
            else:
                out.writelines(iri.sub(lambda m: f"<{m.group(1)}-x{k}>", line) for line in lines)


def queries(store: ox.Store) -> dict[str, list[str]]:
    """The query mix, with IRIs picked from the data (deterministically)."""
    subjects = [r["s"].value for r in store.query(
        "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s a ?c ; ?p ?o FILTER(CONTAINS(STR(?s), '/id/')) } "
        "GROUP BY ?s ORDER BY DESC(?n) ?s LIMIT 12", use_default_graph_as_union=True)]
    words = ["和平", "发展", "人权", "气候", "安全", "妇女"]
    return {
        "point lookup": [f"SELECT ?p ?o WHERE {{ <{s}> ?p ?o }} LIMIT 200" for s in subjects],
        "DESCRIBE": [f"DESCRIBE <{s}>" for s in subjects[:6]],
        "label search": [f"SELECT ?s ?l WHERE {{ ?s <{SKOS}prefLabel> ?l FILTER(CONTAINS(?l, '{w}')) }} LIMIT 50"
                         for w in words],
        "aggregate": ["SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n)",
                      "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) LIMIT 20"],
        "two-hop join": [f"SELECT ?a ?b ?l WHERE {{ ?a a ?c . ?a ?p ?b . ?b <{SKOS}prefLabel> ?l "
                         f"FILTER(isIRI(?b) && LANG(?l) = 'zh') }} LIMIT 100"],
        "CONSTRUCT": [f"CONSTRUCT {{ ?s <{SKOS}prefLabel> ?l }} WHERE {{ ?s a ?c ; <{SKOS}prefLabel> ?l "
                      f"FILTER(LANG(?l) = 'en') }} LIMIT 500"],
    }


def write_mix(path: Path, endpoint_path: str, qs: list[str], extra: str) -> None:
    path.write_text("".join(f"{endpoint_path}?{extra}query={quote(q, safe='')}\n" for q in qs), encoding="utf-8")


def wait(url: str, proc: subprocess.Popen, seconds: float = 600) -> None:
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url}: server exited {proc.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url}: no answer in {seconds} s")


def wrk(port: int, mix: Path, duration: int, connections: int, unique: bool) -> dict:
    env = {**os.environ, "MIX_FILE": str(mix), "UNIQUE": "1" if unique else "0"}
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "15s", "-s",
                          str(HERE / "mix.lua"), f"http://127.0.0.1:{port}/"], env=env, capture_output=True,
                         text=True, timeout=duration + 60)
    line = next(l for l in out.stdout.splitlines() if l.startswith("RESULT "))
    r = json.loads(line[7:])
    r["rps"] = r["requests"] / r["seconds"]
    return r


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--duration", type=int, default=8)
    ap.add_argument("--kind-duration", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--servers", default="ungraph,oxigraph,rdflib")
    ap.add_argument("--dump", default=str(ROOT / "build/ungraph.nq"))
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ungraph-bench-"))
    procs: list[subprocess.Popen] = []
    try:
        nq = work / "data.nq"
        if args.scale == 1:
            shutil.copy(args.dump, nq)
        else:
            enlarge(Path(args.dump), nq, args.scale)
        store_dir = work / "store"
        t = time.perf_counter()
        store = ox.Store(str(store_dir))
        store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
        store.flush()
        quads = len(store)
        mixes = queries(store)
        del store
        print(f"{quads} quads, stores written in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        subprocess.run([str(BIN / "oxigraph"), "load", "--location", str(work / "oxigraph"), "--file", str(nq)],
                       check=True, capture_output=True)
        servers: dict[str, tuple[int, str, str]] = {}
        for name in args.servers.split(","):
            port = free_port()
            if name == "ungraph":
                env = {**os.environ, "UNGRAPH_DUMP": str(nq), "UNGRAPH_BASE": "http://127.0.0.1:8080/",
                       "UNGRAPH_RATE_LIMIT": "", "UNGRAPH_QUERY_BUDGET": "0"}  # one client address: no fair-use limits
                cmd = [sys.executable, "-m", "ungraph", "serve", "--store", str(store_dir), "--port", str(port)]
                path, extra = "/sparql", ""
            elif name == "oxigraph":
                env = dict(os.environ)
                cmd = [str(BIN / "oxigraph"), "serve-read-only", "--location", str(work / "oxigraph"),
                       "--bind", f"127.0.0.1:{port}"]
                path, extra = "/query", "union-default-graph&"
            else:
                env = {**os.environ, "BENCH_NQ": str(nq)}
                cmd = [str(BIN / "granian"), "--interface", "asgi", "--factory", "--host", "127.0.0.1", "--port",
                       str(port), "--no-ws", "benchmarks.endpoint.rdflib_app:create"]
                path, extra = "/", ""
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            procs.append(proc)
            wait(f"http://127.0.0.1:{port}{path}?{extra}query=ASK%7B%7D", proc)
            print(f"{name}: ready in {time.perf_counter() - start:.2f} s", file=sys.stderr)
            servers[name] = (port, path, extra)
        results: dict = {}
        plan = [("mix (cached)", sum(mixes.values(), []), False, args.duration),
                ("mix (uncached)", sum(mixes.values(), []), True, args.duration)]
        plan += [(kind, qs, True, args.kind_duration) for kind, qs in mixes.items()]
        names = list(servers)
        for rnd in range(args.rounds):
            order = names if rnd % 2 == 0 else names[::-1]
            for label, qs, unique, duration in plan:
                for name in order:
                    port, path, extra = servers[name]
                    mix = work / f"mix-{name}.txt"
                    write_mix(mix, path, qs, extra)
                    r = wrk(port, mix, duration, args.connections, unique)
                    results.setdefault(label, {}).setdefault(name, []).append(r)
                    print(f"round {rnd + 1} {label:15} {name:9} {r['rps']:8.1f} req/s p50 {r['p50_ms']:7.2f} ms "
                          f"p99 {r['p99_ms']:8.2f} ms errors {r['errors'] + r['non2xx']}", file=sys.stderr)
        (HERE / f"results-x{args.scale}.json").write_text(json.dumps(
            {"quads": quads, "connections": args.connections, "rounds": args.rounds, "results": results}, indent=1))
        print(f"\n{quads} quads, {args.connections} connections, {args.rounds} rounds (mean of rounds; p99 = worst round)\n")
        print("| query kind | " + " | ".join(f"{n} req/s | {n} p50 / p99 ms | {n} errors" for n in names) + " |")
        print("|---|" + "---|---|---|" * len(names))
        for label, per in results.items():
            cells = []
            for n in names:
                rs = per[n]
                rps = sum(r["rps"] for r in rs) / len(rs)
                p50 = sum(r["p50_ms"] for r in rs) / len(rs)
                p99 = max(r["p99_ms"] for r in rs)
                err = sum(r["errors"] + r["non2xx"] for r in rs)
                cells += [f"{rps:.0f}", f"{p50:.1f} / {p99:.1f}", str(err)]
            print(f"| {label} | " + " | ".join(cells) + " |")
    finally:
        for p in procs:
            p.terminate()
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
