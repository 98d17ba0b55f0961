"""Citations of resolutions: the symbols a block cites, by rule, and the subject of a mandate line.

Shared by :mod:`ungraph.extract.resolutions` (the resolutions) and
:mod:`ungraph.extract.instruments` (an instrument a mandate line says a resolution adopted), and
by :mod:`ungraph.extract.links` (the undocs link).

Resolutions are found by rule in every block: a *citation run* starts at ``第`` (optionally
after the organ: 大会, 安全理事会, 人权理事会) and lists symbols joined by 和, 及, 、, 以及
or a comma, with the layout noise of the PDF tolerated (line breaks, a stray "(" at the start
of a wrapped line, "第74/3(和76/203号决议"). A symbol is

* ``70/1``, ``72/262 C``, ``57/228B``, ``76/84 A-B`` (session/number, lettered parts):
  General Assembly ``A/RES/…``, Human Rights Council ``A/HRC/RES/…``; ``72/266 A和B`` lists
  two parts, so it is two resolutions (``A/RES/72/266 A`` and ``…B``), and so is the range
  ``76/84 A-B`` (``A/RES/76/84 A`` and ``…B``: one document per letter);
* ``S-10/2``: a special session of the General Assembly;
* ``217(III)``, ``2099 (XX)``: old-style General Assembly numbers (OCR reads the roman
  numeral I as the digit 1: ``94(1)`` is ``94(I)``);
* ``2282(2016)``: a Security Council resolution ``S/RES/2282 (2016)``.

The organ is the one named at the start of the run, else the organ of the previous run in
the same block, else the form's (``n(year)`` Security Council, otherwise General Assembly).
The undocs link is ``https://undocs.org/`` + the symbol without spaces.

In a ``主要授权`` (key mandates) list, each cited resolution is ``ug:citedIn`` the chapter,
with the line's subject (its text without the citation) as ``ug:mandateSubject``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ungraph.extract.blocks import CONTAINERS

__all__ = [
    "Citation", "ORGANS", "CONTAINERS", "find_citations", "resolution_symbol", "undocs_url",
    "mandate_subject", "mandate_chapter",
]

#: Organ names as the report writes them -> (organ code, canonical Chinese name).
ORGANS = {"大会": "GA", "联合国大会": "GA", "安全理事会": "SC", "安理会": "SC", "人权理事会": "HRC"}
_ORGAN_ZH = {"GA": "大会", "SC": "安全理事会", "HRC": "人权理事会"}

_SYM = (r"(?:S-\d{1,2}/\d{1,3}"
        r"|\d{1,3}/\d{1,4}(?:\s?[A-Z](?:\s?(?:-|和)\s?[A-Z])*(?![A-Za-z]))?"
        r"|\d{1,4}\s?\(\s?(?:(?:19|20)\d\d|[IVXLl1]{1,5})\s?\))")
_START = re.compile(r"(?P<organ>" + "|".join(sorted(ORGANS, key=len, reverse=True)) + r")?\s?第\s?(?=" + _SYM + ")")
_SYMBOL = re.compile(_SYM)
_SEP = re.compile(r"\s?(?:号决议|号)?\s?[(（]?\s?(?:以及|和|及|、|,|，)\s?(?=" + _SYM + ")")
_OLD = re.compile(r"^(\d{1,4})\s?\(\s?([IVXLl1]{1,5})\s?\)$")
_SC = re.compile(r"^(\d{1,4})\s?\(\s?((?:19|20)\d\d)\s?\)$")
_LETTERED = re.compile(r"^(S-\d{1,2}|\d{1,3})/(\d{1,4})\s?([A-Z](?:\s?(?:-|和)\s?[A-Z])*)?$")


@dataclass(frozen=True)
class Citation:
    """One resolution cited: ``doc.text[start:end] == surface`` (the number as written)."""

    organ: str
    symbol: str
    start: int
    end: int
    surface: str


def _clean(text: str) -> tuple[str, list[int]]:
    """Drop line breaks and a "(" that opens a wrapped line; map each kept char to its index.

    >>> _clean("第46/182和\\n(77/28号")[0]
    '第46/182和77/28号'
    """
    out: list[str] = []
    pos: list[int] = []
    after_break = False
    for i, ch in enumerate(text):
        if ch in "\r\n":
            after_break = True
            continue
        if after_break and ch in "(（":
            after_break = False
            continue
        if not (after_break and ch in " \t"):
            after_break = False
            out.append(ch)
            pos.append(i)
    return "".join(out), pos


def resolution_symbol(organ: str, token: str) -> list[str]:
    """The document symbol(s) of a number as the report writes it, by rule.

    >>> resolution_symbol("GA", "70/1"), resolution_symbol("GA", "57/228B")
    (['A/RES/70/1'], ['A/RES/57/228 B'])
    >>> resolution_symbol("GA", "76/84 A-B"), resolution_symbol("GA", "72/266 A和B")
    (['A/RES/76/84 A', 'A/RES/76/84 B'], ['A/RES/72/266 A', 'A/RES/72/266 B'])
    >>> resolution_symbol("GA", "94(1)"), resolution_symbol("GA", "2099 (XX)"), resolution_symbol("GA", "S-10/2")
    (['A/RES/94(I)'], ['A/RES/2099(XX)'], ['A/RES/S-10/2'])
    >>> resolution_symbol("SC", "1261 (1999)"), resolution_symbol("HRC", "39/2")
    (['S/RES/1261 (1999)'], ['A/HRC/RES/39/2'])
    """
    token = token.strip()
    if m := _SC.match(token):
        return [f"S/RES/{m[1]} ({m[2]})"]
    if m := _OLD.match(token):
        return [f"A/RES/{m[1]}({m[2].replace('1', 'I').replace('l', 'I')})"]
    m = _LETTERED.match(token)
    if not m:
        raise ValueError(f"not a resolution number: {token!r}")
    prefix = "A/HRC/RES" if organ == "HRC" else "A/RES"
    base = f"{prefix}/{m[1]}/{m[2]}"
    letters = re.sub(r"\s", "", m[3] or "")
    if not letters:
        return [base]
    parts: list[str] = []
    for part in letters.split("和"):  # "A和B": two parts; "A-B": the range of parts from A to B
        first, _, last = part.partition("-")
        parts += [chr(c) for c in range(ord(first), ord(last or first) + 1)]
    return [f"{base} {part}" for part in parts]


def undocs_url(symbol: str) -> str:
    """The undocs link of a symbol: no spaces.

    >>> undocs_url("S/RES/2282 (2016)"), undocs_url("A/RES/72/262 C")
    ('https://undocs.org/S/RES/2282(2016)', 'https://undocs.org/A/RES/72/262C')
    """
    return "https://undocs.org/" + re.sub(r"\s", "", symbol)


def find_citations(text: str, offset: int = 0) -> list[Citation]:
    """Every resolution cited in ``text`` (a block); spans are shifted by ``offset``.

    >>> [c.symbol for c in find_citations("(大会第74/3(和76/203号决议)")]
    ['A/RES/74/3', 'A/RES/76/203']
    >>> [c.symbol for c in find_citations("(大\\n(会第2205(XXI)和77/99号决议; 安全理事会第1315(2000)、1757(2007)\\n和2379(2017)号决议)")]
    ['A/RES/2205(XXI)', 'A/RES/77/99', 'S/RES/1315 (2000)', 'S/RES/1757 (2007)', 'S/RES/2379 (2017)']
    >>> [c.surface for c in find_citations("(E/HLPF/2020/3/Add.1, 附件) 2015-2030年")]
    []
    """
    clean, pos = _clean(text)
    found: list[Citation] = []
    organ: str | None = None
    at = 0
    while m := _START.search(clean, at):
        if m["organ"]:
            organ = ORGANS[m["organ"]]
        at = m.end()
        while sym := _SYMBOL.match(clean, at):
            token = sym[0]
            this = organ or ("SC" if _SC.match(token.strip()) else "GA")
            if _SC.match(token.strip()):
                this = "SC"
            start, end = pos[sym.start()], pos[sym.end() - 1] + 1
            for symbol in resolution_symbol(this, token):
                found.append(Citation(this, symbol, offset + start, offset + end, text[start:end]))
            at = sym.end()
            sep = _SEP.match(clean, at)
            if not sep:
                break
            at = sep.end()
    return found


def mandate_subject(text: str) -> tuple[str, int, int] | None:
    """The subject a mandate line gives: its text before the first citation, without bullets,
    stray brackets or the citation's opening bracket; with its span in ``text``.

    >>> mandate_subject("- 建设和平筹资(大会第76/305号决议)")[0]
    '建设和平筹资'
    >>> mandate_subject("(保护和援助境内流离失所者 (大会第76/167号决议)")[0]
    '保护和援助境内流离失所者'
    >>> mandate_subject("振兴大会工作 (第75/325号决议)")[0], mandate_subject("(新城市议程)(大会第71/256号决议)")[0]
    ('振兴大会工作', '新城市议程')
    >>> mandate_subject("F联合国-非洲联盟关于非洲一体化和发展议程的新伙伴关系框架(大会第71/254号决议)")[0][:9]
    '联合国-非洲联盟关'
    >>> mandate_subject("2015-2030年仙台减少灾害风险框架》(大会第69/283号决议)")[0]
    '《2015-2030年仙台减少灾害风险框架》'

    Stray characters are dropped from the span (a bracket that encloses the whole subject, a
    Latin letter glued before the Chinese text); the opening 《 the PDF lost is restored in the
    value, and only where a rule shows it: a closing 》 with no opening one before it. The span
    is always the text as written.
    >>> mandate_subject("《联合国宪章》") is None
    True
    """
    clean, pos = _clean(text)
    m = _START.search(clean)
    if not m:
        return None
    end = m.start()
    while end > 0 and clean[end - 1] in " \t(（[":
        end -= 1
    start = 0
    while start < end and clean[start] in "-•●▪ \t":
        start += 1
    head = clean[start:end]
    if head[:1] in "(（" and head.count("(") + head.count("（") > head.count(")") + head.count("）"):
        start += 1
        head = head[1:]
    head = head.strip()
    if _STRAY_LETTER.match(head):
        head = head[1:]
    if head[:1] in "(（" and head[-1:] in ")）" and _balanced(head[1:-1]):
        head = head[1:-1].strip()
    if not head:
        return None
    first = clean.index(head, start)
    value = head
    close = head.find("》")
    if close >= 0 and "《" not in head[:close]:
        value = "《" + head
    return value, pos[first], pos[first + len(head) - 1] + 1


_STRAY_LETTER = re.compile(r"^[A-Za-z](?=[\u4e00-\u9fff《“])")


def _balanced(text: str) -> bool:
    """Whether every bracket in ``text`` is closed in order ("(a)(b)" enclosed whole is not "a)(b")."""
    depth = 0
    for ch in text:
        depth += ch in "(（"
        depth -= ch in ")）"
        if depth < 0:
            return False
    return depth == 0


def mandate_chapter(seg_id: str) -> str | None:
    """The chapter of a line of a ``主要授权`` (key mandates) list, else ``None``.

    >>> mandate_chapter("chapter/2/section/mandates/item-3"), mandate_chapter("chapter/2/p-1")
    ('chapter/2', None)
    """
    m = re.match(r"^(chapter/\d+)/section/mandates/", seg_id)
    return m[1] if m else None
