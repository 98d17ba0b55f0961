"""View helpers shared by the pages: names for IRIs, names for terms, the kinds of the graph.

An IRI is always shown by a label: its own (in the interface language first), else the first
words of its text, else its CURIE or its path under the base. A term (class or property) is
named by its ``rdfs:label`` in the graph, else :data:`~ungraph.web.i18n.TERMS`, else its local name.
"""

from __future__ import annotations

from dataclasses import dataclass

from ungraph.namespaces import PREFIXES, Namespaces
from ungraph.web.catalog import Catalog, get_catalog
from ungraph.web.context import services
from ungraph.web.i18n import TERMS, humanize

__all__ = ["name", "name_lang", "term_label", "Kind", "kind_rows", "cap", "ENTITIES", "STRUCTURE", "is_structure", "kinds_of"]

ENTITIES, STRUCTURE = "entities", "structure"
#: Classes of the plumbing (annotations, reified statements, builds): not offered as kinds to browse.
_PLUMBING_NS = (PREFIXES["oa"], PREFIXES["rdf"], PREFIXES["owl"], PREFIXES["sh"], PREFIXES["rdfs"])


def _fallback(iri: str, ns: Namespaces) -> str:
    if iri.startswith(ns.base + "id/"):
        return iri[len(ns.base + "id/"):]
    for prefix, full in sorted(ns.prefixes.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(full) and len(iri) > len(full):
            return f"{prefix}:{iri[len(full):]}"
    return iri[len(ns.base):] if iri.startswith(ns.base) else iri


def _generated(iri: str, lang: str, cat: Catalog) -> str | None:
    """A node of the graph's own without a label is named by what it is: a property shape by its
    shape and path ("条约 · 首选名称"), the validation report by its kind."""
    ns = services.ns
    if not iri.startswith(ns.base) or iri.startswith(ns.base + "id/"):
        return None
    if iri in cat.property_shapes:
        shape, path = cat.property_shapes[iri]
        return f"{name(shape, lang, cat)} · {term_label(path, lang, cat)}"
    kinds = kinds_of(iri, cat, ns) if iri in cat.types else []
    return cap(term_label(kinds[0], lang, cat)) if kinds else None


def name(iri: str, lang: str, cat: Catalog | None = None) -> str:
    """The display name of any IRI (never empty)."""
    cat = cat or get_catalog()
    return cat.label(iri, lang) or _generated(iri, lang, cat) or _fallback(iri, services.ns)


def name_lang(iri: str, lang: str, cat: Catalog | None = None) -> tuple[str, str | None]:
    """The display name of an IRI and, when it is not in ``lang``, the language it falls back to
    (so a page marks "联合国" on an English page as Chinese: ``lang="zh"``)."""
    cat = cat or get_catalog()
    found = cat.label_lang(iri, lang)
    if found is None:
        return _generated(iri, lang, cat) or _fallback(iri, services.ns), None
    text, tag = found
    return text, (tag if tag and tag.split("-")[0] != lang else None)


def term_label(iri: str, lang: str, cat: Catalog | None = None) -> str:
    """The name of a class or property in ``lang``."""
    cat = cat or get_catalog()
    own = cat.label_in(iri, lang)
    if own:
        return own
    curie = _fallback(iri, services.ns)
    if curie in TERMS:
        return TERMS[curie][lang == "en"]
    return cat.label(iri, lang) or humanize(iri)


def is_structure(cls: str, cat: Catalog, ns: Namespaces) -> bool:
    """Classes of the report's own structure (the reader shows those)."""
    ug = ns.ontology
    return cls in (ug + "Report", ug + "DocumentPart", ug + "SourceText", PREFIXES["schema"] + "Report") or \
        ug + "DocumentPart" in cat.superclasses.get(cls, ())


def _plumbing(cls: str, ns: Namespaces) -> bool:
    return cls.startswith(_PLUMBING_NS) or cls == ns.ontology + "Build"


def kinds_of(iri: str, cat: Catalog, ns: Namespaces) -> list[str]:
    """The classes of ``iri`` worth showing, most specific first (ours before reused ones)."""
    types = [t for t in cat.types.get(iri, ()) if not any(t in cat.superclasses.get(o, ()) for o in cat.types[iri])]
    return sorted(types, key=lambda t: (not t.startswith(ns.ontology), t))


@dataclass(frozen=True)
class Kind:
    iri: str
    label: str
    count: int
    group: str


def cap(label: str) -> str:
    return label[:1].upper() + label[1:]


def kind_rows(cat: Catalog, ns: Namespaces, lang: str) -> list[Kind]:
    """Every class that is the main kind of some IRI under ``{base}id/``, with counts, by group then name.

    An IRI counts once, under its most specific class (the ontology's own first), so a resolution
    typed ``ug:Resolution``, ``undo:Resolution`` and ``schema:Legislation`` appears once.
    """
    id_prefix = ns.base + "id/"
    counts: dict[str, int] = {}
    for iri in cat.types:
        if iri.startswith(id_prefix):
            kinds = [k for k in kinds_of(iri, cat, ns) if not _plumbing(k, ns)]
            if kinds:
                counts[kinds[0]] = counts.get(kinds[0], 0) + 1
    out = [Kind(cls, cap(term_label(cls, lang, cat)), n, STRUCTURE if is_structure(cls, cat, ns) else ENTITIES)
           for cls, n in counts.items()]
    return sorted(out, key=lambda k: (k.group != ENTITIES, -k.count if k.group == STRUCTURE else 0, k.label.casefold()))
