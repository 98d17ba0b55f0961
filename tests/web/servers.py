"""Real servers for the web tests: ``python -m ungraph serve`` and ``oxigraph serve`` on 127.0.0.1.

Each starts on a free port, is waited for (bounded), and is stopped by its own process id.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
#: Screenshots of the browser tests.
ARTIFACTS = ROOT / "test-artifacts"
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = output(proc) if hasattr(proc, "log") else proc.stdout.read().decode(errors="replace") if proc.stdout else ""
            raise RuntimeError(f"server exited with {proc.returncode}: {out[-2000:]}")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"server at {url} did not answer within {seconds} s")


def children(pid: int) -> list[int]:
    """The process ids whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def output(proc: subprocess.Popen) -> str:
    """What an :func:`ungraph_process` server wrote so far (stdout and stderr)."""
    log = proc.log
    log.flush()
    log.seek(0)
    return log.read().decode("utf-8", errors="replace")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@contextlib.contextmanager
def ungraph_server(store: Path | None = None, *, env: dict[str, str] | None = None,
                   backend: str | None = None) -> Iterator[str]:
    """``python -m ungraph serve`` on a free port; yields the root URL (ending in '/')."""
    with ungraph_process(store, env=env, backend=backend) as (url, _proc):
        yield url


@contextlib.contextmanager
def ungraph_process(store: Path | None = None, *, env: dict[str, str] | None = None,
                    backend: str | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """:func:`ungraph_server`, yielding (root URL, the server process) for tests that signal it."""
    port = free_port()
    args = [sys.executable, "-m", "ungraph", "serve", "--host", "127.0.0.1", "--port", str(port)]
    if store is not None:
        args += ["--store", str(store)]
    if backend:
        args += ["--backend", backend]
    # no per-client request limit: every test client comes from 127.0.0.1 (tests/web/test_hardening.py tests the limit)
    full_env = {**os.environ, "UNGRAPH_BASE": f"http://127.0.0.1:{port}/", "UNGRAPH_RATE_LIMIT": "", "UNGRAPH_QUERY_BUDGET": "0",
                **(env or {})}
    # the output goes to a file, not a pipe: nobody reads a pipe, and a full one (the access log) would block the server
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(args, cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT)
    proc.log = log
    try:
        wait_for(f"http://127.0.0.1:{port}/sparql", proc)
        yield f"http://127.0.0.1:{port}/", proc
    finally:
        _stop(proc)
        log.close()


@contextlib.contextmanager
def oxigraph_server(location: Path, *, read_only: bool = False, port: int | None = None) -> Iterator[str]:
    """The Rust server (PyPI ``oxigraph``) on a free port (or ``port``); yields its root URL."""
    port = port or free_port()
    exe = VENV_BIN / "oxigraph"
    cmd = "serve-read-only" if read_only else "serve"
    proc = subprocess.Popen([str(exe), cmd, "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        wait_for(f"http://127.0.0.1:{port}/query", proc)
        yield f"http://127.0.0.1:{port}/"
    finally:
        _stop(proc)


# --- Virtuoso (Debian virtuoso-opensource), for tests/web/test_virtuoso.py and the endpoint benchmark -------

VIRTUOSO = Path("/usr/bin/virtuoso-t")
ISQL = Path("/usr/bin/isql-vt")
_VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = ., {d}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
MaxQueryMem = 1G
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}/vsp
ServerThreads = 20
MaxClientConnections = 20
Charset = UTF-8
EnabledGzipContent = 0
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


def isql(sql_port: int, statements: str, timeout: float = 120) -> str:
    """Run SQL statements as Virtuoso's administrator (the fresh database's dba/dba)."""
    done = subprocess.run([str(ISQL), f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={statements}"],
                          capture_output=True, text=True, timeout=timeout)
    out = done.stdout + done.stderr
    if done.returncode != 0 or "*** Error" in out:
        errors = [line for line in out.splitlines() if "Error" in line]  # the statements echoed would hide them
        raise RuntimeError(f"isql failed (exit {done.returncode}): {' | '.join(errors)[:1000] or out[-1000:]}")
    return done.stdout


@contextlib.contextmanager
def virtuoso_server(directory: Path, *, buffers: int = 50000) -> Iterator[tuple[str, int]]:
    """``virtuoso-t +foreground`` with a generated ini in ``directory``, HTTP and SQL on free ports of 127.0.0.1.

    Yields (root URL ending in '/', SQL port). The anonymous SPARQL user sees no graph until
    :func:`virtuoso_publish_read` lets it read the published ones: Virtuoso's union default graph
    would otherwise include its own system graphs. It can never write. Stopped by its own process id.
    """
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "vsp").mkdir(exist_ok=True)
    http, sql = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(d=directory, sql=sql, http=http, buffers=buffers, dirty=buffers * 3 // 4),
                   encoding="utf-8")
    proc = subprocess.Popen([str(VIRTUOSO), "+foreground", "+configfile", str(ini)], cwd=directory,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        wait_for(f"http://127.0.0.1:{http}/sparql?query=ASK%7B%7D", proc, seconds=60)
        isql(sql, "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 0);")
        yield f"http://127.0.0.1:{http}/", sql
    finally:
        _stop(proc)


def virtuoso_publish_read(sql_port: int, graphs: list[str]) -> None:
    """Let Virtuoso's anonymous SPARQL user read ``graphs`` (permission 1: read, nothing else), 50 graphs per
    ``isql`` call: the 100x enlargement's 500-odd graphs in one ``exec=`` made isql fail."""
    for i in range(0, len(graphs), 50):
        isql(sql_port, " ".join(f"DB.DBA.RDF_GRAPH_USER_PERMS_SET ('{g}', 'nobody', 1);" for g in graphs[i:i + 50]))
