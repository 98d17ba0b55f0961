"""Settings: one documented table, set by CLI options or ``UNGRAPH_*`` environment variables.

Like datasette's ``SETTINGS``: every setting has a name, a default and a help text, and
``tests/test_docs.py`` fails when the README's settings table misses one. Relative paths
are resolved against the current directory once, at start-up (:meth:`Settings.resolved`); the
report and the reference tables default to the copies shipped in the package (:mod:`ungraph.paths`).

>>> s = Settings.from_env({"UNGRAPH_PORT": "9000"})
>>> s.port, s.base
(9000, 'http://127.0.0.1:8080/')
>>> Settings.from_env({"UNGRAPH_PORT": "x"})
Traceback (most recent call last):
...
ungraph.config.SettingsError: UNGRAPH_PORT: expected an integer, got 'x'
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ungraph.errors import UngraphError

__all__ = ["Setting", "SETTINGS", "Settings", "SettingsError", "usable_cores", "default_pool_size"]


def default_pool_size(cores: int, servers: int) -> int:
    """Query workers per server process by default: four per core in all, shared among the ``servers``
    server processes, at least 2 and at most 8 each.

    The total is what bounds the heavy queries running at once; it used to be twice the cores *per
    server process*, so it grew with the square of the cores (16 cores: 16 processes x 8 workers).
    On this 2-core machine (two server processes) it is 4 each, as before: the figures of
    ``benchmarks/endpoint/README.md`` hold.

    >>> default_pool_size(2, 2), default_pool_size(2, 1), default_pool_size(1, 1), default_pool_size(16, 16)
    (4, 8, 4, 4)
    >>> default_pool_size(64, 64), default_pool_size(64, 4)
    (4, 8)
    """
    return max(2, min(8, -(-4 * cores // max(1, servers))))


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, as a container or ``taskset`` limits it),
    not the machine's: ``os.process_cpu_count`` (Python 3.13) or ``os.sched_getaffinity``, else
    ``os.cpu_count``; at least 1.

    >>> usable_cores() >= 1
    True
    """
    counter = getattr(os, "process_cpu_count", None)
    if counter is not None:
        return max(1, counter() or 1)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


class SettingsError(UngraphError, ValueError):
    """A setting has a value of the wrong type or out of range."""


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("base", "http://127.0.0.1:8080/",
            "Base IRI of every minted IRI ({base}id/{kind}/{key}); must end with '/'. "
            "The server answers at the path of each IRI under it."),
    Setting("source_dir", "", "Directory holding the report text and its source.json (empty: the copy shipped "
            "in the package, which in the repository is data/source)."),
    Setting("reference_dir", "", "Directory holding the curated reference TSV files (empty: the copy shipped in "
            "the package, which in the repository is data/reference)."),
    Setting("store", "build/store", "Directory of the pyoxigraph store that build writes and serve reads."),
    Setting("dump", "build/ungraph.nq", "Path of the canonical, sorted N-Quads dump written by build."),
    Setting("host", "127.0.0.1", "Interface the server binds to."),
    Setting("port", 8080, "TCP port the server listens on."),
    Setting("workers", 0, "Number of server worker processes (0: the number of usable cores). Each holds the "
            "graph in memory, or its own read-only handle on the on-disk store; a worker that dies is replaced."),
    Setting("threads", 8, "Request threads per server process (granian's blocking threads). Python runs one at a "
            "time; more let requests wait for their query workers side by side."),
    Setting("query_workers", 0, "Forked query worker processes per server process (0: four per usable core in all, "
            "shared among the server processes, 2 to 8 each)."),
    Setting("query_timeout", 10.0, "Seconds a SPARQL query may run before it is stopped with 503."),
    Setting("max_rows", 10000, "Most result rows a SELECT returns; more are cut with an explicit signal."),
    Setting("max_body", 1048576, "Largest accepted request body in bytes; larger bodies get 413."),
    Setting("store_mode", "auto", "How serve reads the store: 'memory' (loaded into memory at start-up), 'disk' "
            "(the on-disk store opened read-only: starts in milliseconds at any size) or 'auto' (memory while "
            "the store's snapshot is at most 256 MB, disk above)."),
    Setting("backend", "", "URL of an external SPARQL 1.1 endpoint to serve instead of the local store."),
    Setting("rate_limit", "", "Requests each client address may make (flask-limiter syntax, e.g. "
            "'50 per second; 1000 per minute'); more get 429 with Retry-After. Empty (the default): no request "
            "limit, only the query budget; set one on the open internet."),
    Setting("query_budget", 60.0, "Seconds of query time each client address may use per minute; past it, "
            "queries get 429 with Retry-After. 0: no budget."),
    Setting("validate", True, "Run SHACL validation during build and refuse a non-conforming graph."),
    Setting("shacl", "auto", "SHACL engine of build and validate: 'pyshacl', 'rust' (the Rust validator shacl, "
            "same results and report) or 'auto' (pyshacl below 200,000 quads, rust from there, where pyshacl "
            "passes the 10 s budget)."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def _coerce(name: str, default: Any, raw: Any) -> Any:
    if isinstance(raw, str):
        raw = raw.strip()
    try:
        if isinstance(default, bool):
            if isinstance(raw, bool):
                return raw
            if str(raw).lower() in {"1", "true", "yes", "on"}:
                return True
            if str(raw).lower() in {"0", "false", "no", "off"}:
                return False
            raise ValueError
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
    except (TypeError, ValueError):
        kind = {bool: "a boolean", int: "an integer", float: "a number"}[type(default)]
        raise SettingsError(f"UNGRAPH_{name.upper()}: expected {kind}, got {raw!r}") from None
    return str(raw)


@dataclass(frozen=True)
class Settings:
    base: str = "http://127.0.0.1:8080/"
    source_dir: str = ""
    reference_dir: str = ""
    store: str = "build/store"
    dump: str = "build/ungraph.nq"
    host: str = "127.0.0.1"
    port: int = 8080
    workers: int = 0
    threads: int = 8
    query_workers: int = 0
    query_timeout: float = 10.0
    max_rows: int = 10000
    max_body: int = 1048576
    store_mode: str = "auto"
    backend: str = ""
    rate_limit: str = ""
    query_budget: float = 60.0
    validate: bool = True
    shacl: str = "auto"

    def __post_init__(self) -> None:
        if not self.base.endswith("/") or "://" not in self.base:
            raise SettingsError(f"UNGRAPH_BASE: must be an absolute IRI ending with '/', got {self.base!r}")
        if not 0 < self.port < 65536:
            raise SettingsError(f"UNGRAPH_PORT: must be between 1 and 65535, got {self.port}")
        for name in ("threads", "max_rows", "max_body"):
            if getattr(self, name) < 1:
                raise SettingsError(f"UNGRAPH_{name.upper()}: must be at least 1")
        if self.workers < 0:
            raise SettingsError("UNGRAPH_WORKERS: must be 0 (the number of usable cores) or more")
        if self.store_mode not in ("auto", "memory", "disk"):
            raise SettingsError(f"UNGRAPH_STORE_MODE: one of auto, memory, disk, got {self.store_mode!r}")
        if self.shacl not in ("auto", "pyshacl", "rust"):
            raise SettingsError(f"UNGRAPH_SHACL: one of auto, pyshacl, rust, got {self.shacl!r}")
        if self.query_workers < 0:
            raise SettingsError("UNGRAPH_QUERY_WORKERS: must be 0 (automatic) or more")
        if self.query_timeout <= 0:
            raise SettingsError("UNGRAPH_QUERY_TIMEOUT: must be positive")
        if self.query_budget < 0:
            raise SettingsError("UNGRAPH_QUERY_BUDGET: must be 0 or more")
        if self.rate_limit.strip():
            from limits import parse_many

            try:
                parse_many(self.rate_limit)
            except ValueError:
                raise SettingsError(f"UNGRAPH_RATE_LIMIT: not a rate limit: {self.rate_limit!r} "
                                    "(e.g. '50 per second')") from None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> "Settings":
        """Defaults, then ``UNGRAPH_*`` variables, then explicit overrides (CLI options; None is ignored)."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for s in SETTINGS:
            key = f"UNGRAPH_{s.name.upper()}"
            if key in environ:
                values[s.name] = _coerce(s.name, s.default, environ[key])
        for name, raw in overrides.items():
            if name not in _BY_NAME:
                raise SettingsError(f"unknown setting {name!r}")
            if raw is not None:
                values[name] = _coerce(name, _BY_NAME[name].default, raw)
        return cls(**values)

    def server_workers(self) -> int:
        """How many server processes ``serve`` starts: ``workers``, or the usable cores when it is 0.

        >>> Settings(workers=3).server_workers(), Settings().server_workers() == usable_cores()
        (3, True)
        """
        return self.workers or usable_cores()

    def pool_size(self) -> int:
        """Query workers per server process: ``query_workers``, or :func:`default_pool_size`."""
        return self.query_workers or default_pool_size(usable_cores(), self.server_workers())

    def replace(self, **changes: Any) -> "Settings":
        return dataclasses.replace(self, **changes)

    def resolved(self) -> "Settings":
        """The same settings with every path absolute (against the current directory) and the data
        directories filled in from the package data: done once at start-up, so that nothing later
        depends on the working directory.

        >>> import os
        >>> r = Settings().resolved()
        >>> r.dump == os.path.abspath("build/ungraph.nq"), os.path.isabs(r.source_dir), r.resolved() == r
        (True, True, True)
        """
        from ungraph import paths

        return self.replace(
            store=os.path.abspath(self.store), dump=os.path.abspath(self.dump),
            source_dir=os.path.abspath(self.source_dir) if self.source_dir else str(paths.source_dir()),
            reference_dir=os.path.abspath(self.reference_dir) if self.reference_dir else str(paths.reference_dir()),
        )
