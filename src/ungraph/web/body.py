"""The app's response class: a body held in memory goes to the server in one piece.

werkzeug hands every response to the WSGI server as an iterator (``ClosingIterator`` over a
generator), and granian then calls back into Python for each chunk (``response_iter``). A response
whose body is already a list of bytes (every page, SPARQL answer and error here; not a file being
sent) is handed over as that list instead, which granian writes with one call (``response_bytes``).
A py-spy profile of ``/health`` under load put granian's iteration of the werkzeug iterator at
about 15 % of the Python time per request (``benchmarks/endpoint/README.md``).

Nothing else changes: HEAD and the statuses without a body still get an empty body (werkzeug's
rule), and a response with ``call_on_close`` callbacks, a streamed or a passed-through body keeps
werkzeug's iterator (so the callbacks run).

>>> from werkzeug.test import create_environ
>>> Response(b"abc").get_app_iter(create_environ())
[b'abc']
>>> list(Response(b"abc").get_app_iter(create_environ(method="HEAD")))
[]
>>> type(Response(iter([b"a"])).get_app_iter(create_environ())).__name__
'ClosingIterator'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import flask

__all__ = ["Response"]


class Response(flask.Response):
    def get_app_iter(self, environ: dict[str, Any]) -> Iterable[bytes]:
        body = self.response
        status = self.status_code
        if (type(body) is list and not self._on_close and not self.direct_passthrough
                and environ["REQUEST_METHOD"] != "HEAD" and status >= 200 and status not in (204, 304)
                and all(type(chunk) is bytes for chunk in body)):
            return list(body)
        return super().get_app_iter(environ)
