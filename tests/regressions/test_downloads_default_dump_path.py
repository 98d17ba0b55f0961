"""Issue 12, defect 1: downloads answered 500 in the default setup (``make run``: the relative
``UNGRAPH_DUMP`` was checked against the working directory but handed to ``send_file``, which
resolves it against the package folder), and the Turtle and JSON-LD dumps were written into
``build/`` on first request. Paths are now resolved once at start-up and every dump (N-Quads,
Turtle, JSON-LD, N-Triples, each also gzipped) is written by the build."""

from __future__ import annotations

import gzip

from tests.web.sample_graph import BASE, sample_store
from ungraph import store as stores
from ungraph.config import Settings
from ungraph.namespaces import Namespaces
from ungraph.web.app import create_app
from ungraph.web.void import DOWNLOADS


def test_downloads_answer_with_the_default_relative_dump_path(tmp_path, monkeypatch) -> None:
    store = sample_store()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "build").mkdir()
    stores.write_dumps(store, "build/ungraph.nq", Namespaces(BASE).prefixes)
    settings = Settings(base=BASE)
    assert settings.dump == "build/ungraph.nq"  # the default, relative to the working directory
    client = create_app(settings, store=store).test_client()
    before = sorted(p.name for p in (tmp_path / "build").iterdir())
    for name, (mime, _) in DOWNLOADS.items():
        resp = client.get(f"/download/{name}")
        assert resp.status_code == 200, (name, resp.status_code)
        assert resp.mimetype == mime and resp.data == (tmp_path / "build" / name).read_bytes()
    assert sorted(p.name for p in (tmp_path / "build").iterdir()) == before  # nothing written on request


def test_the_build_writes_every_dump_gzipped_too(built) -> None:
    from pathlib import Path

    folder = Path(built.dump).parent
    for name in DOWNLOADS:
        assert (folder / name).is_file(), name
        if name.endswith(".gz"):
            assert gzip.decompress((folder / name).read_bytes()) == (folder / name.removesuffix(".gz")).read_bytes()
    assert {"ungraph.nq", "ungraph.ttl", "ungraph.jsonld", "ungraph.nt"} <= set(DOWNLOADS)
    assert {n + ".gz" for n in ("ungraph.nq", "ungraph.ttl", "ungraph.jsonld", "ungraph.nt")} <= set(DOWNLOADS)
