"""Services shared by the blueprints: the settings, the store, the namespaces (bioregistry proxies style)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import pyoxigraph as ox
from flask import current_app
from werkzeug.local import LocalProxy

from ungraph.config import Settings
from ungraph.namespaces import Namespaces

__all__ = ["Services", "services", "get_services"]


@dataclass
class Services:
    settings: Settings
    store: ox.Store
    ns: Namespaces
    #: Identifies the build being served (the dump's sha256 prefix, or a counter for in-memory stores);
    #: used for ETag / Last-Modified.
    build_id: str
    built_at: float


def get_services() -> Services:
    return cast(Services, current_app.extensions["ungraph"])


services: Services = cast(Services, LocalProxy(get_services))
