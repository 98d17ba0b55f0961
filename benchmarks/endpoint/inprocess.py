"""In-process timing of the endpoint benchmark's queries: no HTTP, no worker round trip.

    .venv/bin/python benchmarks/endpoint/inprocess.py [--scales 1,10,100] [--n 2000] [--kinds 'point lookup,DESCRIBE']
        [--mode disk|memory] [--rounds 2]

For every scale, the store is opened as ``ungraph serve`` opens it (``--mode disk``: read-only on disk,
what ``UNGRAPH_STORE_MODE=auto`` does at 10x and 100x; ``memory``: loaded into memory, what it does at 1x)
and each query kind of ``benchmarks/endpoint/run.py`` is run ``--n`` times, every text distinct (a
trailing comment, as ``mix.lua`` does), through :func:`ungraph.sparql.run_job` (what a query worker
runs: execute and serialize, SPARQL JSON or Turtle), through plain ``Store.query`` + serialize (``--raw``),
for label search through the label table (``ungraph.web.label_search``: what the server answers it with)
and for the aggregates through the columnar scan (``ungraph.web.aggregate``): path ``mapped`` on the
store's own columns (``ungraph.columns``, what the server scans when the store has them), path
``columns`` on columns read into memory first (``ungraph.web.aggregate_memory``, what a server on a
store without them reads; their read time and the memory they add are printed; ``--max-quads`` reads
them past the server's limit, for measurement); the two take turns first after the engine.
The two-hop join runs through ``bgp`` too (``ungraph.web.bgp``: the join on the store's columns).
The ``lookup``, ``describe`` and ``bgp`` paths (the store's columns) count a query they give up on with the
engine's time as well, as the server spends it (:func:`served_ms`).
Scales alternate within each round, so a busy machine slows them alike: the ratio between
scales is what counts. Prints median and p90 per query (ms), and per subject for the lookups.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from run import queries  # noqa: E402

from ungraph import store as stores  # noqa: E402
from ungraph.namespaces import Namespaces  # noqa: E402
from ungraph.sparql import Job, run_job  # noqa: E402
from ungraph import columns  # noqa: E402
from ungraph.web import aggregate, aggregate_memory, bgp, describe, label_search, lookup  # noqa: E402


def store_dir(scale: int, main: Path) -> Path:
    return main / "build" / "store" if scale == 1 else main / "build" / f"bench-x{scale}" / "store"


def targets(args: argparse.Namespace) -> list[tuple[str, Path]]:
    """(name, store directory) to compare: ``--scales`` of ``--main``, then every ``--store NAME=DIR``."""
    out = [(f"x{s}", store_dir(int(s), Path(args.main))) for s in args.scales.split(",") if s]
    out += [(name, Path(d)) for name, d in (x.split("=", 1) for x in args.store)]
    return out


def job(q: str, prefixes) -> Job:
    return Job(query=q, result_format="json", graph_format="ttl", base="http://127.0.0.1:8080/sparql",
               describe=q.startswith("DESCRIBE"), prefixes=prefixes)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def time_one(fn) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def served_ms(fn, engine_ms: float) -> float:
    """The time of ``fn``, a columns path (an answer, or None when it gives up), plus ``engine_ms`` when it
    gave up: the server then answers through the engine
    (``tests/regressions/test_inprocess_timed_a_give_up_as_an_answer.py``)."""
    t = time.perf_counter()
    found = fn()
    ms = (time.perf_counter() - t) * 1000
    return ms if found is not None else ms + engine_ms


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scales", default="1,10,100")
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--kinds", default="point lookup,DESCRIBE")
    ap.add_argument("--mode", default="disk", choices=["disk", "memory"])
    ap.add_argument("--main", default=str(ROOT), help="repository whose build/ holds the stores")
    ap.add_argument("--raw", action="store_true", help="also time Store.query + serialize without run_job")
    ap.add_argument("--store", action="append", default=[], help="NAME=DIR: another store to compare (repeatable)")
    ap.add_argument("--max-quads", type=int, default=aggregate_memory.MAX_QUADS,
                    help="read the aggregate columns of stores up to this size (default: the server's limit)")
    args = ap.parse_args()
    named = targets(args)
    scales = [n for n, _ in named]
    prefixes = tuple(sorted(Namespaces("http://127.0.0.1:8080/").prefixes.items()))
    opened = {}
    mapped: dict = {}
    for s, d in named:
        t = time.perf_counter()
        st = stores.load_in_memory(d) if args.mode == "memory" else stores.open_store(d, read_only=True)
        opened[s] = (st, queries(st))
        mapped[s] = columns.open_for(d)  # the store's columns (ungraph.columns): paths "lookup" and "mapped"
        print(f"{s}: opened {d} ({args.mode}) in {time.perf_counter() - t:.2f} s", file=sys.stderr)
        if "label search" in args.kinds:
            t = time.perf_counter()
            table = label_search.table_for(st, label_search.SKOS_PREF)
            print(f"{s}: skos:prefLabel table read in {time.perf_counter() - t:.2f} s ({len(table.runs)} runs)",
                  file=sys.stderr)
        if "aggregate" in args.kinds.split(","):
            rss, t = rss_mb(), time.perf_counter()
            cols = aggregate_memory.Columns(st, max_quads=args.max_quads)
            aggregate_memory._tables[id(st)] = (st, cols)  # what columns_for keeps (read here with the limit asked for)
            print(f"{s}: aggregate columns read in {time.perf_counter() - t:.2f} s ({len(cols)} quads, "
                  f"{len(cols.terms)} terms, complete {cols.complete}; arrays {cols.nbytes() / 2**20:.0f} MB, "
                  f"RSS +{rss_mb() - rss:.0f} MB)", file=sys.stderr)
    kinds = args.kinds.split(",")
    times: dict = {}
    for rnd in range(args.rounds):
        for kind in kinds:
            for s in (scales if rnd % 2 == 0 else scales[::-1]):
                st, mixes = opened[s]
                qs = mixes[kind]
                per = args.n // args.rounds
                for i in range(per):
                    base = qs[i % len(qs)]
                    q = f"{base}\n# {rnd}-{i}"
                    ms = time_one(lambda: run_job(st, job(q, prefixes)))
                    times.setdefault((kind, s, "run_job"), []).append(ms)
                    times.setdefault((kind, s, "run_job", base), []).append(ms)
                    engine = ms
                    if kind.startswith("point lookup") and mapped[s] is not None:
                        ms = served_ms(lambda: lookup.answer(mapped[s], job(q, prefixes)), engine)
                        times.setdefault((kind, s, "lookup"), []).append(ms)
                    if kind.startswith("DESCRIBE") and mapped[s] is not None:
                        ms = served_ms(lambda: describe.answer(mapped[s], job(q, prefixes)), engine)
                        times.setdefault((kind, s, "describe"), []).append(ms)
                    if kind == "two-hop join" and mapped[s] is not None:  # a join on the columns (ungraph.web.bgp)
                        ms = served_ms(lambda: bgp.answer(mapped[s], job(q, prefixes)), engine)
                        times.setdefault((kind, s, "bgp"), []).append(ms)
                    if kind == "label search":
                        ms = time_one(lambda: label_search.answer(st, job(q, prefixes)))
                        times.setdefault((kind, s, "table"), []).append(ms)
                    if kind == "aggregate":  # the two column sources in turn first after the engine (its cache misses)
                        sources = [("columns", None), ("mapped", mapped[s])][::1 if (i // len(qs)) % 2 else -1]
                        for path, source in sources:
                            if source is None and (path == "mapped" or not aggregate_memory._tables[id(st)][1].complete):
                                continue
                            ms = time_one(lambda: aggregate.answer(st, job(q, prefixes), mapped=source))
                            times.setdefault((kind, s, path), []).append(ms)
                            times.setdefault((kind, s, path, base), []).append(ms)
                    if args.raw:
                        def raw():
                            r = st.query(q, use_default_graph_as_union=True)
                            if isinstance(r, ox.QuerySolutions):
                                r.serialize(format=ox.QueryResultsFormat.JSON)
                            else:
                                ox.serialize(list(r), format=ox.RdfFormat.TURTLE)
                        times.setdefault((kind, s, "raw"), []).append(time_one(raw))

    def fmt(xs):
        xs = sorted(xs)
        return f"{statistics.median(xs):8.3f} {xs[int(len(xs) * 0.9)]:8.3f}"

    print("\n| kind | path | " + " | ".join(f"{s} median / p90 ms" for s in scales) + " | "
          + " | ".join(f"{s}/{scales[0]}" for s in scales[1:]) + " |")
    for kind in kinds:
        for path in ("run_job", "raw", "table", "columns", "mapped", "lookup", "describe", "bgp"):
            if not any((kind, s, path) in times for s in scales):
                continue
            meds = [statistics.median(times.get((kind, s, path), [float("nan")])) for s in scales]
            print(f"| {kind} | {path} | " + " | ".join(fmt(times.get((kind, s, path), [float("nan")])) for s in scales) + " | "
                  + " | ".join(f"{m / meds[0]:.2f}" for m in meds[1:]) + " |")
    for kind in kinds:
        print(f"\n{kind}, per query (median ms; answer size at the largest scale):")
        for base in opened[scales[0]][1][kind]:
            meds = [statistics.median(times.get((kind, s, "run_job", base), [float('nan')])) for s in scales]
            a = run_job(opened[scales[-1]][0], job(base, prefixes))
            print("  " + " ".join(f"{m:8.3f}" for m in meds) + f"  {len(a.body or b''):8d} B  {base[:110]}")
            for path in ("columns", "mapped"):
                if any((kind, s, path, base) in times for s in scales):
                    meds = [statistics.median(times.get((kind, s, path, base), [float('nan')])) for s in scales]
                    print("  " + " ".join(f"{m:8.3f}" for m in meds) + f"  {path}")


if __name__ == "__main__":
    main()
