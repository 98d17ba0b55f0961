"""The label table: every label, type and mention count of the graph, read once per app.

The data does not change while the server runs, so the pages name IRIs and the search box
finds them from this table instead of querying for each link. :func:`get_catalog` builds it
on first use (under a lock) and keeps it on the app's services (:class:`ungraph.web.context.Services`).

>>> c = Catalog.from_rows([("http://x.test/id/un", "http://www.w3.org/2004/02/skos/core#prefLabel", "联合国", "zh"),
...                        ("http://x.test/id/un", "http://www.w3.org/2004/02/skos/core#altLabel", "UN", "en")],
...                       [("http://x.test/id/un", "http://www.w3.org/ns/org#Organization")], {}, {}, [])
>>> c.label("http://x.test/id/un", "zh"), c.label("http://x.test/id/un", "en")
('联合国', 'UN')
>>> [h.iri for h in c.search("U N")]
['http://x.test/id/un']
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ungraph import queries
from ungraph.namespaces import PREFIXES
from ungraph.web.fold import simplified
from ungraph.web.fulltext import FullText, display_text

__all__ = ["Catalog", "Hit", "normalize", "get_catalog"]

_SKOS, _FOAF, _RDFS = PREFIXES["skos"], PREFIXES["foaf"], PREFIXES["rdfs"]
_CAPTION = PREFIXES["schema"] + "caption"
#: Properties whose values are names proper (ranked above alternative labels).
PRIMARY = {_SKOS + "prefLabel", _FOAF + "name", PREFIXES["schema"] + "name", _RDFS + "label",
           PREFIXES["dcterms"] + "title"}
_IGNORED = re.compile(r"[\s\u00b7\u30fb\u2022\u2027\u2219\u22c5\uff65\u2010-\u2015\-_]+")


def normalize(text: str) -> str:
    """Fold a label or a query for matching: NFKC, traditional characters to simplified (OpenCC),
    case-folded, without spaces, dots ("·") or dashes.

    >>> normalize("阿明娜 · 穆罕默德") == normalize("阿明娜·穆罕默德") == "阿明娜穆罕默德"
    True
    >>> normalize("MONUSCO "), normalize("ＵＮ"), normalize("聯合國")
    ('monusco', 'un', '联合国')
    """
    return _IGNORED.sub("", simplified(unicodedata.normalize("NFKC", text)).casefold())


def _words(text: str) -> list[str]:
    """The normalised words of a label: runs separated by spaces, dots, dashes or punctuation."""
    return [w for w in (normalize(p) for p in _WORD_BREAK.split(text)) if w]


def _boundaries(text: str) -> frozenset[int]:
    """Offsets in ``normalize(text)`` where a word starts (for matching Latin queries at word starts only).

    >>> sorted(_boundaries("S/RES/2282 (2016)"))
    [0, 2, 6, 11]
    """
    norm, out, at = normalize(text), set(), 0
    for w in _words(text):
        found = norm.find(w, at)
        if found < 0:
            continue
        out.add(found)
        at = found + len(w)
    return frozenset(out)


_LATIN = re.compile(r"^[\x00-\x7f]+$")
_WORD_BREAK = re.compile(r"[\s\u00b7\u30fb\u2022\u2027\u2219\u22c5\uff65\u2010-\u2015\-_.,;:()'\"/]+")
#: Fuzzy matches (edit distance, rapidfuzz) need this similarity (0-100) and a query this long.
FUZZY_CUTOFF, FUZZY_MIN_LEN = 84.0, 4


@dataclass(frozen=True)
class Hit:
    iri: str
    matched: str
    rank: int


@dataclass
class Catalog:
    labels: dict[str, list[tuple[str, str, str]]]  # iri -> [(property, text, lang)] in fallback order
    types: dict[str, tuple[str, ...]]
    mentions: dict[str, int]
    snippets: dict[str, str]
    superclasses: dict[str, set[str]]
    instances: dict[str, list[str]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # block IRI -> its verbatim text
    blocks: dict[str, tuple[str, ...]] = field(default_factory=dict)  # block IRI -> the entities it mentions
    classified: dict[str, tuple[str, ...]] = field(default_factory=dict)  # org:classification concept -> its members
    key_entities: dict[str, tuple[str, ...]] = field(default_factory=dict)  # chapter IRI -> its ug:keyEntityOf bodies
    property_shapes: dict[str, tuple[str, str]] = field(default_factory=dict)  # property shape -> (its shape, sh:path)
    _index: list[tuple[str, str, str, bool, frozenset[int]]] = field(default_factory=list)
    # (normalized, label, iri, primary, word starts); and every word and word pair, for fuzzy matching
    _grams: list[str] = field(default_factory=list)
    _gram_owner: list[int] = field(default_factory=list)

    @classmethod
    def from_rows(cls, labels: Iterable[tuple[str, str, str, str]], types: Iterable[tuple[str, str]],
                  mentions: dict[str, int], texts: dict[str, str], subclasses: Iterable[tuple[str, str]],
                  mentioned: Iterable[tuple[str, str]] = (), classifications: Iterable[tuple[str, str]] = (),
                  key_entities: Iterable[tuple[str, str]] = (), shape_properties: Iterable[tuple[str, str]] = (),
                  shape_paths: Iterable[tuple[str, str]] = ()) -> "Catalog":
        order = {p: i for i, p in enumerate(queries.LABEL_PROPERTIES)}
        by_iri: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for s, p, text, lang in labels:
            by_iri[s].append((p, text, lang))
        for rows in by_iri.values():
            rows.sort(key=lambda r: (order.get(r[0], len(order)), r[2], r[1]))
        typed: dict[str, list[str]] = defaultdict(list)
        inst: dict[str, list[str]] = defaultdict(list)
        for s, t in types:
            typed[s].append(t)
            inst[t].append(s)
        supers: dict[str, set[str]] = defaultdict(set)
        for c, sup in subclasses:
            supers[c].add(sup)
        snippets = {iri: _snippet(text) for iri, text in texts.items()}
        cat = cls(dict(by_iri), {k: tuple(sorted(v)) for k, v in typed.items()}, dict(mentions), snippets,
                  _closure(supers), {k: sorted(v) for k, v in inst.items()}, dict(texts))
        in_block: dict[str, list[str]] = defaultdict(list)
        for entity, block in mentioned:
            in_block[block].append(entity)
        cat.blocks = {b: tuple(sorted(es)) for b, es in in_block.items()}
        cat.classified = _grouped((concept, member) for member, concept in classifications)
        cat.key_entities = _grouped((chapter, body) for body, chapter in key_entities)
        paths = dict(shape_paths)
        cat.property_shapes = {child: (shape, paths[child]) for shape, child in sorted(shape_properties) if child in paths}
        cat._index = sorted({(normalize(text), text, iri, p in PRIMARY, _boundaries(text))
                             for iri, rows in cat.labels.items() for p, text, _ in rows if normalize(text)})
        for i, (norm, text, _iri, _p, _b) in enumerate(cat._index):
            words = _words(text)
            for gram in {norm, *words, *(a + b for a, b in zip(words, words[1:]))}:
                if len(gram) >= FUZZY_MIN_LEN - 1:
                    cat._grams.append(gram)
                    cat._gram_owner.append(i)
        return cat

    # --- names ---------------------------------------------------------------------------
    def label(self, iri: str, lang: str) -> str | None:
        """The display label of ``iri`` in ``lang``: that language first, then untagged, then any."""
        found = self.label_lang(iri, lang)
        return found[0] if found else None

    def label_lang(self, iri: str, lang: str) -> tuple[str, str] | None:
        """The display label of ``iri`` and its language (``""`` when untagged): ``lang`` first,
        then untagged, then any; else the first words of its text or its caption. Markdown of the
        PDF extraction (``**bold**``, list dashes) is removed for display.

        >>> c = Catalog.from_rows([("x:p", PREFIXES["schema"] + "caption", "**秘书长**在纽约与青年代表交谈。", "zh")],
        ...                       [], {}, {}, [])
        >>> c.label_lang("x:p", "en")
        ('秘书长在纽约与青年代表交谈。', 'zh')
        """
        rows = self.labels.get(iri, [])
        for want in (lambda lg: lg == lang, lambda lg: lg.split("-")[0] == lang, lambda lg: lg == "", lambda lg: True):
            for p, text, lg in rows:
                if want(lg):
                    shown = display_text(text)
                    return (_snippet(shown) if p == _CAPTION else shown), lg
        snippet = self.snippets.get(iri)
        return (display_text(snippet), "zh") if snippet else None

    def label_in(self, iri: str, lang: str) -> str | None:
        """A primary label exactly in ``lang`` (for showing both languages side by side)."""
        for p, text, lg in self.labels.get(iri, []):
            if p in PRIMARY and lg.split("-")[0] == lang:
                return display_text(text)
        return None

    def values(self, iri: str, prop: str) -> list[tuple[str, str]]:
        return [(text, lg) for p, text, lg in self.labels.get(iri, []) if p == prop]

    @property
    def fulltext(self) -> FullText:
        """The full-text index of the report's blocks, built on first use (segmenting takes a second)."""
        index = self.__dict__.get("_fulltext")
        if index is None:
            with _FULLTEXT_LOCK:
                index = self.__dict__.get("_fulltext")
                if index is None:
                    index = self.__dict__["_fulltext"] = FullText.from_texts(self.texts)
        return index

    def is_a(self, iri: str, cls: str) -> bool:
        return any(t == cls or cls in self.superclasses.get(t, ()) for t in self.types.get(iri, ()))

    def members(self, cls: str, prefix: str) -> list[str]:
        """The IRIs under ``prefix`` that are instances of ``cls`` (subclasses included), sorted, from an
        index of every class built on first use (a class page used to go through every typed IRI: 1-2 s)."""
        index: dict[str, dict[str, list[str]]] = self.__dict__.setdefault("_members", {})
        by_class = index.get(prefix)
        if by_class is None:
            found: dict[str, set[str]] = defaultdict(set)
            for s, types in self.types.items():
                if s.startswith(prefix):
                    for t in types:
                        for c in (t, *self.superclasses.get(t, ())):
                            found[c].add(s)
            by_class = index[prefix] = {c: sorted(v) for c, v in found.items()}
        return list(by_class.get(cls, ()))

    # --- search --------------------------------------------------------------------------
    def search(self, query: str, limit: int = 20, within: set[str] | None = None,
               exclude: tuple[str, ...] = ()) -> list[Hit]:
        """Rank IRIs by their labels, best first; ``exclude``: IRI prefixes left out.

        Ranks: 0 exact name, 1 exact other label (abbreviation, variant), 2 prefix, 3 inside a
        label (a Latin query only at the start of a word: "DPO" is not inside "Country-Based
        Pooled Funds"), 4 near miss by edit distance ("Gutteres" finds "Guterres"); within a
        rank, the more often the report mentions an entity the earlier it comes.
        """
        q = normalize(query)
        if not q:
            return []
        latin = bool(_LATIN.match(q))
        best: dict[str, tuple[int, str]] = {}

        def keep(iri: str, rank: int, text: str) -> None:
            if (within is not None and iri not in within) or iri.startswith(exclude):
                return
            if iri not in best or (rank, len(text)) < (best[iri][0], len(best[iri][1])):
                best[iri] = (rank, text)

        for norm, text, iri, primary, starts in self._index:
            if norm == q:
                keep(iri, 0 if primary else 1, text)
            elif norm.startswith(q):
                keep(iri, 2, text)
            elif q in norm and (not latin or any(norm.startswith(q, at) for at in starts)):
                keep(iri, 3, text)
        if len(q) >= FUZZY_MIN_LEN:
            for _gram, score, at in process.extract(q, self._grams, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF,
                                                    limit=200):
                _norm, text, iri, _primary, _starts = self._index[self._gram_owner[at]]
                keep(iri, 4, text)
        ordered = sorted(best.items(), key=lambda kv: (kv[1][0], -self.mentions.get(kv[0], 0), len(kv[1][1]), kv[0]))
        return [Hit(iri, text, rank) for iri, (rank, text) in ordered[:limit]]


def _grouped(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    out: dict[str, set[str]] = defaultdict(set)
    for key, value in pairs:
        out[key].add(value)
    return {k: tuple(sorted(v)) for k, v in sorted(out.items())}


def _snippet(text: str, n: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[:n].rstrip() + "…"


def _closure(direct: dict[str, set[str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for c in direct:
        seen: set[str] = set()
        todo = list(direct[c])
        while todo:
            s = todo.pop()
            if s not in seen:
                seen.add(s)
                todo.extend(direct.get(s, ()))
        out[c] = seen
    return out


_FULLTEXT_LOCK = threading.Lock()


def build_catalog(store, ug: str) -> Catalog:
    """Read the tables from ``store``; ``ug`` is the ontology namespace of the base."""
    return Catalog.from_rows(queries.label_rows(store, ug + "abbreviation"), queries.type_rows(store),
                             queries.mention_counts(store, ug), queries.text_rows(store), queries.subclass_rows(store),
                             queries.mention_rows(store, ug), queries.pair_rows(store, PREFIXES["org"] + "classification"),
                             queries.pair_rows(store, ug + "keyEntityOf"), queries.pair_rows(store, PREFIXES["sh"] + "property"),
                             queries.pair_rows(store, PREFIXES["sh"] + "path"))


def get_catalog() -> Catalog:
    """The catalog of the current app, built on first use."""
    from ungraph.web.context import services

    return services.catalog()
