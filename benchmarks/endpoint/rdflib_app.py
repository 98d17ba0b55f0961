"""rdflib-endpoint over the same N-Quads (union default graph), for granian's ASGI interface:
``granian --interface asgi --factory benchmarks.endpoint.rdflib_app:create``; the file is $BENCH_NQ."""

from __future__ import annotations

import os

from rdflib import Dataset
from rdflib_endpoint import SparqlEndpoint


def create():  # type: ignore[no-untyped-def]
    ds = Dataset(default_union=True)
    ds.parse(os.environ["BENCH_NQ"], format="nquads")
    return SparqlEndpoint(graph=ds, cors_enabled=True, public_url="http://127.0.0.1/", favicon="")
