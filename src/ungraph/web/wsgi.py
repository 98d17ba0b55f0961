"""WSGI entry point for servers: ``ungraph.web.wsgi:create_from_env`` (a factory) reads UNGRAPH_* settings.

granian calls it once in each server process (``UNGRAPH_WORKERS``, by default one per usable core),
after forking it: each process opens the store itself. Its query workers are forked here, at
start-up, rather than by the first query (tests and embedding applications that call
``create_app`` keep the lazy pool), so the first queries do not wait for forks and ``/health``
counts the workers from the start.
"""

from __future__ import annotations

from flask import Flask

from ungraph.config import Settings
from ungraph.web.app import create_app

__all__ = ["create_from_env"]


def create_from_env() -> Flask:
    from ungraph.web.access import configure_logging

    configure_logging()  # the access log and the slow-query log on stderr
    app = create_app(Settings.from_env())
    app.extensions["ungraph"].pool()  # None over a backend
    return app
