"""Full-text search over the report's blocks: Chinese word segmentation (jieba), traditional
characters folded to simplified, ranked by tf-idf with a bonus for the query as one run.

Each block (paragraph, heading, caption, list item, quotation, figure) with a ``schema:text``
is one passage. Its words are jieba's search-mode segmentation of the folded text (so 气候
finds 气候变化 and 气候行动), Latin words lower-cased. A query matches a passage when every
query word occurs in it (or the whole query occurs as one run, for queries jieba cuts
differently from the text). Synonyms the report uses side by side (维和 / 维持和平) are
searched together.

The chapter of a passage follows from its structural IRI (``…/chapter/3/…``), so the facets
need no query.

>>> idx = FullText.from_texts({"http://x.test/id/report/A-78-1/chapter/3/paragraph/1": "气候变化威胁**和平**。",
...                             "http://x.test/id/report/A-78-1/introduction/paragraph/2": "维持和平行动。"})
>>> [(p.chapter, p.text) for p in idx.search("氣候")]
[('3', '气候变化威胁和平。')]
>>> [p.chapter for p in idx.search("维和")]
['introduction']
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ungraph.web.fold import simplified

__all__ = ["Passage", "FullText", "display_text", "chapter_of", "SYNONYMS", "query_forms"]

#: Words the report writes in a long and a short form, searched together (both forms occur in
#: the report: 维持和平 and 维和, 安全理事会 and 安理会).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "维和": ("维持和平",),
    "维持和平": ("维和",),
    "安理会": ("安全理事会",),
    "安全理事会": ("安理会",),
}

_MARKUP = re.compile(r"\*\*|__|^\s*[-•]\s+", re.M)
_CHAPTER = re.compile(r"/chapter/(\d+)(?:/|$)")
_PART = re.compile(r"/id/report/[^/]+/([a-z-]+)")
_LATIN_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")


def display_text(text: str) -> str:
    """The text of a block as a reader sees it: the PDF's markdown (``**bold**``, list dashes) and
    line breaks removed; the verbatim text stays in the graph for provenance.

    >>> display_text("- 和平行动部\\n\\n**85**")
    '和平行动部 85'
    """
    return " ".join(_MARKUP.sub("", text).split())


def chapter_of(iri: str) -> str:
    """The chapter number of a block of the report, or the top part's name (``introduction``).

    >>> chapter_of("http://x.test/id/report/A-78-1/chapter/9/section/mandates/item/3")
    '9'
    >>> chapter_of("http://x.test/id/report/A-78-1/introduction/paragraph/1")
    'introduction'
    """
    if m := _CHAPTER.search(iri):
        return m.group(1)
    m = _PART.search(iri)
    return m.group(1) if m else ""


def _fold(text: str) -> str:
    return simplified(display_text(text)).casefold()


def query_forms(query: str) -> list[str]:
    """The query, folded, and the other forms of the same word (:data:`SYNONYMS`).

    >>> query_forms("維和"), query_forms(" UNDP ")
    (['维和', '维持和平'], ['undp'])
    """
    q = _fold(query).strip()
    return [q, *SYNONYMS.get(q, ())] if q else []


def _tokens(folded: str) -> list[str]:
    import jieba

    jieba.setLogLevel(logging.WARNING)  # not "Building prefix dict ..." on every start
    out = []
    for word in jieba.cut_for_search(folded):
        word = word.strip()
        if not word:
            continue
        if word.isascii():
            out.extend(_LATIN_WORD.findall(word))
        elif any("\u4e00" <= ch <= "\u9fff" for ch in word):
            out.append(word)
    return out


@dataclass(frozen=True)
class Passage:
    iri: str
    chapter: str
    text: str
    score: float


@dataclass
class FullText:
    texts: dict[str, str]  # iri -> display text
    folded: dict[str, str]
    postings: dict[str, dict[str, int]] = field(default_factory=dict)  # word -> {iri: count}

    @classmethod
    def from_texts(cls, texts: dict[str, str]) -> "FullText":
        display = {iri: display_text(t) for iri, t in sorted(texts.items())}
        folded = {iri: _fold(t) for iri, t in display.items()}
        postings: dict[str, dict[str, int]] = defaultdict(dict)
        for iri, text in folded.items():
            for word, n in Counter(_tokens(text)).items():
                postings[word][iri] = n
        return cls(display, folded, dict(postings))

    def _idf(self, word: str) -> float:
        return math.log(1 + len(self.texts) / (1 + len(self.postings.get(word, ()))))

    def has_words(self, iri: str, query: str) -> bool:
        """Whether the passage ``iri`` holds every word of ``query`` (or of one of its other forms) as
        words of its own, not only as a run of characters (人权 is a run in 受害人权利, not a word).

        >>> idx = FullText.from_texts({"x:1": "受害人权利倡导者", "x:2": "维持和平特派团"})
        >>> idx.has_words("x:1", "人权"), idx.has_words("x:2", "维和")
        (False, True)
        """
        return any(all(iri in self.postings.get(w, {}) for w in (_tokens(f) or [f])) for f in query_forms(query))

    def search(self, query: str, chapters: Iterable[str] | None = None) -> list[Passage]:
        """Passages matching ``query``, best first (ties by IRI, so the order is stable)."""
        forms = query_forms(query)
        if not forms:
            return []
        wanted = set(chapters) if chapters is not None else None
        scores: dict[str, float] = {}
        for form in forms:
            words = _tokens(form) or [form]
            compact = "".join(form.split())
            for iri, text in self.folded.items():
                run = compact in "".join(text.split())
                if not run and not all(iri in self.postings.get(w, {}) for w in words):
                    continue
                score = sum(self.postings.get(w, {}).get(iri, 0) * self._idf(w) for w in words) + (2.0 if run else 0.0)
                score /= math.sqrt(1 + len(text) / 200)  # long paragraphs do not win by length alone
                scores[iri] = max(scores.get(iri, 0.0), score)
        out = [Passage(iri, chapter_of(iri), self.texts[iri], s) for iri, s in scores.items()]
        if wanted is not None:
            out = [p for p in out if p.chapter in wanted]
        return sorted(out, key=lambda p: (-p.score, p.iri))
