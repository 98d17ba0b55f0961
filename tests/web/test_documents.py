"""RDF documents the same everywhere: the registry's formats by Accept (RDF/XML included), compact
JSON-LD against the published context (checked with pyld, a JSON-LD client), ``Link`` alternates and
their HTML twins, CORS and validators on every RDF document; and the Service Description and VoID
advertise exactly what is served."""

from __future__ import annotations

import json

import pytest
import rdflib
from bs4 import BeautifulSoup
from pyld import jsonld
from rdflib.compare import isomorphic

from tests.web.sample_graph import BASE, sample_store
from ungraph import formats
from ungraph.config import Settings
from ungraph.namespaces import Namespaces
from ungraph.store import write_dumps
from ungraph.web.app import create_app

MONUSCO = "/id/organization/MONUSCO"
DOCUMENTS = [MONUSCO, "/id/country/COD", "/ontology"]
RDF_DOCUMENT_FORMATS = [f for f in formats.offers("document") if f.rdf is not None]
_RDFLIB = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdf": "xml"}


@pytest.fixture(scope="module")
def sample_app(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("documents")
    store = sample_store()
    write_dumps(store, tmp / "ungraph.nq", Namespaces(BASE).prefixes)
    return create_app(Settings(base=BASE, store=str(tmp / "store"), dump=str(tmp / "ungraph.nq")), store=store)


def graph_of(resp, fmt: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=resp.data, format=_RDFLIB[fmt])


@pytest.mark.parametrize("path", DOCUMENTS)
@pytest.mark.parametrize("fmt", RDF_DOCUMENT_FORMATS, ids=lambda f: f.name)
def test_every_document_format_by_accept_gives_the_same_graph(web, path: str, fmt: formats.Format) -> None:
    ttl = web.get(path, headers={"Accept": "text/turtle"})
    resp = web.get(path, headers={"Accept": fmt.media_type})
    assert resp.status_code == 200 and resp.mimetype == fmt.media_type, (path, fmt.name, resp.status_code)
    assert len(graph_of(ttl, "ttl")) > 0
    assert isomorphic(graph_of(resp, fmt.name), graph_of(ttl, "ttl"))
    assert web.get(path, query_string={"format": fmt.name}).mimetype == fmt.media_type


@pytest.mark.parametrize("path", ["/id/country/COD", "/id/report/A-78-1/chapter/2", "/ontology", "/shapes"])
def test_rdf_xml_by_accept_on_the_real_build(client, path: str) -> None:
    """The real build: entity IRIs, the ontology and the shapes, as RDF/XML like as Turtle."""
    ttl = client.get(path, headers={"Accept": "text/turtle"})
    resp = client.get(path, headers={"Accept": "application/rdf+xml"})
    assert resp.status_code == 200 and resp.mimetype == "application/rdf+xml"
    assert len(rdflib.Graph().parse(data=resp.data, format="xml")) > 0
    assert isomorphic(rdflib.Graph().parse(data=resp.data, format="xml"), graph_of(ttl, "ttl"))


def _loader(web):
    def load(url: str, options: dict) -> dict:
        resp = web.get(url.replace("http://localhost", ""))
        assert resp.status_code == 200, url
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": json.loads(resp.data)}
    return load


@pytest.mark.parametrize("path", [MONUSCO, "/id/report/A-78-1", "/ontology"])
def test_jsonld_is_compact_and_a_jsonld_client_gets_the_same_graph_with_our_context(web, path: str) -> None:
    resp = web.get(path, headers={"Accept": "application/ld+json"})
    doc = json.loads(resp.data)
    assert isinstance(doc["@context"], dict) and doc["@context"]
    assert "http://localhost/context.jsonld" in resp.headers["Link"]
    assert 'rel="http://www.w3.org/ns/json-ld#context"' in resp.headers["Link"]
    keys = {k for node in doc.get("@graph", [doc]) for k in node}
    assert keys and not any(k.startswith("http") for k in keys), keys  # compact: terms and CURIEs
    published = web.get("/context.jsonld")
    assert published.status_code == 200 and published.mimetype == "application/ld+json"
    published_ctx = json.loads(published.data)
    assert set(doc["@context"].items()) <= set(published_ctx["@context"].items())
    options = {"documentLoader": _loader(web)}
    expected = graph_of(web.get(path, headers={"Accept": "text/turtle"}), "ttl")

    def as_graph(d: dict) -> rdflib.Graph:
        nq = jsonld.to_rdf(d, {**options, "format": "application/n-quads"})
        return rdflib.Graph().parse(data=nq, format="nt")

    assert isomorphic(as_graph(jsonld.expand(doc, options)), expected)
    recompacted = jsonld.compact(jsonld.expand(doc, options), "http://localhost/context.jsonld", options)
    assert recompacted["@context"] == "http://localhost/context.jsonld"
    assert isomorphic(as_graph(recompacted), expected)


def _links(header: str) -> dict[str, str]:
    out = {}
    for part in header.split(", <"):
        url, _, rest = part.lstrip("<").partition(">")
        if 'rel="alternate"' in rest:
            out[rest.split('type="')[1].rstrip('"')] = url
    return out


@pytest.mark.parametrize("path", DOCUMENTS)
def test_link_alternates_are_served_and_the_html_page_has_their_twins(web, path: str) -> None:
    html = web.get(path, headers={"Accept": "text/html"})
    assert html.status_code == 200
    header = _links(html.headers["Link"])
    assert set(header) == {f.media_type for f in RDF_DOCUMENT_FORMATS}
    soup = BeautifulSoup(html.get_data(as_text=True), "html.parser")
    twins = {ln["type"]: ln["href"] for ln in soup.select('head link[rel="alternate"]')}
    assert set(twins) == set(header)
    for mime, url in header.items():
        assert twins[mime] == url.replace("http://localhost", "")
        resp = web.get(url.replace("http://localhost", ""))
        assert resp.status_code == 200 and resp.mimetype == mime, (url, resp.mimetype)
    ttl = web.get(path, headers={"Accept": "text/turtle"})
    assert set(_links(ttl.headers["Link"])) == {f.media_type for f in RDF_DOCUMENT_FORMATS} - {"text/turtle"}


RDF_DOCUMENTS = [(p, "text/turtle") for p in DOCUMENTS] + [
    (MONUSCO, "application/rdf+xml"), (MONUSCO, "application/ld+json"), ("/sparql", "text/turtle"),
    ("/.well-known/void", "text/turtle"), ("/validation", "text/turtle"), ("/context.jsonld", "application/ld+json")]


@pytest.mark.parametrize(("path", "accept"), RDF_DOCUMENTS)
def test_every_rdf_document_has_cors_etag_and_last_modified(web, path: str, accept: str) -> None:
    resp = web.get(path, headers={"Accept": accept})
    assert resp.status_code == 200 and resp.mimetype == accept, (path, resp.status_code, resp.mimetype)
    assert resp.headers["Access-Control-Allow-Origin"] == "*"
    assert resp.headers["ETag"] and resp.headers["Last-Modified"]
    again = web.get(path, headers={"Accept": accept, "If-None-Match": resp.headers["ETag"]})
    assert again.status_code == 304
    since = web.get(path, headers={"Accept": accept, "If-Modified-Since": resp.headers["Last-Modified"]})
    assert since.status_code == 304


SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
ASK = "ASK { ?s ?p ?o }"
CONSTRUCT = "CONSTRUCT WHERE { ?s a ?o } LIMIT 3"


def test_the_service_description_advertises_exactly_the_result_formats_served(web) -> None:
    sd = graph_of(web.get("/sparql", headers={"Accept": "text/turtle"}), "ttl")
    advertised = {str(o) for o in sd.objects(None, rdflib.URIRef(SD + "resultFormat"))}
    served = set()
    for fmt in formats.FORMATS:
        if not fmt.w3c:
            continue
        query = ASK if fmt.results is not None else CONSTRUCT
        resp = web.get("/sparql", query_string={"query": query}, headers={"Accept": fmt.media_type})
        if resp.status_code == 200:
            assert resp.mimetype == fmt.media_type
            served.add(fmt.w3c_iri)
        else:
            assert resp.status_code == 406, (fmt.name, resp.status_code)
    assert advertised == served and "http://www.w3.org/ns/formats/N3" not in served


def test_void_advertises_exactly_the_downloads_served(web) -> None:
    void = graph_of(web.get("/.well-known/void", headers={"Accept": "text/turtle"}), "ttl")
    ds = rdflib.URIRef("http://localhost/.well-known/void#dataset")
    dumps = set(void.objects(ds, rdflib.URIRef(VOID + "dataDump")))
    listing = {f["url"] for f in web.get("/download/", headers={"Accept": "application/json"}).get_json()["files"]}
    assert {str(d) for d in dumps} == listing and dumps
    for dump in dumps:
        mime = str(void.value(dump, rdflib.URIRef(DCAT + "mediaType"))).rsplit("media-types/", 1)[1]
        resp = web.get(str(dump).replace("http://localhost", ""))
        served = "application/gzip" if str(dump).endswith(".gz") else mime
        assert resp.status_code == 200 and resp.mimetype == served, (dump, resp.status_code, resp.mimetype)
    features = {str(o) for o in void.objects(ds, rdflib.URIRef(VOID + "feature"))}
    assert features == {f.w3c_iri for f in formats.offers("dump")}
