"""Tests of ontology/ungraph.ttl (data integrity, one rule per test) and ungraph.graph.ontology."""

from __future__ import annotations

import html
import re
from collections import Counter

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as rns

from ungraph.graph.ontology import (
    ONTOLOGY_FILE, comment, label, load_ontology, ontology_html, ontology_path, ontology_quads, ontology_terms,
)

BASE = "http://127.0.0.1:8080/"
OTHER_BASE = "https://un.example.org/kg/"
UG = BASE + "ontology#"
GRAPH = load_ontology(BASE)

CLASS_TYPES = (rns.OWL.Class,)
PROPERTY_TYPES = (rns.OWL.ObjectProperty, rns.OWL.DatatypeProperty, rns.OWL.AnnotationProperty)

#: Vocabularies whose terms rdflib enumerates (DefinedNamespace: ``iri in NS`` is a real check).
DEFINED = (rns.DCTERMS, rns.FOAF, rns.ORG, rns.OWL, rns.PROV, rns.QB, rns.RDF, rns.RDFS, rns.SDO, rns.SKOS,
           rns.TIME, rns.XSD)
#: Vocabularies rdflib does not ship; each term listed here was checked in the vocabulary itself.
CHECKED = {
    # UNDO: UNSCEB-HLCM/undo, ontology/current/undo.owl (class list read from the file).
    "https://w3id.org/un/ontology/undo/": {"Document", "Resolution", "Convention", "Treaty", "Charter", "Decision"},
    # Web Annotation Vocabulary, https://www.w3.org/TR/annotation-vocab/
    "http://www.w3.org/ns/oa#": {"Annotation", "SpecificResource", "TextPositionSelector", "TextQuoteSelector"},
    # LODE, http://linkedevents.org/ontology/
    "http://linkedevents.org/ontology/": {"Event", "atPlace", "atTime", "involved", "inSpace"},
    # SDMX measure (RDF Data Cube companion), http://purl.org/linked-data/sdmx/2009/measure#
    "http://purl.org/linked-data/sdmx/2009/measure#": {"obsValue"},
}

REQUIRED_CLASSES = """Report SourceText DocumentPart FrontMatter TableOfContents ContentsEntry Introduction Chapter
Section CoreProgrammes IndicativeResources KeyMandates KeyEntities Background KeyObjectives KeyResults Spotlight
Subsection Block Paragraph Heading Quotation Attribution PhotoCaption PhotoCredit FigurePanel ListItem Table TableRow
Footnote Build UNBody ExternalOrganization PeaceOperation Region Territory Resolution Convention Agenda Framework
Treaty Programme ResourceAmount Event Photo Figure""".split()
REQUIRED_PROPERTIES = """charStart charEnd page repeatOf attribution credit sourceText sha256 normalizedText mentionedIn
mentions inBlock keyEntity keyEntityOf postTitle quotedIn depicts abbreviation servesArea mandatedBy issuedBy citedIn
mandateSubject amount fundingSource verbatimValue valueQualifier""".split()
REQUIRED_CONCEPTS = """OrganizationKinds PrincipalOrgan Department Office FundOrProgramme SpecializedAgency
RegionalCommission PeacekeepingOperation SpecialPoliticalMission Envoy Tribunal""".split()


def _typed(*types: URIRef) -> list[URIRef]:
    found = {s for t in types for s in GRAPH.subjects(rns.RDF.type, t) if str(s).startswith(UG)}
    return sorted(found, key=str)


CLASSES = _typed(*CLASS_TYPES)
PROPERTIES = _typed(*PROPERTY_TYPES)
CONCEPTS = _typed(rns.SKOS.Concept, rns.SKOS.ConceptScheme)
DATATYPES = _typed(rns.RDFS.Datatype)
ALL_TERMS = CLASSES + PROPERTIES + CONCEPTS + DATATYPES


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1]


def _known_standard(iri: URIRef) -> bool:
    for ns in DEFINED:
        if str(iri).startswith(str(ns)):
            return iri in ns
    for ns, names in CHECKED.items():
        if str(iri).startswith(ns):
            return str(iri)[len(ns):] in names
    return False


def _langs(subject: URIRef, prop: URIRef) -> set[str | None]:
    return {o.language for o in GRAPH.objects(subject, prop) if isinstance(o, Literal)}


# --- the file ---------------------------------------------------------------------------------

def test_ontology_path_is_the_repository_file():
    assert ontology_path() == ONTOLOGY_FILE
    assert ONTOLOGY_FILE.parts[-2:] == ("ontology", "ungraph.ttl")


def test_ontology_file_has_no_absolute_iri_of_its_own():
    text = ONTOLOGY_FILE.read_text(encoding="utf-8")
    statements = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert "127.0.0.1" not in statements
    assert not re.search(r"<https?://[^>]*/ontology[#>]", statements)
    assert "@prefix ug: <ontology#> ." in text


def test_ontology_header():
    onto = URIRef(BASE + "ontology")
    assert (onto, rns.RDF.type, rns.OWL.Ontology) in GRAPH
    assert {"en", "zh"} <= _langs(onto, rns.DCTERMS.title)
    assert GRAPH.value(onto, rns.OWL.versionInfo) is not None
    assert GRAPH.value(onto, rns.DCTERMS.license) is not None
    assert "en" in _langs(onto, rns.RDFS.comment)


def test_ontology_has_no_blank_nodes():
    assert not [t for t in GRAPH if any(isinstance(x, BNode) for x in t)]


def test_term_count_is_coherent_not_huge():
    assert 60 <= len(CLASSES) + len(PROPERTIES) <= 110


# --- every term ---------------------------------------------------------------------------------

@pytest.mark.parametrize("term", ALL_TERMS, ids=_local)
def test_term_has_labels_in_english_and_chinese(term):
    assert {"en", "zh"} <= _langs(term, rns.RDFS.label), f"{_local(term)}: rdfs:label needs @en and @zh"


@pytest.mark.parametrize("term", ALL_TERMS, ids=_local)
def test_term_has_english_comment(term):
    assert "en" in _langs(term, rns.RDFS.comment), f"{_local(term)}: rdfs:comment@en missing"


ONTOLOGY_AND_TERMS = [URIRef(BASE + "ontology"), *ALL_TERMS]


def _per_language(subject: URIRef, prop: URIRef, graph: Graph = GRAPH) -> Counter[str | None]:
    return Counter(o.language for o in graph.objects(subject, prop) if isinstance(o, Literal))


@pytest.mark.parametrize("prop", [rns.RDFS.label, rns.RDFS.comment], ids=["label", "comment"])
@pytest.mark.parametrize("term", ONTOLOGY_AND_TERMS, ids=lambda t: _local(t) if "#" in str(t) else "ontology")
def test_term_has_exactly_one_label_and_comment_per_language(term, prop):
    """Issue 12, defect 4: every term (and the ontology) is described in English and in Chinese, once each."""
    counts = _per_language(term, prop)
    assert counts == Counter({"en": 1, "zh": 1}), f"{_local(term)}: {prop.n3()} per language {dict(counts)}"


@pytest.mark.parametrize("term", ONTOLOGY_AND_TERMS, ids=lambda t: _local(t) if "#" in str(t) else "ontology")
def test_chinese_comment_is_chinese_and_keeps_the_english_curies(term):
    zh = next(o for o in GRAPH.objects(term, rns.RDFS.comment) if isinstance(o, Literal) and o.language == "zh")
    en = next(o for o in GRAPH.objects(term, rns.RDFS.comment) if isinstance(o, Literal) and o.language == "en")
    assert re.search(r"[\u4e00-\u9fff]", zh), f"{_local(term)}: the @zh comment has no Chinese"
    curies = set(re.findall(r"\b(?:ug|dcterms|schema|oa|org|skos|prov|sdmx-measure|sdmx-dimension|xsd|rdfs):[A-Za-z]\w*", en))
    assert curies <= set(re.findall(r"\b[\w-]+:[A-Za-z]\w*", zh)), f"{_local(term)}: the @zh comment drops {curies}"


def test_per_language_count_can_fail():
    g, x = Graph(), URIRef(UG + "X")
    for text, lang in (("one", "en"), ("two", "en"), ("三", "zh"), ("untagged", None)):
        g.add((x, rns.RDFS.comment, Literal(text, lang=lang)))
    assert _per_language(x, rns.RDFS.comment, g) == Counter({"en": 2, "zh": 1, None: 1})


@pytest.mark.parametrize("term", ALL_TERMS, ids=_local)
def test_term_is_defined_by_the_ontology(term):
    assert GRAPH.value(term, rns.RDFS.isDefinedBy) == URIRef(BASE + "ontology")


@pytest.mark.parametrize("term", CLASSES, ids=_local)
def test_class_has_a_known_superclass(term):
    supers = list(GRAPH.objects(term, rns.RDFS.subClassOf))
    assert supers, f"{_local(term)} has no rdfs:subClassOf"
    for sup in supers:
        assert (sup, rns.RDF.type, rns.OWL.Class) in GRAPH or _known_standard(sup), f"{_local(term)} ⊑ unknown {sup}"


def test_every_standard_term_referenced_is_a_known_term_of_its_vocabulary():
    unknown = set()
    for prop in (rns.RDFS.subClassOf, rns.RDFS.subPropertyOf, rns.RDFS.domain, rns.RDFS.range, rns.OWL.inverseOf):
        for _, obj in GRAPH.subject_objects(prop):
            if not str(obj).startswith(UG) and not _known_standard(obj):
                unknown.add(str(obj))
    assert not unknown, sorted(unknown)


def test_known_standard_check_can_fail():
    assert not _known_standard(URIRef("http://www.w3.org/ns/org#NoSuchThing"))
    assert not _known_standard(URIRef("https://w3id.org/un/ontology/undo/Report"))
    assert _known_standard(URIRef("https://schema.org/Legislation"))


# --- required names -------------------------------------------------------------------------------

@pytest.mark.parametrize("name", REQUIRED_CLASSES)
def test_required_class_exists(name):
    assert (URIRef(UG + name), rns.RDF.type, rns.OWL.Class) in GRAPH


@pytest.mark.parametrize("name", REQUIRED_PROPERTIES)
def test_required_property_exists(name):
    assert any((URIRef(UG + name), rns.RDF.type, t) in GRAPH for t in PROPERTY_TYPES)


@pytest.mark.parametrize("name", REQUIRED_CONCEPTS)
def test_required_concept_exists(name):
    assert UG + name in ontology_terms(BASE)


def test_classes_used_by_assemble_exist():
    from ungraph.graph.assemble import SECTION_CLASSES, SEGMENT_CLASSES

    missing = {n for n in [*SEGMENT_CLASSES.values(), *SECTION_CLASSES.values()] if URIRef(UG + n) not in CLASSES}
    assert not missing


def test_structure_hierarchy():
    def sub(a: str, b: str) -> bool:
        return (URIRef(UG + a), rns.RDFS.subClassOf, URIRef(UG + b)) in GRAPH
    assert all(sub(n, "Section") for n in "CoreProgrammes IndicativeResources KeyMandates KeyEntities Background "
               "KeyObjectives KeyResults Spotlight Subsection".split())
    assert all(sub(n, "Block") for n in "Paragraph Heading Quotation Attribution PhotoCaption PhotoCredit "
               "FigurePanel ListItem Table TableRow Footnote".split())
    assert all(sub(n, "DocumentPart") for n in "FrontMatter TableOfContents ContentsEntry Introduction Chapter "
               "Section Block".split())


# --- consistency ------------------------------------------------------------------------------

def test_no_term_is_both_class_and_property():
    assert not set(CLASSES) & set(PROPERTIES)


def test_no_term_is_both_object_and_datatype_property():
    assert not set(_typed(rns.OWL.ObjectProperty)) & set(_typed(rns.OWL.DatatypeProperty))


def _is_class(iri: URIRef) -> bool:
    """A ug: class, or a known standard term named like a class (UpperCamel local name)."""
    if str(iri).startswith(UG):
        return (iri, rns.RDF.type, rns.OWL.Class) in GRAPH
    local = re.split(r"[#/]", str(iri))[-1]
    return _known_standard(iri) and local[:1].isupper() and not str(iri).startswith(str(rns.XSD))


@pytest.mark.parametrize("prop", PROPERTIES, ids=_local)
def test_domain_and_range_are_declared_classes(prop):
    for dom in GRAPH.objects(prop, rns.RDFS.domain):
        assert _is_class(dom), f"{_local(prop)}: domain {dom}"
    for rng in GRAPH.objects(prop, rns.RDFS.range):
        if (prop, rns.RDF.type, rns.OWL.DatatypeProperty) in GRAPH:
            assert str(rng).startswith(str(rns.XSD)) or rng == rns.RDF.langString, f"{_local(prop)}: range {rng}"
        else:
            assert _is_class(rng), f"{_local(prop)}: range {rng}"


def test_ug_inverses_are_declared_both_ways():
    for a, b in GRAPH.subject_objects(rns.OWL.inverseOf):
        if str(a).startswith(UG) and str(b).startswith(UG):
            assert (b, rns.OWL.inverseOf, a) in GRAPH, f"{_local(b)} lacks owl:inverseOf {_local(a)}"


@pytest.mark.parametrize("concept", _typed(rns.SKOS.Concept), ids=_local)
def test_concept_is_in_a_scheme_of_the_ontology(concept):
    schemes = set(GRAPH.objects(concept, rns.SKOS.inScheme))
    assert schemes and all((s, rns.RDF.type, rns.SKOS.ConceptScheme) in GRAPH for s in schemes)
    assert {"en", "zh"} <= _langs(concept, rns.SKOS.prefLabel)


# --- the base -----------------------------------------------------------------------------------

def test_relative_iris_follow_the_base():
    here, there = ontology_terms(BASE), ontology_terms(OTHER_BASE)
    assert {t[len(BASE):] for t in here} == {t[len(OTHER_BASE):] for t in there}
    other = load_ontology(OTHER_BASE)
    assert (URIRef(OTHER_BASE + "ontology#Chapter"), rns.RDF.type, rns.OWL.Class) in other
    assert not [t for t in other if any(BASE in str(x) for x in t)]


def test_load_ontology_returns_an_independent_graph():
    g = load_ontology(BASE)
    g.remove((None, None, None))
    assert len(load_ontology(BASE)) == len(GRAPH) > 0


def test_bad_base_is_rejected():
    with pytest.raises(ValueError):
        load_ontology("http://no-trailing-slash")


def test_ontology_terms_covers_every_declared_term():
    assert ontology_terms(BASE) == {str(t) for t in ALL_TERMS}


def test_ontology_quads_are_the_same_triples_in_the_ontology_graph():
    quads = ontology_quads(OTHER_BASE)
    assert {q.graph_name for q in quads} == {ox.NamedNode(OTHER_BASE + "graph/ontology")}
    assert len(quads) == len(load_ontology(OTHER_BASE))
    assert quads == sorted(quads, key=str)
    assert ox.Quad(ox.NamedNode(OTHER_BASE + "ontology#Chapter"), ox.NamedNode(str(rns.RDF.type)),
                   ox.NamedNode(str(rns.OWL.Class)), ox.NamedNode(OTHER_BASE + "graph/ontology")) in quads


def test_readme_class_table_lists_every_class():
    readme = (ONTOLOGY_FILE.parent / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `ug:(\w+)` \|", readme, re.M))
    assert listed == {_local(c) for c in CLASSES}


# --- UI helpers -----------------------------------------------------------------------------------

def test_label_prefers_the_requested_language_then_english():
    assert label(UG + "KeyEntities", "zh") == "主要实体"
    assert label(UG + "KeyEntities", "en") == "key entities"
    assert label(UG + "KeyEntities", "fr") == "key entities"
    assert label(OTHER_BASE + "ontology#Spotlight", "zh") == "聚焦"
    assert label(BASE + "id/country/COD") is None


def test_comment_in_the_requested_language_falls_back_to_english():
    assert comment(UG + "charStart", "fr") == comment(UG + "charStart", "en")
    assert "Unicode code points" in (comment(UG + "charStart") or "")
    assert "Unicode 码位" in (comment(UG + "charStart", "zh") or "")


# --- documentation page -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def page() -> str:
    return ontology_html(BASE)


def test_ontology_html_names_every_class_in_both_languages(page):
    text = html.unescape(page)
    missing = [str(lab) for c in CLASSES for lab in GRAPH.objects(c, rns.RDFS.label) if str(lab) not in text]
    assert not missing


def test_ontology_html_loads_nothing_from_outside(page):
    tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", page, re.I)
    external = [t for t in tags if re.search(r"(?:src|href)=\"(?:https?:)?//", t)]
    assert not external
    assert "@import" not in page


def test_ontology_html_is_cached_per_base(page):
    assert ontology_html(BASE) is page
    assert OTHER_BASE + "ontology#Chapter" in ontology_html(OTHER_BASE)
