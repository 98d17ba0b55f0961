"""RDF documents as HTTP responses, the same way everywhere (entity IRIs, ``/ontology``, ``/shapes``,
the Service Description, VoID, ``/validation``).

Every RDF document gets: the format the client asked for (:func:`ungraph.web.negotiation.negotiate`
over :mod:`ungraph.formats`), ``ETag`` and ``Last-Modified`` tied to the build (and 304 on
revalidation), ``Vary: Accept``, CORS (anyone may read it from a browser), and ``Link: <...>;
rel="alternate"; type=...`` headers naming the same document in every other format it is served as
(the HTML pages carry the same links as ``<link rel="alternate">``, from :func:`alternates`).

JSON-LD is served in compact form against the published context, ``/context.jsonld``
(:func:`context`, generated from the namespaces' prefixes), compacted by rdflib's JSON-LD
serializer. The document carries the terms of that context it uses inline (so a client needs no
second request, and offline parsers such as rdflib's work), and names the published context in a
``Link`` header; compacting the document with the published context gives the same graph
(``tests/web/test_documents.py`` proves it with pyld).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from email.utils import parsedate_to_datetime

import pyoxigraph as ox
from flask import Blueprint, Response, request

from ungraph import formats
from ungraph.formats import Format
from ungraph.terms import serialized
from ungraph.web.context import services

__all__ = ["context", "context_url", "serialize", "rdf_response", "alternates", "link_header", "not_modified",
           "set_validators", "CORS_HEADERS", "CONTEXT_PATH", "blueprint"]

blueprint = Blueprint("documents", __name__)

CONTEXT_PATH = "/context.jsonld"
CORS_HEADERS = {"Access-Control-Allow-Origin": "*",
                "Access-Control-Expose-Headers": "ETag, Last-Modified, Link, Content-Type, X-Ungraph-Truncated, X-Ungraph-Rows"}


def context(prefixes: dict[str, str]) -> dict[str, object]:
    """The JSON-LD context: one term per prefix.

    >>> context({"ug": "http://x/ontology#"})
    {'@context': {'ug': 'http://x/ontology#'}}
    """
    return {"@context": dict(prefixes)}


def context_url() -> str:
    return request.url_root.rstrip("/") + CONTEXT_PATH


def _prefixes(triples: Sequence[ox.Triple], keep_id: bool = False) -> dict[str, str]:
    """The prefixes the triples use (in Turtle no ``id:``: keys with '/' would print as escaped local names)."""
    blob = "\n".join(map(str, triples))
    return {p: ns for p, ns in services.ns.prefixes.items() if (keep_id or p != "id") and "<" + ns in blob}


def _sorted_sets(node: object, ordered: bool = False) -> object:
    """The JSON-LD ``node`` with every array sorted but ``@list`` ones (a property's values are a set;
    rdflib lists them in set order, which follows the hash seed, so two processes would differ).

    >>> _sorted_sets({"b": [{"@id": "y"}, {"@id": "x"}], "l": {"@list": [2, 1]}})
    {'b': [{'@id': 'x'}, {'@id': 'y'}], 'l': {'@list': [2, 1]}}
    """
    if isinstance(node, dict):
        return {k: _sorted_sets(v, ordered=k == "@list") for k, v in node.items()}
    if isinstance(node, list):
        items = [_sorted_sets(v) for v in node]
        return items if ordered else sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return node


def _compact_jsonld(triples: Sequence[ox.Triple]) -> bytes:
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES), format="nt")
    used = _prefixes(triples, keep_id=True)
    doc = _sorted_sets(json.loads(graph.serialize(format="json-ld", context=used, auto_compact=True)))
    assert isinstance(doc, dict), doc  # compacted JSON-LD of a graph is one object
    doc["@context"] = used
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def serialize(triples: Sequence[ox.Triple], fmt: Format) -> bytes:
    """``triples`` in ``fmt`` (Turtle with the prefixes it uses; JSON-LD compacted against the context)."""
    assert fmt.rdf is not None, fmt
    if fmt.name == "jsonld":
        return _compact_jsonld(triples)
    if fmt.rdf in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
        return serialized(ox.serialize(list(triples), format=fmt.rdf, prefixes=_prefixes(triples)))
    return serialized(ox.serialize(list(triples), format=fmt.rdf))


def alternates(url: str, use: str = "document", current: str | None = None) -> list[tuple[str, str]]:
    """(media type, URL) of every RDF format ``use`` serves at ``url``, except ``current``."""
    sep = "&" if "?" in url else "?"
    return [(f.media_type, f"{url}{sep}format={f.name}") for f in formats.offers(use)
            if f.rdf is not None and f.name != current]


def link_header(url: str, use: str = "document", current: str | None = None) -> str:
    return ", ".join(f'<{href}>; rel="alternate"; type="{mime}"' for mime, href in alternates(url, use, current))


def not_modified(etag: str) -> bool:
    """True when a GET/HEAD revalidates the build's ``etag`` or its time (``If-Modified-Since``)."""
    if request.method not in ("GET", "HEAD"):
        return False
    inm = request.headers.get("If-None-Match")
    if inm is not None:
        tags = [t.strip().removeprefix("W/") for t in inm.split(",")]
        return "*" in tags or etag in tags
    ims = request.headers.get("If-Modified-Since")
    if ims:
        try:
            return int(services.built_at) <= parsedate_to_datetime(ims).timestamp()
        except (TypeError, ValueError, OverflowError):
            return False
    return False


def set_validators(resp: Response, etag: str) -> Response:
    resp.headers["ETag"] = etag
    resp.headers["Last-Modified"] = services.last_modified()
    return resp


def rdf_response(triples: Sequence[ox.Triple], fmt: Format, *, tag: str, use: str = "document",
                 body: bytes | None = None) -> Response:
    """The response for an RDF document: body, validators (304 when unchanged), CORS, Link alternates.

    ``tag`` names the document (with the build and the format it makes the ``ETag``); ``body``, when
    given, is sent instead of serializing ``triples``.
    """
    key = hashlib.sha256(f"{services.build_id}|{tag}|{request.url_root}".encode("utf-8")).hexdigest()[:24]
    etag = f'"{key}-{fmt.name}"'
    if not_modified(etag):
        resp = Response(status=304)
    else:
        resp = Response(body if body is not None else serialize(triples, fmt), content_type=fmt.content_type)
    set_validators(resp, etag)
    resp.headers["Vary"] = "Accept"
    resp.headers.update(CORS_HEADERS)
    page = request.base_url
    links = link_header(page, use, current=fmt.name)
    if fmt.name == "jsonld":
        links += f', <{context_url()}>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"'
    resp.headers["Link"] = links
    return resp


@blueprint.route(CONTEXT_PATH, methods=["GET"])
def context_document() -> Response:
    """The JSON-LD context every JSON-LD document of this server refers to."""
    key = hashlib.sha256(f"{services.build_id}|context|{services.ns.base}".encode("utf-8")).hexdigest()[:24]
    etag = f'"{key}"'
    if not_modified(etag):
        resp = Response(status=304)
    else:
        body = json.dumps(context(services.ns.prefixes), ensure_ascii=False, indent=1).encode("utf-8")
        resp = Response(body, content_type="application/ld+json; charset=utf-8")
    set_validators(resp, etag)
    resp.headers.update(CORS_HEADERS)
    resp.headers["Cache-Control"] = "public, max-age=3600"
    return resp
