"""The wheel, installed (not editable) into a fresh virtual environment, works outside the checkout:
it builds from its own package data (report, reference tables, ontology, shapes), answers queries,
and serves the endpoint, the pages, the example gallery and the downloads from another directory
(issue 13: package data through one door, ``ungraph.paths``)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.web.servers import free_port, wait_for

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "ungraph"


def test_nothing_in_the_package_walks_up_from_its_source_or_reads_tests() -> None:
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"__file__\)?\.resolve\(\)\.parents|\.parents\[\d\]", text), path
        assert not re.search(r"""["']tests["']|tests/queries""", text), path


def _run(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 300) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, (args, done.stdout[-2000:], done.stderr[-3000:])
    return done.stdout


@pytest.mark.slow
@pytest.mark.server
def test_the_wheel_installed_in_a_fresh_venv_builds_queries_and_serves_from_elsewhere(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UNGRAPH_", "PYTHON", "VIRTUAL_ENV"))}
    checkout = tmp_path / "checkout"  # a copy, so that building the wheel leaves the repository untouched
    shutil.copytree(ROOT, checkout, symlinks=True, ignore=shutil.ignore_patterns(
        ".venv", "build", ".git", "test-artifacts", "node_modules", "__pycache__", "*.egg-info", "benchmarks"))
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(checkout)], tmp_path, env)
    wheel = next(wheels.glob("ungraph-*.whl"))
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], tmp_path, env)
    py = venv / "bin" / "python"
    _run([str(py), "-m", "pip", "install", "-q", str(wheel)], tmp_path, env, timeout=600)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = _run([str(py), "-c", "import ungraph; print(ungraph.__file__)"], elsewhere, env)
    assert where.startswith(str(venv)), where  # the installed copy, not the checkout
    ungraph = str(venv / "bin" / "ungraph")
    _run([ungraph, "build", "-q"], elsewhere, env)  # defaults: build/ under the working directory
    assert (elsewhere / "build" / "ungraph.nq").is_file() and (elsewhere / "build" / "ungraph.ttl.gz").is_file()
    answer = _run([ungraph, "query", "ASK { ?r a <https://schema.org/Report> }"], elsewhere, env)
    assert json.loads(answer)["boolean"] is True
    port = free_port()
    served_from = tmp_path / "served-from"
    served_from.mkdir()
    proc = subprocess.Popen([ungraph, "serve", "--store", str(elsewhere / "build" / "store"), "--port", str(port)],
                            cwd=served_from, env={**env, "UNGRAPH_DUMP": str(elsewhere / "build" / "ungraph.nq")},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        root = f"http://127.0.0.1:{port}/"
        wait_for(root, proc, 60)
        page = httpx.get(root + "sparql", headers={"Accept": "text/html"}, timeout=30)
        config = json.loads(page.text.split('<script type="application/json" id="ug-sparql-config">')[1]
                            .split("</script>")[0])
        assert len(config["examples"]) >= 25
        charter = next(e for e in config["examples"] if e["name"].startswith("17-"))
        ask = httpx.get(root + "sparql", params={"query": charter["query"]}, timeout=30)
        assert ask.status_code == 200 and ask.json()["boolean"] is True
        assert httpx.get(root + "ontology", headers={"Accept": "text/turtle"}, timeout=30).status_code == 200
        assert httpx.get(root + "shapes", headers={"Accept": "text/turtle"}, timeout=30).status_code == 200
        assert httpx.get(root + "id/country/COD", headers={"Accept": "text/html"}, timeout=30).status_code == 200
        nq = httpx.get(root + "download/ungraph.nq", timeout=30)
        assert nq.status_code == 200 and nq.content == (elsewhere / "build" / "ungraph.nq").read_bytes()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
