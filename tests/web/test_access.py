"""The access log (``ungraph.web.access``): the line written straight to the descriptor is the line
:mod:`logging` would write, and any other handler still gets it through :mod:`logging`."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ungraph.web import access


@pytest.fixture()
def access_log(tmp_path: Path):
    """The access logger configured as the server does, on a file of its own; restored afterwards."""
    saved = (list(access.log.handlers), access.log.level, access.log.propagate)
    for h in saved[0]:
        access.log.removeHandler(h)
    path = tmp_path / "access.log"
    with path.open("w", encoding="utf-8") as stream:
        handler = access.AccessLines(stream)
        access.log.addHandler(handler)
        access.log.setLevel(logging.INFO)
        access.log.propagate = False
        yield path, handler
    access.log.removeHandler(handler)
    for h in saved[0]:
        access.log.addHandler(h)
    access.log.setLevel(saved[1])
    access.log.propagate = saved[2]


@contextlib.contextmanager
def alone(handler: access.AccessLines) -> Iterator[None]:
    """Only ``handler`` on the access logger (pytest adds its capture handlers when the test starts)."""
    others = [h for h in access.log.handlers if h is not handler]
    for h in others:
        access.log.removeHandler(h)
    try:
        yield
    finally:
        for h in others:
            access.log.addHandler(h)


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_server_s_handler_is_written_to_directly_one_line_per_request(web, access_log) -> None:
    path, handler = access_log
    with alone(handler):
        assert access._direct() is handler
        resp = web.get("/id/organization/MONUSCO", headers={"Accept": "text/turtle", "X-Request-Id": "abc-123"})
        web.get("/no/such/中文", headers={"X-Request-Id": "miss-1"})
    lines = _lines(path)
    assert [line["request_id"] for line in lines] == ["abc-123", "miss-1"]
    assert lines[0]["status"] == 200 and lines[0]["bytes"] == len(resp.data) and lines[0]["method"] == "GET"
    assert lines[1]["status"] == 404 and lines[1]["path"] == "/no/such/中文"


def test_another_handler_or_a_filter_gets_the_line_through_logging(web, access_log, caplog) -> None:
    path, handler = access_log
    with alone(handler):
        assert access._direct() is handler
        handler.addFilter(lambda record: True)
        assert access._direct() is None  # a filter must see the record
        handler.filters.clear()
    assert access._direct() is None  # pytest's capture handlers sit on the logger during the test
    with caplog.at_level(logging.INFO, logger="ungraph.access"):
        web.get("/health", headers={"X-Request-Id": "via-logging"})
    assert "via-logging" in {json.loads(r.getMessage())["request_id"] for r in caplog.records if r.name == "ungraph.access"}
    assert [line["request_id"] for line in _lines(path)] == ["via-logging"]  # the same line, by logging's StreamHandler


def test_a_disabled_access_log_writes_nothing(web, access_log) -> None:
    path, handler = access_log
    with alone(handler):
        access.log.setLevel(logging.WARNING)
        web.get("/health")
    assert path.read_text() == ""


def test_long_lines_from_many_threads_stay_whole(access_log) -> None:
    path, handler = access_log
    long_path = "/" + "字" * 1900  # about 5,700 bytes: past PIPE_BUF, so written under the lock
    texts = [access.line("GET", long_path if i % 2 else f"/{i}", 200, 0.5, i, "127.0.0.1", f"t-{i}") for i in range(400)]

    def write(chunk: list[str]) -> None:
        for t in chunk:
            handler.write(t)

    threads = [threading.Thread(target=write, args=(texts[i::8],)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = _lines(path)
    assert sorted(line["request_id"] for line in lines) == sorted(f"t-{i}" for i in range(400))
    assert all(line["path"] == (long_path if int(line["bytes"]) % 2 else f"/{line['bytes']}") for line in lines)


def test_a_stream_without_a_descriptor_goes_through_logging(web) -> None:
    import io

    assert access.AccessLines(io.StringIO()).fd is None


def test_a_closed_descriptor_loses_the_line_not_the_request(tmp_path: Path) -> None:
    r, w = os.pipe()
    os.close(r)  # writing now fails with EPIPE (SIGPIPE is ignored by Python)
    handler = access.AccessLines(os.fdopen(w, "w"))
    handler.write("a line nobody reads")  # no exception
