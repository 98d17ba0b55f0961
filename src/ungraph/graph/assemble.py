"""Records -> pyoxigraph quads: the only module that knows both records and IRIs.

Named graphs: ``graph/report`` (the document and what the report states, with its
annotations), ``graph/reference`` (facts from curated tables and packages), ``graph/build``
(the build's provenance). No blank nodes: annotation targets and selectors get IRIs under
their annotation (``…#target``, ``…#position``, ``…#quote``), so dumps are deterministic.

Provenance follows the Web Annotation model: every :class:`Mention`, every :class:`Entity`
and every :class:`Statement` with a provenance becomes an ``oa:Annotation`` whose target is a
``oa:SpecificResource`` on the report text with an ``oa:TextPositionSelector`` and an
``oa:TextQuoteSelector``; statements are reified (``rdf:Statement``) so the annotation's body
is the statement itself.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import pyoxigraph as ox

from ungraph import __version__
from ungraph.errors import ExtractionError
from ungraph.graph.labels import label_quads
from ungraph.namespaces import Namespaces
from ungraph.records import Document, Entity, Literal, Mention, Provenance, Record, Ref, Segment, Statement

__all__ = ["assemble", "SEGMENT_CLASSES", "SECTION_CLASSES", "CONTEXT_CHARS", "segment_iri", "text_iri"]

#: Segment kind -> ontology class (local name in ``ug:``).
SEGMENT_CLASSES = {
    "report": "Report", "front-matter": "FrontMatter", "contents": "TableOfContents",
    "contents-entry": "ContentsEntry", "introduction": "Introduction", "chapter": "Chapter",
    "section": "Section", "spotlight": "Spotlight", "subsection": "Subsection",
    "paragraph": "Paragraph", "heading": "Heading", "quotation": "Quotation", "attribution": "Attribution",
    "caption": "PhotoCaption", "credit": "PhotoCredit", "figure": "FigurePanel", "item": "ListItem",
    "table": "Table", "row": "TableRow", "footnote": "Footnote",
}
#: ``section_kind`` attribute -> Section subclass.
SECTION_CLASSES = {
    "core-programmes": "CoreProgrammes", "resources": "IndicativeResources", "mandates": "KeyMandates",
    "entities": "KeyEntities", "background": "Background", "objectives": "KeyObjectives", "results": "KeyResults",
}
_CONTAINERS = {"report", "front-matter", "contents", "introduction", "chapter", "section", "spotlight", "subsection", "table"}
#: Characters of context kept in ``oa:prefix`` / ``oa:suffix``.
CONTEXT_CHARS = 16

XSD = "http://www.w3.org/2001/XMLSchema#"


def segment_iri(ns: Namespaces, doc: Document, segment_id: str) -> str:
    return ns.mint("report", f"{doc.key}/{segment_id}" if segment_id else doc.key)


def text_iri(ns: Namespaces, doc: Document) -> str:
    return ns.mint("report", f"{doc.key}/text/zh")


class _Writer:
    """Accumulates quads with CURIE expansion; one per assemble() call."""

    def __init__(self, ns: Namespaces, terms: set[str] | None) -> None:
        self.ns, self.terms = ns, terms
        self.quads: set[ox.Quad] = set()
        self._nodes: dict[str, ox.NamedNode] = {}

    def node(self, iri_or_curie: str) -> ox.NamedNode:
        n = self._nodes.get(iri_or_curie)
        if n is None:
            iri = self.ns.expand(iri_or_curie)
            if self.terms is not None and iri.startswith(self.ns.ontology) and iri not in self.terms:
                raise ExtractionError(f"{iri_or_curie} is not a term of the ontology")
            n = self._nodes[iri_or_curie] = ox.NamedNode(iri)
        return n

    def ref(self, ref: Ref) -> ox.NamedNode:
        return self.node(self.ns.mint(ref.kind, ref.key))

    def literal(self, lit: Literal) -> ox.Literal:
        if lit.lang:
            return ox.Literal(lit.value, language=lit.lang)
        if lit.datatype:
            return ox.Literal(lit.value, datatype=self.node(lit.datatype))
        return ox.Literal(lit.value)

    def add(self, s: str | ox.NamedNode, p: str, o: str | ox.NamedNode | ox.Literal | Ref | Literal, g: str) -> None:
        subj = s if isinstance(s, ox.NamedNode) else self.node(s)
        if isinstance(o, Ref):
            obj: ox.NamedNode | ox.Literal = self.ref(o)
        elif isinstance(o, Literal):
            obj = self.literal(o)
        elif isinstance(o, str):
            obj = self.node(o)
        else:
            obj = o
        self.quads.add(ox.Quad(subj, self.node(p), obj, self.node(self.ns.graph(g))))


def _int(value: int, datatype: str = "xsd:nonNegativeInteger") -> Literal:
    return Literal(str(value), datatype=datatype)


def _segment_quads(w: _Writer, doc: Document, segments: list[Segment]) -> None:
    ns, g = w.ns, "report"
    for seg in segments:
        iri = segment_iri(ns, doc, seg.id)
        if seg.kind not in SEGMENT_CLASSES:
            raise ExtractionError(f"segment {seg.id!r}: unknown kind {seg.kind!r}")
        if doc.text[seg.start:seg.end] != seg.text:
            raise ExtractionError(f"segment {seg.id!r}: span {seg.start}-{seg.end} does not reproduce its text")
        cls = SEGMENT_CLASSES[seg.kind]
        if seg.kind == "section":
            cls = SECTION_CLASSES.get(seg.attr("section_kind") or "", cls)
        w.add(iri, "rdf:type", "ug:" + cls, g)
        if seg.kind != "report":
            w.add(iri, "schema:position", _int(seg.order, "xsd:integer"), g)
        w.add(iri, "ug:charStart", _int(seg.start), g)
        w.add(iri, "ug:charEnd", _int(seg.end), g)
        if seg.parent is not None:
            parent = segment_iri(ns, doc, seg.parent)
            w.add(iri, "dcterms:isPartOf", parent, g)
            w.add(parent, "dcterms:hasPart", iri, g)
        if seg.kind not in _CONTAINERS:
            w.add(iri, "schema:text", Literal(seg.text, "zh"), g)
        if seg.title:
            w.add(iri, "dcterms:title", Literal(seg.title, "zh"), g)
        if seg.page is not None:
            w.add(iri, "ug:page", _int(seg.page, "xsd:positiveInteger"), g)
        if seg.repeat_of:
            w.add(iri, "ug:repeatOf", segment_iri(ns, doc, seg.repeat_of), g)
        normalized = seg.attr("normalized")
        if normalized and normalized != seg.text:
            w.add(iri, "ug:normalizedText", Literal(normalized, "zh"), g)
        if seg.kind == "attribution" and seg.attr("quotation"):
            w.add(segment_iri(ns, doc, seg.attr("quotation") or ""), "ug:attribution", iri, g)
        if seg.kind == "credit" and seg.attr("caption"):
            w.add(segment_iri(ns, doc, seg.attr("caption") or ""), "ug:credit", iri, g)


def _report_quads(w: _Writer, doc: Document) -> None:
    ns, g = w.ns, "report"
    report, text = segment_iri(ns, doc, ""), text_iri(ns, doc)
    w.add(report, "rdf:type", "schema:Report", g)
    w.add(report, "dcterms:identifier", Literal(doc.symbol), g)
    w.add(report, "dcterms:title", Literal(doc.title_zh, "zh"), g)
    w.add(report, "dcterms:title", Literal(doc.title_en, "en"), g)
    w.add(report, "schema:url", "https://undocs.org/" + doc.symbol, g)
    w.add(report, "ug:sourceText", text, g)
    w.add(text, "rdf:type", "ug:SourceText", g)
    w.add(text, "dcterms:language", Literal("zh"), g)
    w.add(text, "ug:sha256", Literal(doc.sha256), g)
    w.add(text, "dcterms:identifier", Literal("sha256:" + doc.sha256), g)
    w.add(text, "rdfs:label", Literal(f"{doc.symbol} 中文文本", "zh"), g)
    w.add(text, "rdfs:label", Literal(f"Chinese text of {doc.symbol}", "en"), g)
    build = ns.mint("build", doc.sha256[:16])
    w.add(build, "rdf:type", "ug:Build", "build")
    w.add(build, "prov:used", text, "build")
    w.add(build, "rdfs:label", Literal(f"ungraph {__version__} build of {doc.symbol}", "en"), "build")
    w.add(build, "rdfs:label", Literal(f"ungraph {__version__} 对 {doc.symbol} 的构建", "zh"), "build")
    w.add(report, "prov:wasGeneratedBy", build, "build")
    # the dump says its base (issue 11, item 5): the VoID node the server describes at /.well-known/void
    dataset = ns.base + ".well-known/void#dataset"
    w.add(dataset, "rdf:type", "void:Dataset", "build")
    w.add(dataset, "void:uriSpace", Literal(ns.base + "id/"), "build")
    w.add(dataset, "void:dataDump", ns.base + "download/ungraph.nq", "build")


def _annotate(w: _Writer, doc: Document, body: ox.NamedNode, prov: Provenance, key: str) -> None:
    ns, g = w.ns, "report"
    if not 0 <= prov.start < prov.end <= len(doc.text):
        raise ExtractionError(f"{key}: span {prov.start}-{prov.end} is outside the report")
    ann = w.node(ns.mint("annotation", f"{prov.start}-{prov.end}-{key}"))
    target = w.node(ann.value + "#target")
    pos, quote = w.node(ann.value + "#position"), w.node(ann.value + "#quote")
    w.add(ann, "rdf:type", "oa:Annotation", g)
    w.add(ann, "oa:motivatedBy", "oa:identifying", g)
    w.add(ann, "oa:hasBody", body, g)
    w.add(ann, "oa:hasTarget", target, g)
    w.add(target, "rdf:type", "oa:SpecificResource", g)
    w.add(target, "oa:hasSource", text_iri(ns, doc), g)
    w.add(target, "oa:hasSelector", pos, g)
    w.add(target, "oa:hasSelector", quote, g)
    w.add(pos, "rdf:type", "oa:TextPositionSelector", g)
    w.add(pos, "oa:start", _int(prov.start), g)
    w.add(pos, "oa:end", _int(prov.end), g)
    w.add(quote, "rdf:type", "oa:TextQuoteSelector", g)
    w.add(quote, "oa:exact", Literal(doc.text[prov.start:prov.end]), g)
    w.add(quote, "oa:prefix", Literal(doc.text[max(0, prov.start - CONTEXT_CHARS):prov.start]), g)
    w.add(quote, "oa:suffix", Literal(doc.text[prov.end:prov.end + CONTEXT_CHARS]), g)
    w.add(ann, "ug:inBlock", segment_iri(ns, doc, prov.segment_id), g)


def _statement_key(st: Statement) -> str:
    obj = f"{st.object.kind}/{st.object.key}" if isinstance(st.object, Ref) else repr(st.object)
    raw = f"{st.subject.kind}/{st.subject.key} {st.predicate} {obj}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _record_quads(w: _Writer, doc: Document, records: Iterable[Record]) -> None:
    ns = w.ns
    text = text_iri(ns, doc)
    for rec in records:
        if isinstance(rec, Entity):
            g = "report" if rec.provenance else "reference"
            node = w.ref(rec.ref)
            for t in rec.types:
                w.add(node, "rdf:type", t, g)
            for prop, lit in rec.labels:
                w.add(node, prop, lit, g)
            if rec.source:
                w.add(node, "ug:curatedFrom", Literal(rec.source), "reference")
            if rec.provenance:
                w.add(node, "prov:wasDerivedFrom", text, g)
                _annotate(w, doc, node, rec.provenance, f"{rec.ref.kind}-{rec.ref.key}")
        elif isinstance(rec, Mention):
            node = w.ref(rec.ref)
            if doc.text[rec.provenance.start:rec.provenance.end] != rec.text:
                raise ExtractionError(f"mention of {rec.ref}: span does not reproduce {rec.text!r}")
            block = segment_iri(ns, doc, rec.provenance.segment_id)
            w.add(node, "ug:mentionedIn", block, "report")
            w.add(block, "ug:mentions", node, "report")
            _annotate(w, doc, node, rec.provenance, f"{rec.ref.kind}-{rec.ref.key}")
        elif isinstance(rec, Statement):
            g = "report" if rec.provenance else "reference"
            w.add(w.ref(rec.subject), rec.predicate, rec.object, g)
            if rec.source and not rec.provenance:  # where a curated fact was checked (its table row's source)
                w.add(w.ref(rec.subject), "ug:curatedFrom", Literal(rec.source), "reference")
            if rec.provenance:
                key = _statement_key(rec)
                st = w.node(ns.mint("statement", key))
                w.add(st, "rdf:type", "rdf:Statement", g)
                w.add(st, "rdf:subject", w.ref(rec.subject), g)
                w.add(st, "rdf:predicate", rec.predicate, g)
                w.add(st, "rdf:object", rec.object, g)
                _annotate(w, doc, st, rec.provenance, "statement-" + key)
        else:  # pragma: no cover - the Record union is closed
            raise ExtractionError(f"not a record: {rec!r}")


def assemble(doc: Document, segments: list[Segment], records: Iterable[Record], ns: Namespaces,
             terms: set[str] | None = None) -> list[ox.Quad]:
    """All quads of a build, sorted. ``terms``: the ontology's ``ug:`` terms; an unknown one raises.

    >>> from ungraph.records import Document, Segment
    >>> doc = Document("导言 文本", "0" * 64, "A/78/1", "报告", "Report")
    >>> segs = [Segment("", "report", None, 1, 0, 5, "导言 文本")]
    >>> quads = assemble(doc, segs, [], Namespaces("http://x.test/"))
    >>> any(q.object.value == "https://undocs.org/A/78/1" for q in quads)
    True
    """
    w = _Writer(ns, terms)
    _report_quads(w, doc)
    _segment_quads(w, doc, segments)
    _record_quads(w, doc, records)
    w.quads |= label_quads(w.quads, ns)
    return sorted(_one_graph_per_triple(w.quads, ns), key=str)


def _one_graph_per_triple(quads: set[ox.Quad], ns: Namespaces) -> set[ox.Quad]:
    """Keep each triple in one graph only: ``graph/report`` wins over ``graph/reference``.

    A label can be both stated by the report and given by a curated table; with the union default
    graph, a triple in two graphs would come out of every query twice.
    """
    reference = ox.NamedNode(ns.graph("reference"))
    in_report = {ox.Triple(q.subject, q.predicate, q.object) for q in quads if q.graph_name != reference}
    return {q for q in quads if q.graph_name != reference or ox.Triple(q.subject, q.predicate, q.object) not in in_report}
