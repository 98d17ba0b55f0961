"""Finding the persons of the report: who is who, where each is named and with which title.

The records (persons, posts, quotations) are made by :mod:`ungraph.extract.persons` from the
:class:`People` found here, once per build (:func:`ungraph.extract.build_context`). Names are found by rules, in two passes over the segmented report:

1. *Seeds*. An ``attribution`` block (the line under a quotation) is ``<title><name>``: the
   name starts after the last title word (:data:`~ungraph.extract.posts.TITLE_ENDINGS`) that
   ends before the name's first "·" (or, for names without "·" such as 李军华, after the last
   title word). In a ``credit`` block the photographer (and an "organisation" that is written
   as a name with "·") is a person, unless ``organizations.tsv`` lists the name: a body credited
   under a transliterated name (© 霍尔姆 · 阿赫达尔, Holm Akhdar, the source of the footage) is an
   organization, which the organizations extractor finds there like 人道协调厅 or 联合国图库. In any other block a transliterated name is a run of
   name characters joined by "·" (:func:`find_dotted_names`); the run is cut on the left after
   a title word or a known name (墨西哥, 黎巴嫩前总理) and on both sides at function words
   (:data:`STOP`); a run inside 《》 or whose last part is longer than :data:`MAX_PART`
   characters (劳尔·伊西德罗·布尔戈斯农村教师学校: a thing named after a person) is no name.
   A title directly before a name makes it *titled* (:func:`~ungraph.extract.posts.title_start`).
2. *Mentions*. Every occurrence of a seed name, or of a name ``data/reference/persons.tsv`` lists
   (for names no rule finds: 乔森潘, written with neither "·" nor a title), in every block is a mention, compared in the
   normalised form of :func:`~ungraph.reference.gazetteer.normalise` (spaces, line breaks and
   variants of "·" do not count, so "米格尔·德" / "塞尔帕·苏亚雷斯" over two lines is one name).

Variant spellings are merged by rule: two names with the same last part (the surname after
the last "·") written with the same title are one person (常务副秘书长阿明娜 · 穆罕默德 and
常务副秘书长阿米娜·穆罕默德); ``data/reference/persons.tsv`` may list further variants
(``alt_zh``, with its source). A person's ``foaf:name`` is the name as first written (line
breaks and the PDF's spaces around "·" and "-" removed: "盖伊 · 赖德" is 盖伊·赖德), ``skos:prefLabel`` its normalised form, ``skos:altLabel`` the other normalised
forms; the English name only from ``persons.tsv``. Person keys: the ``persons.tsv`` id (the
checked English name as a slug) when the person has a row, else the pinyin of the name as first
written (:func:`~ungraph.kinds.name_key`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ungraph.extract.posts import TITLE_ENDINGS, title_start
from ungraph.kinds import name_key
from ungraph.records import Document, Provenance, Ref, Segment
from ungraph.reference.gazetteer import DOTS, normalise, normalise_with_offsets

__all__ = ["Occurrence", "Titled", "People", "display", "split_attribution", "find_dotted_names", "collect",
           "STOP", "MAX_PART", "CONTAINERS"]

CONTAINERS = frozenset({"report", "front-matter", "contents", "contents-entry", "introduction", "chapter", "section",
                        "spotlight", "subsection", "table"})
#: Function words and punctuation that never belong to a transliterated name.
STOP = "在的和与及或对向从为是被把将等召作发表讲说称任由同、，。；：！？“”‘’\"'()（）《》〈〉「」[]【】/©"
#: The longest last part of a name (阿里沙赫巴纳 has 6 characters).
MAX_PART = 7
#: Endings of organisation names, for credits that name a body instead of a photographer.
ORG_SUFFIXES = ("组织", "协会", "分会", "司", "署", "办", "厅", "部", "中心", "团", "处", "法庭")
_NAME_CHAR = rf"(?:[^\W\d_{re.escape(STOP)}·]|-)"
_DOTTED = re.compile(rf"{_NAME_CHAR}+(?:·{_NAME_CHAR}+)+")
_LATIN_NAME = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)+$")
_BOOK = re.compile(r"《[^《》]*》")
_CONTEXT = 8


@dataclass(frozen=True, order=True)
class Occurrence:
    """A span of the report text: ``norm`` is its :func:`normalise` d form."""

    start: int
    end: int
    segment_id: str
    norm: str

    def provenance(self) -> Provenance:
        return Provenance(self.start, self.end, self.segment_id)


@dataclass(frozen=True)
class Titled:
    """A name written with a title; ``quotation`` is the quoted block when the title+name attributes one."""

    title: Occurrence
    name: Occurrence
    segment: Segment
    quotation: str | None = None


@dataclass(frozen=True)
class People:
    """The persons of a report: who is who, where each is named and with which title."""

    key_of: dict[str, str] = field(default_factory=dict)  # normalised name -> person key
    names: dict[str, list[str]] = field(default_factory=dict)  # person key -> display forms, one per spelling
    written: dict[str, str] = field(default_factory=dict)  # person key -> name as first written
    english: dict[str, str] = field(default_factory=dict)  # person key -> checked English name
    mentions: list[tuple[Occurrence, str]] = field(default_factory=list)  # (occurrence, person key)
    titled: list[Titled] = field(default_factory=list)

    def ref(self, name: str) -> Ref | None:
        key = self.key_of.get(normalise(name))
        return Ref("person", key) if key else None


# -- finding names ---------------------------------------------------------------------


def display(name: str) -> str:
    """A name as a label: line breaks and the spaces around "·" and "-" removed, dots unified.

    >>> display("米格尔·德\\n塞尔帕 · 苏亚雷斯"), display("让 - 皮埃尔 ・ 拉克鲁瓦"), display("Nhet  Sokheng")
    ('米格尔·德塞尔帕·苏亚雷斯', '让-皮埃尔·拉克鲁瓦', 'Nhet Sokheng')
    """
    text = "".join("·" if ch in DOTS else ch for ch in name)
    text = re.sub(r"\s*([·-])\s*", r"\1", text)
    text = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _is_name(norm: str) -> bool:
    return "·" in norm or bool(_LATIN_NAME.match(norm))


def split_attribution(norm: str) -> int | None:
    """Where the name starts in a normalised attribution ``<title><name>``, or ``None``.

    >>> s = "常务副秘书长阿明娜·穆罕默德"; s[split_attribution(s):]
    '阿明娜·穆罕默德'
    >>> s = "副秘书长兼裁军事务高级代表中满泉"; s[split_attribution(s):]
    '中满泉'
    >>> s = "助理秘书长兼秘书长气候行动特别顾问塞尔温·哈特"; s[split_attribution(s):]
    '塞尔温·哈特'
    >>> split_attribution("秘书长") is None
    True
    """
    limit = norm.find("·") if "·" in norm else len(norm)
    best = None
    for ending in TITLE_ENDINGS:
        for m in re.finditer(re.escape(ending), norm):
            if m.end() < limit or (m.end() <= limit and "·" not in norm and m.end() < len(norm)):
                best = max(best or 0, m.end())
    if best is None or len(norm) - best < 2 and "·" not in norm:
        return None
    return best


def _left_cut(norm: str, start: int, first_end: int, gazetteer: Any) -> int:
    """Where the given name starts in ``norm[start:first_end]``, the first part of a dotted run.

    After the last title word or organisation suffix + "-" inside it, or after a known name
    that ends inside it (looked up with a few characters of context on the left, since a stop
    character may split a name: 多米尼加共和国).
    """
    first = norm[start:first_end]
    cut = start
    for ending in TITLE_ENDINGS:
        for m in re.finditer(re.escape(ending), first):
            if m.end() < len(first):
                cut = max(cut, start + m.end())
    if gazetteer is not None:
        window = max(0, start - _CONTEXT)
        for m in gazetteer.find(norm[window:first_end]):
            if window + m.end < first_end and window + m.end > start:
                cut = max(cut, window + m.end)
    hyphen = first.rfind("-")
    if hyphen > 0 and first[:hyphen].endswith(ORG_SUFFIXES):
        cut = max(cut, start + hyphen + 1)
    return cut


def find_dotted_names(norm: str, gazetteer: Any) -> list[tuple[int, int]]:
    """Spans of transliterated names in a normalised text.

    >>> t = "该活动由秘书长安东尼奥·古特雷斯召集。纪念墨西哥劳尔·伊西德罗·布尔戈斯农村教师学校学生。《纳尔逊·曼德拉规则》"
    >>> [t[a:b] for a, b in find_dotted_names(t, None)]
    ['安东尼奥·古特雷斯']
    >>> t = "上诉分庭对哈桑·哈比卜·梅希和侯赛因·哈桑·奥尼西作出判决。何塞·贝拉·萨内蒂于1953年绘制"
    >>> [t[a:b] for a, b in find_dotted_names(t, None)]
    ['哈桑·哈比卜·梅希', '侯赛因·哈桑·奥尼西', '何塞·贝拉·萨内蒂']
    """
    books = [(m.start(), m.end()) for m in _BOOK.finditer(norm)]
    out = []
    for m in _DOTTED.finditer(norm):
        if any(a <= m.start() < b for a, b in books):
            continue
        end = m.end()
        if norm[end - 1] == "于" and norm[end:end + 1].isdigit():  # 萨内蒂于1953年; 于 is also a name character
            end -= 1
        parts = norm[m.start():end].split("·")
        if len(parts) < 2 or len(parts[-1]) > MAX_PART or not all(parts):
            continue
        first_end = m.start() + len(parts[0])
        start = _left_cut(norm, m.start(), first_end, gazetteer)
        if start < first_end:
            out.append((start, end))
    return out


def _span(seg: Segment, pos: list[int], a: int, b: int, norm: str) -> Occurrence:
    return Occurrence(seg.start + pos[a], seg.start + pos[b - 1] + 1, seg.id, norm[a:b])


def _attribution(seg: Segment) -> Titled | None:
    norm, pos = normalise_with_offsets(seg.text)
    lead = next((i for i, ch in enumerate(norm) if ch.isalpha()), len(norm))
    split = split_attribution(norm[lead:])
    if split is None:
        return None
    split += lead
    return Titled(_span(seg, pos, lead, split, norm), _span(seg, pos, split, len(norm), norm), seg, seg.attr("quotation"))


def _is_organization(name: str, gazetteer: Any) -> bool:
    """``organizations.tsv`` lists the name: a body credited, not a person (© 霍尔姆 · 阿赫达尔, Holm Akhdar)."""
    ref = gazetteer.ref(name) if gazetteer is not None else None
    return ref is not None and ref.kind == "organization"


def _credit_names(seg: Segment, gazetteer: Any = None) -> list[Occurrence]:
    norm, pos = normalise_with_offsets(seg.text)
    out = []
    for attr in ("photographer", "organisation"):
        raw = seg.attr(attr) or ""
        value = normalise(raw)
        if not value or not _is_name(raw) or (attr == "organisation" and seg.attr("photographer")) \
                or _is_organization(raw, gazetteer):
            continue
        spans = find_dotted_names(value, None) if "·" in value else [(0, len(value))]
        for a, b in spans:
            at = norm.find(value[a:b])
            if at >= 0:
                out.append(_span(seg, pos, at, at + b - a, norm))
    return out


def _text_names(seg: Segment, gazetteer: Any) -> tuple[list[Occurrence], list[Titled]]:
    norm, pos = normalise_with_offsets(seg.text)
    names, titled = [], []
    for a, b in find_dotted_names(norm, gazetteer):
        occ = _span(seg, pos, a, b, norm)
        names.append(occ)
        run_start = a
        while run_start > 0 and norm[run_start - 1] not in STOP and norm[run_start - 1].isalpha():
            run_start -= 1
        run = norm[run_start:a]
        if run and any(run.endswith(e) for e in TITLE_ENDINGS):
            t = run_start + title_start(run, gazetteer)
            titled.append(Titled(_span(seg, pos, t, a, norm), occ, seg))
    return names, titled


def _occurrences(seg: Segment, names: Sequence[str]) -> Iterator[Occurrence]:
    """Every occurrence of the given normalised names in a block, leftmost-longest, outside 《》."""
    norm, pos = normalise_with_offsets(seg.text)
    books = [(m.start(), m.end()) for m in _BOOK.finditer(norm)]
    by_first: dict[str, list[str]] = {}
    for name in sorted(names, key=len, reverse=True):
        by_first.setdefault(name[0], []).append(name)
    i = 0
    while i < len(norm):
        hit = next((n for n in by_first.get(norm[i], ()) if norm.startswith(n, i)), None)
        if hit and not any(a <= i < b for a, b in books) and _bounded(norm, i, i + len(hit)):
            yield _span(seg, pos, i, i + len(hit), norm)
            i += len(hit)
        else:
            i += 1


def _bounded(norm: str, a: int, b: int) -> bool:
    """A name is not glued to "·" or Latin letters around it (no partial names)."""
    before = norm[a - 1] if a else ""
    after = norm[b] if b < len(norm) else ""
    return before != "·" and after != "·" and not (before.isascii() and before.isalpha()) \
        and not (after.isascii() and after.isalpha())


# -- merging ----------------------------------------------------------------------------


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _surname(norm: str) -> str:
    return norm.rsplit("·", 1)[-1] if "·" in norm else ""


def _merge(seeds: list[Occurrence], titled: list[Titled], gazetteer: Any) -> _Union:
    union = _Union()
    for occ in seeds:
        union.find(occ.norm)
    by_title: dict[tuple[str, str], str] = {}
    for t in titled:
        key = (t.title.norm, _surname(t.name.norm))
        if key[1] and key in by_title:
            union.join(by_title[key], t.name.norm)
        by_title.setdefault(key, t.name.norm)
    for row in _rows(gazetteer):
        names = [normalise(n) for n in [row.name_zh, *row.alt_zh.split("|")] if n.strip()]
        for other in names[1:]:
            union.join(names[0], other)
    return union


def _rows(gazetteer: Any) -> list[Any]:
    return gazetteer.rows("person") if gazetteer is not None else []


def collect(doc: Document, segments: Sequence[Segment], gazetteer: Any) -> People:
    """Find every person of the report, merge variants and list every mention."""
    seeds: list[Occurrence] = []
    titled: list[Titled] = []
    leaves = [s for s in segments if s.kind not in CONTAINERS]
    for seg in leaves:
        if seg.kind == "attribution":
            t = _attribution(seg)
            if t:
                seeds.append(t.name)
                titled.append(t)
        elif seg.kind == "credit":
            seeds.extend(_credit_names(seg, gazetteer))
        else:
            names, more = _text_names(seg, gazetteer)
            seeds.extend(names)
            titled.extend(more)
    union = _merge(seeds, titled, gazetteer)
    # names persons.tsv lists are persons wherever written (乔森潘: neither "·" nor a title)
    listed = {normalise(n) for row in _rows(gazetteer) for n in [row.name_zh, *row.alt_zh.split("|")] if n.strip()}
    known = sorted({occ.norm for occ in seeds} | listed)
    mentions = sorted(occ for seg in leaves for occ in _occurrences(seg, known))
    people = People(titled=sorted(titled, key=lambda t: t.name))
    rows = {normalise(n): row for row in _rows(gazetteer) for n in [row.name_zh, *row.alt_zh.split("|")] if n.strip()}
    groups: dict[str, list[Occurrence]] = {}
    for occ in mentions:
        groups.setdefault(union.find(occ.norm), []).append(occ)
    for occs in sorted(groups.values(), key=lambda o: o[0]):
        first = occs[0]
        written = re.sub(r"[\r\n]+\s*", "", doc.text[first.start:first.end])
        row = next((rows[o.norm] for o in occs if o.norm in rows), None)
        key = row.id if row is not None else name_key(written)
        while key in people.names:  # two persons whose names give one key: number the later one
            key += "-2"
        people.written[key] = display(written)  # the PDF's spaces around "·" are no part of the name
        spellings: dict[str, str] = {}
        for o in occs:
            spellings.setdefault(o.norm, display(doc.text[o.start:o.end]))
        people.names[key] = list(spellings.values())
        if row is not None and row.name_en:
            people.english[key] = row.name_en
        for occ in occs:
            people.key_of[occ.norm] = key
            people.mentions.append((occ, key))
    people.mentions.sort()
    return people
