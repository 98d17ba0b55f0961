"""One read-store interface (issue 13): the pages and the endpoint answer the same over the embedded
store and over ``--backend`` (a real ``oxigraph serve`` holding the same graph), request by request."""

from __future__ import annotations

import json

import pytest
import rdflib
from rdflib.compare import isomorphic

from tests.web.sample_graph import BASE, sample_store
from tests.web.servers import VENV_BIN
from ungraph.config import Settings
from ungraph.store import ReadStore
from ungraph.backend import RemoteStore
from ungraph.web.app import create_app

pytestmark = pytest.mark.skipif(not (VENV_BIN / "oxigraph").exists(), reason="the oxigraph server (PyPI oxigraph) is not installed")

AMINA = "/id/person/amina-j-mohammed"
REQUESTS = [
    ("/", "text/html"), (AMINA, "text/html"), ("/id/organization/MONUSCO", "text/html"), ("/class/", "text/html"),
    ("/class/ug:PeaceOperation", "text/html"), ("/search?q=联刚", "text/html"), ("/api/search?q=MONUSCO", "application/json"),
    (AMINA, "text/turtle"), (AMINA, "application/rdf+xml"), ("/id/organization/MONUSCO", "application/ld+json"),
    ("/sparql?query=" + "SELECT%20%3Fs%20WHERE%20%7B%20%3Fs%20a%20%3Fc%20%7D%20ORDER%20BY%20%3Fs%20LIMIT%205", "application/json"),
    ("/sparql?query=DESCRIBE%20%3C" + BASE + "id/organization/MONUSCO%3E", "text/turtle"),
    ("/sparql?query=SELECT%20*%20WHERE%20%7B%20%3Fs%20%3Fp%20%7D", "application/json"),
    ("/validation", "application/json"), ("/validation?format=ttl", "text/turtle"), ("/id/org/NO-SUCH", "text/html"),
    ("/id/person/<x>", "text/turtle"),
]


@pytest.fixture(scope="module")
def clients(published):
    remote, _, _ = published
    embedded = create_app(Settings(base=BASE), store=sample_store()).test_client()
    over_backend = create_app(Settings(base=BASE, backend=remote + "query")).test_client()
    return embedded, over_backend


def test_both_stores_have_the_read_store_interface(published) -> None:
    assert isinstance(sample_store(), ReadStore) and isinstance(RemoteStore(published[0] + "query"), ReadStore)


@pytest.mark.parametrize(("path", "accept"), REQUESTS)
def test_the_same_answer_over_both_stores(clients, path: str, accept: str) -> None:
    a, b = (c.get(path, headers={"Accept": accept}) for c in clients)
    assert a.status_code == b.status_code, (path, a.status_code, b.status_code)
    assert a.mimetype == b.mimetype
    if a.status_code != 200:
        return
    if accept in ("text/turtle", "application/rdf+xml", "application/ld+json"):
        fmt = {"text/turtle": "turtle", "application/rdf+xml": "xml", "application/ld+json": "json-ld"}[accept]
        assert isomorphic(rdflib.Graph().parse(data=a.data, format=fmt), rdflib.Graph().parse(data=b.data, format=fmt))
    elif accept == "application/json" and path.startswith("/sparql"):
        assert json.loads(a.data)["results"] == json.loads(b.data)["results"]
