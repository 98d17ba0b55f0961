"""The query workers' protocol (``ungraph.web.sparql_pool``): length-prefixed marshal messages over a
socket pair, read whole however the bytes arrive, with a time limit on the wait for an answer."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from ungraph.sparql import Answer, Job
from ungraph.web.sparql_pool import _Channel, decode, encode


def test_a_message_arrives_whole_even_in_pieces() -> None:
    a, b = socket.socketpair()
    ours, theirs = _Channel(a), _Channel(b)
    big = bytes(range(256)) * 40000  # 10 MB: many reads
    framed = _Channel._HEADER.pack(len(big)) + big

    def trickle() -> None:
        for i in range(0, len(framed), 3_000_001):
            b.sendall(framed[i:i + 3_000_001])
            time.sleep(0.01)
        theirs.send_bytes(b"")
        theirs.send_bytes(b"last")

    t = threading.Thread(target=trickle)
    t.start()
    assert ours.recv_bytes(timeout=10) == big
    assert ours.recv_bytes(timeout=10) == b""
    assert ours.recv_bytes() == b"last"
    t.join()


def test_the_wait_has_a_time_limit_and_a_closed_end_is_eof() -> None:
    a, b = socket.socketpair()
    ours, theirs = _Channel(a), _Channel(b)
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        ours.recv_bytes(timeout=0.2)
    assert 0.15 < time.monotonic() - started < 5
    for no_time_left in (0.0, -1.0):  # the whole limit went on waiting for a free worker: still a time-out
        with pytest.raises(TimeoutError):
            ours.recv_bytes(timeout=no_time_left)
    theirs.send_bytes(b"late")  # an answer after a timeout is still read whole (the pool kills that worker anyway)
    assert ours.recv_bytes(timeout=1) == b"late"
    theirs.close()
    with pytest.raises(EOFError):
        ours.recv_bytes(timeout=1)


def test_jobs_and_answers_cross_unchanged() -> None:
    job = Job("SELECT * WHERE { ?s ?p ?o } LIMIT 3", result_format=None, default_graph=("http://x/g",),
              named_graphs=("http://x/a", "http://x/b"), max_rows=7, describe=True, prefixes=(("ex", "http://x/"),),
              truncation_link="http://x/sparql#truncated")
    assert decode(Job, encode(job)) == job
    answer = Answer("bindings", "json", "值".encode() * 1000, rows=-1, truncated=True, error="e", seconds=1.5, status=3)
    back = decode(Answer, encode(answer))
    assert back == answer and back.seconds == 1.5
