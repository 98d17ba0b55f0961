"""The /sparql endpoint through Flask's test client: every status path, formats, limits, HTTP caching."""

from __future__ import annotations

import csv
import io
import json
import threading
import time

import pytest
from rdflib import Dataset, Graph, URIRef

from tests.web.sample_graph import BASE
from tests.web.sparql_fixtures import EX, make_app

AMINA = BASE + "id/person/amina-j-mohammed"
DSG = BASE + "id/post/UN-DSG"
COUNT_NOISE = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{EX}value> ?v }}"
SLOW = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a <{EX}value> ?x . ?b <{EX}value> ?y . ?c <{EX}value> ?z . ?d <{EX}value> ?w }}"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):
    return make_app(tmp_path_factory.mktemp("sparql"), max_rows=50, query_timeout=1.5, max_body=4096)


@pytest.fixture()
def client(app):
    return app.test_client()



def rows(resp) -> list[dict]:
    body = resp.get_json()
    assert resp.status_code == 200 and "results" in body, (resp.status_code, resp.headers, body)
    return body["results"]["bindings"]


# --- 200: the three routes and the dataset parameters ----------------------------------------------

def test_get_form_post_and_direct_post_answer_the_same(client) -> None:
    a = client.get("/sparql", query_string={"query": COUNT_NOISE})
    b = client.post("/sparql", data={"query": COUNT_NOISE})
    c = client.post("/sparql", data=COUNT_NOISE.encode(), content_type="application/sparql-query")
    for r in (a, b, c):
        assert r.status_code == 200
        assert r.mimetype == "application/sparql-results+json"
        assert rows(r) == [{"n": {"type": "literal", "value": "300",
                                  "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]


def test_default_graph_uri_restricts_the_dataset(client) -> None:
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    only_noise = client.get("/sparql", query_string={"query": q, "default-graph-uri": EX + "noise"})
    missing = client.get("/sparql", query_string={"query": q, "default-graph-uri": EX + "absent"})
    assert rows(only_noise)[0]["n"]["value"] == "300"
    assert rows(missing)[0]["n"]["value"] == "0"  # an unknown graph is empty, not an error


# --- formats and negotiation ---------------------------------------------------------------------

@pytest.mark.parametrize(("accept", "mime"), [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"), ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/json"), ("*/*", "application/sparql-results+json"),
])
def test_select_formats_by_accept(client, accept: str, mime: str) -> None:
    r = client.get("/sparql", query_string={"query": COUNT_NOISE}, headers={"Accept": accept})
    assert r.status_code == 200 and r.mimetype == mime
    assert b"300" in r.data


def test_csv_is_parseable_and_format_parameter_overrides_accept(client) -> None:
    q = f"SELECT ?s ?v WHERE {{ ?s <{EX}value> ?v }} ORDER BY ?v LIMIT 3"
    r = client.get("/sparql", query_string={"query": q, "format": "csv"}, headers={"Accept": "application/json"})
    assert r.mimetype == "text/csv"
    assert list(csv.reader(io.StringIO(r.data.decode()))) == [["s", "v"], [EX + "n0", "0"], [EX + "n1", "1"], [EX + "n2", "2"]]


@pytest.mark.parametrize(("accept", "mime", "rdflib_format"), [
    (None, "text/turtle", "turtle"), ("application/n-triples", "application/n-triples", "nt"),
    ("application/ld+json", "application/ld+json", "json-ld"), ("application/rdf+xml", "application/rdf+xml", "xml"),
    ("application/n-quads", "application/n-quads", "nquads"), ("application/trig", "application/trig", "trig"),
])
def test_construct_formats(client, accept, mime, rdflib_format) -> None:
    q = f"CONSTRUCT {{ ?s <{EX}value> ?v }} WHERE {{ ?s <{EX}value> ?v FILTER(?v < 5) }}"
    r = client.get("/sparql", query_string={"query": q}, headers={"Accept": accept} if accept else {})
    assert r.status_code == 200 and r.mimetype == mime
    g = Graph() if rdflib_format not in ("nquads", "trig") else __import__("rdflib").Dataset()
    g.parse(data=r.data, format=rdflib_format)
    assert len(g) == 5


def test_describe_adds_the_labels_of_what_it_links_to(client) -> None:
    r = client.get("/sparql", query_string={"query": f"DESCRIBE <{AMINA}>"})
    assert r.status_code == 200 and r.mimetype == "text/turtle"
    g = Graph().parse(data=r.data, format="turtle")
    assert (URIRef(AMINA), URIRef("http://www.w3.org/ns/org#holds"), URIRef(DSG)) in g
    labels = {str(o) for o in g.objects(URIRef(DSG), URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))}
    assert labels == {"常务副秘书长", "Deputy Secretary-General"}
    assert not list(g.triples((URIRef(DSG), URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), None)))


def test_ask_and_json_is_the_default(client) -> None:
    r = client.get("/sparql", query_string={"query": f"ASK {{ <{AMINA}> ?p ?o }}"})
    assert r.mimetype == "application/sparql-results+json" and r.get_json()["boolean"] is True


# --- 406 -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "accept", "params"), [
    (COUNT_NOISE, "text/turtle", {}),  # SELECT cannot be Turtle
    (f"CONSTRUCT WHERE {{ ?s <{EX}value> ?v }}", "text/csv", {}),
    (COUNT_NOISE, "image/png", {}),
    (COUNT_NOISE, None, {"format": "ttl"}),
    (COUNT_NOISE, None, {"format": "docx"}),
])
def test_406_when_no_format_fits(client, query, accept, params) -> None:
    r = client.get("/sparql", query_string={"query": query, **params}, headers={"Accept": accept} if accept else {})
    assert r.status_code == 406
    assert r.get_json()["ok"] is False and "format" in r.get_json()["error"]


# --- row limit -----------------------------------------------------------------------------------

def test_rows_past_the_limit_are_cut_with_a_signal(client) -> None:
    r = client.get("/sparql", query_string={"query": f"SELECT ?s WHERE {{ ?s <{EX}value> ?v }}"})
    assert r.status_code == 200
    assert r.headers["X-Ungraph-Truncated"] == "50" and r.headers["X-Ungraph-Rows"] == "50"
    body = r.get_json()
    assert len(body["results"]["bindings"]) == 50
    assert body["head"]["link"] == ["http://localhost/sparql#truncated"]
    xml = client.get("/sparql", query_string={"query": f"SELECT ?s WHERE {{ ?s <{EX}value> ?v }}", "format": "xml"})
    assert b'<link href="http://localhost/sparql#truncated"/>' in xml.data
    small = client.get("/sparql", query_string={"query": f"SELECT ?s WHERE {{ ?s <{EX}value> ?v }} LIMIT 50"})
    assert "X-Ungraph-Truncated" not in small.headers and "link" not in small.get_json()["head"]


def test_construct_is_cut_too(client) -> None:
    r = client.get("/sparql", query_string={"query": f"CONSTRUCT WHERE {{ ?s <{EX}value> ?v }}", "format": "nt"})
    assert r.headers["X-Ungraph-Truncated"] == "50" and len(r.data.splitlines()) == 50


# --- 400 / 405 / 413 / 415 -------------------------------------------------------------------------

def test_400_syntax_error_with_the_parser_message(client) -> None:
    r = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p }"})
    assert r.status_code == 400 and "does not parse" in r.get_json()["error"] and "1:" in r.get_json()["error"]


@pytest.mark.parametrize("request_kwargs", [
    {"data": "query=ASK%20%7B%7D&query=ASK%20%7B%7D", "content_type": "application/x-www-form-urlencoded"},
    {"data": b"ASK {}", "content_type": ""},  # POST without a body type
    {"data": "ASK {}".encode("utf-16"), "content_type": "application/sparql-query; charset=UTF-16"},
    {"data": b"ASK { ?s ?p \"\xff\xfe\" }", "content_type": "application/sparql-query"},  # not UTF-8
    {"data": b"query=ASK%20%7B%20%3Fs%20%3Fp%20%22%FF%22%20%7D", "content_type": "application/x-www-form-urlencoded"},
    {"data": b"", "content_type": "application/x-www-form-urlencoded"},  # no query
])
def test_400_bad_requests(client, request_kwargs) -> None:
    r = client.post("/sparql", **request_kwargs)
    assert r.status_code == 400, r.data
    assert r.get_json()["ok"] is False


def test_400_query_string_not_utf8(client) -> None:
    r = client.get("/sparql?query=ASK%20%7B%20%3Fs%20%3Fp%20%22%FF%22%20%7D")
    assert r.status_code == 400 and "UTF-8" in r.get_json()["error"]


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_405_other_methods(client, method: str) -> None:
    r = client.open("/sparql", method=method, data=b"ASK {}", content_type="application/sparql-query")
    assert r.status_code == 405 and "GET" in r.headers["Allow"] and "POST" in r.headers["Allow"]


def test_413_body_over_the_limit(client) -> None:
    big = "ASK {}" + " " * 5000
    assert client.post("/sparql", data=big.encode(), content_type="application/sparql-query").status_code == 413
    assert client.post("/sparql", data={"query": big}).status_code == 413


def test_415_other_body_types(client) -> None:
    r = client.post("/sparql", data=b"ASK {}", content_type="text/plain")
    assert r.status_code == 415 and "application/sparql-query" in r.get_json()["error"]


# --- 304 / ETag / Last-Modified / CORS -------------------------------------------------------------

def test_etag_and_last_modified_revalidate_with_304(client) -> None:
    qs = {"query": COUNT_NOISE}
    first = client.get("/sparql", query_string=qs)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    again = client.get("/sparql", query_string=qs, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == etag
    assert client.get("/sparql", query_string=qs, headers={"If-Modified-Since": modified}).status_code == 304
    other = client.get("/sparql", query_string=qs, headers={"If-None-Match": etag, "Accept": "text/csv"})
    assert other.status_code == 200 and other.headers["ETag"] != etag  # the format is part of the tag
    assert client.get("/sparql", query_string=qs, headers={"If-None-Match": '"other"'}).status_code == 200


def test_cors(client) -> None:
    r = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Origin": "https://elsewhere.example"})
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "X-Ungraph-Truncated" in r.headers["Access-Control-Expose-Headers"]
    pre = client.options("/sparql", headers={"Origin": "https://elsewhere.example",
                                             "Access-Control-Request-Method": "POST",
                                             "Access-Control-Request-Headers": "Content-Type"})
    assert pre.status_code == 200
    assert "POST" in pre.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in pre.headers["Access-Control-Allow-Headers"]


# --- 503: the time limit, while others are served -------------------------------------------------

def test_503_a_slow_query_is_stopped_while_others_are_served(app) -> None:
    import os

    client = app.test_client()
    client.get("/sparql", query_string={"query": "ASK {}"})  # the worker pool exists
    pool = app.extensions["ungraph"].pool()
    before = pool.pids()
    result: dict = {}

    def slow() -> None:
        start = time.monotonic()
        result["resp"] = app.test_client().get("/sparql", query_string={"query": SLOW})
        result["seconds"] = time.monotonic() - start

    t = threading.Thread(target=slow)
    t.start()
    time.sleep(0.3)
    fast_times = []
    for i in range(5):  # other requests meanwhile (distinct queries: no cache)
        start = time.monotonic()
        r = client.get("/sparql", query_string={"query": f"ASK {{ ?s <{EX}value> {i} }}"})
        fast_times.append(time.monotonic() - start)
        assert r.status_code == 200 and r.get_json()["boolean"] is True
    t.join(timeout=30)
    assert max(fast_times) < 1.0
    resp = result["resp"]
    assert resp.status_code == 503 and "stopped" in resp.get_json()["error"]
    assert resp.headers["Retry-After"]
    assert 1.4 < result["seconds"] < 5
    gone = set(before) - set(pool.pids())
    assert len(gone) == 1  # the worker that ran it was killed ...
    pid = gone.pop()
    assert not os.path.exists(f"/proc/{pid}")  # ... and reaped: it burns no CPU
    assert len(pool.pids()) == pool.size  # and replaced
    after = client.get("/sparql", query_string={"query": f"ASK {{ ?s <{EX}value> 299 }}"})
    assert after.status_code == 200


# --- self-description ----------------------------------------------------------------------------

def test_service_description_for_rdf_clients_and_page_for_browsers(client) -> None:
    sd = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert sd.status_code == 200 and sd.mimetype == "text/turtle"
    g = Graph().parse(data=sd.data, format="turtle")
    SD = "http://www.w3.org/ns/sparql-service-description#"
    assert (URIRef("http://localhost/sparql"), URIRef(SD + "endpoint"), URIRef("http://localhost/sparql")) in g
    assert (None, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Update")) not in g
    names = set(g.objects(None, URIRef(SD + "name")))
    assert URIRef(EX + "noise") in names
    page = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.data.decode()
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    loaded = [t.get("src") for t in soup.find_all("script") if t.get("src")] + \
        [t.get("href") for t in soup.find_all("link")]
    assert any(u.endswith("vendor/yasgui/yasgui.min.js") for u in loaded)
    assert all(u.startswith("/") and not u.startswith("//") for u in loaded), loaded  # nothing from elsewhere
    assert "connect-src 'self'" in page.headers["Content-Security-Policy"]
    config = json.loads(html.split('<script type="application/json" id="ug-sparql-config">')[1].split("</script>")[0])
    assert config["prefixes"]["skos"] == "http://www.w3.org/2004/02/skos/core#"


def test_query_page_gallery_renders_the_example_files(app, tmp_path, monkeypatch) -> None:
    from ungraph.web import sparql_page

    (tmp_path / "cq01.rq").write_text("# Who holds which post?\nSELECT ?p ?post WHERE { ?p <http://www.w3.org/ns/org#holds> ?post }\n",
                                      encoding="utf-8")
    monkeypatch.setattr(sparql_page, "EXAMPLES_DIR", tmp_path)
    html = app.test_client().get("/sparql", headers={"Accept": "text/html"}).data.decode()
    assert "Who holds which post?" in html and "org#holds" in html


def test_void_statistics(client) -> None:
    r = client.get("/.well-known/void")
    assert r.status_code == 200 and r.mimetype == "text/turtle"
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    g = Graph().parse(data=r.data, format="turtle")
    VOID = "http://rdfs.org/ns/void#"
    ds = URIRef("http://localhost/.well-known/void#dataset")
    triples = int(g.value(ds, URIRef(VOID + "triples")))
    n = client.get("/sparql", query_string={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
    assert triples == int(rows(n)[0]["n"]["value"])
    person = [p for p in g.objects(ds, URIRef(VOID + "classPartition"))
              if g.value(p, URIRef(VOID + "class")) == URIRef("http://xmlns.com/foaf/0.1/Person")]
    assert len(person) == 1 and int(g.value(person[0], URIRef(VOID + "entities"))) == 1
    assert g.value(ds, URIRef("http://purl.org/dc/terms/license")) is not None
    dumps = {str(o) for o in g.objects(ds, URIRef(VOID + "dataDump"))}
    # every dump the build writes (issue 12: N-Triples and the gzipped copies too)
    assert dumps == {f"http://localhost/download/ungraph.{x}{gz}" for x in ("nq", "ttl", "jsonld", "nt") for gz in ("", ".gz")}
    assert client.get("/.well-known/void", headers={"Accept": "application/ld+json"}).mimetype == "application/ld+json"
    assert client.get("/.well-known/void", headers={"Accept": "text/csv"}).status_code == 406


def test_downloads(tmp_path) -> None:
    from tests.web.sample_graph import sample_store

    from ungraph.namespaces import Namespaces
    from ungraph.store import write_dumps

    store = sample_store()
    write_dumps(store, tmp_path / "ungraph.nq", Namespaces(BASE).prefixes)  # as `ungraph build` does
    client = make_app(tmp_path, store).test_client()
    listing = client.get("/download/").get_json()
    assert [f["name"] for f in listing["files"]][:2] == ["ungraph.nq", "ungraph.nq.gz"]
    assert {f["name"] for f in listing["files"]} == {f"ungraph.{x}{gz}" for x in ("nq", "ttl", "jsonld", "nt")
                                                     for gz in ("", ".gz")}
    nq = client.get("/download/ungraph.nq")
    assert nq.status_code == 200 and nq.data == (tmp_path / "ungraph.nq").read_bytes()
    assert client.get("/download/ungraph.nq", headers={"If-None-Match": nq.headers["ETag"]}).status_code == 304
    ttl = client.get("/download/ungraph.ttl")
    assert ttl.mimetype == "text/turtle" and len(Graph().parse(data=ttl.data, format="turtle")) > 100
    jsonld = client.get("/download/ungraph.jsonld")
    quads = Dataset().parse(data=jsonld.data, format="json-ld")  # JSON-LD keeps the named graphs
    assert len(list(quads.quads())) == len(nq.data.splitlines())
    nt = client.get("/download/ungraph.nt")
    assert nt.mimetype == "application/n-triples" and len(Graph().parse(data=nt.data, format="nt")) > 100
    assert client.get("/download/secrets.txt").status_code == 404
    assert client.get("/download/..%2Fungraph.nq").status_code == 404


# --- the per-request shortcuts (issue 14): the same answers as without them --------------------------

ACCEPTS = [None, "*/*", "application/sparql-results+json", "text/turtle", "text/csv;q=0.5, application/json",
           "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/plain", "image/png",
           "application/sparql-results+xml, text/turtle;q=0.9"]


@pytest.mark.parametrize("param", [None, "json", "csv", "ttl", "nonsense"])
def test_cached_negotiation_gives_what_negotiating_afresh_gives(param) -> None:
    from ungraph.web import sparql

    for accept in ACCEPTS:
        assert sparql._formats_for(accept, param) == sparql._formats_for.__wrapped__(accept, param), (accept, param)
        assert sparql._prefers_page(accept) == sparql._prefers_page.__wrapped__(accept), accept
    assert sparql._formats_for("text/turtle", "nonsense") is None  # the 406 of an unknown format=


def test_a_long_accept_header_is_negotiated_but_not_cached(client) -> None:
    from ungraph.web import sparql

    before = sparql._formats_for.cache_info().currsize
    long_accept = ", ".join(f"application/x-{i}" for i in range(60)) + ", application/sparql-results+json"
    assert len(long_accept) > sparql._CACHED_HEADER
    resp = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Accept": long_accept})
    assert resp.status_code == 200 and resp.mimetype == "application/sparql-results+json"
    assert sparql._formats_for.cache_info().currsize == before


def test_the_answer_key_and_last_modified_are_the_app_s_own(app, client) -> None:
    from email.utils import formatdate

    services = app.extensions["ungraph"]
    a = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Accept": "application/sparql-results+json"})
    b = client.get("/sparql", query_string={"query": "ASK { }"}, headers={"Accept": "application/sparql-results+json"})
    assert a.headers["ETag"] != b.headers["ETag"]  # another query text, another answer
    assert a.headers["Last-Modified"] == formatdate(services.built_at, usegmt=True)
    assert services.job_prefixes() == tuple(sorted(services.ns.prefixes.items()))
