"""``/health``: readiness for a load balancer — the store answers and the query workers are alive.

``200 {"ok": true, ...}`` when ready; ``503`` with what is wrong otherwise. Never rate-limited,
never cached.
"""

from __future__ import annotations

import os

from flask import Blueprint, Response, jsonify

from ungraph.web.context import services

__all__ = ["blueprint"]

blueprint = Blueprint("health", __name__)


def _workers_alive() -> tuple[int, int]:
    """(alive, expected) query workers of this process; (0, 0) before the pool exists or over a backend."""
    pool = services.started_pool()
    if pool is None:
        return 0, 0
    alive = 0
    for pid in pool.pids():
        try:
            os.kill(pid, 0)
            alive += 1
        except OSError:
            pass
    return alive, pool.size


@blueprint.route("/health", methods=["GET", "HEAD"])
def health() -> Response:
    problems = []
    try:
        store_ok = bool(services.store.query("ASK { ?s ?p ?o }", use_default_graph_as_union=True))
        if not store_ok:
            problems.append("the store is empty")
    except Exception as e:  # noqa: BLE001 - any failure means "not ready", reported as such
        problems.append(f"the store does not answer: {type(e).__name__}")
    alive, expected = _workers_alive()
    if expected and alive < expected:
        problems.append(f"{expected - alive} of {expected} query workers are dead")
    body = {"ok": not problems, "build": services.build_id, "workers": alive, "backend": bool(services.settings.backend),
            "problems": problems}
    resp = jsonify(body)
    resp.status_code = 200 if not problems else 503
    resp.headers["Cache-Control"] = "no-store"
    return resp
