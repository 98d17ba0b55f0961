"""Shared fixtures of the web tests: the sample app, the sample graph on a real oxigraph server, the
real ungraph server and a real browser.

``sample_app`` is the app on the hand-made sample graph (:mod:`tests.web.sample_graph`) in memory, and
``web`` a test client of it (a module may define its own ``sample_app``, which ``web`` then serves);
``published`` is that graph published with ``ungraph publish`` to a real ``oxigraph serve`` (the
backend and read-store tests); ``server`` is ``python -m ungraph serve`` on the session's build
(:func:`tests.conftest.built`), on a free port, stopped by its own process; ``browser`` is Debian's
Chromium through Playwright (the tests that ask for it are skipped when either is missing); ``page``
is a fresh page in a Chinese-locale context that fails the test on any script error, CSP violation
or failed request.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from ungraph.config import Settings
from ungraph.namespaces import Namespaces

from tests.web.sample_graph import BASE, sample_quads, sample_store
from tests.web.servers import ARTIFACTS, ROOT, free_port, oxigraph_server

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def sample_app() -> Any:
    from ungraph.web.app import create_app

    return create_app(Settings(base=BASE), store=sample_store())


@pytest.fixture()
def web(sample_app: Any) -> Any:
    return sample_app.test_client()


@pytest.fixture(scope="session")
def server(built: Settings) -> Iterator[str]:
    """The root URL (no trailing '/') of ``python -m ungraph serve`` on the session's build."""
    port = free_port()
    env = {**os.environ, "UNGRAPH_STORE": built.store, "UNGRAPH_DUMP": built.dump, "UNGRAPH_HOST": "127.0.0.1",
           "UNGRAPH_PORT": str(port)}
    proc = subprocess.Popen([sys.executable, "-m", "ungraph", "serve"], env=env, cwd=ROOT,
                            stdout=(log := tempfile.TemporaryFile()), stderr=subprocess.STDOUT)  # a file: a full pipe (the access log) would block the server
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(url + "/", timeout=2) as resp:
                if resp.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            log.seek(0)
            out = log.read().decode(errors="replace")
            pytest.fail(f"the server did not start: {out[-2000:]}")
        time.sleep(0.3)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def enlarged_dump(built: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The build enlarged 3x by the benchmark's generator (``benchmarks/enlarge.py``): three reports as
    named graphs over shared reference entities, so answers have rows from several graphs."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.enlarge import enlarge

    d = tmp_path_factory.mktemp("x3")
    enlarge(Path(built.dump), d / "x3.nq", 3)
    return d / "x3.nq"


@pytest.fixture(scope="module")
def enlarged(enlarged_dump: Path) -> ox.Store:
    """:func:`enlarged_dump` in an in-memory store."""
    store = ox.Store()
    store.bulk_load(path=str(enlarged_dump), format=ox.RdfFormat.N_QUADS)
    return store


@pytest.fixture(scope="session")
def enlarged_on_disk(enlarged_dump: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """:func:`enlarged_dump` as an on-disk store directory with its columns (:mod:`ungraph.columns`)."""
    from ungraph import columns

    d = tmp_path_factory.mktemp("x3disk") / "store"
    store = ox.Store(str(d))
    store.bulk_load(path=str(enlarged_dump), format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    columns.write(d, Namespaces("http://127.0.0.1:8080/").prefixes.items())  # as a build writes them
    return d


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int, str]]:
    """(root URL of an ``oxigraph serve`` holding the sample graph, its triple count, ``ungraph publish``'s output).

    The modules that use it skip themselves when the ``oxigraph`` server is not installed."""
    tmp = tmp_path_factory.mktemp("backend")
    local = tmp / "store"
    s = ox.Store(str(local))
    s.bulk_extend(sample_quads())
    s.flush()
    expected = len(s)
    del s
    with oxigraph_server(tmp / "oxigraph") as remote:
        done = subprocess.run([sys.executable, "-m", "ungraph", "publish", "--to", remote + "store", "--store", str(local)],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        yield remote, expected, done.stdout


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium (``/usr/bin/chromium``) through Playwright; skips when either is missing.

    Module-scoped, not session-scoped: the query-worker pools that later in-process apps fork inherit
    the pipes of Playwright's driver, which then never sees its stdin close, and ``sync_playwright``'s
    exit at the end of the session waits for it forever (the suite hung after its last test). Closed at
    the end of each browser module, the driver is gone before other modules fork."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    """A new page (1280x1000, zh-CN) that fails the test on a script error, a CSP violation or a failed request."""
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text)
          if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
    pg.on("response", lambda r: errors.append(f"{r.status} {r.url}")
          if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
    yield pg
    context.close()
    assert not errors, errors  # no script error, no CSP violation, no missing asset
