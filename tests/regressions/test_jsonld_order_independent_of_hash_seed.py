"""Issue 14 (two fronts over one backend): the JSON-LD of an entity page listed a property's values in
rdflib's set order, which follows Python's hash seed, so two server processes gave different bytes
(and a cache in front of them different bodies under one ETag). The arrays are now sorted."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

from tests.web.servers import ROOT

SCRIPT = """
from tests.web.sample_graph import sample_store
from ungraph.config import Settings
from ungraph.web.app import create_app
app = create_app(Settings(rate_limit="", query_budget=0), sample_store())
r = app.test_client().get("/id/person/amina-j-mohammed", headers={"Accept": "application/ld+json"})
assert r.status_code == 200, r.status_code
import sys; sys.stdout.buffer.write(r.data)
"""


def _page(seed: str) -> bytes:
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, timeout=120,
                          env={**os.environ, "PYTHONHASHSEED": seed})
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    return done.stdout


def test_jsonld_page_is_the_same_under_any_hash_seed() -> None:
    pages = {hashlib.sha256(_page(seed)).hexdigest() for seed in ("1", "2", "3")}
    assert len(pages) == 1
