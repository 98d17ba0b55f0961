"""One structured access-log line per request, on the ``ungraph.access`` logger.

Each line is a JSON object: method, path, status, duration in milliseconds, bytes sent, client
address and the request id (also sent back as ``X-Request-Id``). Query texts are never logged
here; slow queries are logged by :mod:`ungraph.web.sparql`.

:func:`configure_logging` (called by the server's entry point, :mod:`ungraph.web.wsgi`) writes the
access lines to stderr as they are, one JSON object a line, and the other ``ungraph`` loggers'
warnings and errors with their level and name. Tests and embedding applications keep their own
logging: nothing is configured on import.
"""

from __future__ import annotations

import json
import logging
import time
from typing import TextIO

from flask import Flask, Response, g, request

from ungraph.web.errors import request_id

__all__ = ["configure_logging", "log", "register"]

log = logging.getLogger("ungraph.access")


def configure_logging(stream: TextIO | None = None) -> None:
    """Handlers for the ``ungraph`` loggers on stderr, once (a logger that has a handler is left alone)."""
    import sys

    target = stream or sys.stderr
    if not log.handlers:
        lines = logging.StreamHandler(target)
        lines.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(lines)
        log.setLevel(logging.INFO)
        log.propagate = False
    rest = logging.getLogger("ungraph")
    if not rest.handlers:
        handler = logging.StreamHandler(target)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        rest.addHandler(handler)
        rest.setLevel(logging.INFO)
        rest.propagate = False


def register(app: Flask) -> None:
    @app.before_request
    def _start() -> None:
        g.started = time.perf_counter()
        request_id()

    @app.after_request
    def _line(resp: Response) -> Response:
        resp.headers["X-Request-Id"] = request_id()
        if log.isEnabledFor(logging.INFO):
            started = getattr(g, "started", None)
            duration = (time.perf_counter() - started) * 1000 if started is not None else 0.0
            log.info(json.dumps({
                "method": request.method, "path": request.path[:2000], "status": resp.status_code,
                "ms": round(duration, 1), "bytes": resp.calculate_content_length() or 0,
                "client": request.remote_addr or "-", "request_id": request_id(),
            }, ensure_ascii=False))
        return resp
