"""A deterministic N-fold enlargement of the built graph that grows the way the real data would:
more reports (other years, other languages), each in a named graph of its own with entities of its own,
all of them pointing at one shared set of reference entities.

    .venv/bin/python benchmarks/enlarge.py --scale 100 [--dump build/ungraph.nq] -o build/x100.nq

Copy 0 is the built graph itself (A/78/1, 2023, Chinese). Copy k > 0 is another report built the same
way, ``tag(k)`` (``a77-3``: the third other report of session 77; six a session), from its Chinese text:

* ``graph/report`` becomes ``graph/report/{tag}``;
* every IRI of a kind the report owns (:data:`OWN_KINDS`: the report and its parts, statements,
  annotations, figures, events, activities, photos, ...) becomes ``{base}id/{kind}/{tag}/{key}``:
  each report has nodes of its own, none is a copy of another graph's node;
* every IRI of a reference kind (:data:`SHARED_KINDS`: countries, bodies, persons, resolutions, places, ...)
  stays as it is: the enlarged reports all speak about the same countries and bodies, as the real
  reports do, so the shared entities gain triples in every report graph;
* literals are kept as they are, language tags included: ungraph builds a report from its Chinese
  text, so every report it builds has Chinese text and Chinese and English names. (An earlier version
  made copies "in the other five official languages" by retagging the ``@zh`` literals of a copy's own
  entities: Chinese text tagged ``@en``, two English titles per report, events without a Chinese
  name, a statement's object no longer equal to its asserted triple's: 3,459 violations at 3x that no
  real build could have. An edition in another language needs its own extractor and shapes first.)
* the ontology, shapes, reference, build and validation graphs are kept once.

The output is a pure function of the input and ``scale`` (line order kept, no randomness).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Reports per session in the enlargement.
PER_SESSION = 6
#: Kinds whose entities belong to one report (:mod:`ungraph.kinds`); every other kind is shared.
OWN_KINDS = ("activity", "amount", "annotation", "artwork", "dataset", "event", "figure", "photo", "report",
             "statement", "structure")
#: Kinds shared by every report (reference entities, and the build); with OWN_KINDS, every kind of
#: :mod:`ungraph.kinds` (a test fails on a kind that is in neither, so a new kind gets a decision).
SHARED_KINDS = ("build", "city", "country", "goal", "instrument", "organization", "person", "post", "programme",
                "region", "resolution")
_GRAPH = re.compile(r" <([^>]*)graph/report> \.$")


def tag(k: int) -> str:
    """The report of copy ``k``: session ``78 - k // 6``, its ``k % 6``-th report after A/78/1's place.

    >>> tag(1), tag(6), tag(100)
    ('a78-1', 'a77-0', 'a62-4')
    """
    return f"a{78 - k // PER_SESSION}-{k % PER_SESSION}"


def _base(first_lines: list[str]) -> str:
    for line in first_lines:
        m = _GRAPH.search(line)
        if m:
            return m.group(1)
    raise SystemExit("no <{base}graph/report> quad in the first lines of the dump: is it an ungraph build?")


def copies(lines: list[str], scale: int) -> Iterator[str]:
    """Every line of the enlarged graph: the input once, then the report graph's lines for each copy."""
    base = _base(lines)
    own = re.compile(re.escape(f"<{base}id/") + "(" + "|".join(OWN_KINDS) + ")/")
    graph = f" <{base}graph/report> ."
    report = [line for line in lines if line.rstrip("\n").endswith(graph)]
    yield from lines
    for k in range(1, scale):
        t = tag(k)
        new_graph = f" <{base}graph/report/{t}> ."
        ids = f"<{base}id/\\1/{t}/"
        for line in report:
            line = own.sub(ids, line)
            yield line[: line.rindex(graph)] + new_graph + "\n"


def enlarge(src: Path, dst: Path, scale: int) -> int:
    """Write the ``scale``-fold graph of the dump ``src`` to ``dst``; return its number of lines."""
    lines = src.read_text(encoding="utf-8").splitlines(keepends=True)
    n = 0
    with dst.open("w", encoding="utf-8") as out:
        buf: list[str] = []
        for line in copies(lines, scale):
            buf.append(line)
            if len(buf) >= 100_000:
                out.writelines(buf)
                n += len(buf)
                buf = []
        out.writelines(buf)
        n += len(buf)
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=int, required=True)
    ap.add_argument("--dump", default=str(ROOT / "build/ungraph.nq"))
    ap.add_argument("-o", "--output", required=True)
    args = ap.parse_args()
    t = time.perf_counter()
    n = enlarge(Path(args.dump), Path(args.output), args.scale)
    print(f"{n} quads ({args.scale}x) -> {args.output} in {time.perf_counter() - t:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
