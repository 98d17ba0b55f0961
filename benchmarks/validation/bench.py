"""Time and peak memory of SHACL validation of the built graph, and of a 10x synthetic enlargement.

Engines compared (each in a fresh subprocess, so peak RSS is its own):

* ``pyshacl-oxigraph``: what ``ungraph build`` runs (``ungraph.validate.validate_graph``): pyshacl 0.40
  on an in-memory pyoxigraph store, no inference, report rebuilt deterministically;
* ``pyshacl-rdflib``: pyshacl on an rdflib graph (the data converted from the quads), no inference;
* ``shacl-rust``: what ``ungraph build`` runs past ``ungraph.validate.RUST_FROM_QUADS`` (``UNGRAPH_SHACL=rust``):
  the Rust validator ``shacl`` (PyPI) on the same store's union as N-Triples, the results made into the
  same records, report graph and text as pyshacl's (``ungraph.shacl_rust``);
* ``store-write`` (with ``--store-write``): not validation but the rest of a build at that size:
  ``benchmarks/enlarge.py`` writing the N-Quads file, then ``ungraph.store.write_build`` writing the
  on-disk store and the dumps (what ``ungraph build`` does after validating).

The Nx graph is the enlargement of ``benchmarks/enlarge.py``: N reports (years, languages), each in a
named graph with entities of its own, over one shared set of reference entities (countries, bodies);
the ontology and the reference graph are kept once.

Usage: ``.venv/bin/python benchmarks/validation/bench.py [--dump build/ungraph.nq] [--scale 1 10]
[--engines pyshacl-oxigraph shacl-rust pyshacl-rdflib] [--store-write] [--timeout 600]``
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

BASE = "http://127.0.0.1:8080/"


def _load(dump: str, scale: int):  # type: ignore[no-untyped-def]
    import pyoxigraph as ox

    quads = list(ox.parse(path=dump, format=ox.RdfFormat.N_QUADS))
    skip = {BASE + "graph/validation", BASE + "graph/shapes"}
    quads = [q for q in quads if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in skip)]
    if scale == 1:
        return quads
    # the enlargement of benchmarks/enlarge.py: N reports as named graphs over shared reference entities
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from benchmarks.enlarge import copies

    lines = Path(dump).read_text(encoding="utf-8").splitlines(keepends=True)
    data = "".join(copies(lines, scale)).encode("utf-8")
    return [q for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)
            if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in skip)]


def store_write(dump: str, scale: int) -> dict[str, object]:
    """Enlarge the dump to a file, then write it as a build does (store and dumps); seconds and peak RSS."""
    import tempfile

    import pyoxigraph as ox

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from benchmarks.enlarge import enlarge
    from ungraph.store import write_build

    with tempfile.TemporaryDirectory(dir=Path(dump).parent) as tmp:
        t0 = time.perf_counter()
        n = enlarge(Path(dump), Path(tmp) / "x.nq", scale)
        t1 = time.perf_counter()
        quads = ox.parse(path=str(Path(tmp) / "x.nq"), format=ox.RdfFormat.N_QUADS)
        write_build(quads, Path(tmp) / "store", Path(tmp) / "out" / "ungraph.nq")
        t2 = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"engine": "store-write", "scale": scale, "quads": n, "seconds": round(t2 - t0, 2),
            "enlarge_s": round(t1 - t0, 2), "write_s": round(t2 - t1, 2), "peak_mb": round(peak_mb)}


def run_one(engine: str, dump: str, scale: int) -> dict[str, object]:
    """Run one engine in this process; return seconds, peak RSS and the number of results."""

    if engine == "store-write":
        return store_write(dump, scale)
    quads = _load(dump, scale)
    t0 = time.perf_counter()
    if engine in ("pyshacl-oxigraph", "shacl-rust"):
        from ungraph.validate import validate_graph

        result = validate_graph(quads, BASE, "pyshacl" if engine == "pyshacl-oxigraph" else "rust")
        n, conforms = len(result.results), result.conforms
    elif engine == "pyshacl-rdflib":
        import pyshacl

        from ungraph.graph.ontology import ontology_quads
        from ungraph.validate import as_rdflib_graph, load_shapes

        graph = as_rdflib_graph(quads + ontology_quads(BASE))
        conforms, report, _ = pyshacl.validate(graph, shacl_graph=load_shapes(BASE), inference="none",
                                               advanced=True, allow_warnings=True, inplace=True)
        from rdflib.namespace import RDF, SH

        n = len(set(report.subjects(RDF.type, SH.ValidationResult)))
    else:
        raise SystemExit(f"unknown engine {engine}")
    seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"engine": engine, "scale": scale, "quads": len(quads), "seconds": round(seconds, 2),
            "peak_mb": round(peak_mb), "results": n, "conforms": bool(conforms)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", default="build/ungraph.nq")
    parser.add_argument("--scale", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--engines", nargs="+", default=["pyshacl-oxigraph", "shacl-rust", "pyshacl-rdflib"])
    parser.add_argument("--store-write", action="store_true", help="also time enlarging and writing the store")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--one", nargs=2, metavar=("ENGINE", "SCALE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one[0], args.dump, int(args.one[1]))))
        return
    print("| engine | scale | quads | time (s) | peak RSS (MB) | results | conforms |")
    print("|---|---|---|---|---|---|---|")
    engines = args.engines + (["store-write"] if args.store_write else [])
    for scale in args.scale:
        for engine in engines:
            cmd = [sys.executable, __file__, "--dump", args.dump, "--one", engine, str(scale)]
            try:
                out = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout, check=True).stdout
                r = json.loads(out.strip().splitlines()[-1])
                if engine == "store-write":
                    print(f"| {engine} | {scale}x | {r['quads']} | {r['seconds']} (enlarge {r['enlarge_s']}, "
                          f"store and dumps {r['write_s']}) | {r['peak_mb']} | | |", flush=True)
                else:
                    print(f"| {engine} | {scale}x | {r['quads']} | {r['seconds']} | {r['peak_mb']} | {r['results']} "
                          f"| {r['conforms']} |", flush=True)
            except subprocess.TimeoutExpired:
                print(f"| {engine} | {scale}x | | > {args.timeout:g} (stopped) | | | |", flush=True)
            except subprocess.CalledProcessError as e:
                print(f"| {engine} | {scale}x | | error: {e.stderr.strip().splitlines()[-1][:80]} | | | |", flush=True)


if __name__ == "__main__":
    main()
