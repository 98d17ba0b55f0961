"""Posts: the title of an official as the report writes it, and the body the post is in.

A post (``org:Post``) is keyed by the pinyin of its normalised title (spaces and line breaks
removed, so "办公厅主任" and "办公厅\\n主任" are one post). The whole title is one post, also
when it joins two functions with 兼 ("主管法律事务副秘书长兼联合国法律顾问"): the report
gives one title per person, and a bare rank such as 助理秘书长 is no post of its own.

:func:`post_org` resolves the body of a post from the title by rules over the names the
gazetteer knows (``organizations.tsv``), tried in this order:

1. ``<title>办公室`` / ``<title>办事处`` names a body (also without a leading 秘书长 or
   联合国): the office of that official, which the official heads (最不发达国家…高级代表 ->
   最不发达国家…高级代表办公室; 联合国人权事务高级专员 -> …办事处).
2. ``主管<X>副秘书长`` / ``主管<X>助理秘书长``: the department or office of ``X``, the first
   of ``X``, ``X部``, ``X厅``, ``X协调厅``, ``X办公室`` and, when ``X`` ends in 事务, the
   same without 事务 that names a body (经济和社会事务 -> 经济和社会事务部, 业务支助事务 ->
   业务支助部); 主管 says the official heads it.
3. ``<body><head word>`` where the title starts with a body's name and the rest is a head
   word (执行主任, 秘书长, 执行秘书, 高级专员, 署长, 主任, 厅长, 总干事, 主席), optionally
   with 代理 (acting): 联合国贸易和发展会议秘书长, 人居署执行主任, 外层空间事务厅代理厅长.
4. ``<unit><head word>`` where exactly one body's name ends with ``<unit>``: 办公厅主任 ->
   秘书长办公厅.
5. ``(负责)<X>(问题)(秘书长)高级代表|特别代表``: the office of ``X`` — the first of ``X厅``,
   ``X办公室``, ``X办事处``, ``X部`` (also with 联合国 before, or without a final 事务) that names a
   body, which the representative heads (裁军事务高级代表 -> 裁军事务厅; 负责减少灾害风险问题秘书长
   特别代表 -> 联合国减少灾害风险办公室). Rules 1-5 are tried on each function of a compound title
   (副秘书长兼裁军事务高级代表): the first that names a body gives the post's body.
6. Otherwise the Secretariat (秘书处), head only for the bare title 秘书长.

>>> post_key("常务副秘书长")
'chang-wu-fu-mi-shu-zhang'
>>> split_compound("主管法律事务副秘书长兼联合国法律顾问")
['主管法律事务副秘书长', '联合国法律顾问']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ungraph.kinds import name_key
from ungraph.records import Ref

__all__ = ["TITLE_ENDINGS", "HEAD_WORDS", "post_key", "split_compound", "post_org", "is_former", "title_start"]

#: Words a title ends with (longest first); a name follows them directly.
TITLE_ENDINGS: tuple[str, ...] = tuple(sorted((
    "秘书长", "主任", "代表", "特使", "专员", "顾问", "执行秘书", "署长", "总干事", "主席", "厅长",
    "协调员", "倡导者", "总理", "总统", "部长", "大使", "法官", "检察官", "书记官长", "司长", "干事",
), key=len, reverse=True))

#: Head words: a post ``<body><head word>`` heads the body.
HEAD_WORDS: tuple[str, ...] = ("执行主任", "执行秘书", "高级专员", "秘书长", "署长", "主任", "厅长", "总干事", "主席")

_SUPERVISES = re.compile(r"^主管(?P<x>.+?)(?:副秘书长|助理秘书长)$")
_REPRESENTS = re.compile(r"^(?:负责)?(?P<x>.+?)(?:问题)?(?:秘书长)?(?:高级代表|特别代表)$")
_ACTING = "代理"
_SECRETARIAT = "秘书处"


def post_key(title: str) -> str:
    """The IRI key of the post with this title (spaces and line breaks do not count)."""
    return name_key(re.sub(r"\s+", "", title))


def split_compound(title: str) -> list[str]:
    """The functions a title joins with 兼 ("A兼B" -> [A, B])."""
    return [part for part in title.split("兼") if part]


def is_former(title: str) -> bool:
    """A title with 前 ("former") before its ending names a post the person no longer holds.

    >>> is_former("黎巴嫩前总理"), is_former("主管发展协调事务助理秘书长")
    (True, False)
    """
    return any(title.endswith("前" + ending) for ending in TITLE_ENDINGS)


def _org(gazetteer: Any, name: str) -> Ref | None:
    ref = gazetteer.ref(name) if gazetteer is not None and name else None
    return ref if ref is not None and ref.kind == "organization" else None


def _office_of(gazetteer: Any, part: str) -> Ref | None:
    stems = [part] + [part[len(p):] for p in ("秘书长", "联合国") if part.startswith(p) and len(part) > len(p)]
    for stem in stems:
        for suffix in ("办公室", "办事处"):
            if (ref := _org(gazetteer, stem + suffix)) is not None:
                return ref
    return None


def _supervised(gazetteer: Any, part: str) -> Ref | None:
    m = _SUPERVISES.match(part)
    if not m:
        return None
    x = m["x"]
    bare = x[: -len("事务")] if x.endswith("事务") else None
    candidates = [x, x + "部", x + "厅", x + "协调厅", x + "办公室"]
    if bare:
        candidates += [bare + "部", bare + "厅", bare + "办公室"]
    return next((ref for c in candidates if (ref := _org(gazetteer, c)) is not None), None)


def _represented(gazetteer: Any, part: str) -> Ref | None:
    """The office of the matter a high or special representative is for (rule 5)."""
    m = _REPRESENTS.match(part)
    if not m:
        return None
    stems = [m["x"]] + ([m["x"][: -len("事务")]] if m["x"].endswith("事务") else [])
    for stem in stems:
        for prefix in ("", "联合国"):
            for suffix in ("厅", "办公室", "办事处", "部"):
                if (ref := _org(gazetteer, prefix + stem + suffix)) is not None:
                    return ref
    return None


def _body_head(gazetteer: Any, part: str) -> Ref | None:
    for head in HEAD_WORDS:
        for acting in ("", _ACTING):
            tail = acting + head
            if part.endswith(tail) and len(part) > len(tail):
                ref = _org(gazetteer, part[: -len(tail)])
                if ref is not None:
                    return ref
    return None


def _unit_head(gazetteer: Any, part: str) -> Ref | None:
    if gazetteer is None:
        return None
    for head in HEAD_WORDS:
        if part.endswith(head) and len(part) > len(head):
            unit = part[: -len(head)]
            hits = {(kind, rid) for kind in ("organization",) for row in gazetteer.rows(kind)
                    for name in gazetteer.labels(kind, row.id) for rid in [row.id]
                    if re.sub(r"\s+", "", name).endswith(unit)}
            if len(hits) == 1:
                return Ref(*next(iter(hits)))
    return None


def post_org(title: str, gazetteer: Any) -> tuple[Ref | None, bool]:
    """The body of the post titled ``title`` and whether its holder heads that body.

    :param title: the normalised title (no spaces).
    :returns: ``(ref, heads)``; ``ref`` is ``None`` only if the gazetteer does not know the
        Secretariat either.

    >>> from ungraph.reference.tables import Organization as O
    >>> from ungraph.reference.gazetteer import Gazetteer
    >>> gz = Gazetteer({"organizations.tsv": [O("DESA", "经济和社会事务部", "", "", "", "", "", "t"),
    ...                                       O("UN-Secretariat", "秘书处", "", "", "", "", "", "t")]})
    >>> post_org("主管经济和社会事务副秘书长", gz), post_org("常务副秘书长", gz)[1]
    ((Ref(kind='organization', key='DESA'), True), False)
    """
    for part in split_compound(title):
        for rule in (_office_of, _supervised, _body_head, _unit_head, _represented):
            ref = rule(gazetteer, part)
            if ref is not None:
                return ref, True
    return _org(gazetteer, _SECRETARIAT), title == "秘书长"


def title_start(run: str, gazetteer: Any, modifiers: Sequence[str] = ("主管", "负责", "前", "副", "常务", "助理", "代理")) -> int:
    """Where a title begins inside ``run`` (the text right before a name, which ends in a title word).

    The longest suffix of ``run`` that starts where a known name starts (黎巴嫩前总理) or with
    a modifier (常务副秘书长), else the bare title word.

    >>> title_start("造成前总理", None), title_start("由秘书长", None)
    (2, 1)
    """
    starts = []
    if gazetteer is not None:
        starts += [m.start for m in gazetteer.find(run) if m.end < len(run)]
    for i in range(len(run)):
        if any(run.startswith(mod, i) for mod in modifiers):
            starts.append(i)
    for ending in TITLE_ENDINGS:
        if run.endswith(ending):
            starts.append(len(run) - len(ending))
            break
    return min(starts) if starts else len(run)
