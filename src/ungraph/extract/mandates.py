"""Mandates: the resolutions the report cites and the instruments it names.

Resolutions are found by rule in every block: a *citation run* starts at ``第`` (optionally
after the organ: 大会, 安全理事会, 人权理事会) and lists symbols joined by 和, 及, 、, 以及
or a comma, with the layout noise of the PDF tolerated (line breaks, a stray "(" at the start
of a wrapped line, "第74/3(和76/203号决议"). A symbol is

* ``70/1``, ``72/262 C``, ``57/228B``, ``76/84 A-B`` (session/number, lettered parts):
  General Assembly ``A/RES/…``, Human Rights Council ``A/HRC/RES/…``; ``72/266 A和B`` lists
  two parts, so it is two resolutions (``A/RES/72/266 A`` and ``…B``), while ``A-B`` is the
  one document the report names;
* ``S-10/2``: a special session of the General Assembly;
* ``217(III)``, ``2099 (XX)``: old-style General Assembly numbers (OCR reads the roman
  numeral I as the digit 1: ``94(1)`` is ``94(I)``);
* ``2282(2016)``: a Security Council resolution ``S/RES/2282 (2016)``.

The organ is the one named at the start of the run, else the organ of the previous run in
the same block, else the form's (``n(year)`` Security Council, otherwise General Assembly).
The undocs link is ``https://undocs.org/`` + the symbol without spaces.

In a ``主要授权`` (key mandates) list, each cited resolution is ``ug:citedIn`` the chapter,
with the line's subject (its text without the citation) as ``ug:mandateSubject``.

Named instruments (conventions, treaties, agendas, frameworks...) are the titles between
《》 in every block, and in mandate lines also a title whose opening 《 the PDF lost
(``联合国海洋法公约》 (大会…``) and the names of ``data/reference/instruments.tsv`` (for
``(新城市议程)`` or an unbracketed protocol). A title is looked up in the gazetteer
(``instruments.tsv``: id, English name, kind); unknown titles are typed by their head noun
(公约, 条约, 议程, 框架...) and keyed by their pinyin. Titles of reports and publications
(kind ``publication`` in the table, or a head noun such as 报告 or 登记册) are not instruments.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ungraph.kinds import name_key
from ungraph.namespaces import safe_key
from ungraph.records import Document, Entity, Literal, Mention, Provenance, Record, Ref, Segment, Statement

__all__ = [
    "Citation", "ORGANS", "CONTAINERS", "find_citations", "resolution_symbol", "undocs_url",
    "mandate_subject", "find_titles", "instrument_kind", "extract",
]

#: Organ names as the report writes them -> (organ code, canonical Chinese name).
ORGANS = {"大会": "GA", "联合国大会": "GA", "安全理事会": "SC", "安理会": "SC", "人权理事会": "HRC"}
_ORGAN_ZH = {"GA": "大会", "SC": "安全理事会", "HRC": "人权理事会"}
#: Fallback organisation keys, used only when the gazetteer does not know the organ's name.
_ORGAN_KEYS = {"GA": "UNGA", "SC": "UNSC", "HRC": "HRC"}
#: Segment kinds that contain blocks (not scanned themselves).
CONTAINERS = frozenset({"report", "front-matter", "contents", "introduction", "chapter", "section",
                        "spotlight", "subsection", "table"})

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
    (['A/RES/76/84 A-B'], ['A/RES/72/266 A', 'A/RES/72/266 B'])
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
    if "和" in letters:
        return [f"{base} {part}" for part in letters.split("和")]
    return [f"{base} {letters}"]


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


# -- named instruments -------------------------------------------------------------------

#: Head noun -> instrument type (CURIEs), checked longest first; ``None``: not an instrument.
_HEADS: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    ("框架公约", ("ug:Convention", "undo:Convention")),
    ("公约", ("ug:Convention", "undo:Convention")),
    ("议定书", ("ug:Treaty", "undo:Treaty")),
    ("条约", ("ug:Treaty", "undo:Treaty")),
    ("谅解备忘录", ("ug:Treaty", "undo:Treaty")),
    ("协定", ("ug:Treaty", "undo:Treaty")),
    ("宪章", ("ug:Charter", "undo:Charter")),
    ("宣言", ("ug:Declaration",)),
    ("议程", ("ug:Agenda",)),
    ("框架", ("ug:Framework",)),
    ("行动纲领", ("ug:ProgrammeOfAction",)),
    ("行动纲要", ("ug:ProgrammeOfAction",)),
    ("行动计划", ("ug:ProgrammeOfAction",)),
    ("路线图", ("ug:ProgrammeOfAction",)),
    ("战略", ("ug:ProgrammeOfAction",)),
    ("途径", ("ug:ProgrammeOfAction",)),
    ("规则", ("ug:Instrument",)),
    ("示范法", ("ug:Instrument",)),
    ("报告", None),
    ("登记册", None),
)
#: ``kind`` column of instruments.tsv -> types.
_KINDS = {
    "convention": ("ug:Convention", "undo:Convention"), "treaty": ("ug:Treaty", "undo:Treaty"),
    "charter": ("ug:Charter", "undo:Charter"), "declaration": ("ug:Declaration",), "agenda": ("ug:Agenda",),
    "framework": ("ug:Framework",), "programme-of-action": ("ug:ProgrammeOfAction",),
    "instrument": ("ug:Instrument",), "publication": None,
}
_TITLE = re.compile(r"《([^》]{1,120}?)》")
_OPEN_LOST = re.compile(r"^[-•●▪\s(（]*([^《》()（）\n]{2,60}?)》")


def instrument_kind(title: str) -> tuple[str, ...] | None:
    """Types of an instrument by the head noun of its title (``None``: not an instrument).

    >>> instrument_kind("联合国海洋法公约"), instrument_kind("2023年世界社会报告"), instrument_kind("北京宣言")
    (('ug:Convention', 'undo:Convention'), None, ('ug:Declaration',))
    """
    for head, types in _HEADS:
        if title.endswith(head):
            return types
    return None


@dataclass(frozen=True)
class _Title:
    title: str
    start: int
    end: int


def find_titles(text: str, offset: int = 0, mandate: bool = False) -> list[_Title]:
    """Titles between 《》 (a stray inner 《 dropped); in a mandate line also one whose 《 was lost.

    >>> [t.title for t in find_titles("《1971年《精神药物公约》和《2030 年议程》")]
    ['1971年精神药物公约', '2030 年议程']
    >>> [t.title for t in find_titles("联合国海洋法公约》 (大会第52/26号)", mandate=True)]
    ['联合国海洋法公约']
    """
    out = []
    for m in _TITLE.finditer(text):
        start = m.start(1)
        while text[start] == "《":
            start += 1
        out.append(_Title(text[start:m.end(1)].replace("《", ""), offset + start, offset + m.end(1)))
    if mandate and (m := _OPEN_LOST.match(text)) and "《" not in text[: m.end()]:
        out.insert(0, _Title(m[1], offset + m.start(1), offset + m.end(1)))
    return out


# -- the extractor -----------------------------------------------------------------------

def _chapter(seg_id: str) -> str | None:
    m = re.match(r"^(chapter/\d+)/section/mandates/", seg_id)
    return m[1] if m else None


def _organ_ref(gazetteer: Any, organ: str) -> Ref:
    ref = gazetteer.ref(_ORGAN_ZH[organ]) if gazetteer is not None else None
    if ref is not None and ref.kind == "organization":
        return ref
    return Ref("organization", _ORGAN_KEYS[organ])


def _resolutions(doc: Document, blocks: Sequence[Segment], gazetteer: Any) -> Iterator[Record]:
    seen: set[str] = set()
    for seg in blocks:
        chapter = _chapter(seg.id)
        subject = mandate_subject(seg.text) if chapter else None
        for c in find_citations(seg.text, seg.start):
            ref = Ref("resolution", safe_key(c.symbol))
            prov = Provenance(c.start, c.end, seg.id)
            if c.symbol not in seen:
                seen.add(c.symbol)
                number = c.symbol.split("/RES/", 1)[1]
                yield Entity(ref, ("ug:Resolution", "schema:Legislation", "undo:Resolution"), (
                    ("skos:prefLabel", Literal(f"{_ORGAN_ZH[c.organ]}第{number}号决议", "zh")),
                    ("schema:legislationIdentifier", Literal(c.symbol)),
                    ("dcterms:identifier", Literal(c.symbol)),
                ), prov)
                yield Statement(ref, "ug:issuedBy", _organ_ref(gazetteer, c.organ), prov)
                yield Statement(ref, "schema:url", undocs_url(c.symbol), None, "rule: undocs.org + symbol")  # type: ignore[arg-type]
            yield Mention(ref, prov, c.surface)
            if chapter:
                yield Statement(ref, "ug:citedIn", Ref("report", f"{doc.key}/{chapter}"), prov)
                if subject:
                    yield Statement(ref, "ug:mandateSubject", Literal(subject[0], "zh"),
                                    Provenance(seg.start + subject[1], seg.start + subject[2], seg.id))


def _instrument(title: str, gazetteer: Any) -> tuple[Ref, tuple[str, ...], Any] | None:
    row = None
    ref = gazetteer.ref(title) if gazetteer is not None else None
    if ref is not None and ref.kind == "instrument":
        row = gazetteer.get("instrument", ref.key)
    if row is not None:
        types = _KINDS.get(row.kind)
        return (ref, types, row) if types else None
    bare = re.sub(r"\s", "", title)
    if any(bare == head for head, _ in _HEADS):  # 《宣言》, 《谅解备忘录》: a short form that needs context
        return None
    types = instrument_kind(bare)
    return (Ref("instrument", name_key(re.sub(r"\s", "", title))), types, None) if types else None


def _instruments(doc: Document, blocks: Sequence[Segment], gazetteer: Any) -> Iterator[Record]:
    from ungraph.reference.gazetteer import normalise

    seen: set[Ref] = set()
    seen_alt: set[tuple[Ref, str]] = set()
    for seg in blocks:
        chapter = _chapter(seg.id)
        titles = find_titles(seg.text, seg.start, mandate=bool(chapter))
        if chapter and gazetteer is not None:  # unbracketed names in mandate lines
            covered = [(t.start, t.end) for t in titles]
            for m in gazetteer.find(seg.text):
                s, e = seg.start + m.start, seg.start + m.end
                if m.kind == "instrument" and not any(a <= s < b for a, b in covered):
                    titles.append(_Title(m.surface, s, e))
        cites = find_citations(seg.text, seg.start) if chapter else []
        subject = mandate_subject(seg.text) if chapter else None
        for t in titles:
            hit = _instrument(t.title, gazetteer)
            if hit is None:
                continue
            ref, types, row = hit
            prov = Provenance(t.start, t.end, seg.id)
            if ref not in seen:
                seen.add(ref)
                label = row.name_zh if row is not None else normalise(t.title)
                labels = [("skos:prefLabel", Literal(label, "zh"))]
                if row is not None and row.name_en:
                    labels.append(("skos:prefLabel", Literal(row.name_en, "en")))
                yield Entity(ref, types, tuple(labels), prov)
            variant = normalise(t.title)
            if row is not None and variant != normalise(row.name_zh) and (ref, variant) not in seen_alt:
                seen_alt.add((ref, variant))
                yield Statement(ref, "skos:altLabel", Literal(variant, "zh"), prov)
            yield Mention(ref, prov, doc.text[t.start:t.end])
            if chapter:
                yield Statement(ref, "ug:citedIn", Ref("report", f"{doc.key}/{chapter}"), prov)
                # the line names only this instrument and cites one resolution: it adopted it
                bare = subject and len(cites) == 1 and normalise(subject[0]).strip("《》()（）") == normalise(t.title)
                for c in cites if bare else []:
                    yield Statement(ref, "ug:adoptedBy", Ref("resolution", safe_key(c.symbol)),
                                    Provenance(c.start, c.end, seg.id))


def extract(doc: Document, segments: Sequence[Segment], gazetteer: Any) -> Iterator[Record]:
    """Resolutions and named instruments of every block (see the module docstring)."""
    blocks = [s for s in segments if s.kind not in CONTAINERS]
    done: set[Record] = set()
    for rec in (*_resolutions(doc, blocks, gazetteer), *_instruments(doc, blocks, gazetteer)):
        if rec not in done:
            done.add(rec)
            yield rec
