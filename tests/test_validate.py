"""Validation of the real graph: it conforms, breaks are reported with their focus node, and a
non-conforming build keeps the previous store."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from ungraph.cli import cli
from ungraph.config import Settings
from ungraph.validate import report_quads, validate_graph

XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture(scope="module")
def quads(built: Settings) -> list[ox.Quad]:
    """The built graph without its own validation report."""
    skip = {built.base + "graph/validation", built.base + "graph/shapes"}
    return [q for q in ox.parse(path=built.dump, format=ox.RdfFormat.N_QUADS)
            if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in skip)]


def _one(quads: list[ox.Quad], predicate: str, subject_prefix: str = "") -> ox.Quad:
    return next(q for q in quads if q.predicate.value == predicate and q.subject.value.startswith(subject_prefix))


def test_built_graph_conforms(quads: list[ox.Quad], built: Settings) -> None:
    result = validate_graph(quads, built.base)
    assert result.conforms, result.report_text
    assert result.report_text.startswith("Conforms: yes")


def test_build_stores_the_report_as_a_named_graph(built: Settings) -> None:
    store = ox.Store()
    store.bulk_load(path=built.dump, format=ox.RdfFormat.N_QUADS)
    ask = ("ASK { GRAPH <%sgraph/validation> { ?r a <http://www.w3.org/ns/shacl#ValidationReport> ; "
           "<http://www.w3.org/ns/shacl#conforms> true } }" % built.base)
    assert store.query(ask)
    assert not any(isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in store)


def test_breaks_in_real_entities_are_reported_with_their_focus_node(quads: list[ox.Quad], built: Settings) -> None:
    ug = built.base + "ontology#"
    dropped = _one(quads, "https://schema.org/legislationIdentifier")  # a resolution loses its symbol
    amount = _one(quads, ug + "amount")  # a string where a number belongs
    postin = _one(quads, "http://www.w3.org/ns/org#postIn")  # a link pointing at nothing
    broken = [q for q in quads if q not in (dropped, amount, postin)]
    broken += [ox.Quad(amount.subject, amount.predicate, ox.Literal("九亿"), amount.graph_name),
               ox.Quad(postin.subject, postin.predicate, ox.NamedNode(built.base + "id/organization/nowhere"),
                       postin.graph_name)]
    result = validate_graph(broken, built.base)
    assert not result.conforms
    found = {(r.focus, r.path) for r in result.results if r.severity == "Violation"}
    assert (dropped.subject.value, dropped.predicate.value) in found, result.report_text
    assert (amount.subject.value, amount.predicate.value) in found, result.report_text
    assert (postin.subject.value, postin.predicate.value) in found, result.report_text
    for focus in (dropped.subject.value, amount.subject.value, postin.subject.value):
        assert focus.split("/id/", 1)[1] in result.report_text


def test_report_formats(quads: list[ox.Quad], built: Settings) -> None:
    target = _one(quads, "http://xmlns.com/foaf/0.1/name")
    result = validate_graph([q for q in quads if q != target], built.base)
    data = json.loads(result.render("json"))
    assert data["conforms"] is False and data["counts"]["violation"] >= 1
    assert any(r["focus"] == target.subject.value and r["label"] for r in data["results"])
    ttl = result.render("ttl")
    assert "sh:ValidationReport" in ttl and "_:" not in ttl
    text = result.render("text")
    assert "ugs:PersonShape" in text and "path: <http://xmlns.com/foaf/0.1/name>" in text


def test_report_quads_are_deterministic(quads: list[ox.Quad], built: Settings) -> None:
    target = _one(quads, "http://xmlns.com/foaf/0.1/name")
    broken = [q for q in quads if q != target]
    a = report_quads(validate_graph(broken, built.base), built.base)
    b = report_quads(validate_graph(list(reversed(broken)), built.base), built.base)
    assert a == b and a


def test_non_conforming_build_keeps_the_previous_store_and_exits_1(built: Settings, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A build whose graph has a Violation exits 1, prints the report and leaves store and dump alone."""
    import ungraph.build as build_module

    settings = built.replace(store=str(tmp_path / "store"), dump=str(tmp_path / "ungraph.nq"))
    runner = CliRunner()
    env = {"UNGRAPH_STORE": settings.store, "UNGRAPH_DUMP": settings.dump}
    first = runner.invoke(cli, ["build", "--quiet"], env=env, catch_exceptions=False)
    assert first.exit_code == 0, first.output
    before = Path(settings.dump).read_bytes()

    real_assemble = build_module.assemble

    def broken_assemble(*args, **kwargs):
        quads = real_assemble(*args, **kwargs)
        return [q for q in quads if q.predicate.value != "https://schema.org/legislationIdentifier"]

    monkeypatch.setattr(build_module, "assemble", broken_assemble)
    second = runner.invoke(cli, ["build", "--quiet"], env=env, catch_exceptions=False)
    assert second.exit_code == 1
    assert "ugs:ResolutionShape" in second.output and "previous store was kept" in second.output
    assert Path(settings.dump).read_bytes() == before


def test_validation_page_html_json_turtle_and_406(client) -> None:
    from bs4 import BeautifulSoup

    client.set_cookie("lang", "en")
    html = client.get("/validation", headers={"Accept": "text/html"})
    assert html.status_code == 200 and html.mimetype == "text/html"
    soup = BeautifulSoup(html.data, "html.parser")
    assert soup.h1.get_text() == "Validation report"
    data = client.get("/validation", headers={"Accept": "application/json"}).get_json()
    assert data["conforms"] is True and set(data["counts"]) == {"violation", "warning", "info"}
    assert len(soup.select("tbody tr")) == len(data["results"])
    ttl = client.get("/validation?format=ttl")
    assert ttl.mimetype == "text/turtle" and b"sh:ValidationReport" in ttl.data
    assert client.get("/validation", headers={"Accept": "image/png"}).status_code == 406


def test_validation_page_escapes_what_it_shows(app) -> None:
    from ungraph.web.context import get_services

    sh = "http://www.w3.org/ns/shacl#"
    with app.app_context():
        svc = get_services()
        graph = ox.NamedNode(svc.ns.base + "graph/validation")
        node = ox.NamedNode(svc.ns.base + "validation/result/escape-test")
        quads = [ox.Quad(node, ox.NamedNode(sh + p), o, graph) for p, o in [
            ("focusNode", ox.NamedNode(svc.ns.base + "id/x")), ("resultSeverity", ox.NamedNode(sh + "Warning")),
            ("sourceShape", ox.NamedNode(svc.ns.base + "shapes#XShape")),
            ("resultMessage", ox.Literal("<script>alert(1)</script>"))]]
        quads.append(ox.Quad(node, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                             ox.NamedNode(sh + "ValidationResult"), graph))
        svc.store.extend(quads)
        try:
            body = app.test_client().get("/validation", headers={"Accept": "text/html"}).data.decode()
        finally:
            for q in quads:
                svc.store.remove(q)
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_shapes_are_published_at_their_iri(client) -> None:
    ttl = client.get("/shapes", headers={"Accept": "text/turtle"})
    assert ttl.status_code == 200 and b"ChapterShape" in ttl.data
    assert client.get("/shapes", headers={"Accept": "text/html"}).mimetype == "text/html"


def test_the_one_reader_reads_back_exactly_what_validation_found(quads: list[ox.Quad], built: Settings) -> None:
    """``read_results`` (used by /validation and the entity pages) gives back the results of
    ``validate_graph`` from the quads the build stores (issue 15: one reader of SHACL results)."""
    from ungraph.validate import read_results, shapes_quads

    target = _one(quads, "http://xmlns.com/foaf/0.1/name")
    result = validate_graph([q for q in quads if q != target], built.base)
    store = ox.Store()
    store.extend(report_quads(result, built.base) + shapes_quads(built.base))
    graph, shapes = built.base + "graph/validation", built.base + "graph/shapes"
    back = read_results(store, graph, shapes)
    assert set(back) == set(result.results) and len(back) == len(result.results) >= 1
    about = read_results(store, graph, shapes, focus=target.subject.value)
    assert about and all(r.focus == target.subject.value for r in about)
    assert {r.shape for r in about} == {r.shape for r in result.results if r.focus == target.subject.value}
    assert {r.key(): r.messages for r in back} == {r.key(): r.messages for r in result.results}


# --- messages in both languages (issue 12, defect 4) -------------------------------------------------

def test_results_carry_english_and_chinese_messages_and_the_text_report_stays_english(quads: list[ox.Quad],
                                                                                        built: Settings) -> None:
    target = _one(quads, "http://xmlns.com/foaf/0.1/name")
    result = validate_graph([q for q in quads if q != target], built.base)
    mine = [r for r in result.results if r.focus == target.subject.value]
    assert mine, result.report_text
    for r in mine:
        texts = dict(r.messages)
        assert set(texts) == {"en", "zh"} and r.message == texts["en"]
        assert r.message_in("zh") == (texts["zh"], "zh") and r.message_in("fr") == (texts["en"], "en")
        assert texts["en"] in result.report_text and texts["zh"] not in result.report_text
    lines = {line.strip() for line in result.report_text.splitlines() if line.startswith("      ") and "path:" not in line}
    assert lines and lines <= {r.message or r.component.rsplit("#", 1)[-1] for r in result.results}
    assert json.loads(result.render("json"))["results"][0]["messages"].keys() == {"en", "zh"}


def test_messages_filled_from_a_sparql_template_keep_their_language() -> None:
    """pyshacl drops the language tag of a message it fills in ({?sum}); it is read back from the template."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import SH

    base = "http://127.0.0.1:8080/"
    fixture = Path(__file__).parent / "shapes" / "ResourceBreakdownShape" / "invalid.ttl"
    result = validate_graph(list(ox.parse(path=str(fixture), format=ox.RdfFormat.TURTLE, base_iri=base)), base)
    mine = [r for r in result.results if r.shape.endswith("#ResourceBreakdownShape")]
    assert mine
    for r in mine:
        texts = dict(r.messages)
        assert texts["en"].startswith("the parts by funding source add up to ") and "{?" not in texts["en"]
        assert texts["zh"].startswith("按资金来源分列的各部分合计为 ") and "{?" not in texts["zh"]
        node = URIRef(f"{base}validation/result/{r.key()}")
        assert (node, SH.resultMessage, Literal(texts["zh"], lang="zh")) in result.report_graph
        assert (node, SH.resultMessage, Literal(texts["en"], lang="en")) in result.report_graph


def _message_spans(html: bytes, selector: str) -> list:
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser").select(selector)


@pytest.mark.parametrize("lang,headers", [("zh", {}), ("zh", {"Accept-Language": "zh-CN,zh;q=0.9"}),
                                          ("en", {"Accept-Language": "en-GB,en;q=0.8"}), ("en", "cookie")])
def test_validation_page_shows_each_message_in_the_interface_language(client, lang: str, headers) -> None:
    if headers == "cookie":
        client.set_cookie("lang", lang)
        headers = {}
    data = client.get("/validation?format=json").get_json()
    assert data["results"] and all(set(r["messages"]) == {"en", "zh"} for r in data["results"])
    spans = _message_spans(client.get("/validation", headers={"Accept": "text/html", **headers}).data, "tbody .message")
    assert sorted(s.get_text() for s in spans) == sorted(r["messages"][lang] for r in data["results"])
    assert not [s for s in spans if s.get("lang") or s.get("translate")], "a message in the page's language is not marked"


def test_entity_page_validation_box_speaks_the_interface_language(client, built: Settings) -> None:
    data = client.get("/validation?format=json").get_json()
    focus = next(r["focus"] for r in data["results"] if r["focus"].startswith(built.base + "id/"))
    expected = {lg: sorted(r["messages"][lg] for r in data["results"] if r["focus"] == focus) for lg in ("zh", "en")}
    for lang in ("zh", "en"):
        client.set_cookie("lang", lang)
        page = client.get("/" + focus[len(built.base):], headers={"Accept": "text/html"})
        spans = _message_spans(page.data, "section.validation .message")
        assert sorted(set(s.get_text() for s in spans)) == sorted(set(expected[lang])), focus
        assert not [s for s in spans if s.get("lang")]


def test_a_message_in_one_language_only_is_marked_with_its_language(app) -> None:
    from ungraph.web.context import get_services

    sh = "http://www.w3.org/ns/shacl#"
    with app.app_context():
        svc = get_services()
        graph = ox.NamedNode(svc.ns.base + "graph/validation")
        node = ox.NamedNode(svc.ns.base + "validation/result/one-language-test")
        quads = [ox.Quad(node, ox.NamedNode(sh + p), o, graph) for p, o in [
            ("focusNode", ox.NamedNode(svc.ns.base + "id/x")), ("resultSeverity", ox.NamedNode(sh + "Warning")),
            ("sourceShape", ox.NamedNode(svc.ns.base + "shapes#XShape")),
            ("resultMessage", ox.Literal("Less than 1 values on x"))]]
        quads.append(ox.Quad(node, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                             ox.NamedNode(sh + "ValidationResult"), graph))
        svc.store.extend(quads)
        try:
            client = app.test_client()
            client.set_cookie("lang", "zh")
            body = client.get("/validation", headers={"Accept": "text/html"}).data
        finally:
            for q in quads:
                svc.store.remove(q)
    spans = [s for s in _message_spans(body, "tbody .message") if s.get_text() == "Less than 1 values on x"]
    assert spans and spans[0].get("lang") == "en" and spans[0].get("translate") == "no"
