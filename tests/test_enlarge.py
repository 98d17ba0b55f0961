"""benchmarks/enlarge.py: the N-fold enlargement is deterministic, gives each report its own entities and
graph, and keeps the reference entities shared (issue 14, item 4)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.enlarge import copies, enlarge, tag  # noqa: E402

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
    assert out[5].endswith(f'"和平"@en <{B}graph/report/{t}> .\n')  # the report's own text in the copy's language
    assert out[6] == LINES[2].replace("graph/report>", f"graph/report/{t}>")  # a shared entity keeps its label


def test_the_enlargement_is_deterministic(tmp_path: Path) -> None:
    src = tmp_path / "in.nq"
    src.write_text("".join(LINES), encoding="utf-8")
    a, b = tmp_path / "a.nq", tmp_path / "b.nq"
    assert enlarge(src, a, 5) == enlarge(src, b, 5) == 4 + 4 * 3
    assert a.read_bytes() == b.read_bytes()
