"""Line-level helpers for :mod:`ungraph.source.segment`: blocks, patterns, normalisation.

A *block* is a maximal run of non-blank lines (blank = empty or whitespace only). In the
PDF-extracted text a wrapped paragraph, caption, quotation or name is one block, while
separate layout boxes are separated by blank lines. Spans are stripped of surrounding
whitespace, so ``text[block.start:block.end]`` starts and ends with a visible character.

>>> [b.lines for b in blocks("a\\n\\n b\\nc \\n\\n\\n")]
[('a',), ('b', 'c')]
>>> normalize_title("促进 持续经济增长 和可持续发展")
'促进持续经济增长和可持续发展'
>>> normalize_name("常务副秘书长阿明娜 · 穆罕默德")
'常务副秘书长阿明娜·穆罕默德'
>>> parse_credit("（纽约，2022 年 9 月）© 联合国图库 / 马克 · 加滕")
(('date', '2022-09'), ('organisation', '联合国图库'), ('photographer', '马克·加滕'), ('place', '纽约'))
>>> parse_figure("**1.74亿**"), parse_figure("87 000+"), parse_figure("2022年"), parse_figure("2023")
('1.74亿', '87 000+', None, None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "Block", "blocks", "normalize_title", "normalize_name", "repeat_key", "is_credit", "parse_credit",
    "parse_figure", "parse_tab_figure", "parse_row", "parse_toc_entry", "is_footnote", "is_quotation",
    "is_heading", "is_paragraph", "is_note", "is_bullet", "split_items", "SPOTLIGHT",
]

SPOTLIGHT = re.compile(r"^聚焦\s*[：:]\s*(?P<title>.+?)\s*$")
_BULLET = re.compile(r"^(?:[-•●▪]\s+)")
_CREDIT = re.compile(r"^[(（][^©]*©")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月")
_FIGURE = re.compile(r"^\*{0,2}\s*(\d[\d\s.,]*\s*(?:万亿|亿|万|千)?\s*(?:美元|项|%)?\s*\+?)\s*\*{0,2}$")
_TAB_FIGURE = re.compile(r"^(\d[\d\s.,]*[%+]?)\t+(\S.*)$")
_ROW = re.compile(r"^([^\s，。：、（）()]{2,16}) ([^\s，。：]{4,})$")
_TOC = re.compile(r"^([\u4e00-\u9fff、，][\u4e00-\u9fff、，\s]*?)\s+(\d{1,3})$")
_FOOTNOTE = re.compile(r"^(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*(?!\*))\s*\S")
_NOTE = re.compile(r"^(?:资料来源|数据来源|来源|注|地图上所显示|本地图)\s*[：:]?")
_TERMINAL = "。！？；”"
# the tail of a resolution reference wrapped onto its own line: "(77/28号决议)", "(决议)", "(议)"
_TAIL = re.compile(r"^[(（][会第\dA-Z/()（）\s、,，和及号决议-]*议[)）]$")
_TAIL_START = re.compile(r"^(?:号|决议|和\s*\d|、\s*\d)")
_OPEN, _CLOSE = "(（", ")）"


@dataclass(frozen=True)
class Block:
    """A run of non-blank lines: its stripped span and its stripped lines."""

    start: int
    end: int
    lines: tuple[str, ...]
    line_spans: tuple[tuple[int, int], ...]

    @property
    def joined(self) -> str:
        """The lines joined without the line breaks (wrapped text made whole)."""
        return "".join(self.lines)


def blocks(text: str) -> list[Block]:
    """Cut ``text`` into blocks of consecutive non-blank lines."""
    out: list[Block] = []
    run: list[tuple[int, int, str]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            run.append((pos + lead, pos + lead + len(stripped), stripped))
        elif run:
            out.append(_block(run))
            run = []
        pos += len(raw)
    if run:
        out.append(_block(run))
    return out


def _block(run: list[tuple[int, int, str]]) -> Block:
    return Block(run[0][0], run[-1][1], tuple(r[2] for r in run), tuple((r[0], r[1]) for r in run))


def normalize_title(text: str) -> str:
    """Remove all whitespace (headings are spaced out by the PDF layout)."""
    return re.sub(r"\s+", "", text)


def normalize_name(text: str) -> str:
    """Join wrapped lines and close the spaces around ``·`` and ``-`` in names."""
    joined = "".join(part.strip() for part in text.splitlines())
    return re.sub(r"\s*([·\-])\s*", r"\1", joined)


def repeat_key(text: str) -> str:
    """The text compared to find repeated blocks: no whitespace, no footnote marker."""
    return normalize_title(re.sub(r"^(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*+)", "", text.strip()))


def is_credit(block: Block) -> bool:
    """A photo credit: one line ``(place, YYYY年M月) © organisation / photographer``."""
    return len(block.lines) == 1 and bool(_CREDIT.match(block.lines[0]))


def parse_credit(line: str) -> tuple[tuple[str, str], ...]:
    """Place, date (YYYY-MM), organisation and photographer of a credit line, when present."""
    attrs: dict[str, str] = {}
    head, _, tail = line.partition("©")
    inner = re.sub(r"^[(（]", "", head.strip()).rstrip("。. ")
    inner = re.sub(r"[)）]$", "", inner)
    place = re.split(r"[,，]", inner, maxsplit=1)[0].strip()
    if place and not _DATE.search(place) and "不详" not in place:
        attrs["place"] = place
    if date := _DATE.search(inner):
        attrs["date"] = f"{date.group(1)}-{int(date.group(2)):02d}"
    parts = [normalize_name(p).strip("()（）") for p in re.split(r"/+", tail) if p.strip()]
    if parts:
        attrs["organisation"] = parts[0]
    if len(parts) > 1:
        attrs["photographer"] = parts[1]
    return tuple(sorted(attrs.items()))


def parse_figure(line: str) -> str | None:
    """The value of an infographic figure standing on its own line, else ``None``."""
    match = _FIGURE.match(line.strip())
    if not match or re.fullmatch(r"(?:19|20)\d\d", match.group(1).strip()):
        return None  # a bare year ("2023" on the cover) is not a figure
    return re.sub(r"\s+", " ", match.group(1)).strip()


def parse_tab_figure(line: str) -> tuple[str, str] | None:
    """``(value, label)`` of a tab-separated figure line such as ``"85%\\t的方案国政府表示…"``."""
    match = _TAB_FIGURE.match(line.strip())
    return (match.group(1).strip(), match.group(2).strip()) if match else None


def parse_row(line: str) -> tuple[str, str] | None:
    """``(abbreviation, full name)`` of an abbreviation-table line, else ``None``."""
    match = _ROW.match(line)
    if match and len(match.group(1)) < len(match.group(2)):
        return match.group(1), match.group(2)
    return None


def parse_toc_entry(line: str) -> tuple[str, int] | None:
    """``(title, page)`` of a table-of-contents line such as ``"导言 5"``."""
    match = _TOC.match(line)
    return (normalize_title(match.group(1)), int(match.group(2))) if match else None


def is_footnote(block: Block) -> bool:
    """A note starting with a superscript number or a single ``*``."""
    return bool(_FOOTNOTE.match(block.lines[0]))


def is_quotation(block: Block) -> bool:
    """A block that a pair of quotation marks encloses whole (a trailing 。 may follow).

    A heading that only opens with a quoted name ("“安全号”油轮：防止…") is no quotation: its
    first closing ” is followed by more text.
    """
    text = block.joined.strip()
    if not text.startswith("“"):
        return False
    close = text.find("”")
    return close < 0 or not text[close + 1:].strip(" 。.")


def is_heading(block: Block) -> bool:
    """Short text without sentence punctuation (a title, possibly wrapped)."""
    joined = block.joined
    return len(joined) <= 40 and not any(c in joined for c in _TERMINAL) and not is_footnote(block)


def is_paragraph(block: Block, min_chars: int = 20) -> bool:
    """Running text: a block of ``min_chars`` or more ending with sentence punctuation, not a list or a note."""
    joined = block.joined
    if is_bullet(joined) or is_footnote(block) or _NOTE.match(joined):
        return False
    return len(joined) >= min_chars and joined[-1] in "。！？”)）"


def is_note(block: Block) -> bool:
    """A source line or disclaimer under a chart or map ("资料来源：…", "注：…")."""
    return bool(_NOTE.match(block.joined))


def is_bullet(line: str) -> bool:
    return bool(_BULLET.match(line))


def _unbalanced(line: str) -> bool:
    opened = sum(line.count(c) for c in _OPEN)
    return opened > sum(line.count(c) for c in _CLOSE) and line[-1] not in _CLOSE


def split_items(lines: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Group list lines into items, joining wrapped lines.

    In a bulleted list (``- …``) a line without a bullet continues the item before it.
    Otherwise a line continues the previous one when it is the stray tail of a resolution
    reference (``"(77/28号决议)"``, ``"号决议)"``, ``"和2379(2017)号决议…"``) or when the
    previous line left a bracket open and does not end with a closing one.

    >>> [len(i) for i in split_items([(0, 1, "甲 (大会第46/182和"), (2, 3, "(77/28号决议)"), (4, 5, "(乙 (大会第1号决议)")])]
    [2, 1]
    """
    bulleted = any(is_bullet(line) for _, _, line in lines)
    items: list[list[tuple[int, int, str]]] = []
    for entry in lines:
        line = entry[2]
        if items:
            previous = items[-1][-1][2]
            if bulleted:
                joins = not is_bullet(line)
            else:
                joins = bool(_TAIL.match(line) or _TAIL_START.match(line)) or _unbalanced(previous)
            if joins:
                items[-1].append(entry)
                continue
        items.append([entry])
    return items
