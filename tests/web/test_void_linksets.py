"""VoID describes every outside target as a void:Linkset with its predicate and count; dumps say their base
(issue 11, items 2 and 5)."""

from __future__ import annotations

import pyoxigraph as ox

from ungraph.config import Settings

V, RDF_TYPE = "http://rdfs.org/ns/void#", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _void(client) -> list[ox.Triple]:
    r = client.get("/.well-known/void", headers={"Accept": "application/n-triples"})
    assert r.status_code == 200
    return list(ox.parse(r.data, format=ox.RdfFormat.N_TRIPLES))


def test_every_linkset_counts_what_the_graph_holds(client, app) -> None:
    triples = _void(client)
    linksets = {t.subject for t in triples if t.predicate.value == RDF_TYPE and t.object.value == V + "Linkset"}
    assert len(linksets) >= 6
    store = app.extensions["ungraph"].store
    wd = 0
    for ls in linksets:
        props = {t.predicate.value: t.object for t in triples if t.subject == ls}
        assert {V + "subjectsTarget", V + "objectsTarget", V + "linkPredicate", V + "triples"} <= set(props)
        target = {t.predicate.value: t.object.value for t in triples if t.subject == props[V + "objectsTarget"]}
        if target.get(V + "uriSpace") == "http://www.wikidata.org/entity/":
            wd += int(props[V + "triples"].value)
    n = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(isIRI(?o) && STRSTARTS(STR(?o), "
                              "'http://www.wikidata.org/entity/')) }", use_default_graph_as_union=True)))["n"]
    assert wd == int(n.value)


def test_undocs_and_geonames_are_linksets(client) -> None:
    triples = _void(client)
    spaces = {t.object.value for t in triples if t.predicate.value == V + "uriSpace"}
    assert {"https://undocs.org/", "http://sws.geonames.org/", "http://www.wikidata.org/entity/"} <= spaces


def test_the_dump_says_its_base(built: Settings) -> None:
    dump = open(built.dump, encoding="utf-8").read()
    assert (f"<{built.base}.well-known/void#dataset> <{V}uriSpace> \"{built.base}id/\" <{built.base}graph/build> ."
            in dump)


def test_each_download_says_its_base_in_void(client, built: Settings) -> None:
    triples = _void(client)
    dists = {t.subject for t in triples if t.predicate.value == RDF_TYPE and t.object.value == "http://www.w3.org/ns/dcat#Distribution"}
    assert dists
    for d in dists:
        assert ox.Literal(built.base + "id/") in {t.object for t in triples if t.subject == d and t.predicate.value == V + "uriSpace"}
