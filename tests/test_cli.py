"""Every CLI command, its --help, and its error paths: one line, no traceback, non-zero exit."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from ungraph.cli import cli
from ungraph.config import Settings

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def assert_one_line_error(result, code: int = 2, match: str = "") -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.output
    assert match in lines[0]


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_query_select_defaults_to_sparql_json(built: Settings) -> None:
    result = run("query", "--store", built.store, "SELECT ?t WHERE { ?r a <https://schema.org/Report> ; "
                 "<http://purl.org/dc/terms/identifier> ?t }")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["results"]["bindings"]
    assert [r["t"]["value"] for r in rows] == ["A/78/1"]


@pytest.mark.parametrize("fmt, check", [
    ("csv", lambda out: out.startswith(b"n\r\n")),
    ("tsv", lambda out: out.startswith(b"?n\n")),
    ("xml", lambda out: b"<sparql" in out),
    ("json", lambda out: b"bindings" in out),
])
def test_query_result_formats(built: Settings, fmt: str, check) -> None:
    result = run("query", "--store", built.store, "--format", fmt, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert result.exit_code == 0, result.output
    assert check(result.stdout_bytes)


def test_query_construct_as_turtle_from_stdin(built: Settings) -> None:
    q = "CONSTRUCT { ?r ?p ?o } WHERE { ?r a <https://schema.org/Report> ; ?p ?o }"
    result = run("query", "--store", built.store, "-", input=q)
    assert result.exit_code == 0, result.output
    triples = list(ox.parse(result.output.encode(), format=ox.RdfFormat.TURTLE))
    assert len(triples) >= 5


@pytest.mark.parametrize("args, match", [
    (["SELECT WHERE {"], "does not parse"),
    (["--format", "ttl", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"], "does not fit"),
    (["INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }"], "does not parse"),
])
def test_query_errors(built: Settings, args: list[str], match: str) -> None:
    assert_one_line_error(run("query", "--store", built.store, *args), match=match)


def test_query_missing_store_is_one_line_error(tmp_path: Path) -> None:
    assert_one_line_error(run("query", "--store", str(tmp_path / "nope"), "ASK {}"), match="run `ungraph build`")


@pytest.mark.parametrize("fmt", ["nq", "trig", "ttl", "nt", "jsonld"])
def test_export_formats_parse_back(built: Settings, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    result = run("export", "--store", built.store, "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    fmt_obj = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "ttl": ox.RdfFormat.TURTLE,
               "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}[fmt]
    assert len(list(ox.parse(path=str(out), format=fmt_obj))) > 1000


def test_export_nq_equals_the_build_dump(built: Settings) -> None:
    result = CliRunner().invoke(cli, ["export", "--store", built.store, "--format", "nq"])
    assert result.stdout_bytes == Path(built.dump).read_bytes()


def test_export_unknown_format_is_a_usage_error(built: Settings) -> None:
    result = run("export", "--store", built.store, "--format", "csv")
    assert result.exit_code == 2 and "Invalid value" in result.output


@pytest.fixture()
def store_copy(built: Settings, tmp_path: Path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(built.store, target)
    return target


def _count(store: Path, graph: str | None = None) -> int:
    s = ox.Store.read_only(str(store))
    return len(list(s.quads_for_pattern(None, None, None, ox.NamedNode(graph) if graph else None)))


def test_load_turtle_into_a_named_graph(store_copy: Path, tmp_path: Path) -> None:
    f = tmp_path / "mine.ttl"
    f.write_text("<http://example.org/a> <http://example.org/b> \"c\" , \"d\" .\n")
    result = run("load", str(f), "--graph", "http://example.org/g", "--store", str(store_copy))
    assert result.exit_code == 0, result.output
    assert _count(store_copy, "http://example.org/g") == 2


def test_load_nquads_keeps_their_graphs(store_copy: Path, tmp_path: Path) -> None:
    f = tmp_path / "mine.nq"
    f.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> <http://example.org/g1> .\n"
                 "<http://example.org/a> <http://example.org/b> <http://example.org/d> <http://example.org/g2> .\n")
    assert run("load", str(f), "--store", str(store_copy)).exit_code == 0
    assert _count(store_copy, "http://example.org/g1") == 1 and _count(store_copy, "http://example.org/g2") == 1


@pytest.mark.parametrize("name, content, match", [
    ("bad.ttl", "<http://x/a> <http://x/b> .", "does not parse"),
    ("data.csv", "a,b", "unknown RDF file extension"),
    ("missing.ttl", None, "no such file"),
])
def test_load_bad_files_change_nothing(store_copy: Path, tmp_path: Path, name: str, content: str | None,
                                       match: str) -> None:
    before = _count(store_copy)
    f = tmp_path / name
    if content is not None:
        f.write_text(content)
    assert_one_line_error(run("load", str(f), "--store", str(store_copy)), match=match)
    assert _count(store_copy) == before


def test_validate_store_conforms(built: Settings) -> None:
    result = run("validate", "--store", built.store)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("args, match", [
    (["--data", "nope.ttl"], "no such file"),
    (["--data", "x.csv"], "unknown RDF file extension"),
])
def test_validate_errors_exit_2(args: list[str], match: str) -> None:
    assert_one_line_error(run("validate", *args), match=match)


def test_validate_store_and_data_together_is_an_error(built: Settings) -> None:
    assert_one_line_error(run("validate", "--store", built.store, "--data", built.dump), match="not both")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.server
def test_serve_answers_sparql_and_refuses_a_port_in_use(built: Settings) -> None:
    port = _free_port()
    cmd = [sys.executable, "-m", "ungraph", "serve", "--store", built.store, "--port", str(port)]
    env = {"UNGRAPH_DUMP": built.dump, "PATH": "/usr/bin:/bin"}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}/sparql"
        for _ in range(100):
            try:
                r = httpx.get(url, params={"query": "ASK { ?s ?p ?o }"}, timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert r.status_code == 200 and r.json()["boolean"] is True
        r = httpx.post(url, content="SELECT (1 AS ?x) {}", headers={"Content-Type": "application/sparql-query"})
        assert r.json()["results"]["bindings"][0]["x"]["value"] == "1"
        second = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
        assert second.returncode == 2
        assert second.stderr.strip().startswith("error: cannot listen on 127.0.0.1:") and "Traceback" not in second.stderr
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_without_a_store_is_one_line_error(tmp_path: Path) -> None:
    assert_one_line_error(run("serve", "--store", str(tmp_path / "none"), "--port", str(_free_port())),
                          match="no store here")
