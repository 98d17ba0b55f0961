"""One structured access-log line per request, on the ``ungraph.access`` logger.

Each line is a JSON object: method, path, status, duration in milliseconds, bytes sent, client
address and the request id (also sent back as ``X-Request-Id``). Query texts are never logged
here; slow queries are logged by :mod:`ungraph.web.sparql`.

:func:`configure_logging` (called by the server's entry point, :mod:`ungraph.web.wsgi`) writes the
access lines to stderr as they are, one JSON object a line, and the other ``ungraph`` loggers'
warnings and errors with their level and name. Tests and embedding applications keep their own
logging: nothing is configured on import.

**Cost.** Through :mod:`logging` a line cost 18 µs of Python per request at the floor and 54 µs
under a load of point lookups in a py-spy profile (a ``LogRecord`` with its caller's frame, the
handler's lock, which 8 request threads queue for, and a flush per line; 10-12 % of the
request's Python time, ``benchmarks/endpoint/README.md``). So when the access logger's only handler
is the one :func:`configure_logging` installs (:class:`AccessLines`), the line is written to its
file descriptor directly, with one ``os.write`` and no lock: a write of at most ``PIPE_BUF`` bytes
to a pipe is atomic, and so is a write to a regular file on Linux (longer lines take a lock). Any
other handler, filter or level (tests' ``caplog``, an embedding application) gets the line
through :mod:`logging` as before, the same text.
"""

from __future__ import annotations

import logging
import os
import select
import threading
import time
from json.encoder import encode_basestring as _json_string  # the C encoder json.dumps(ensure_ascii=False) uses
from typing import TextIO

from flask import Flask, Response, g, request

from ungraph.web.errors import request_id

__all__ = ["AccessLines", "configure_logging", "log", "register", "line"]

log = logging.getLogger("ungraph.access")


class AccessLines(logging.StreamHandler):
    """The access log's handler: the message as it is, one line; :func:`register` writes past it."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self.setFormatter(logging.Formatter("%(message)s"))
        try:
            self.fd: int | None = stream.fileno()
        except (AttributeError, OSError, ValueError):  # a stream without a descriptor (StringIO): logging's way
            self.fd = None
        self.long_lines = threading.Lock()

    def write(self, text: str) -> None:
        """``text`` and a newline on the descriptor, directly (``fd`` is not None)."""
        fd = self.fd
        assert fd is not None, "AccessLines.write needs a stream with a file descriptor"
        data = (text + "\n").encode("utf-8", "backslashreplace")
        if len(data) <= select.PIPE_BUF:
            _write_all(fd, data)
        else:
            with self.long_lines:
                _write_all(fd, data)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        try:
            view = view[os.write(fd, view):]
        except InterruptedError:
            continue
        except OSError:  # stderr closed or full disk: the log line is lost, the request is not
            return


def configure_logging(stream: TextIO | None = None) -> None:
    """Handlers for the ``ungraph`` loggers on stderr, once (a logger that has a handler is left alone)."""
    import sys

    target = stream or sys.stderr
    if not log.handlers:
        log.addHandler(AccessLines(target))
        log.setLevel(logging.INFO)
        log.propagate = False
    rest = logging.getLogger("ungraph")
    if not rest.handlers:
        handler = logging.StreamHandler(target)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        rest.addHandler(handler)
        rest.setLevel(logging.INFO)
        rest.propagate = False


def _direct() -> AccessLines | None:
    """The handler to write to directly, when nothing but it would see the line."""
    handlers = log.handlers
    if len(handlers) == 1 and type(handlers[0]) is AccessLines and handlers[0].fd is not None and not log.filters \
            and not handlers[0].filters and not log.propagate and log.level == logging.INFO and not log.disabled \
            and handlers[0].level <= logging.INFO and logging.root.manager.disable < logging.INFO:
        return handlers[0]
    return None


def line(method: str, path: str, status: int, ms: float, size: int, client: str, rid: str) -> str:
    """The JSON object of one request, as ``json.dumps`` writes it (non-ASCII kept).

    >>> import json
    >>> text = line("GET", '/id/"x"/\\u4e2d', 200, 1.25, 10, "127.0.0.1", "ab-1")
    >>> text == json.dumps({"method": "GET", "path": '/id/"x"/\\u4e2d', "status": 200, "ms": 1.2, "bytes": 10,
    ...                     "client": "127.0.0.1", "request_id": "ab-1"}, ensure_ascii=False)
    True
    """
    return ('{"method": ' + _json_string(method) + ', "path": ' + _json_string(path) + ', "status": ' + str(status)
            + ', "ms": ' + repr(round(ms, 1)) + ', "bytes": ' + str(size) + ', "client": ' + _json_string(client)
            + ', "request_id": ' + _json_string(rid) + "}")


def register(app: Flask) -> None:
    @app.before_request
    def _start() -> None:
        g.started = time.perf_counter()
        request_id()

    @app.after_request
    def _line(resp: Response) -> Response:
        rid = request_id()
        resp.headers["X-Request-Id"] = rid
        direct = _direct()
        if direct is not None or log.isEnabledFor(logging.INFO):
            started = getattr(g, "started", None)
            duration = (time.perf_counter() - started) * 1000 if started is not None else 0.0
            text = line(request.method, request.path[:2000], resp.status_code, duration,
                        resp.calculate_content_length() or 0, request.remote_addr or "-", rid)
            if direct is not None:
                direct.write(text)
            else:
                log.info(text)
        return resp
