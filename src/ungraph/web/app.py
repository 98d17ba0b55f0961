"""``create_app(settings, store=None)``: the Flask application factory.

The store is loaded into memory at start-up (a few hundred milliseconds for our graph): it is
read-only from then on, and in-memory queries are several times faster than on-disk ones.
Tests pass an in-memory store of their own.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pyoxigraph as ox
from flask import Flask

from ungraph.config import Settings
from ungraph.namespaces import Namespaces
from ungraph.web.context import Services

__all__ = ["create_app"]


def _build_identity(settings: Settings, store: ox.Store | None) -> tuple[str, float]:
    dump = Path(settings.dump)
    if store is None and dump.is_file():
        h = hashlib.sha256()
        with dump.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()[:20], dump.stat().st_mtime
    return f"mem-{len(store) if store is not None else 0}", time.time()


def create_app(settings: Settings | None = None, store: ox.Store | None = None) -> Flask:
    """Build the web app; raises :class:`ungraph.errors.StoreError` when the store cannot be opened."""
    from ungraph import store as stores
    from ungraph.web import errors, pages, reconcile, sparql, views

    settings = settings or Settings.from_env()
    if settings.backend and store is None:  # an external SPARQL store (ungraph.backend)
        from ungraph.backend import RemoteStore

        store = RemoteStore(settings.backend, timeout=settings.query_timeout)
        build_id = "remote-" + hashlib.sha256(settings.backend.encode("utf-8")).hexdigest()[:12]
        built_at = time.time()
    else:
        build_id, built_at = _build_identity(settings, store)
    if store is None:
        store = stores.load_in_memory(settings.store)
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.extensions["ungraph"] = Services(settings, store, Namespaces(settings.base), build_id, built_at)
    errors.register(app)
    app.register_blueprint(sparql.blueprint)
    app.register_blueprint(pages.blueprint)
    app.register_blueprint(reconcile.blueprint)
    app.register_blueprint(views.blueprint)  # /timeline, /map, /charts and their /api/ twins
    return app


