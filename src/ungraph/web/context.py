"""The app's services, one typed object built by ``create_app`` (bioregistry proxies style).

Everything a view needs beyond the request lives here: the settings, the store (any
:class:`ungraph.store.ReadStore`), the namespaces, the build's identity, the two caches, the
query-time budget, and three things built on first use under one lock each — the label catalog,
the VoID statistics and the query worker pool (forked in the process that serves, after the store
is loaded) — plus the URL builders. Views reach it as :data:`services`.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from flask import current_app
from werkzeug.local import LocalProxy

from ungraph.config import Settings
from ungraph.namespaces import Namespaces
from ungraph.web.cache import AnswerCache, PageCache
from ungraph.web.urls import Urls

if TYPE_CHECKING:
    from ungraph.columns import Columns
    from ungraph.web.catalog import Catalog
    from ungraph.web.fair_use import QueryBudget
    from ungraph.web.sparql_pool import WorkerPool
    from ungraph.web.void import Statistics

__all__ = ["Services", "services", "get_services"]


@dataclass
class Services:
    settings: Settings
    store: Any  #: an :class:`ungraph.store.ReadStore`: pyoxigraph's Store or :class:`ungraph.backend.RemoteStore`
    ns: Namespaces
    #: Identifies the build being served (the dump's sha256 prefix, or a counter for in-memory stores);
    #: used for ETag / Last-Modified.
    build_id: str
    built_at: float
    answers: AnswerCache = field(default_factory=AnswerCache)
    pages: PageCache[tuple[str, str, str]] = field(default_factory=PageCache)
    budget: "QueryBudget | None" = None
    #: Opens the store again in a forked query worker (set when the store is on disk: a RocksDB handle
    #: must not be used across a fork); None: the workers share the parent's in-memory store.
    reopen: Callable[[], Any] | None = None
    #: The served store's columns (:mod:`ungraph.columns`), which answer point lookups, DESCRIBE and group counts;
    #: None for a store given to ``create_app``, a remote backend, or a store without (fresh) columns.
    mapped: "Columns | None" = None
    _catalog: "Catalog | None" = field(default=None, repr=False)
    _statistics: "Statistics | None" = field(default=None, repr=False)
    _pool: "WorkerPool | None" = field(default=None, repr=False)
    _urls: dict[str, Urls] = field(default_factory=dict, repr=False)
    _constants: dict[str, Any] = field(default_factory=dict, repr=False)
    _locks: dict[str, threading.Lock] = field(
        default_factory=lambda: {k: threading.Lock() for k in ("catalog", "statistics", "pool")}, repr=False)

    def catalog(self) -> "Catalog":
        """The label catalog (every label, type and mention count), read once."""
        if self._catalog is None:
            with self._locks["catalog"]:
                if self._catalog is None:
                    from ungraph.web.catalog import build_catalog

                    self._catalog = build_catalog(self.store, self.ns.ontology)
        return self._catalog

    def statistics(self) -> "Statistics":
        """The VoID statistics of the served graph, computed once."""
        if self._statistics is None:
            with self._locks["statistics"]:
                if self._statistics is None:
                    from ungraph.web import void

                    self._statistics = void.statistics(self.store, self.settings.base)
        return self._statistics

    def pool(self) -> "WorkerPool | None":
        """The query worker pool of this process (forked on first use); None over a remote backend."""
        if self.settings.backend:
            return None
        pool = self._pool
        if pool is None or pool.owner != os.getpid():
            with self._locks["pool"]:
                pool = self._pool
                if pool is None or pool.owner != os.getpid():
                    from ungraph.web.sparql_pool import WorkerPool

                    pool = self._pool = WorkerPool(self.store, size=self.settings.pool_size(), reopen=self.reopen)
        return pool

    def started_pool(self) -> "WorkerPool | None":
        """The pool if this process has started one (for ``/health``), without starting it."""
        pool = self._pool
        return pool if pool is not None and pool.owner == os.getpid() else None

    def job_prefixes(self) -> tuple[tuple[str, str], ...]:
        """The prefixes every SPARQL :class:`~ungraph.sparql.Job` of this app carries, sorted (made once)."""
        found = self._constants.get("prefixes")
        if found is None:
            found = self._constants["prefixes"] = tuple(sorted(self.ns.prefixes.items()))
        return found

    def answer_key_base(self) -> str:
        """What every answer key of this app starts from: the build and the job prefixes (made once)."""
        found = self._constants.get("key")
        if found is None:
            found = self._constants["key"] = repr((self.build_id, self.job_prefixes()))
        return found

    def last_modified(self) -> str:
        """``Last-Modified`` of everything served: the build's time as an HTTP date (made once)."""
        found = self._constants.get("last_modified")
        if found is None:
            from email.utils import formatdate

            found = self._constants["last_modified"] = formatdate(self.built_at, usegmt=True)
        return found

    def urls(self, root: str = "") -> Urls:
        """The URL builder for a script root (made once per root)."""
        found = self._urls.get(root)
        if found is None:
            found = self._urls.setdefault(root, Urls(self.ns.base, self.ns.prefixes, root))
        return found


def get_services() -> Services:
    return cast(Services, current_app.extensions["ungraph"])


services: Services = cast(Services, LocalProxy(get_services))
