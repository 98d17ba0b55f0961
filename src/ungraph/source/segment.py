"""Cut the report into :class:`~ungraph.records.Segment` s with stable structural ids.

Every segment's ``text`` is exactly ``doc.text[start:end]``; wrapped text keeps its line
breaks in the span and its joined form in ``title`` or the ``normalized`` attr. Ids are
readable paths (no hashes), numbered 1-based per kind within their parent.

Structure (found from patterns, never from line numbers):

- ``""`` the report. ``front``: the front matter, every block before the introduction
  except the table of contents; its span runs up to the introduction, so it encloses the
  ``contents`` span (the contents page is printed inside the front matter).
- ``contents``: the run of lines ``<title> <page>`` after the ``目录`` line;
  ``contents/entry/N`` carries the normalised title and a ``page`` attr.
- The first contents entry (导言) opens ``introduction``; the others open ``chapter/1..N``:
  a chapter starts at the first block, after the previous part, whose text with all spaces
  removed equals its contents title ("促进 持续经济增长 和可持续发展"). Its ``page``
  comes from the contents, and every segment inside inherits that page (the text has no
  page breaks), so a block's page is the first page of its chapter.
- ``…/section/<slug>``: a block that is exactly one of the section headings of
  :data:`SECTION_SLUGS` starts a section that runs to the next one or the chapter end.
- ``…/spotlight/K``: a block ``聚焦：<title>`` starts a spotlight that runs to the next
  spotlight, subsection or enclosing part end.
- ``…/subsection/K`` (in 主要成果 only): a heading block directly followed by running
  text (20+ characters ending in 。, not a list, note or photo caption) starts a subsection;
  chart furniture is not a title: headings after a quotation or a bare figure, starting
  with a digit, holding "，" or "单位", ending in "更多信息", or source notes ("资料来源：").
  A spotlight inside a subsection nests in it.

Blocks (``<parent>/<kind>/<n>``), a block being a run of non-blank lines:

- ``caption`` + ``credit``: a one-line block ``(place, YYYY年M月) © org / photographer``
  (half- or full-width brackets) is a credit; the block before it is its caption.
- ``quotation`` (block starting with “) + ``attribution``: the short block after it.
- ``figure``: a number on its own line ("87 000+", "**1.74亿**", not a bare year) joined
  with its label (the rest of its block, or the next short block); also "85%\\t…" lines.
- ``table`` + ``row``: after a ``简称`` header, the lines ``<abbreviation> <full name>``;
  a note between row groups stays in the table as a paragraph.
- ``item``: each line of a bulleted block (``- …``) and, in the list sections (核心方案,
  主要授权, 主要实体; up to their first photo), each list line; wrapped lines are joined
  by :func:`ungraph.source._lines.split_items` (stray "(77/28号决议)" tails, open brackets).
- ``footnote`` (¹…, single ``*``), ``heading`` (short, no sentence punctuation), else
  ``paragraph``.

A paragraph, caption, footnote, figure, quotation or heading whose text (without spaces
and footnote marker) was seen before gets ``repeat_of`` = id of the first occurrence.

>>> from ungraph.records import Document
>>> text = "目录\\n\\n导言 5\\n\\n裁军 9\\n\\n导言\\n\\n“要和平。”\\n\\n秘书长\\n\\n裁 军\\n\\n主要授权\\n\\n- 甲(大会第1号决议)\\n"
>>> segs = segment(Document(text, "0", "A/1", "报告", "Report"))
>>> [s.id for s in segs]  # doctest: +NORMALIZE_WHITESPACE
['', 'front', 'front/heading/1', 'contents', 'contents/entry/1', 'contents/entry/2', 'introduction',
 'introduction/quotation/1', 'introduction/attribution/1', 'chapter/1', 'chapter/1/section/mandates',
 'chapter/1/section/mandates/item/1']
>>> segs[9].title, segs[9].page, segs[-1].attr("normalized")
('裁军', 9, '甲(大会第1号决议)')
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ungraph.errors import SourceError
from ungraph.records import Document, Segment
from ungraph.source import _lines as L

__all__ = ["segment", "SECTION_SLUGS"]

SECTION_SLUGS = {
    "核心方案": "core-programmes", "指示性资源": "resources", "主要授权": "mandates", "主要实体": "entities",
    "背景": "background", "主要目标": "objectives", "主要成果": "results",
}
_LIST_SECTIONS = {"core-programmes", "mandates", "entities"}
_REPEATABLE = {"paragraph", "caption", "footnote", "figure", "quotation", "heading"}


@dataclass
class _Part:
    """A container before ids are given: its heading block, own blocks and child parts.

    ``key`` is its id path below the parent ("chapter/3", "section/mandates"); ``None``
    numbers it per kind ("spotlight/2").
    """

    kind: str
    key: str | None
    heading: L.Block | None
    title: str | None
    blocks: list[L.Block] = field(default_factory=list)
    children: list[_Part] = field(default_factory=list)

    def span(self) -> tuple[int, int]:
        first = self.heading or (self.blocks[0] if self.blocks else self.children[0].heading)
        assert first is not None
        ends = [first.end] + [b.end for b in self.blocks] + [c.span()[1] for c in self.children]
        return first.start, max(ends)


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.text = doc.text
        self.segments: list[Segment] = []
        self._count: Counter[tuple[str, str]] = Counter()
        self._order: Counter[str] = Counter()
        self._seen: dict[str, str] = {}

    def add(self, parent: str, kind: str, start: int, end: int, *, path: str | None = None,
            title: str | None = None, page: int | None = None, attrs: dict[str, str] | None = None) -> str:
        """Append a segment; its id is ``parent/path``, by default ``parent/<kind>/<n>``."""
        self._count[(parent, kind)] += 1
        self._order[parent] += 1
        sid = f"{parent}/{path or f'{kind}/{self._count[(parent, kind)]}'}".lstrip("/")
        text = self.text[start:end]
        repeat_of = None
        rkey = L.repeat_key(text)
        if kind in _REPEATABLE and len(rkey) >= 4:
            repeat_of = self._seen.get(rkey)
            self._seen.setdefault(rkey, sid)
        self.segments.append(Segment(
            id=sid, kind=kind, parent=parent, order=self._order[parent], start=start, end=end, text=text,
            title=title, page=page, repeat_of=repeat_of, attrs=tuple(sorted((attrs or {}).items())),
        ))
        return sid


def segment(doc: Document) -> list[Segment]:
    """Cut ``doc`` into segments, in document order, parents before children.

    :raises SourceError: the contents or a chapter heading named in it cannot be found.
    """
    blocks = L.blocks(doc.text)
    toc_at = next((i for i, b in enumerate(blocks) if L.normalize_title(b.joined) == "目录"), None)
    if toc_at is None:
        raise SourceError("no table of contents (a line 目录) in the report")
    entries = _toc_entries(blocks, toc_at)
    starts = _part_starts(blocks, entries)
    build = _Builder(doc)
    build.segments.append(Segment("", "report", None, 1, 0, len(doc.text), doc.text, title=doc.title_zh))
    toc_ids = {id(b) for b, _, _ in entries}
    front = [b for b in blocks[: starts[0]] if id(b) not in toc_ids]
    front_id = build.add("", "front-matter", front[0].start, blocks[starts[0] - 1].end, path="front")
    _emit_blocks(build, front_id, front, None)
    first, last = entries[0][0], entries[-1][0]
    contents_id = build.add("", "contents", first.start, last.end, path="contents", title=blocks[toc_at].joined)
    for n, (block, title, page) in enumerate(entries, 1):
        build.add(contents_id, "contents-entry", block.start, block.end, path=f"entry/{n}", title=title,
                  attrs={"page": str(page)})
    bounds = starts + [len(blocks)]
    for n, (_, title, page) in enumerate(entries):
        part_blocks = blocks[bounds[n]: bounds[n + 1]]
        if n == 0:
            _emit_part(build, "", _Part("introduction", "introduction", part_blocks[0], title,
                                        *_split(part_blocks[1:], subsections=False)), page)
        else:
            _emit_chapter(build, n, part_blocks, title, page)
    return sorted(build.segments, key=lambda s: (s.start, -s.end, s.id.count("/") + (s.id != "")))


def _toc_entries(blocks: list[L.Block], toc_at: int) -> list[tuple[L.Block, str, int]]:
    entries: list[tuple[L.Block, str, int]] = []
    for block in blocks[toc_at + 1:]:
        parsed = L.parse_toc_entry(block.joined) if len(block.lines) == 1 else None
        if parsed:
            entries.append((block, *parsed))
        elif entries:
            break
    if len(entries) < 2:
        raise SourceError("the table of contents after 目录 has fewer than two '<title> <page>' lines")
    return entries


def _part_starts(blocks: list[L.Block], entries: list[tuple[L.Block, str, int]]) -> list[int]:
    """Block index where each contents entry's part starts (its heading, spaces removed)."""
    starts: list[int] = []
    at = blocks.index(entries[-1][0]) + 1
    for _, title, _ in entries:
        found = next((i for i in range(at, len(blocks)) if L.normalize_title(blocks[i].joined) == title), None)
        if found is None:
            raise SourceError(f"the heading {title!r} named in the table of contents is not in the text")
        starts.append(found)
        at = found + 1
    return starts


def _emit_chapter(build: _Builder, n: int, blocks: list[L.Block], title: str, page: int) -> None:
    chapter = _Part("chapter", f"chapter/{n}", blocks[0], title)
    section: _Part | None = None
    own: list[L.Block] = []
    sections: list[tuple[_Part, list[L.Block]]] = []
    for block in blocks[1:]:
        name = L.normalize_title(block.joined)
        if len(block.lines) == 1 and name in SECTION_SLUGS:
            section = _Part("section", f"section/{SECTION_SLUGS[name]}", block, name)
            sections.append((section, []))
        elif section is None:
            own.append(block)
        else:
            sections[-1][1].append(block)
    chapter.blocks, chapter.children = _split(own, subsections=False)
    for section, body in sections:
        section.blocks, section.children = _split(body, subsections=section.key == "section/results")
        chapter.children.append(section)
    _emit_part(build, "", chapter, page)


def _split(blocks: list[L.Block], *, subsections: bool) -> tuple[list[L.Block], list[_Part]]:
    """Leading blocks, then spotlight/subsection parts opened by their heading blocks."""
    own: list[L.Block] = []
    parts: list[_Part] = []
    sub: _Part | None = None
    spot: _Part | None = None
    for i, block in enumerate(blocks):
        spotlight = L.SPOTLIGHT.match(block.joined) if len(block.lines) == 1 else None
        if subsections and _opens_subsection(blocks, i):
            sub, spot = _Part("subsection", None, block, L.normalize_title(block.joined)), None
            parts.append(sub)
        elif spotlight:
            spot = _Part("spotlight", None, block, L.normalize_title(spotlight.group("title")).rstrip("*"))
            (sub.children if sub else parts).append(spot)
        elif part := spot or sub:
            part.blocks.append(block)
        else:
            own.append(block)
    return own, parts


def _opens_subsection(blocks: list[L.Block], i: int) -> bool:
    block = blocks[i]
    if i + 1 >= len(blocks) or not L.is_heading(block) or L.is_credit(block) or L.is_quotation(block):
        return False
    joined = block.joined
    if L.parse_figure(block.lines[0]) or L.SPOTLIGHT.match(joined) or L.is_note(block) or L.is_bullet(joined):
        return False
    if joined[0].isdigit() or "，" in joined or "单位" in joined or joined.endswith("更多信息"):
        return False
    if i > 0 and (L.is_quotation(blocks[i - 1]) or _is_bare_figure(blocks[i - 1])):
        return False
    after_next_is_credit = i + 2 < len(blocks) and L.is_credit(blocks[i + 2])
    return L.is_paragraph(blocks[i + 1]) and not after_next_is_credit


def _is_bare_figure(block: L.Block) -> bool:
    return len(block.lines) == 1 and L.parse_figure(block.lines[0]) is not None


def _emit_part(build: _Builder, parent: str, part: _Part, page: int | None) -> None:
    start, end = part.span()
    slug = part.key.rpartition("/")[2] if part.kind == "section" and part.key else None
    sid = build.add(parent, part.kind, start, end, path=part.key, title=part.title, page=page,
                    attrs={"section_kind": slug} if slug else None)
    if slug in _LIST_SECTIONS:
        _emit_list(build, sid, part.blocks, page)
    else:
        _emit_blocks(build, sid, part.blocks, page)
    for child in part.children:
        _emit_part(build, sid, child, page)


def _emit_list(build: _Builder, parent: str, blocks: list[L.Block], page: int | None) -> None:
    """List lines up to the first photo become items; the rest are ordinary blocks."""
    photo = next((i - 1 for i, b in enumerate(blocks) if L.is_credit(b)), len(blocks))
    photo = max(photo, 0)
    lines = [(s, e, line) for b in blocks[:photo] for (s, e), line in zip(b.line_spans, b.lines)]
    _emit_items(build, parent, lines, page)
    _emit_blocks(build, parent, blocks[photo:], page)


def _emit_items(build: _Builder, parent: str, lines: list[tuple[int, int, str]], page: int | None) -> None:
    for item in L.split_items(lines):
        # a wrapped line's stray opening bracket ("(77/28号决议)") is dropped from the joined form
        joined = item[0][2] + "".join(line.lstrip("(（") for _, _, line in item[1:])
        normalized = joined[2:].strip() if L.is_bullet(joined) else joined
        build.add(parent, "item", item[0][0], item[-1][1], page=page, attrs={"normalized": normalized})


def _emit_blocks(build: _Builder, parent: str, blocks: list[L.Block], page: int | None) -> None:
    i = 0
    while i < len(blocks):
        i = _emit_one(build, parent, blocks, i, page)


def _joined(block: L.Block) -> dict[str, str]:
    return {"normalized": block.joined} if len(block.lines) > 1 else {}


def _emit_one(build: _Builder, parent: str, blocks: list[L.Block], i: int, page: int | None) -> int:
    """Emit the block at ``i`` (with its partner blocks); return the next index."""
    block = blocks[i]
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    add = build.add
    if L.is_credit(block):
        add(parent, "credit", block.start, block.end, page=page, attrs=dict(L.parse_credit(block.joined)))
        return i + 1
    if nxt is not None and L.is_credit(nxt):
        cap = add(parent, "caption", block.start, block.end, page=page, attrs=_joined(block))
        add(parent, "credit", nxt.start, nxt.end, page=page, attrs={"caption": cap, **dict(L.parse_credit(nxt.joined))})
        return i + 2
    if L.normalize_title(block.joined) == "简称":
        return _emit_table(build, parent, blocks, i, page)
    if L.is_quotation(block):
        quote = add(parent, "quotation", block.start, block.end, page=page, attrs=_joined(block))
        if nxt is not None and _is_attribution(nxt):
            add(parent, "attribution", nxt.start, nxt.end, page=page,
                attrs={"quotation": quote, "normalized": L.normalize_name(nxt.joined)})
            return i + 2
        return i + 1
    value = L.parse_figure(block.lines[0])
    if value is not None:
        label, end, step = _figure_label(blocks, i)
        add(parent, "figure", block.start, end, page=page, attrs={"value": value, "label": label} if label else {"value": value})
        return i + step
    if all(L.parse_tab_figure(line) for line in block.lines):
        for (s, e), line in zip(block.line_spans, block.lines):
            figure = L.parse_tab_figure(line)
            assert figure is not None, line  # every line parses (the test above)
            value, label = figure
            add(parent, "figure", s, e, page=page, attrs={"value": value, "label": label})
        return i + 1
    if L.is_bullet(block.lines[0]):
        _emit_items(build, parent, [(s, e, line) for (s, e), line in zip(block.line_spans, block.lines)], page)
        return i + 1
    if L.is_footnote(block):
        kind = "footnote"
    else:
        kind = "heading" if L.is_heading(block) else "paragraph"
    title = L.normalize_title(block.joined) if kind == "heading" else None
    add(parent, kind, block.start, block.end, title=title, page=page, attrs=_joined(block))
    return i + 1


def _is_attribution(block: L.Block) -> bool:
    return not (L.is_credit(block) or L.is_quotation(block)) and len(block.joined) <= 60 and "。" not in block.joined


def _figure_label(blocks: list[L.Block], i: int) -> tuple[str | None, int, int]:
    """The label of the figure at ``i``: the rest of its block or the next short block."""
    block = blocks[i]
    if len(block.lines) > 1:
        return "".join(block.lines[1:]), block.end, 1
    if i + 1 >= len(blocks):
        return None, block.end, 1
    nxt = blocks[i + 1]
    follows_credit = i + 2 < len(blocks) and L.is_credit(blocks[i + 2])
    if (L.parse_figure(nxt.lines[0]) is not None or L.is_credit(nxt) or L.is_quotation(nxt) or follows_credit
            or L.SPOTLIGHT.match(nxt.joined) or len(nxt.joined) > 120 or L.normalize_title(nxt.joined) in SECTION_SLUGS):
        return None, block.end, 1
    return nxt.joined, nxt.end, 2


def _emit_table(build: _Builder, parent: str, blocks: list[L.Block], i: int, page: int | None) -> int:
    """The abbreviation table: header ``简称``, row blocks, notes between row blocks."""
    def is_rows(b: L.Block) -> bool:
        return all(L.parse_row(line) for line in b.lines)

    j = i + 1
    body: list[L.Block] = []
    while j < len(blocks) and (is_rows(blocks[j]) or (j + 1 < len(blocks) and is_rows(blocks[j + 1]))):
        body.append(blocks[j])
        j += 1
    previous = [s for s in build.segments if s.parent == parent]
    title = previous[-1].title if previous and previous[-1].kind == "heading" else None
    end = body[-1].end if body else blocks[i].end
    table = build.add(parent, "table", blocks[i].start, end, title=title, page=page)
    build.add(table, "heading", blocks[i].start, blocks[i].end, title=L.normalize_title(blocks[i].joined), page=page)
    for b in body:
        if not is_rows(b):
            build.add(table, "paragraph", b.start, b.end, page=page, attrs=_joined(b))
            continue
        for (s, e), line in zip(b.line_spans, b.lines):
            row = L.parse_row(line)
            assert row is not None, line  # is_rows(b): every line parses
            abbreviation, full_name = row
            build.add(table, "row", s, e, page=page, attrs={"abbreviation": abbreviation, "full_name": full_name})
    return j
