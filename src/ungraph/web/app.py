"""``create_app(settings, store=None)``: the Flask application factory.

The store is loaded into memory at start-up while it is small (a few hundred milliseconds for our
graph; in-memory queries are 2-4x faster) and opened read-only on disk when it is large
(:func:`ungraph.store.open_for_serving`, ``UNGRAPH_STORE_MODE``); either way it is read-only from then
on. Tests pass an in-memory store of their own.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pyoxigraph as ox
from flask import Blueprint, Flask
from flask.json.provider import DefaultJSONProvider

from ungraph.config import Settings
from ungraph.namespaces import Namespaces
from ungraph.store import ReadStore
from ungraph.web.context import Services

__all__ = ["create_app", "routes"]


def _build_identity(settings: Settings, store: ox.Store | None) -> tuple[str, float]:
    dump = Path(settings.dump)
    if store is None and dump.is_file():
        from ungraph.store import read_digest

        digest = read_digest(dump)  # written by the build: no need to read a large dump at start-up
        if digest:
            return digest[:20], dump.stat().st_mtime
        h = hashlib.sha256()
        with dump.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()[:20], dump.stat().st_mtime
    return f"mem-{len(store) if store is not None else 0}", time.time()


def routes() -> list[Blueprint]:
    """The routing table: every blueprint of the app, flat, in one visible list (datasette's ``_routes()``).

    ==================  ==============================================================================
    ``health``          ``/health``
    ``openapi``         ``/openapi.json`` (the OpenAPI description of every route below)
    ``documents``       ``/context.jsonld``
    ``sparql``          ``/sparql`` (the protocol; GET without a query: ``sparql_page``)
    ``sparql_page``     ``/.well-known/void``
    ``validation``      ``/validation``
    ``download``        ``/download/``, ``/download/<name>``
    ``pages``           ``/``, ``/lang/<code>``
    ``browse``          ``/class/``, ``/class/<name>``
    ``reader``          ``/read/...``
    ``search``          ``/search``, ``/api/search``
    ``reconcile``       ``/reconcile``, ``/reconcile/...`` (the W3C Reconciliation Service API)
    ``recon_draft``     ``/reconcile/1.0-draft``, ``/reconcile/1.0-draft/...`` (its 1.0 draft)
    ``views``           ``/timeline``, ``/map``, ``/charts`` and their ``/api/`` twins
    ``resource``        ``/id/<path>``, ``/ontology``, ``/shapes``, and last the catch-all ``/<path>``: any
                        other IRI under the base the graph knows (werkzeug tries it after every static
                        route, and ``tests/web/test_routes.py`` checks that it hides none of them)
    ==================  ==============================================================================
    """
    from ungraph.web import (browse, documents, download, health, openapi, pages, reader, reconcile, reconcile_draft,
                             resource, search, sparql, sparql_page, validation, views)

    return [health.blueprint, openapi.blueprint, documents.blueprint, sparql.blueprint, sparql_page.blueprint, validation.blueprint,
            download.blueprint, pages.blueprint, browse.blueprint, reader.blueprint, search.blueprint,
            reconcile.blueprint, reconcile_draft.blueprint, views.blueprint, resource.blueprint]


def create_app(settings: Settings | None = None, store: ox.Store | None = None) -> Flask:
    """Build the web app; raises :class:`ungraph.errors.StoreError` when the store cannot be opened."""
    from ungraph import columns, store as stores
    from ungraph.web import access, errors, fair_use

    settings = (settings or Settings.from_env()).resolved()  # every path absolute, once
    served: ReadStore | None = store  # what the app reads: this store, an external one or the build's
    if settings.backend and store is None:  # an external SPARQL store (ungraph.backend)
        from ungraph.backend import RemoteStore

        served = RemoteStore(settings.backend, timeout=settings.query_timeout)
        build_id = "remote-" + hashlib.sha256(settings.backend.encode("utf-8")).hexdigest()[:12]
        built_at = time.time()
    else:
        build_id, built_at = _build_identity(settings, store)
    reopen, mapped = None, None
    if served is None:
        # the columns must be those of the store opened here: the fingerprint is taken before it is opened
        # and must still match after (a build may swap the store directory meanwhile)
        before = columns.fingerprint(settings.store) if Path(settings.store).is_dir() else None
        served, on_disk = stores.open_for_serving(settings.store, settings.store_mode)
        mapped = columns.open_for(settings.store, expected=before)
        if on_disk:  # each forked query worker opens its own handle (ungraph.web.sparql_pool)
            path = settings.store

            def reopen() -> ox.Store:
                return stores.open_store(path, read_only=True)
    app = Flask(__name__)
    from ungraph.web.body import Response  # bodies in memory go to the server in one piece (ungraph.web.body)

    app.response_class = Response
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body
    if isinstance(app.json, DefaultJSONProvider):  # Flask's own, unless an extension replaced it
        app.json.ensure_ascii = False
    app.extensions["ungraph"] = Services(settings, served, Namespaces(settings.base), build_id, built_at,
                                         reopen=reopen, mapped=mapped)
    errors.register(app)
    access.register(app)
    fair_use.register(app, settings.rate_limit, settings.query_budget)
    for blueprint in routes():
        app.register_blueprint(blueprint)
    return app


