"""What every extractor is handed: one typed, frozen :class:`Context` built once per build.

Extractors do not import each other and do not read the ontology (``graph/``) themselves:
what more than one of them needs, or what comes from outside the text, is in the context,
built once by :func:`ungraph.extract.build_context` before the first extractor runs:

* ``gazetteer``: the curated reference tables (or ``None`` in tests of rules alone);
* the vocabularies the rules need from the ontology (:func:`funding_sources`, read here
  through :mod:`ungraph.paths`, not through :mod:`ungraph.graph`);
* shared intermediate results: the persons of the report (:class:`~ungraph.extract.people.People`,
  used for the persons' records and for the photographers of the photo credits).

>>> sorted(funding_sources())
['其他摊款', '经常摊款', '维持和平摊款', '自愿捐款']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from ungraph.errors import UngraphError
from ungraph.extract.people import People
from ungraph.reference.gazetteer import Gazetteer

__all__ = ["Context", "funding_sources"]

#: Any base will do: only the local names of the concepts are kept.
_BASE = "http://ungraph.invalid/"


@lru_cache(maxsize=1)
def funding_sources() -> Mapping[str, str]:
    """Chinese name -> concept CURIE, read from the ``ug:FundingSources`` scheme of the ontology.

    >>> funding_sources()["经常摊款"], funding_sources()["维持和平摊款"]
    ('ug:RegularAssessment', 'ug:PeacekeepingAssessment')
    """
    import rdflib
    from rdflib.namespace import SKOS

    from ungraph import paths

    graph = rdflib.Graph()
    graph.parse(paths.ontology_file(), format="turtle", publicID=_BASE)
    scheme = rdflib.URIRef(_BASE + "ontology#FundingSources")
    out: dict[str, str] = {}
    for concept in sorted(graph.subjects(SKOS.inScheme, scheme), key=str):
        for label in graph.objects(concept, SKOS.prefLabel):
            if getattr(label, "language", None) == "zh":
                out[str(label)] = "ug:" + str(concept).rsplit("#", 1)[1]
    return MappingProxyType(out)


@dataclass(frozen=True)
class Context:
    """The inputs of every extractor besides the document and its segments."""

    #: The curated reference tables; ``None`` runs the rules without them.
    gazetteer: Gazetteer | None
    #: Persons found in the report (:func:`ungraph.extract.people.collect`).
    people: People
    #: Funding sources of the ontology, by Chinese name (:func:`funding_sources`).
    funding_sources: Mapping[str, str]

    def required_gazetteer(self, who: str) -> Gazetteer:
        """The gazetteer, for an extractor that cannot run without one.

        :raises UngraphError: if the context has none.
        """
        if self.gazetteer is None:
            raise UngraphError(f"the {who} extractor needs the reference tables (a gazetteer)")
        return self.gazetteer
