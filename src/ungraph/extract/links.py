"""Links out: the entities of the build joined to the world's identifiers, by rule and by ``links.tsv``.

Runs after the extractors (:data:`ungraph.extract.ALL_ENRICHERS`); every link is a reference fact
(no provenance), in the mapping property its meaning calls for (``ontology/README.md``, "Links out"):

* **resolutions and the report**, by rule: ``rdfs:seeAlso <https://undocs.org/{symbol}>`` (the
  symbol without spaces; the document's page, not its identity) and, for the Chinese text the graph
  is built from, ``rdfs:seeAlso <https://undocs.org/zh/{symbol}>``; an **instrument** the report says
  a resolution adopted (``ug:adoptedBy``) gets the undocs page of that resolution, which publishes it;
* **curated rows** of ``data/reference/links.tsv`` for the entities the build has: Wikidata items
  (``http://www.wikidata.org/entity/{QID}``), the UN's own page about the body (``un``), the
  English Wikipedia article (``wikipedia``, as ``rdfs:seeAlso``) and, by rule from that checked
  title, its DBpedia resource (``http://dbpedia.org/resource/{Title}``) in the row's property;
* **M49 regions**, by rule: ``rdfs:seeAlso <https://unstats.un.org/unsd/methodology/m49/>``, the UN
  Statistics Division's page of the standard that defines the region by its code (the UN publishes no
  IRI per region; ``http://metadata.un.org/UNMS/{M49}`` names member states only).

>>> dbpedia_iri("United_Nations_Office_for_the_Coordination_of_Humanitarian_Affairs")
'http://dbpedia.org/resource/United_Nations_Office_for_the_Coordination_of_Humanitarian_Affairs'
>>> undocs_zh("S/RES/2282 (2016)")
'https://undocs.org/zh/S/RES/2282(2016)'
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ungraph.extract.citations import undocs_url
from ungraph.extract.context import Context
from ungraph.records import Document, Entity, Record, Ref, Segment, Statement

__all__ = ["M49_PAGE", "TABLE", "dbpedia_iri", "undocs_zh", "enrich"]

#: The curated table this module reads.
TABLE = "links.tsv"
DBPEDIA = "http://dbpedia.org/resource/"
#: The UN Statistics Division's page of the M49 standard: every M49 region, by code, name and members.
M49_PAGE = "https://unstats.un.org/unsd/methodology/m49/"


def dbpedia_iri(title: str) -> str:
    """The DBpedia resource of an English Wikipedia article (its title with underscores)."""
    return DBPEDIA + title.replace(" ", "_")


def undocs_zh(symbol: str) -> str:
    """The undocs link of the Chinese text of a document."""
    return "https://undocs.org/zh/" + re.sub(r"\s", "", symbol)


def _ref(path: str) -> Ref:
    kind, _, key = path.partition("/")
    return Ref(kind, key)


def enrich(doc: Document, segments: Sequence[Segment], ctx: Context, records: Sequence[Record]) -> Iterator[Record]:
    """``rdfs:seeAlso`` / ``skos:*Match`` / ``owl:sameAs`` statements for the entities of ``records``."""
    gazetteer = ctx.gazetteer
    report = Ref("report", doc.key)
    yield Statement(report, "rdfs:seeAlso", undocs_url(doc.symbol), None, "rule: undocs.org + symbol")
    yield Statement(report, "rdfs:seeAlso", undocs_zh(doc.symbol), None, "rule: undocs.org/zh + symbol")
    have: set[Ref] = set()
    symbols: dict[Ref, str] = {}
    for rec in records:
        if not isinstance(rec, Entity) or rec.ref in have:
            continue
        have.add(rec.ref)
        if rec.ref.kind == "resolution":
            symbol = next((lit.value for prop, lit in rec.labels if prop == "schema:legislationIdentifier"), None)
            if symbol:
                symbols[rec.ref] = symbol
                yield Statement(rec.ref, "rdfs:seeAlso", undocs_url(symbol), None, "rule: undocs.org + symbol")
    adopted = sorted({(rec.subject, rec.object) for rec in records if isinstance(rec, Statement)
                      and rec.predicate == "ug:adoptedBy" and isinstance(rec.object, Ref) and rec.object in symbols},
                     key=lambda pair: (pair[0].key, pair[1].key))
    for instrument, resolution in adopted:  # the resolution's document publishes the instrument it adopts
        yield Statement(instrument, "rdfs:seeAlso", undocs_url(symbols[resolution]), None,
                        "rule: undocs.org + the symbol of the resolution that adopted it")
    tables = gazetteer.tables if gazetteer is not None else {}
    for row in tables.get("regions.tsv", []):  # an M49 region: the UN's page of the standard that defines it
        ref = Ref("region", row.id)
        if ref in have and row.m49:
            yield Statement(ref, "rdfs:seeAlso", M49_PAGE, None,
                            f"rule: the UN Statistics Division's M49 page, which defines region {row.m49}")
    for row in tables.get(TABLE, []):
        ref = _ref(row.entity)
        if ref not in have:
            continue
        if row.scheme == "wikipedia":
            yield Statement(ref, "rdfs:seeAlso", row.iri, None, row.source)
            yield Statement(ref, row.property, dbpedia_iri(row.target), None, "rule: DBpedia resource of " + row.iri)
        else:
            yield Statement(ref, row.property, row.iri, None, row.source)
