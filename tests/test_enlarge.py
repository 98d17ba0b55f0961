"""benchmarks/enlarge.py: the N-fold enlargement is deterministic, gives each report its own entities and
graph, keeps the reference entities shared (issue 14, item 4), and gives N reports the model allows: the
enlarged real build validates with the 1x results times N and nothing new (issue 14, aim 2)."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from ungraph.config import Settings
from ungraph.kinds import KINDS
from ungraph.validate import Result, validate_graph

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.enlarge import OWN_KINDS, SHARED_KINDS, copies, enlarge, tag  # noqa: E402 - once the repository root is on sys.path (benchmarks/ is not installed)

B = "http://h/"
LINES = [
    f'<{B}id/report/A-78-1/chapter/1> <{B}ontology#mentions> <{B}id/country/COD> <{B}graph/report> .\n',
    f'<{B}id/report/A-78-1/chapter/1> <http://purl.org/dc/terms/title> "和平"@zh <{B}graph/report> .\n',
    f'<{B}id/country/COD> <http://www.w3.org/2004/02/skos/core#prefLabel> "刚果民主共和国"@zh <{B}graph/report> .\n',
    f'<{B}id/country/COD> <http://www.w3.org/2004/02/skos/core#prefLabel> "Congo"@en <{B}graph/reference> .\n',
]


def test_each_report_owns_its_nodes_and_shares_the_reference_entities() -> None:
    out = list(copies(LINES, 3))
    assert out[:4] == LINES  # copy 0 is the build itself
    assert len(out) == 4 + 2 * 3  # only the report graph is copied
    t = tag(1)
    assert out[4] == f'<{B}id/report/{t}/A-78-1/chapter/1> <{B}ontology#mentions> <{B}id/country/COD> <{B}graph/report/{t}> .\n'
    assert out[5].endswith(f'"和平"@zh <{B}graph/report/{t}> .\n')  # a report built by ungraph has Chinese text
    assert out[6] == LINES[2].replace("graph/report>", f"graph/report/{t}>")  # a shared entity keeps its label


def test_every_kind_is_either_a_report_s_own_or_shared() -> None:
    assert not set(OWN_KINDS) & set(SHARED_KINDS)
    assert sorted(set(OWN_KINDS) | set(SHARED_KINDS)) == sorted(KINDS)


def test_the_enlargement_is_deterministic(tmp_path: Path) -> None:
    src = tmp_path / "in.nq"
    src.write_text("".join(LINES), encoding="utf-8")
    a, b = tmp_path / "a.nq", tmp_path / "b.nq"
    assert enlarge(src, a, 5) == enlarge(src, b, 5) == 4 + 4 * 3
    assert a.read_bytes() == b.read_bytes()


def _untagged(term: str | None, base: str, tags: tuple[str, ...]) -> str | None:
    """``term`` with a copy's tag taken out of its IRI (``id/event/a78-1/x`` -> ``id/event/x``)."""
    if term is None:
        return None
    for kind in OWN_KINDS:
        for t in tags:
            term = term.replace(f"{base}id/{kind}/{t}/", f"{base}id/{kind}/")
    return term


def _as_1x(r: Result, base: str, tags: tuple[str, ...]) -> tuple[object, ...]:
    return (r.severity, r.shape, r.source_shape, r.component, _untagged(r.focus, base, tags), r.path,
            _untagged(r.value, base, tags), _untagged(r.message, base, tags))


@pytest.mark.slow  # validates 155k and 310k quads: about a minute on a loaded machine
def test_the_enlarged_real_build_has_the_1x_results_n_times_and_nothing_new(built: Settings) -> None:
    """The shapes allow many reports and the copies break none of them: at 2x every result is a 1x result
    (about a copy's own node or a shared one), own nodes' results doubled, shared ones once."""
    skip = (f"<{built.base}graph/validation> .", f"<{built.base}graph/shapes> .")
    lines = [line for line in Path(built.dump).read_text(encoding="utf-8").splitlines(keepends=True)
             if not line.rstrip().endswith(skip)]
    one = validate_graph(ox.parse("".join(lines).encode("utf-8"), format=ox.RdfFormat.N_QUADS), built.base)
    two = validate_graph(ox.parse("".join(copies(lines, 2)).encode("utf-8"), format=ox.RdfFormat.N_QUADS),
                         built.base)
    tags = (tag(1),)
    assert two.conforms == one.conforms, two.report_text
    assert {_as_1x(r, built.base, tags) for r in two.results} == {_as_1x(r, built.base, ()) for r in one.results}
    own = [r for r in one.results if any(r.focus.startswith(f"{built.base}id/{k}/") for k in OWN_KINDS)]
    assert len(two.results) == len(one.results) + len(own)
