"""``ungraph.web.fair_use``: flask-limiter is installed only when there is a request limit to check
(its check cost Python time on every request even without one); the query budget is there either way."""

from __future__ import annotations

from tests.web.sample_graph import BASE, sample_store
from ungraph.config import Settings
from ungraph.web.app import create_app


def test_no_rate_limit_installs_no_limiter_but_keeps_the_budget() -> None:
    app = create_app(Settings(base=BASE, rate_limit=""), store=sample_store())
    assert "limiter" not in app.extensions
    assert app.extensions["ungraph"].budget is not None and app.extensions["ungraph"].budget.seconds == 60.0
    assert app.test_client().get("/health").status_code == 200


def test_a_rate_limit_installs_the_limiter_and_is_enforced() -> None:
    app = create_app(Settings(base=BASE, rate_limit="3 per minute"), store=sample_store())
    assert "limiter" in app.extensions
    client = app.test_client()
    codes = [client.get("/id/organization/MONUSCO", headers={"Accept": "text/turtle"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert client.get("/health").status_code == 200  # never limited
