"""Data sets: the ``qb:DataSet`` s the figures and the resource amounts belong to.

>>> from ungraph.records import Document
>>> dataset_ref(Document("", "0", "A/78/1", "", ""), "figures")
Ref(kind='dataset', key='A-78-1-figures')
"""

from __future__ import annotations

from ungraph.records import Document, Entity, Literal, Ref

__all__ = ["dataset_ref", "dataset_entity"]


def dataset_ref(doc: Document, name: str) -> Ref:
    """The ``qb:DataSet`` of the report's figures (``name`` "figures") or resource amounts ("resources")."""
    return Ref("dataset", f"{doc.key}-{name}")


def dataset_entity(doc: Document, name: str, en: str, zh: str) -> Entity:
    """The data set as an entity of the graph's own making (no span of the report states it)."""
    return Entity(dataset_ref(doc, name), ("qb:DataSet",),
                  (("rdfs:label", Literal(f"{en} of {doc.symbol}", "en")), ("rdfs:label", Literal(f"{doc.symbol} {zh}", "zh"))))
