"""A small but real graph for the page tests: the report's true structure plus a few entities.

The document structure comes from the real segmenter; the entities are test fixtures placed at
the real positions of their names in the text (found with ``str.find``), so provenance, the
reader and the sentences are exercised on the real report. One entity carries markup in its
label to test escaping; the validation graph holds one warning.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ungraph.graph.assemble import assemble
from ungraph.namespaces import PREFIXES, Namespaces
from ungraph.records import Entity, Literal, Mention, Provenance, Ref, Segment, Statement
from ungraph.source.load import load_report
from ungraph.source.segment import segment

ROOT = Path(__file__).resolve().parents[2]
BASE = "http://127.0.0.1:8080/"
XSS = '<script>alert("x")</script>'


def _deepest(segments: list[Segment], start: int, end: int) -> Segment:
    inside = [s for s in segments if s.start <= start and end <= s.end and s.kind not in ("report",)]
    return min(inside, key=lambda s: (s.end - s.start, s.id))


def _mentions(doc_text: str, segments: list[Segment], ref: Ref, name: str, limit: int = 50) -> list[Mention]:
    out, pos = [], doc_text.find(name)
    while pos >= 0 and len(out) < limit:
        seg = _deepest(segments, pos, pos + len(name))
        out.append(Mention(ref, Provenance(pos, pos + len(name), seg.id), name))
        pos = doc_text.find(name, pos + len(name))
    return out


def _prov(doc_text: str, segments: list[Segment], name: str, occurrence: int = 0) -> Provenance:
    pos = -1
    for _ in range(occurrence + 1):
        pos = doc_text.find(name, pos + 1)
    assert pos >= 0, name
    return Provenance(pos, pos + len(name), _deepest(segments, pos, pos + len(name)).id)


def sample_quads(base: str = BASE) -> list[ox.Quad]:
    ns = Namespaces(base)
    doc = load_report(ROOT / "data/source")
    segs = segment(doc)
    t = doc.text
    monusco, cod, amina, dsg = Ref("organization", "MONUSCO"), Ref("country", "COD"), Ref("person", "amina-j-mohammed"), Ref("post", "UN-DSG")
    xss, amount = Ref("organization", "XSS"), Ref("amount", "chapter-2-total")
    records = [
        Entity(monusco, ("ug:PeaceOperation",), (
            ("skos:prefLabel", Literal("联合国组织刚果民主共和国稳定特派团", "zh")),
            ("skos:prefLabel", Literal("United Nations Organization Stabilization Mission in the Democratic Republic of the Congo", "en")),
            ("ug:abbreviation", Literal("联刚稳定团", "zh")), ("ug:abbreviation", Literal("MONUSCO", "en"))),
            _prov(t, segs, "联刚稳定团 联合国组织刚果民主共和国稳定特派团")),
        Entity(cod, ("schema:Country",), (("skos:prefLabel", Literal("刚果民主共和国", "zh")),
                                           ("skos:prefLabel", Literal("Democratic Republic of the Congo", "en")))),
        Entity(amina, ("foaf:Person",), (("foaf:name", Literal("阿明娜 · 穆罕默德", "zh")),
                                          ("skos:altLabel", Literal("阿米娜·穆罕默德", "zh")),
                                          ("foaf:name", Literal("Amina J. Mohammed", "en"))),
               _prov(t, segs, "阿明娜 · 穆罕默德")),
        Entity(dsg, ("org:Post",), (("skos:prefLabel", Literal("常务副秘书长", "zh")),
                                     ("skos:prefLabel", Literal("Deputy Secretary-General", "en")))),
        Entity(xss, ("ug:ExternalOrganization",), (("skos:prefLabel", Literal(XSS, "en")),)),
        Entity(amount, ("ug:ResourceAmount",), (("rdfs:label", Literal("指示性资源", "zh")),)),
        Statement(amount, "ug:amount", Literal("7300000000", datatype="xsd:decimal")),
        Statement(amount, "schema:currency", Literal("USD")),
        Statement(amount, "ug:verbatimValue", Literal("73亿美元"), _prov(t, segs, "73亿美元")),
        Statement(amount, "ug:resourcesFor", Ref("report", "A-78-1/chapter/2")),
        Statement(amina, "org:holds", dsg, _prov(t, segs, "常务副秘书长阿明娜 · 穆罕默德")),
        Statement(monusco, "ug:servesArea", cod, _prov(t, segs, "联刚稳定团 联合国组织刚果民主共和国稳定特派团")),
        Statement(xss, "skos:altLabel", Literal(XSS, "zh")),
        *_mentions(t, segs, cod, "刚果民主共和国"),
        *_mentions(t, segs, monusco, "联刚稳定团"),
        *_mentions(t, segs, dsg, "常务副秘书长"),
    ]
    quads = assemble(doc, segs, records, ns)
    ref = ox.NamedNode(ns.graph("reference"))
    quads += [
        ox.Quad(ox.NamedNode(ns.mint("country", "COD")), ox.NamedNode(PREFIXES["skos"] + "closeMatch"),
                ox.NamedNode(PREFIXES["wd"] + "Q974"), ref),
        ox.Quad(ox.NamedNode(ns.mint("country", "COD")), ox.NamedNode(PREFIXES["skos"] + "exactMatch"),
                ox.NamedNode("http://sws.geonames.org/203312/"), ref),
    ]
    onto = ox.parse(path=str(ROOT / "ontology/ungraph.ttl"), format=ox.RdfFormat.TURTLE, base_iri=base)
    g = ox.NamedNode(ns.graph("ontology"))
    quads += [ox.Quad(q.subject, q.predicate, q.object, g) for q in onto]
    sh, val = PREFIXES["sh"], ox.NamedNode(ns.graph("validation"))
    result = ox.NamedNode(ns.base + "validation/result/1")
    quads += [
        ox.Quad(result, ox.NamedNode(PREFIXES["rdf"] + "type"), ox.NamedNode(sh + "ValidationResult"), val),
        ox.Quad(result, ox.NamedNode(sh + "focusNode"), ox.NamedNode(ns.mint("country", "COD")), val),
        ox.Quad(result, ox.NamedNode(sh + "resultSeverity"), ox.NamedNode(sh + "Warning"), val),
        ox.Quad(result, ox.NamedNode(sh + "resultMessage"), ox.Literal("test warning: no M49 code"), val),
        ox.Quad(result, ox.NamedNode(sh + "resultPath"), ox.NamedNode(PREFIXES["skos"] + "notation"), val),
    ]
    return quads


def sample_store(base: str = BASE) -> ox.Store:
    store = ox.Store()
    store.bulk_extend(sample_quads(base))
    return store
