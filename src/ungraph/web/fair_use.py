"""Fair use per client: a request rate and a budget of query time, answered 429 with ``Retry-After``.

* **Requests**: every route but ``/health`` and the static files is limited per client address to
  ``settings.rate_limit`` (flask-limiter; e.g. ``50 per second``; empty: no limit, and flask-limiter
  is not installed at all: its per-request check cost about 26 µs of Python per request with no
  limit to check, 14 % of a ``/health`` request in a profile, ``benchmarks/endpoint/README.md``).
* **Query time**: like the Wikidata query service, each client has ``settings.query_budget``
  query-seconds per minute (``limits``' fixed window, counted in hundredths of a second of the time
  the query really ran in a worker; answers from the cache cost nothing). A client past its budget
  gets 429 before its next query runs, with ``Retry-After`` set to the end of the window.
* The worker pool itself is the global cap on concurrent heavy queries (a request waits for a free
  worker within the time limit, then gets 503).

Clients are told apart by their address (``request.remote_addr``; behind a reverse proxy, have the
proxy set it, e.g. werkzeug's ``ProxyFix``). Counters live in memory, per server process.
"""

from __future__ import annotations

import math
import threading
import time

from flask import Flask, Response, request
from limits import parse, strategies
from limits.storage import MemoryStorage

__all__ = ["register", "QueryBudget", "LocalMemoryStorage", "client_key"]

_UNITS = 100  # counted in hundredths of a second


def client_key() -> str:
    return request.remote_addr or "-"


class LocalMemoryStorage(MemoryStorage):
    """``limits``' in-memory counters without their expiry thread (``ungraph-memory://``).

    ``MemoryStorage.incr`` starts a ``threading.Timer`` of 10 ms whenever the previous one has
    fired: under load a new thread every 10 ms, each waiting for the GIL behind the requests
    (``tests/regressions/test_query_budget_starts_no_threads.py``). Its ``get`` already drops an
    expired counter when it is read; this class adds a sweep of the other expired counters, at
    most once a minute, in the calling thread, so the memory stays bounded by the clients of the
    last minute. Only the fixed-window counters (``incr``, ``decr``, ``get``) are used here.
    """

    STORAGE_SCHEME = ["ungraph-memory"]
    SWEEP_SECONDS = 60.0

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: str) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self._sweep_lock = threading.Lock()
        self._next_sweep = time.time() + self.SWEEP_SECONDS

    def _sweep(self) -> None:
        now = time.time()
        if now < self._next_sweep or not self._sweep_lock.acquire(blocking=False):
            return
        try:
            self._next_sweep = now + self.SWEEP_SECONDS
            for key in [k for k, at in list(self.expirations.items()) if at <= now]:
                self.get(key)  # drops it (MemoryStorage.get expires on read)
        finally:
            self._sweep_lock.release()

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        self.get(key)
        self._sweep()
        with self.locks[key]:
            self.storage[key] += amount
            if self.storage[key] == amount:
                self.expirations[key] = time.time() + expiry
        return self.storage.get(key, 0)

    def decr(self, key: str, amount: int = 1) -> int:
        self.get(key)
        with self.locks[key]:
            self.storage[key] = max(self.storage[key] - amount, 0)
        return self.storage.get(key, 0)


class QueryBudget:
    """Query-seconds per client per minute."""

    def __init__(self, seconds_per_minute: float) -> None:
        self.seconds = seconds_per_minute
        self._item = parse(f"{max(1, int(seconds_per_minute * _UNITS))} per minute")
        self._limiter = strategies.FixedWindowRateLimiter(LocalMemoryStorage())

    def retry_after(self, client: str) -> int | None:
        """None when ``client`` may run a query; else the seconds until its budget is renewed."""
        if self.seconds <= 0 or self._limiter.test(self._item, client):
            return None
        reset = self._limiter.get_window_stats(self._item, client).reset_time
        return max(1, math.ceil(reset - time.time()))

    def spend(self, client: str, seconds: float) -> None:
        if self.seconds > 0 and seconds > 0:
            units = min(max(1, math.ceil(seconds * _UNITS)), self._item.amount)
            self._limiter.hit(self._item, client, cost=units)


def register(app: Flask, rate_limit: str, query_budget: float) -> None:
    """Install the request limit and the query budget (``services.budget``)."""
    from flask_limiter import Limiter, RateLimitExceeded

    from ungraph.web.errors import error_response

    app.extensions["ungraph"].budget = QueryBudget(query_budget)
    if not rate_limit.strip():  # no request limit: no per-request check either
        return

    def exempt() -> bool:
        return request.path == "/health" or request.path.startswith("/static/") or request.method == "OPTIONS"

    # one counter per client across every route (flask-limiter's "application" limits)
    limiter = Limiter(client_key, app=app, application_limits=[rate_limit] if rate_limit else [],
                      storage_uri="ungraph-memory://", application_limits_exempt_when=exempt, headers_enabled=False)

    @app.errorhandler(RateLimitExceeded)
    def _too_many(e: RateLimitExceeded) -> Response:
        current = limiter.current_limit
        reset = current.reset_at if current is not None else time.time() + 1
        resp = error_response(429, f"too many requests from your address (limit: {e.description}); slow down")
        resp.headers["Retry-After"] = str(max(1, math.ceil(reset - time.time())))
        return resp
