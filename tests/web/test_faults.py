"""Faults survived (issue 13), each against a real server process (``python -m ungraph serve``):

* a query worker killed mid-query: that request is answered 503, the pool heals, the next query
  succeeds; a worker that dies while idle costs no request anything;
* the backend (``--backend`` to ``oxigraph serve``) down and back: 503 while down, answers after;
* the store directory replaced by a new build while serving: the server keeps answering from the
  build it loaded, downloads included, until it is restarted (documented in the README);
* a full disk during a build: the build fails, the previous store and dump are untouched and still
  served;
* SIGTERM: the request in flight is answered in full, then the server exits;
* a server process killed (granian's worker; ``UNGRAPH_WORKERS``, by default one per usable
  core): the others answer meanwhile, granian starts a new one with its own query workers, and the
  killed one's query workers die with it.

The server runs with its default number of server processes (one per usable core): the query
workers are the children of every one of them (:func:`query_workers`).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from tests.web.sample_graph import BASE, sample_quads
from tests.web.servers import ROOT, VENV_BIN, children, free_port, oxigraph_server, ungraph_process, ungraph_server
from ungraph import store as stores
from ungraph.config import usable_cores
from ungraph.errors import StoreError

pytestmark = pytest.mark.server  # a real server in a subprocess

ENTITY = "id/organization/MONUSCO"
JSON = {"Accept": "application/sparql-results+json"}
#: a query that runs for seconds on any data (a cube of VALUES), and is cheap to make longer
CUBE = "SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?x {{ {v} }} VALUES ?y {{ {v} }} VALUES ?z {{ {v} }} }}"


def cube(n: int) -> str:
    return CUBE.format(v=" ".join(str(i) for i in range(1, n + 1)))


@pytest.fixture(scope="module")
def quads() -> list[ox.Quad]:
    return list(sample_quads())


@pytest.fixture()
def built(tmp_path: Path, quads: list[ox.Quad]) -> tuple[Path, Path]:
    """A store and its dumps written by the build's own publishing step (``store.write_build``)."""
    store, dump = tmp_path / "build" / "store", tmp_path / "build" / "ungraph.nq"
    stores.write_build(quads, store, dump)
    return store, dump


def _env(dump: Path | None = None, **more: str) -> dict[str, str]:
    env = {"UNGRAPH_BASE": BASE, "UNGRAPH_QUERY_WORKERS": str(POOL), **more}
    if dump is not None:
        env["UNGRAPH_DUMP"] = str(dump)
    return env


def server_processes(server: subprocess.Popen) -> list[int]:
    """granian's worker processes: the server's children."""
    return sorted(children(server.pid))


def query_workers(server: subprocess.Popen) -> list[int]:
    """The forked query workers of every server process (the children of granian's workers)."""
    return sorted(w for child in server_processes(server) for w in children(child))


def _alive(pid: int) -> bool:
    """Running (not gone, not a zombie waiting to be reaped)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _cpu(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def busy_worker(server: subprocess.Popen, seconds: float = 20.0) -> int:
    """The query worker that is burning CPU (running a query)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        before = {w: _cpu(w) for w in query_workers(server)}
        time.sleep(0.3)
        used = {w: _cpu(w) - t for w, t in before.items() if Path(f"/proc/{w}").exists()}
        if used and max(used.values()) > 0:
            return max(used, key=used.__getitem__)
    raise AssertionError("no query worker got busy")


@contextlib.contextmanager
def in_background(fn) -> Iterator[dict[str, object]]:
    """Run ``fn`` in a thread; the dict gets its result (or error) once the block ends."""
    out: dict[str, object] = {}

    def run() -> None:
        try:
            out["result"] = fn()
        except Exception as e:  # noqa: BLE001 - handed to the test
            out["error"] = e

    t = threading.Thread(target=run)
    t.start()
    try:
        yield out
    finally:
        t.join(timeout=120)


#: query workers per server process in these tests (UNGRAPH_QUERY_WORKERS)
POOL = 2


def _wait_for(what: str, found: Callable[[], list[int]], n: int, seconds: float = 30.0) -> list[int]:
    deadline = time.monotonic() + seconds
    last: list[int] = []
    while time.monotonic() < deadline:
        last = found()
        if len(last) == n:
            return last
        time.sleep(0.1)
    raise AssertionError(f"{len(last)} {what}, not {n}")


def _wait_workers(server: subprocess.Popen, seconds: float = 30.0) -> list[int]:
    """Every query worker of every server process, once all are there (each process forks POOL at start)."""
    processes = _wait_for("server processes", lambda: server_processes(server), usable_cores(), seconds)
    return _wait_for("query workers", lambda: query_workers(server), POOL * len(processes), seconds)


# --- a query worker killed ------------------------------------------------------------------------

def test_a_worker_killed_mid_query_is_a_503_and_the_pool_heals(built) -> None:
    store, dump = built
    with ungraph_process(store, env=_env(dump, UNGRAPH_QUERY_TIMEOUT="60")) as (root, server):
        assert httpx.get(root + "sparql", params={"query": "ASK {}"}, headers=JSON).status_code == 200
        workers = _wait_workers(server)
        with in_background(lambda: httpx.post(root + "sparql", data={"query": cube(600)}, headers=JSON,
                                              timeout=90)) as slow:
            victim = busy_worker(server)
            os.kill(victim, signal.SIGKILL)
        resp = slow["result"]
        assert resp.status_code == 503 and resp.headers["Retry-After"]
        assert "worker" in resp.json()["error"]
        assert httpx.get(root + "sparql", params={"query": "ASK { ?s ?p ?o }"}, headers=JSON).json()["boolean"] is True
        healed = _wait_workers(server)
        assert victim not in healed and len(healed) == len(workers)
        assert httpx.get(root + "health").status_code == 200


def test_a_worker_that_dies_idle_costs_no_request_anything(built) -> None:
    store, dump = built
    with ungraph_process(store, env=_env(dump)) as (root, server):
        assert httpx.get(root + "sparql", params={"query": "ASK {}"}, headers=JSON).status_code == 200
        workers = _wait_workers(server)
        for pid in workers:  # the out-of-memory killer takes every idle worker
            os.kill(pid, signal.SIGKILL)
        time.sleep(0.2)
        codes = [httpx.get(root + "sparql", params={"query": f"ASK {{ ?s ?p {i} }}"}, headers=JSON).status_code
                 for i in range(2 * len(workers) + 1)]
        assert codes == [200] * len(codes)
        assert httpx.get(root + "health").status_code == 200


# --- the backend down and back --------------------------------------------------------------------

@pytest.mark.skipif(not (VENV_BIN / "oxigraph").exists(), reason="the oxigraph server (PyPI oxigraph) is not installed")
def test_the_backend_down_is_a_503_and_back_it_answers_again(tmp_path: Path, quads) -> None:
    location = tmp_path / "oxigraph"
    s = ox.Store(str(location))
    s.bulk_extend(quads)
    s.flush()
    del s
    port = free_port()
    backend = f"http://127.0.0.1:{port}/query"

    def get(root: str, path: str, accept: str = "text/html") -> httpx.Response:
        return httpx.get(root + path, headers={"Accept": accept}, timeout=30)

    with oxigraph_server(location, read_only=True, port=port):
        server = ungraph_server(backend=backend, env=_env(UNGRAPH_QUERY_TIMEOUT="5"))
        root = server.__enter__()
    try:
        # down (the backend was stopped right after the server came up): every path says 503, none 500
        for path, accept in (("sparql?query=ASK%7B%7D", "application/sparql-results+json"), (ENTITY, "text/html"),
                             ("id/country/COD", "text/turtle"), ("health", "application/json")):
            resp = get(root, path, accept)
            assert resp.status_code == 503, (path, resp.status_code, resp.text[:200])
            if path != "health":
                assert resp.headers["Retry-After"]
        with oxigraph_server(location, read_only=True, port=port):  # back
            assert get(root, "sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D", "application/sparql-results+json").json()["boolean"]
            assert get(root, ENTITY).status_code == 200
            assert get(root, "id/country/COD", "text/turtle").status_code == 200
            assert get(root, "health").status_code == 200
        assert get(root, "sparql?query=ASK%7B%3Fx%20%3Fy%20%3Fz%7D", "application/sparql-results+json").status_code == 503
    finally:
        server.__exit__(None, None, None)


# --- the store replaced while serving --------------------------------------------------------------

MARKER = ox.Quad(ox.NamedNode(BASE + "id/organization/MONUSCO"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment"),
                 ox.Literal("from the second build"), ox.NamedNode(BASE + "graph/report"))
HAS_MARKER = 'ASK { ?s ?p "from the second build" }'


def test_a_new_build_while_serving_leaves_the_server_on_the_build_it_loaded(built, quads) -> None:
    store, dump = built
    with ungraph_server(store, env=_env(dump)) as root:
        before = {p: httpx.get(root + p, headers={"Accept": "text/turtle"}) for p in (ENTITY, "download/ungraph.nq")}
        assert all(r.status_code == 200 for r in before.values())
        stores.write_build([*quads, MARKER], store, dump)  # `ungraph build` publishing while the server runs
        assert httpx.get(root + "sparql", params={"query": HAS_MARKER}, headers=JSON).json()["boolean"] is False
        for path, old in before.items():
            now = httpx.get(root + path, headers={"Accept": "text/turtle"})
            assert now.status_code == 200 and now.content == old.content, path
            assert now.headers["ETag"] == old.headers["ETag"], path
        assert b"from the second build" in dump.read_bytes()  # the new build is on disk
    with ungraph_server(store, env=_env(dump)) as root:  # a restart serves the new build
        assert httpx.get(root + "sparql", params={"query": HAS_MARKER}, headers=JSON).json()["boolean"] is True
        assert b"from the second build" in httpx.get(root + "download/ungraph.nq").content


# --- a full disk during a build --------------------------------------------------------------------

def _snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()
            and p.name != "LOG" and not p.name.startswith("LOG.")}


_FAILING_BUILD = """
import resource, signal, sys
from tests.web.sample_graph import sample_quads
from ungraph import store as stores
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead of killing us
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[3]), int(sys.argv[3])))
stores.write_build(list(sample_quads()), sys.argv[1], sys.argv[2])
"""


@contextlib.contextmanager
def small_tmpfs(path: Path) -> Iterator[Path]:
    path.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(path)], capture_output=True,
                          check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.decode(errors='replace').strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


@pytest.mark.parametrize("how", ["tmpfs", "file-size-limit"])
def test_a_full_disk_during_a_build_leaves_the_previous_store_and_dump(tmp_path: Path, quads, how: str) -> None:
    with contextlib.ExitStack() as stack:
        where = stack.enter_context(small_tmpfs(tmp_path / "disk")) if how == "tmpfs" else tmp_path / "disk"
        store, dump = where / "store", where / "ungraph.nq"
        stores.write_build(quads, store, dump)
        root = stack.enter_context(ungraph_server(store, env=_env(dump)))
        old_page = httpx.get(root + ENTITY, headers={"Accept": "text/turtle"}).content
        before = _snapshot(where)
        if how == "tmpfs":  # shrink the disk: the old build fits, a second one does not
            used = os.statvfs(where)
            taken = (used.f_blocks - used.f_bfree) * used.f_frsize
            subprocess.run(["mount", "-o", f"remount,size={taken + taken // 2}", str(where)], check=True)
            with pytest.raises(StoreError, match="No space left"):
                stores.write_build([*quads, MARKER], store, dump)
        else:  # every write past 256 KiB fails (EFBIG), as on a full disk
            done = subprocess.run([sys.executable, "-c", _FAILING_BUILD, str(store), str(dump), str(256 * 1024)],
                                  cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
            assert done.returncode != 0 and "StoreError" in done.stderr and "File too large" in done.stderr, done.stderr[-800:]
        assert _snapshot(where) == before  # the previous store and every dump, byte for byte; nothing left over
        assert sorted(p.name for p in where.iterdir()) == sorted({k.split("/")[0] for k in before})
        assert httpx.get(root + ENTITY, headers={"Accept": "text/turtle"}).content == old_page
        assert len(stores.open_store(store, read_only=True)) == len(quads)


# --- SIGTERM ----------------------------------------------------------------------------------------

def test_sigterm_lets_the_request_in_flight_finish_then_exits(built) -> None:
    store, dump = built
    with ungraph_process(store, env=_env(dump, UNGRAPH_QUERY_TIMEOUT="60")) as (root, server):
        assert httpx.get(root + "sparql", params={"query": "ASK {}"}, headers=JSON).status_code == 200
        n = 350
        with in_background(lambda: httpx.post(root + "sparql", data={"query": cube(n)}, headers=JSON,
                                              timeout=90)) as slow:
            busy_worker(server)
            server.send_signal(signal.SIGTERM)
            stopped_at = time.monotonic()
        resp = slow.get("result")
        assert resp is not None, slow.get("error")
        assert resp.status_code == 200, resp.text[:300]
        assert resp.json()["results"]["bindings"][0]["n"]["value"] == str(n ** 3)
        server.wait(timeout=30)
        assert server.returncode == 0 and time.monotonic() - stopped_at < 60
        with pytest.raises(httpx.ConnectError):
            httpx.get(root + "health", timeout=2)


# --- a server process killed ------------------------------------------------------------------------

def _answering_processes(root: str, n: int = 64) -> set[str]:
    """The request-id prefixes (one per server process, ``ungraph.web.errors``) of ``n`` concurrent requests."""
    from concurrent.futures import ThreadPoolExecutor

    def one(i: int) -> str:
        resp = httpx.get(root + "sparql", params={"query": f"ASK {{ ?s ?p {i} }}"}, headers=JSON, timeout=30)
        assert resp.status_code == 200, resp.text[:200]
        return resp.headers["X-Request-Id"].rsplit("-", 1)[0]

    with ThreadPoolExecutor(8) as pool:
        return set(pool.map(one, range(n)))


def test_the_default_is_one_server_process_per_usable_core(built) -> None:
    store, dump = built
    env = _env(dump)
    assert "UNGRAPH_WORKERS" not in env and "UNGRAPH_WORKERS" not in os.environ
    with ungraph_process(store, env=env) as (_root, server):
        assert len(_wait_for("server processes", lambda: server_processes(server), usable_cores())) == usable_cores()


def test_two_server_processes_answer_and_a_killed_one_is_replaced(built) -> None:
    store, dump = built
    with ungraph_process(store, env=_env(dump, UNGRAPH_WORKERS="2")) as (root, server):
        processes = _wait_for("server processes", lambda: server_processes(server), 2)
        _wait_for("query workers", lambda: query_workers(server), 2 * POOL)
        assert {p: len(children(p)) for p in processes} == {p: POOL for p in processes}  # a pool each
        deadline = time.monotonic() + 30
        while len(_answering_processes(root)) < 2:  # both take requests (the kernel picks who accepts)
            assert time.monotonic() < deadline, "one server process answered every request"
        victim = processes[0]
        its_workers = children(victim)
        os.kill(victim, signal.SIGKILL)
        for i in range(20):  # the other one answers meanwhile
            resp = httpx.get(root + "sparql", params={"query": f"ASK {{ ?s ?p {100 + i} }}"}, headers=JSON, timeout=30)
            assert resp.status_code == 200
        replaced = _wait_for("server processes", lambda: [p for p in server_processes(server) if p != victim], 2)
        assert victim not in replaced and processes[1] in replaced
        healed = _wait_for("query workers", lambda: query_workers(server), 2 * POOL)
        assert not set(its_workers) & set(healed)
        _wait_for("query workers of the killed process alive", lambda: [w for w in its_workers if _alive(w)], 0)
        assert server.poll() is None and httpx.get(root + "health").status_code == 200
        assert len(_answering_processes(root)) >= 1
