"""Issue 13 (fault tests): a new ``ungraph build`` while the server ran replaced the dumps on disk,
and ``/download/`` sent the new files, with the old build's ``ETag``, next to pages and SPARQL
answers from the old build it had loaded. The server keeps serving the build it loaded, downloads
included (the files are opened at start-up), until it is restarted."""

from __future__ import annotations

import pyoxigraph as ox

from tests.web.sample_graph import BASE, sample_quads
from ungraph import store as stores
from ungraph.config import Settings
from ungraph.web.app import create_app

MARKER = ox.Quad(ox.NamedNode(BASE + "id/x"), ox.NamedNode(BASE + "ontology#p"), ox.Literal("second build"),
                 ox.NamedNode(BASE + "graph/report"))


def test_downloads_stay_those_of_the_build_being_served(tmp_path) -> None:
    quads = list(sample_quads())
    store, dump = tmp_path / "store", tmp_path / "ungraph.nq"
    stores.write_build(quads, store, dump)
    client = create_app(Settings(base=BASE, store=str(store), dump=str(dump))).test_client()
    before = {name: client.get(f"/download/{name}") for name in ("ungraph.nq", "ungraph.ttl.gz")}
    assert all(r.status_code == 200 for r in before.values())
    stores.write_build([*quads, MARKER], store, dump)
    for name, old in before.items():
        now = client.get(f"/download/{name}")
        assert now.status_code == 200 and now.data == old.data and now.headers["ETag"] == old.headers["ETag"], name
    assert b"second build" in dump.read_bytes()
