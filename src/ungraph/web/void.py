"""The dataset described: VoID + DCAT at ``/.well-known/void``, statistics computed from the store.

:func:`statistics` runs a few SPARQL aggregates once per served build (any store with ``query``,
so it works over a remote backend too); :func:`void_triples` turns them into VoID and DCAT:
triples, distinct subjects/objects, entities per class (``void:classPartition``), triples per
property (``void:propertyPartition``), the named graphs, the licence, the source (the report), the
SPARQL endpoint and the downloads (``dcat:Distribution`` with ``dcat:downloadURL`` under
``/download/``). Partitions get fragment IRIs derived from the class/property IRI (sha256), so the
description is deterministic.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ungraph import formats
from ungraph.store import ReadStore, dump_files
from ungraph.terms import term_value

__all__ = ["Statistics", "statistics", "void_triples", "linkset_rows", "DOWNLOADS", "LICENSE", "LINK_TARGETS",
           "LINK_PREDICATES"]

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
_IANA = "https://www.iana.org/assignments/media-types/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
#: The project's licence (pyproject.toml, ontology/ungraph.ttl); the report text itself stays the UN's.
LICENSE = "https://opensource.org/licenses/MIT"


def _dump_description(f: formats.Format) -> str:
    if f.name == "nq":
        return "N-Quads, every named graph, sorted (the build's canonical dump)"
    return f"{f.label}, " + ("every named graph" if f.is_dataset else "the union of all graphs")


#: name -> (media type, what): every dump :func:`ungraph.store.dump_files` names (the canonical
#: N-Quads first; each format also gzipped, served as ``application/gzip``), all written by the build.
DOWNLOADS: dict[str, tuple[str, str]] = {}
for _name in dump_files("ungraph.nq"):
    _f = formats.by_name(_name.removeprefix("ungraph.").removesuffix(".gz"), "dump")
    assert _f is not None
    DOWNLOADS[_name] = (("application/gzip", _dump_description(_f) + "; gzip") if _name.endswith(".gz")
                        else (_f.media_type, _dump_description(_f)))


# -- linked area: one void:Linkset per outside dataset and link predicate -----------------------

#: Outside datasets the graph links to: key -> (IRI prefix of its resources, English title, homepage).
LINK_TARGETS: dict[str, tuple[str, str, str]] = {
    "wikidata": ("http://www.wikidata.org/entity/", "Wikidata", "https://www.wikidata.org/"),
    "dbpedia": ("http://dbpedia.org/resource/", "DBpedia", "https://www.dbpedia.org/"),
    "wikipedia": ("https://en.wikipedia.org/wiki/", "English Wikipedia", "https://en.wikipedia.org/"),
    "geonames": ("http://sws.geonames.org/", "GeoNames", "https://www.geonames.org/"),
    "undocs": ("https://undocs.org/", "United Nations Official Document System (undocs.org)", "https://undocs.org/"),
    "un-sdg": ("http://metadata.un.org/sdg/", "UN Common Digital Identifiers for the SDGs", "http://metadata.un.org/sdg/"),
}
#: Predicates that link out (the mapping properties, and dcterms:subject for the SDG goals).
LINK_PREDICATES = (
    "http://www.w3.org/2002/07/owl#sameAs", "http://www.w3.org/2004/02/skos/core#exactMatch",
    "http://www.w3.org/2004/02/skos/core#closeMatch", "http://www.w3.org/2000/01/rdf-schema#seeAlso",
    "http://purl.org/dc/terms/subject",
)


#: Every other outside IRI: a web page about the entity (the UN's own pages of its bodies and missions).
OTHER_TARGET = ("web", "web pages about the entities (mostly the UN's own pages of its bodies and missions)")


def _target_of(iri: str) -> str:
    """The key of the outside dataset an IRI belongs to: a known one, else ``web``."""
    for key, (prefix, _title, _home) in LINK_TARGETS.items():
        if iri.startswith(prefix):
            return key
    return OTHER_TARGET[0]


def linkset_rows(pairs: list[tuple[str, str]], base: str) -> tuple[tuple[str, str, int], ...]:
    """(target key, predicate, links) for every (predicate, object IRI) pair pointing outside ``base``.

    >>> linkset_rows([("p", "http://www.wikidata.org/entity/Q1"), ("p", "http://www.wikidata.org/entity/Q2"),
    ...               ("p", "https://www.un.org/x"), ("p", "http://x/id/a")], "http://x/")
    (('web', 'p', 1), ('wikidata', 'p', 2))
    """
    counts: dict[tuple[str, str], int] = {}
    for p, o in pairs:
        if not o.startswith(base):
            key = (_target_of(o), p)
            counts[key] = counts.get(key, 0) + 1
    return tuple(sorted((t, p, n) for (t, p), n in counts.items()))


#: The object of a triple the descriptions write.
Object = ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass(frozen=True)
class Statistics:
    triples: int
    subjects: int
    objects: int
    entities: int
    classes: tuple[tuple[str, int], ...]
    properties: tuple[tuple[str, int], ...]
    graphs: tuple[tuple[str, int], ...]
    linksets: tuple[tuple[str, str, int], ...] = ()


def _int(term: object) -> int:
    return int(term_value(term)) if term is not None else 0


def statistics(store: ReadStore, base: str) -> Statistics:
    """Counts over the union of all graphs.

    >>> s = ox.Store()
    >>> g = ox.NamedNode("http://x/g")
    >>> s.add(ox.Quad(ox.NamedNode("http://x/id/a"), RDF_TYPE, ox.NamedNode("http://x/C"), g))
    >>> s.add(ox.Quad(ox.NamedNode("http://x/id/a"), ox.NamedNode("http://x/p"), ox.Literal("v"), g))
    >>> st = statistics(s, "http://x/")
    >>> st.triples, st.entities, st.classes, st.graphs
    (2, 1, (('http://x/C', 1),), (('http://x/g', 2),))
    """
    def rows(q: str) -> list:
        return list(store.query(q, use_default_graph_as_union=True))

    total = rows("SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?s_) (COUNT(DISTINCT ?o) AS ?o_) WHERE { ?s ?p ?o }")[0]
    entities = rows(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a ?c FILTER(STRSTARTS(STR(?s), {json.dumps(base + 'id/')})) }}")
    classes = rows("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) } GROUP BY ?c")
    props = rows("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p")
    graphs = list(store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"))
    values = " ".join(f"<{p}>" for p in LINK_PREDICATES)
    links = rows(f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o FILTER(isIRI(?o) && isIRI(?s)) }}")
    return Statistics(
        triples=_int(total["n"]), subjects=_int(total["s_"]), objects=_int(total["o_"]),
        entities=_int(entities[0]["n"]) if entities else 0,
        classes=tuple(sorted((r["c"].value, _int(r["n"])) for r in classes)),
        properties=tuple(sorted((r["p"].value, _int(r["n"])) for r in props)),
        graphs=tuple(sorted((r["g"].value, _int(r["n"])) for r in graphs if isinstance(r["g"], ox.NamedNode))),
        linksets=linkset_rows([(r["p"].value, r["o"].value) for r in links], base),
    )


def _source_info(source_dir: str) -> dict:
    try:
        return json.loads((Path(source_dir) / "source.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _frag(void_url: str, kind: str, iri: str) -> ox.NamedNode:
    return ox.NamedNode(f"{void_url}#{kind}-{hashlib.sha256(iri.encode('utf-8')).hexdigest()[:16]}")


def void_triples(stats: Statistics, *, root: str, base: str, source_dir: str, built_at: str,
                 downloads: bool = True) -> list[ox.Triple]:
    """VoID + DCAT for the dataset served at ``root`` (the server's URL ending in '/')."""
    void_url = root + ".well-known/void"
    ds = ox.NamedNode(void_url + "#dataset")
    T: list[ox.Triple] = []

    def add(s: ox.NamedNode, p: str, o: Object) -> None:
        T.append(ox.Triple(s, ox.NamedNode(p), o))

    def n(v: int) -> ox.Literal:
        return ox.Literal(str(v), datatype=XSD_INT)

    src = _source_info(source_dir)
    add(ds, str(RDF_TYPE.value), ox.NamedNode(VOID + "Dataset"))
    add(ds, str(RDF_TYPE.value), ox.NamedNode(DCAT + "Dataset"))
    title = "A/78/1 as linked data: the Secretary-General's report on the work of the Organization, 2023"
    add(ds, DCT + "title", ox.Literal(title, language="en"))
    if src.get("title_zh"):
        add(ds, DCT + "title", ox.Literal(f"{src['title_zh']}（{src.get('symbol', '')}）知识图谱", language="zh"))
    add(ds, DCT + "description", ox.Literal(
        "A knowledge graph extracted by rules from the Chinese text of UN document A/78/1, every statement "
        "with its provenance in the text.", language="en"))
    add(ds, DCT + "license", ox.NamedNode(LICENSE))
    if src.get("rights"):
        rights = src["rights"].split("reserved.")[0] + "reserved." if "reserved." in src["rights"] else src["rights"]
        add(ds, DCT + "rights", ox.Literal(f"Source text: {rights}", language="en"))
    add(ds, DCT + "source", ox.NamedNode("https://undocs.org/A/78/1"))
    if src.get("publisher"):
        add(ds, DCT + "publisher", ox.Literal(src["publisher"]))
    add(ds, DCT + "modified", ox.Literal(built_at, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")))
    add(ds, DCT + "language", ox.NamedNode("http://id.loc.gov/vocabulary/iso639-1/zh"))
    add(ds, VOID + "uriSpace", ox.Literal(base + "id/"))
    add(ds, VOID + "sparqlEndpoint", ox.NamedNode(root + "sparql"))
    add(ds, VOID + "rootResource", ox.NamedNode(base))
    add(ds, VOID + "triples", n(stats.triples))
    add(ds, VOID + "distinctSubjects", n(stats.subjects))
    add(ds, VOID + "distinctObjects", n(stats.objects))
    add(ds, VOID + "entities", n(stats.entities))
    add(ds, VOID + "classes", n(len(stats.classes)))
    add(ds, VOID + "properties", n(len(stats.properties)))
    for f in formats.offers("dump"):
        if f.w3c_iri:
            add(ds, VOID + "feature", ox.NamedNode(f.w3c_iri))
    for cls, count in stats.classes:
        part = _frag(void_url, "class", cls)
        add(ds, VOID + "classPartition", part)
        add(part, VOID + "class", ox.NamedNode(cls))
        add(part, VOID + "entities", n(count))
    for prop, count in stats.properties:
        part = _frag(void_url, "property", prop)
        add(ds, VOID + "propertyPartition", part)
        add(part, VOID + "property", ox.NamedNode(prop))
        add(part, VOID + "triples", n(count))
    for graph, count in stats.graphs:
        sub = _frag(void_url, "graph", graph)
        add(ds, VOID + "subset", sub)
        add(sub, str(RDF_TYPE.value), ox.NamedNode(VOID + "Dataset"))
        add(sub, VOID + "triples", n(count))
        add(sub, "http://www.w3.org/ns/sparql-service-description#name", ox.NamedNode(graph))
    _linksets(add, n, ds, void_url, stats)
    if downloads:
        for name, (mime, what) in DOWNLOADS.items():
            dist = ox.NamedNode(f"{root}download/{name}")
            add(ds, DCAT + "distribution", dist)
            add(ds, VOID + "dataDump", dist)
            add(dist, str(RDF_TYPE.value), ox.NamedNode(DCAT + "Distribution"))
            add(dist, DCAT + "downloadURL", dist)
            if name.endswith(".gz"):
                mime = DOWNLOADS[name.removesuffix(".gz")][0]
                add(dist, DCAT + "compressFormat", ox.NamedNode(f"{_IANA}application/gzip"))
            add(dist, DCAT + "mediaType", ox.NamedNode(f"{_IANA}{mime}"))
            add(dist, DCT + "description", ox.Literal(what, language="en"))
            add(dist, DCT + "license", ox.NamedNode(LICENSE))
            # the dump's own base: its IRIs are minted under it, whatever server it is loaded into
            add(dist, VOID + "uriSpace", ox.Literal(base + "id/"))
            add(dist, DCT + "description", ox.Literal(f"IRIs under the base {base} (UNGRAPH_BASE of the build)", language="en"))
    return sorted(set(T), key=str)


def _linksets(add: Callable[[ox.NamedNode, str, Object], None], n: Callable[[int], ox.Literal], ds: ox.NamedNode,
              void_url: str, stats: Statistics) -> None:
    """One ``void:Linkset`` per (outside dataset, link predicate), with its count, and the dataset it targets."""
    for target, predicate, count in stats.linksets:
        node = _frag(void_url, "linkset", f"{target} {predicate}")
        other = ox.NamedNode(f"{void_url}#target-{re.sub(r'[^A-Za-z0-9.-]', '-', target)}")
        add(ds, VOID + "subset", node)
        add(node, str(RDF_TYPE.value), ox.NamedNode(VOID + "Linkset"))
        add(node, VOID + "subjectsTarget", ds)
        add(node, VOID + "objectsTarget", other)
        add(node, VOID + "linkPredicate", ox.NamedNode(predicate))
        add(node, VOID + "triples", n(count))
        add(other, str(RDF_TYPE.value), ox.NamedNode(VOID + "Dataset"))
        if target in LINK_TARGETS:
            prefix, title, home = LINK_TARGETS[target]
            add(other, VOID + "uriSpace", ox.Literal(prefix))
            add(other, "http://xmlns.com/foaf/0.1/homepage", ox.NamedNode(home))
        else:
            title = OTHER_TARGET[1]
        add(other, DCT + "title", ox.Literal(title, language="en"))
