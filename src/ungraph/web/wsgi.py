"""WSGI entry point for servers: ``ungraph.web.wsgi:create_from_env`` (a factory) reads UNGRAPH_* settings."""

from __future__ import annotations

from flask import Flask

from ungraph.config import Settings
from ungraph.web.app import create_app

__all__ = ["create_from_env"]


def create_from_env() -> Flask:
    from ungraph.web.access import configure_logging

    configure_logging()  # the access log and the slow-query log on stderr
    return create_app(Settings.from_env())
