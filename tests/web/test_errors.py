"""Request ids (``ungraph.web.errors.request_id``): a per-process prefix and a counter, unique within a
process and across the forked server processes; a client's own short id is kept."""

from __future__ import annotations

import os

from ungraph.web import errors


def test_ids_are_unique_and_share_the_process_prefix(web) -> None:
    ids = [web.get("/health").headers["X-Request-Id"] for _ in range(50)]
    assert len(set(ids)) == 50
    prefixes = {i.rsplit("-", 1)[0] for i in ids}
    assert prefixes == {errors._ids.prefix} and len(errors._ids.prefix) == 12
    counters = [int(i.rsplit("-", 1)[1], 16) for i in ids]
    assert counters == sorted(counters)


def test_a_forked_process_draws_a_prefix_of_its_own() -> None:
    parent = errors._ids.prefix
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report its prefix and next id, then leave without running pytest's exit
        try:
            os.write(w, f"{errors._ids.prefix} {errors._ids.next()}".encode())
        finally:
            os._exit(0)
    os.close(w)
    child = os.read(r, 200).decode()
    os.close(r)
    os.waitpid(pid, 0)
    prefix, first = child.split()
    assert prefix != parent and first == f"{prefix}-1"


def test_a_client_s_plain_id_is_kept_and_a_strange_one_replaced(web) -> None:
    assert web.get("/health", headers={"X-Request-Id": "abc-123"}).headers["X-Request-Id"] == "abc-123"
    assert web.get("/health", headers={"X-Request-Id": "a b<c>"}).headers["X-Request-Id"].startswith(errors._ids.prefix)
