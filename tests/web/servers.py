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


def output(proc: subprocess.Popen) -> str:
    """What an :func:`ungraph_process` server wrote so far (stdout and stderr)."""
    log = proc.log  # type: ignore[attr-defined]
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
    proc.log = log  # type: ignore[attr-defined]
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
