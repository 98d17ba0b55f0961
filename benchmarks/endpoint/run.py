"""Endpoint benchmark: ungraph (embedded store, or over a backend) vs ``oxigraph serve-read-only`` vs
rdflib-endpoint, same data, same queries, measured side by side in one run.

    .venv/bin/python benchmarks/endpoint/run.py [--scale 1] [--duration 8] [--rounds 2] [--connections 8]
        [--servers ungraph,oxigraph,rdflib,ungraph-oxigraph,ungraph-virtuoso] [--ungraph-workers 0]

Load generator: wrk (Debian ``wrk``) with ``mix.lua``. It is C with an event loop, so at 8
connections it uses a fraction of a core. A Python load generator would take as much CPU as the
servers it measures on this 2-core machine. Every server is on 127.0.0.1 and gets the same
requests (GET ``?query=``). Rounds alternate the server order. Each round runs the whole mix, then
each query kind alone; ``UNIQUE=1`` (the "uncached" rows) makes every request distinct with a
trailing comment, so answer caches cannot help. The "floor" row is ungraph's ``/health`` (a trivial
route: one in-process ASK) on the same server and worker count: the cost of our stack per request.

Servers: ``ungraph`` (``python -m ungraph serve`` on the store; ``UNGRAPH_STORE_MODE`` decides memory
or disk), ``oxigraph`` (the Rust server, read-only, on the same store directory), ``rdflib``
(rdflib-endpoint on the N-Quads), ``ungraph-oxigraph`` (``ungraph serve --backend`` over the
oxigraph server) and ``ungraph-virtuoso`` (``ungraph publish`` into a Virtuoso started for the run,
then ``ungraph serve --backend`` over it).

The data is ``build/ungraph.nq`` (``make build``), or for ``--scale N`` the enlargement of
``benchmarks/enlarge.py`` (N reports as named graphs over shared reference entities), written once
into ``build/bench-x{N}/`` and reused by later runs. Writes ``results-x{scale}.json`` (with the cold
start of each server and the machine's load average) and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BIN = Path(sys.executable).parent
SKOS = "http://www.w3.org/2004/02/skos/core#"
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def queries(store: ox.Store) -> dict[str, list[str]]:
    """The query mix, with IRIs picked from the data (deterministically)."""
    from benchmarks.enlarge import OWN_KINDS

    subjects = [r["s"].value for r in store.query(
        "SELECT ?s (COUNT(*) AS ?n) WHERE { GRAPH <http://127.0.0.1:8080/graph/report> { ?s a ?c ; ?p ?o } "
        "FILTER(CONTAINS(STR(?s), '/id/')) } GROUP BY ?s ORDER BY DESC(?n) ?s LIMIT 12")]
    # the same, among one report's own entities (benchmarks/enlarge.py's OWN_KINDS): their answers are the
    # same at every scale, where a shared entity's grow with every report (the flatness rows)
    kind_of = re.compile(r"/id/([a-z]+)/")
    own = [s for s in (r["s"].value for r in store.query(
        "SELECT ?s (COUNT(*) AS ?n) WHERE { GRAPH <http://127.0.0.1:8080/graph/report> { ?s a ?c ; ?p ?o } "
        "FILTER(CONTAINS(STR(?s), '/id/')) } GROUP BY ?s ORDER BY DESC(?n) ?s"))
        if (m := kind_of.search(s)) and m.group(1) in OWN_KINDS][:12]
    words = ["和平", "发展", "人权", "气候", "安全", "妇女"]
    return {
        "point lookup": [f"SELECT ?p ?o WHERE {{ <{s}> ?p ?o }} LIMIT 200" for s in subjects],
        "DESCRIBE": [f"DESCRIBE <{s}>" for s in subjects[:6]],
        "point lookup (a report's own entity)": [f"SELECT ?p ?o WHERE {{ <{s}> ?p ?o }} LIMIT 200" for s in own],
        "DESCRIBE (a report's own entity)": [f"DESCRIBE <{s}>" for s in own[:6]],
        "label search": [f"SELECT ?s ?l WHERE {{ ?s <{SKOS}prefLabel> ?l FILTER(CONTAINS(?l, '{w}')) }} LIMIT 50"
                         for w in words],
        "aggregate": ["SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n)",
                      "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) LIMIT 20"],
        # a join under the group count: not one triple pattern, so ungraph's engine answers it (not in the mix)
        "aggregate (engine)": ["SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c ; ?p ?o } GROUP BY ?c ORDER BY DESC(?n) LIMIT 10"],
        "two-hop join": [f"SELECT ?a ?b ?l WHERE {{ ?a a ?c . ?a ?p ?b . ?b <{SKOS}prefLabel> ?l "
                         f"FILTER(isIRI(?b) && LANG(?l) = 'zh') }} LIMIT 100"],
        "CONSTRUCT": [f"CONSTRUCT {{ ?s <{SKOS}prefLabel> ?l }} WHERE {{ ?s a ?c ; <{SKOS}prefLabel> ?l "
                      f"FILTER(LANG(?l) = 'en') }} LIMIT 500"],
    }


#: Query kinds measured alone only, not part of the mix (whose composition stays comparable across runs)
NOT_IN_MIX = ("aggregate (engine)", "point lookup (a report's own entity)", "DESCRIBE (a report's own entity)")
#: Kinds measured after every other: at 100x their queries outlive the row (ours run to the time
#: limit, oxigraph's without one), and the rows measured after them ran on busy cores (the 21:23 UTC
#: run of 2026-12-01: the two-hop join and CONSTRUCT waited the whole settle time, 15 s, and fell by half).
MEASURED_LAST = ("aggregate", "aggregate (engine)")


def mix_of(mixes: dict[str, list[str]]) -> list[str]:
    """The queries of the mix: every kind's but :data:`NOT_IN_MIX`."""
    return sum((qs for kind, qs in mixes.items() if kind not in NOT_IN_MIX), [])


def write_mix(path: Path, endpoint_path: str, qs: list[str], extra: str) -> None:
    path.write_text("".join(f"{endpoint_path}?{extra}query={quote(q, safe='')}\n" for q in qs), encoding="utf-8")


def wait(url: str, proc: subprocess.Popen, seconds: float = 900) -> None:
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url}: server exited {proc.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{url}: no answer in {seconds} s")


#: One nonce per wrk run (``RUN``, in every "uncached" request's comment): without it every run on one
#: server sent the texts of the run before, and the server answered them from its answer cache
#: (``tests/regressions/test_uncached_benchmark_requests_repeat_across_runs.py``)
_RUNS = itertools.count(1)


def wrk(port: int, mix: Path, duration: int, connections: int, unique: bool) -> dict:
    env = {**os.environ, "MIX_FILE": str(mix), "UNIQUE": "1" if unique else "0", "RUN": f"{os.getpid()}.{next(_RUNS)}"}
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "15s", "-s",
                          str(HERE / "mix.lua"), f"http://127.0.0.1:{port}/"], env=env, capture_output=True,
                         text=True, timeout=duration + 60)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("RESULT ")), None)
    if line is None:  # wrk could not run its script: the server is gone, or wrk failed to start
        raise RuntimeError(f"wrk on port {port} gave no result (exit {out.returncode}): {out.stderr.strip()[-500:]}")
    r = json.loads(line[7:])
    r["rps"] = r["requests"] / r["seconds"]
    return r


def _tree(pids: list[int]) -> list[int]:
    """``pids`` and all their descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                stat = Path(f"/proc/{d}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
            children.setdefault(ppid, []).append(int(d))
    out, todo = [], list(pids)
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def with_argument(arg: str) -> list[int]:
    """The processes with ``arg`` (a path of this run's own) among their command-line arguments."""
    found = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                args = Path(f"/proc/{d}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if arg.encode() in args:
                found.append(int(d))
    return found


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user + system) used so far by ``pids`` and their descendants."""
    total = 0
    for pid in _tree(pids):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def settle(pids: list[int], max_wait: float, idle_cores: float = 0.05, window: float = 0.5) -> float:
    """Wait until the servers are idle (under ``idle_cores`` of CPU over ``window`` s), at most ``max_wait`` s.

    wrk stops sending at the end of a row, but the servers go on with what they were given: an
    aggregate at 100x runs until the time limit, in ungraph's query workers and in oxigraph alike.
    Without this wait the next row (the point lookups come right after the uncached mix) is measured
    on cores still busy with the last row's queries. Returns the seconds waited.
    """
    start = time.monotonic()
    before = cpu_seconds(pids)
    while time.monotonic() - start < max_wait:
        time.sleep(window)
        now = cpu_seconds(pids)
        if now - before < idle_cores * window:
            break
        before = now
    return time.monotonic() - start


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (MB)."""
    total = 0
    out = subprocess.run(["ps", "-o", "rss=", "--ppid", str(pid)], capture_output=True, text=True).stdout.split()
    for pid_rss in [subprocess.run(["ps", "-o", "rss=", "-p", str(pid)], capture_output=True, text=True).stdout.strip(),
                    *out]:
        if pid_rss:
            total += int(pid_rss)
    return total / 1024


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, []))
    return found


def pss_mb(pid: int) -> float:
    """Proportional resident memory (PSS) of a process and all its descendants (server processes and
    their forked query workers), MB: pages shared copy-on-write are counted once, not once per process."""
    total = 0
    for p in _descendants(pid):
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except OSError:
            continue
    return total / 1024


def prepare(args: argparse.Namespace) -> tuple[Path, Path, Path, dict]:
    """(N-Quads file, store directory, dump for the build identity, timings) of the data at ``args.scale``."""
    from benchmarks.enlarge import enlarge
    from ungraph import columns, store as stores
    from ungraph.namespaces import Namespaces

    timings: dict = {}
    if args.scale == 1:
        nq = Path(args.dump)
        store_dir = Path(args.dump).with_name("store")
        return nq, store_dir, nq, timings
    cache = ROOT / "build" / f"bench-x{args.scale}"
    nq, store_dir = cache / "data.nq", cache / "store"
    if not (cache / "done").exists():
        shutil.rmtree(cache, ignore_errors=True)
        cache.mkdir(parents=True)
        t = time.perf_counter()
        n = enlarge(Path(args.dump), nq, args.scale)
        timings["enlarge_s"] = time.perf_counter() - t
        t = time.perf_counter()
        store = ox.Store(str(store_dir))
        store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
        store.flush()
        del store
        timings["store_write_s"] = time.perf_counter() - t
        stores.write_digest(nq)
        (cache / "done").write_text(json.dumps({"quads": n, **timings}))
        print(f"{n} quads: enlarged in {timings['enlarge_s']:.1f} s, store written in {timings['store_write_s']:.1f} s",
              file=sys.stderr)
    timings = json.loads((cache / "done").read_text())
    if "store_optimize_s" not in timings:  # also a store written before this step: compacted once
        timings["store_optimize_s"] = compact(store_dir)
        (cache / "done").write_text(json.dumps(timings))
        print(f"store compacted in {timings['store_optimize_s']:.1f} s", file=sys.stderr)
    if columns.open_for(store_dir) is None:  # as the build writes them (ungraph.columns): once, after compaction
        t = time.perf_counter()
        columns.write(store_dir, Namespaces("http://127.0.0.1:8080/").prefixes.items())  # the servers' base
        timings["columns_write_s"] = time.perf_counter() - t
        (cache / "done").write_text(json.dumps(timings))
        print(f"columns written in {timings['columns_write_s']:.1f} s", file=sys.stderr)
    return nq, store_dir, nq, timings


def compact(store_dir: Path) -> float:
    """``Store.optimize()`` (a full RocksDB compaction) of a freshly written store; returns the seconds it took.

    ``bulk_load`` leaves overlapping files, and every prefix scan then seeks in each of them: at 100x a
    point lookup of a report's own entity took 2.5 ms against 0.45 ms compacted, the p90 of all lookups
    1.8 ms against 0.6 (``benchmarks/endpoint/README.md``). 11 s at 10x, 143 s at 100x, once.
    """
    t = time.perf_counter()
    store = ox.Store(str(store_dir))
    store.optimize()
    store.flush()
    del store
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--duration", type=int, default=8)
    ap.add_argument("--kind-duration", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--servers", default="ungraph,oxigraph,rdflib")
    ap.add_argument("--ungraph-workers", type=int, default=0,
                    help="UNGRAPH_WORKERS of every ungraph server (0, the default: one per usable core)")
    ap.add_argument("--query-workers", type=int, default=0, help="UNGRAPH_QUERY_WORKERS of every ungraph server")
    ap.add_argument("--threads", type=int, default=8, help="UNGRAPH_THREADS of every ungraph server")
    ap.add_argument("--store-mode", default="auto", help="UNGRAPH_STORE_MODE of the embedded ungraph server")
    ap.add_argument("--kinds", default="", help="comma-separated query kinds to run alone (default: all)")
    ap.add_argument("--dump", default=str(ROOT / "build/ungraph.nq"))
    ap.add_argument("--tag", default="", help="suffix of the results file name")
    ap.add_argument("--timeout", type=int, default=10, help="query time limit of every ungraph server (s)")
    ap.add_argument("--oxigraph-timeout", type=int, default=0,
                    help="oxigraph's --timeout-s (default 0: none; oxigraph 0.5.13 under 8 connections with it set "
                         "fails with 'Resource temporarily unavailable (os error 11)' and exits)")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ungraph-bench-"))
    procs: list[subprocess.Popen] = []
    others: list[int] = []  # servers started elsewhere (Virtuoso), for settle()
    started: dict[str, dict] = {}
    with ExitStack() as stack:
        try:
            nq, store_dir, dump, timings = prepare(args)
            probe = ox.Store.read_only(str(store_dir))
            quads = len(probe)
            mixes = queries(probe)
            del probe
            names = args.servers.split(",")
            ungraph_env = {**os.environ, "UNGRAPH_BASE": "http://127.0.0.1:8080/", "UNGRAPH_RATE_LIMIT": "",
                           "UNGRAPH_QUERY_BUDGET": "0", "UNGRAPH_WORKERS": str(args.ungraph_workers),
                           "UNGRAPH_QUERY_WORKERS": str(args.query_workers), "UNGRAPH_THREADS": str(args.threads),
                           "UNGRAPH_QUERY_TIMEOUT": str(args.timeout),
                           "UNGRAPH_DUMP": str(dump)}  # one client address: no fair-use limits
            servers: dict[str, tuple[int, str, str]] = {}

            def start(name: str, cmd: list[str], env: dict, path: str, extra: str) -> int:
                port = free_port()
                cmd = [c.replace("{port}", str(port)) for c in cmd]
                t = time.perf_counter()
                proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                procs.append(proc)
                wait(f"http://127.0.0.1:{port}{path}?{extra}query=ASK%7B%7D", proc)
                ready = time.perf_counter() - t
                started[name] = {"cold_start_s": ready, "pid": proc.pid, "load": load()}
                print(f"{name}: ready in {ready:.2f} s (load {load()})", file=sys.stderr)
                servers[name] = (port, path, extra)
                return port

            oxigraph_port = None
            if "oxigraph" in names or "ungraph-oxigraph" in names:
                # no time limit by default: with --timeout-s, oxigraph 0.5.13 answers "Resource temporarily
                # unavailable (os error 11)" under 8 connections (30,000 failed lookups of 46,000 at 1x) and then
                # exits (measured 2026-12-01); settle() waits for its leftover queries before each row instead
                limit = ["--timeout-s", str(args.oxigraph_timeout)] if args.oxigraph_timeout else []
                oxigraph_port = start("oxigraph", [str(BIN / "oxigraph"), "serve-read-only", "--location", str(store_dir),
                                                   "--bind", "127.0.0.1:{port}", *limit],
                                      dict(os.environ), "/query",
                                      "union-default-graph&")
            for name in names:
                if name == "ungraph":
                    start(name, [sys.executable, "-m", "ungraph", "serve", "--store", str(store_dir), "--port", "{port}"],
                          {**ungraph_env, "UNGRAPH_STORE_MODE": args.store_mode}, "/sparql", "")
                elif name == "rdflib":
                    start(name, [str(BIN / "granian"), "--interface", "asgi", "--factory", "--host", "127.0.0.1",
                                 "--port", "{port}", "--no-ws", "benchmarks.endpoint.rdflib_app:create"],
                          {**os.environ, "BENCH_NQ": str(nq)}, "/", "")
                elif name == "ungraph-oxigraph":
                    start(name, [sys.executable, "-m", "ungraph", "serve", "--backend",
                                 f"http://127.0.0.1:{oxigraph_port}/query", "--port", "{port}"], ungraph_env, "/sparql", "")
                elif name == "ungraph-virtuoso":
                    from tests.web.servers import virtuoso_publish_read, virtuoso_server

                    t = time.perf_counter()
                    root, sql = stack.enter_context(virtuoso_server(work / "virtuoso", buffers=200000))
                    others += with_argument(str(work / "virtuoso" / "virtuoso.ini"))
                    subprocess.run([sys.executable, "-m", "ungraph", "publish", "--store", str(store_dir), "--to",
                                    root.replace("http://", "http://dba:dba@", 1) + "sparql-graph-crud-auth"],
                                   cwd=ROOT, check=True, capture_output=True, timeout=7200)
                    graphs = sorted(g.value for g in ox.Store.read_only(str(store_dir)).named_graphs())
                    virtuoso_publish_read(sql, graphs)
                    timings["virtuoso_publish_s"] = time.perf_counter() - t
                    print(f"virtuoso: started and published in {timings['virtuoso_publish_s']:.1f} s", file=sys.stderr)
                    start(name, [sys.executable, "-m", "ungraph", "serve", "--backend", root + "sparql",
                                 "--port", "{port}"], ungraph_env, "/sparql", "")
            if "oxigraph" not in names:
                servers.pop("oxigraph", None)
            results: dict = {}
            kinds = [k for k in mixes if not args.kinds or k in args.kinds.split(",")]
            kinds.sort(key=lambda k: k in MEASURED_LAST)  # stable: the others keep their order
            plan = [("floor (/health)", None, False, args.kind_duration),
                    ("mix (cached)", mix_of(mixes), False, args.duration),
                    ("mix (uncached)", mix_of(mixes), True, args.duration)]
            plan += [(kind, mixes[kind], True, args.kind_duration) for kind in kinds]
            order_names = list(servers)
            for rnd in range(args.rounds):
                order = order_names if rnd % 2 == 0 else order_names[::-1]
                for label, qs, unique, duration in plan:
                    for name in order:
                        port, path, extra = servers[name]
                        mix = work / f"mix-{name}.txt"
                        if qs is None:
                            if not name.startswith("ungraph"):
                                continue
                            mix.write_text("/health\n", encoding="utf-8")
                        else:
                            write_mix(mix, path, qs, extra)
                        waited = settle([p.pid for p in procs] + others, max_wait=args.timeout + 5)
                        r = wrk(port, mix, duration, args.connections, unique)
                        r["load"], r["settle_s"] = load(), waited
                        results.setdefault(label, {}).setdefault(name, []).append(r)
                        print(f"round {rnd + 1} {label:15} {name:16} {r['rps']:8.1f} req/s p50 {r['p50_ms']:7.2f} ms "
                              f"p99 {r['p99_ms']:8.2f} ms errors {r['errors'] + r['non2xx']} load {r['load']} "
                              f"(settled in {waited:.1f} s)",
                              file=sys.stderr)
            for name, info in started.items():
                info["rss_mb"] = rss_mb(info["pid"])
                info["pss_mb"] = pss_mb(info["pid"])  # every process of the server, shared pages once
            out = HERE / f"results-x{args.scale}{args.tag}.json"
            out.write_text(json.dumps({"quads": quads, "connections": args.connections, "rounds": args.rounds,
                                       "ungraph_workers": args.ungraph_workers, "query_workers": args.query_workers, "threads": args.threads, "store_mode": args.store_mode,
                                       "servers": started, "timings": timings, "results": results}, indent=1))
            print(f"\n{quads} quads, {args.connections} connections, {args.rounds} rounds (mean of rounds; p99 = worst "
                  f"round); load at the end {load()}\n")
            print("cold start: " + ", ".join(f"{n} {i['cold_start_s']:.2f} s ({i['rss_mb']:.0f} MB RSS, {i['pss_mb']:.0f} MB PSS "
                                             "of all its processes)" for n, i in started.items()))
            print("\n| query kind | " + " | ".join(f"{n} req/s | {n} p50 / p99 ms" for n in order_names) + " |")
            print("|---|" + "---|---|" * len(order_names))
            for label, per in results.items():
                cells = []
                for n in order_names:
                    rs = per.get(n)
                    if not rs:
                        cells += ["", ""]
                        continue
                    rps = sum(r["rps"] for r in rs) / len(rs)
                    p50 = sum(r["p50_ms"] for r in rs) / len(rs)
                    p99 = max(r["p99_ms"] for r in rs)
                    err = sum(r["errors"] + r["non2xx"] for r in rs)
                    cells += [f"{rps:.0f}" + (f" ({err} errors)" if err else ""), f"{p50:.1f} / {p99:.1f}"]
                print(f"| {label} | " + " | ".join(cells) + " |")
        finally:
            for p in procs:
                p.terminate()
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
    shutil.rmtree(work, ignore_errors=True)  # after the ExitStack stopped Virtuoso


if __name__ == "__main__":
    main()
