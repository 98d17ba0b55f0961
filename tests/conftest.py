"""Session fixtures: the real report built once into a temporary store, and a test client on it."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from ungraph import columns
from ungraph.config import Settings
from ungraph.store import open_store

ROOT = Path(__file__).resolve().parents[1]


def make_settings(tmp: Path, **changes: object) -> Settings:
    return Settings(source_dir=str(ROOT / "data/source"), reference_dir=str(ROOT / "data/reference"),
                    store=str(tmp / "store"), dump=str(tmp / "ungraph.nq")).replace(**changes)


def columns_over(tmp: Path, quads: list[ox.Quad], prefixes: tuple[tuple[str, str], ...]) -> tuple[columns.Columns, ox.Store]:
    """``quads`` written into an on-disk store under ``tmp`` with its columns (as a build writes them for
    ``prefixes``): the opened columns and the store, read-only."""
    d = tmp / "store"
    s = ox.Store(str(d))
    s.extend(quads)
    s.flush()
    del s
    columns.write(d, prefixes)
    found = columns.open_for(d)
    assert found is not None
    return found, open_store(d, read_only=True)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of a full build of the real report (validation included), made once per session."""
    from ungraph.build import build

    settings = make_settings(tmp_path_factory.mktemp("built"))
    build(settings)
    return settings


@pytest.fixture(scope="session")
def app(built: Settings):
    from ungraph.web.app import create_app

    return create_app(built)


@pytest.fixture()
def client(app):
    return app.test_client()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests on the real server or in the browser (``tests/web/conftest.py``) carry their marker
    whether or not their module says so, so ``make test-fast`` (``-m "not browser and not server and
    not slow"``) leaves them all out."""
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if "server" in used:
            item.add_marker(pytest.mark.server)
        if used & {"browser", "page", "visit"}:
            item.add_marker(pytest.mark.browser)
