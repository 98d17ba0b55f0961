"""Sentences of a block: spans cut at the report's sentence ends, for extractors that read sentence by sentence.

A sentence ends after 。, ！, ？ or ；(a semicolon separates the clauses of the report's long lists as a
full stop would), together with the closing quotation marks or brackets that follow it; the text
after the last end is a sentence too. Spans are indices into the text given (end exclusive), with
the whitespace around each sentence left out, so ``text[start:end]`` is the sentence as printed.

>>> [s.text for s in sentences("在也门，停火了。“我们支持。”  最后一句")]
['在也门，停火了。', '“我们支持。”', '最后一句']
>>> sentences("一。二", offset=100)[1]
Sentence(start=102, end=103, text='二', number=2)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "sentences", "END", "CLAUSE_END", "words_before", "words_after"]

#: Sentence-final punctuation (full-width, and the half-width forms PDF extraction sometimes gives).
END = "。！？；!?;"
#: Punctuation that ends a clause inside a sentence.
CLAUSE_END = re.compile(r"[，,；;：:]")
_SPACE = re.compile(r"\s+")
_SENTENCE = re.compile(rf"[^{END}]+(?:[{END}]+[”’」』）)\]]*|$)|[{END}]+")


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``start``/``end`` index the text (plus ``offset``); ``number`` counts from 1 in its block."""

    start: int
    end: int
    text: str
    number: int


def sentences(text: str, offset: int = 0) -> list[Sentence]:
    """The sentences of ``text`` in order; empty or whitespace-only pieces are dropped."""
    out: list[Sentence] = []
    for m in _SENTENCE.finditer(text):
        piece = m.group()
        stripped = piece.strip()
        if not stripped or all(c in END for c in stripped):
            continue
        start = m.start() + (len(piece) - len(piece.lstrip()))
        out.append(Sentence(offset + start, offset + start + len(stripped), stripped, len(out) + 1))
    return out


def words_before(text: str, end: int, words: tuple[str, ...]) -> str | None:
    """The first of ``words`` that the text ends with just before ``end``, spaces ignored (or ``None``).

    >>> words_before("我们与 非洲联盟", 4, ("与", "同"))
    '与'
    """
    before = _SPACE.sub("", text[max(0, end - 8):end])
    return next((w for w in words if before.endswith(w)), None)


def words_after(text: str, start: int, words: tuple[str, ...]) -> bool:
    """Whether the text from ``start`` begins with one of ``words``, spaces ignored.

    >>> words_after("联合国 总部", 3, ("总部",))
    True
    """
    after = _SPACE.sub("", text[start:start + 8])
    return any(after.startswith(w) for w in words)
