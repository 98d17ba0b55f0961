"""Events: every named conference, summit, session, meeting, dialogue, forum, observance, campaign,
initiative or agreement launched or signed, and exhibition the report speaks of.

Names are found by :mod:`ungraph.extract.event_names` (a head word gives the kind, a boundary the
start); dates and places by :mod:`ungraph.extract.event_context`. Then:

- a name the gazetteer knows as an organisation is a body, not an event (联合国大会, 裁军谈判会议,
  大湖区问题国际会议), unless the body is an *initiative* (黑海倡议), or the text says it was held
  on a date (在 2022 年 7 月举行的可持续发展高级别政治论坛); a meeting named only by bodies
  (经济及社会理事会会议) is not a named event;
- a body heading the name is its organiser (``schema:organizer``): 联合国环境规划署 + 联合国环境大会
  第五届会议, 土著问题常设论坛 + 第二十二届会议; the sentence's subject 我们 organising it
  (组织了, 举办了, 召开了, 召集) makes the UN its organiser;
- one event under several names: a name in brackets right after another is its alias (《…倡议》
  (黑海倡议)); names equal once brackets, 问题 and 的 are dropped, or one the tail of the other
  (缔约方会议第二十七届会议 / 《联合国气候变化框架公约》缔约方会议第二十七届会议, 高级别政治论坛 /
  可持续发展高级别政治论坛), with no two editions or years in conflict, are one event; a quoted
  short title inside the same block (“聚焦”活动) is the event whose title it begins;
- a name the text gives no link to, but ``aliases.tsv`` lists as an event alias (kind ``event``: the
  name as written -> the key of the event it names, with the source that says they are one), is that
  event: the formal name 联合国支持落实可持续发展目标14即保护和可持续利用海洋和海洋资源以促进可持续发展会议
  is the 2022 联合国海洋大会 (:func:`event_aliases`); the key that would have been its own is in
  ``moved.tsv``;
- one name for one event per place: "关于<place>和<place>的<head>" (关于乌克兰和伊朗伊斯兰共和国的特别会议,
  two special sessions) is an event per place (:func:`distributed_subjects`), named for its place
  (关于乌克兰的特别会议), the printed name its ``skos:altLabel`` and its mention, ``dcterms:subject`` the
  place with the span of its name;
- the same name with two different months (人权日 in March and in December 2022) is two events;
- ``skos:prefLabel`` is the most frequent name (the longest of those), the others ``skos:altLabel``;
  ``ug:eventKind`` the head word's concept; ``ug:edition`` the edition (第五次 -> 5); dates as
  ``schema:startDate``/``schema:endDate``; ``schema:location`` the place entity the place as written
  names (:func:`~ungraph.extract.place_names.resolve_place`: 纽约 -> the city New York, which is
  ``schema:containedInPlace`` the United States; the string itself where no place is known) and
  ``lode:atPlace`` the country or region (named in the text, else the city's country); ``ug:adopted`` an instrument
  the sentence says it adopted (达成, 通过, 商定); every occurrence of a name is a mention.

Key: the preferred name in pinyin plus the year when known. A *generic* name (:func:`generic_name`:
an edition, qualifiers that say what kind of meeting and a head word, nothing that names a thing:
总统选举, 第一次高级别活动) names a different event in every country and every year, so its key also
carries the ISO 3166-1 alpha-3 code (lower case) of the country the event took place in, before the
year: ``zong-tong-xuan-ju-som-2022``, ``di-yi-ci-gao-ji-bie-huo-dong-mar``. The decision (issue 11,
defects): the key carries the place, the label does not. A label is the name as printed, and a reader
of the page sees the place beside it (``schema:location``, ``lode:atPlace``) and the English name that
says it ("2022 Somali presidential election"); a key is what must not clash across reports. A generic
name with no known country keeps the plain key (第七十八届会议: the session of the body that names it).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ungraph.extract.context import Context as ExtractionContext
from ungraph.extract.event_context import Context, context_after, context_before, sentence_date, sentence_place
from ungraph.extract.event_names import EDITION, GENERIC_QUALIFIERS, HEADS, Name, edition_of, find_names
from ungraph.extract.place_names import find_places, resolve_place
from ungraph.kinds import name_key
from ungraph.records import Document, Entity, Literal, Mention, Provenance, Record, Ref, Segment, Statement
from ungraph.reference.gazetteer import normalise, normalise_with_offsets

__all__ = ["Occurrence", "occurrences", "group", "distributed_subjects", "generic_name", "event_aliases", "extract"]

_BLOCKS = ("paragraph", "heading", "caption", "item", "quotation", "figure", "footnote")
_PRECISION = {"xsd:gYear": 1, "xsd:gYearMonth": 2, "xsd:date": 3}
_ORGANISE = re.compile(r"我们[^，。；]{0,30}?(?:组织了|举办了|召开了|召集|主办了?)$")
_ADOPT = re.compile(r"达成|通过了|商定|启动了|发布了")
_UN = "联合国"


@dataclass(frozen=True)
class Occurrence:
    """One event name in one block, with what its context says."""

    name: Name
    segment_id: str
    context: Context = field(default_factory=Context)
    date_span: tuple[int, int] | None = None
    organiser: Ref | None = None
    alias_of: int | None = None  # index of the occurrence this one is a bracketed alias of
    sentence: tuple[int, int] = (0, 0)
    credit: tuple[int, int, str] | None = None  # the photo credit whose "(place, month)" the context used
    at_meeting: bool = False  # the text is "在 <name> 上/期间": a meeting, even of a body
    written: str | None = None  # the name as printed, when it names one event per place (distributed_subjects)
    subject: tuple[Ref, int, int, str] | None = None  # the place such an event is about, with the span of its name


def _org(gazetteer: Any, name: str) -> tuple[Ref, str] | None:
    if gazetteer is None:
        return None
    ref = gazetteer.ref(name)
    if ref is None or ref.kind != "organization":
        return None
    row = gazetteer.get("organization", ref.key)
    return ref, getattr(row, "classification", "") or ""


def _leading_orgs(gazetteer: Any, name: str) -> list[tuple[int, int, Ref]]:
    if gazetteer is None:
        return []
    return [(m.start, m.end, m.ref) for m in gazetteer.find(name) if m.kind == "organization"]


def _only_bodies(gazetteer: Any, name: str) -> bool:
    """A meeting named by bodies alone (经济及社会理事会会议, 南部非洲发展共同体和大湖区问题国际会议)."""
    rest = name
    for s, e, _r in sorted(_leading_orgs(gazetteer, name), key=lambda t: -t[0]):
        rest = rest[:s] + rest[e:]
    return re.sub(r"[和及与、的]", "", rest) in ("", "会议", "大会", "论坛")


def _filter(gazetteer: Any, occ: Occurrence) -> Occurrence | None:
    """Bodies are not events; a body heading the name is the organiser; an election is an event when dated."""
    name = occ.name.name
    if occ.name.kind == "ug:ElectionEvent" and occ.context.start is None:
        return None
    known = _org(gazetteer, name)
    held = (occ.context.start and occ.date_span) or (occ.name.kind in ("ug:ForumEvent", "ug:ConferenceEvent")
                                                     and occ.at_meeting)
    if known is not None and known[1] != "initiative" and not held:
        return None
    if known is None and _only_bodies(gazetteer, name):
        return None
    orgs = _leading_orgs(gazetteer, name)
    if known is None and orgs and orgs[0][0] == 0 and orgs[0][1] < len(name):
        first = orgs[0]
        rest = name[first[1]:]
        nxt = [o for o in orgs if o[0] == first[1]]
        if nxt and nxt[0][1] < len(name):  # 联合国环境规划署 + 联合国环境大会第五届会议
            shifted = replace(occ.name, name=rest, start=occ.name.end - len(rest))
            return replace(occ, name=shifted, organiser=first[2])
        return replace(occ, organiser=first[2])
    return occ


_ABOUT = re.compile(r"关于(?P<subject>.+?)的(?P<head>[^的]+)")


def distributed_subjects(name: str, gazetteer: Any) -> list[tuple[str, int, int, Ref]]:
    """One event per place when a name's subject is places joined by 和/与/及/、: ``(label, start, end, place)``.

    "关于乌克兰和伊朗伊斯兰共和国的特别会议" (the Human Rights Council's special sessions on Ukraine and on
    Iran) is two sessions: 关于乌克兰的特别会议 and 关于伊朗伊斯兰共和国的特别会议, each about its country
    (``start``/``end``: the place's span in ``name``). A name about one place, or about anything but
    places alone (关于和平与安全的高级别会议), is one event: ``[]``.
    """
    m = _ABOUT.fullmatch(name)
    if m is None or gazetteer is None:
        return []
    subject, at = m["subject"], m.start("subject")
    places = [(s, e, ref) for s, e, ref, _ in find_places(subject, gazetteer) if ref.kind in ("country", "region")]
    if len(places) < 2:
        return []
    pos = 0
    for s, e, _ in places:
        joint = subject[pos:s]
        if (pos == 0 and joint) or (pos and joint not in ("和", "与", "及", "、")):
            return []
        pos = e
    if pos != len(subject):
        return []
    return [(f"关于{subject[s:e]}的{m['head']}", at + s, at + e, ref) for s, e, ref in places]


def _distribute(occ: Occurrence, gazetteer: Any, seg: Segment, pos: list[int], at: int) -> list[Occurrence]:
    """The events a name stands for: itself, or one per place of its subject (:func:`distributed_subjects`)."""
    parts = distributed_subjects(occ.name.name, gazetteer)
    return [replace(occ, name=replace(occ.name, name=label), written=occ.name.name,
                    subject=(ref, seg.start + pos[at + s], seg.start + pos[at + e - 1] + 1, seg.id))
            for label, s, e, ref in parts] or [occ]


def _sentences(norm: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"[。！？!?]", norm):
        out.append((start, m.end()))
        start = m.end()
    if start < len(norm):
        out.append((start, len(norm)))
    return out


def _block_occurrences(seg: Segment, credit: Segment | None, gazetteer: Any,
                       known: frozenset[str] = frozenset()) -> list[Occurrence]:
    norm, pos = normalise_with_offsets(seg.text)
    index = {p: i for i, p in enumerate(pos)}
    sentences = _sentences(norm)
    out: list[Occurrence] = []
    names = find_names(seg.text, seg.start, known)
    for k, name in enumerate(names):
        a, b = index[name.start - seg.start], index[name.end - 1 - seg.start] + 1
        sent = next(((s, e) for s, e in sentences if s <= a < e), (0, len(norm)))
        ctx, dspan = _context(norm, a, b, sent, name, sentences[0] if sentences else sent)
        used = None
        if credit is not None:
            ctx, used = _with_credit(ctx, credit)
        organiser = None
        if _ORGANISE.search(norm[sent[0]:a]) and gazetteer is not None:
            organiser = gazetteer.ref(_UN)
        alias = None
        if out and re.fullmatch(r"[》”\"]?[（(]", norm[index[names[k - 1].end - 1 - seg.start] + 1:a]) \
                and norm[b:b + 1] in ("）", ")"):
            alias = len(out) - 1
        span = (seg.start + pos[dspan[0]], seg.start + pos[dspan[1] - 1] + 1) if dspan else None
        at_meeting = norm[max(0, a - 1):a] == "在" and norm[b:b + 2] in ("上，", "上,", "期间") or norm[b:b + 1] == "上"
        occ = Occurrence(name, seg.id, ctx, span, organiser, alias,
                         (seg.start + pos[sent[0]], seg.start + pos[sent[1] - 1] + 1), used, at_meeting)
        kept = _filter(gazetteer, occ)
        if kept is not None:
            out.extend(_distribute(kept, gazetteer, seg, pos, index[kept.name.start - seg.start]))
    return out


def _context(norm: str, a: int, b: int, sent: tuple[int, int], name: Name,
             first: tuple[int, int]) -> tuple[Context, tuple[int, int] | None]:
    """Date and place from the words around the name, its sentence's opening, or the block's opening date."""
    after = context_after(norm[b:sent[1]])
    before = context_before(norm[sent[0]:a])
    opening = sentence_date(norm[sent[0]:sent[1]])
    if opening.start is None and first != sent:
        opening = sentence_date(norm[first[0]:first[1]])  # "2022年，…。《…》缔约国第一次会议、…": the block's year
        sent_for_span = first
    else:
        sent_for_span = sent
    start = after.start or before.start or opening.start
    end = after.end or before.end or opening.end
    place = next((p for p in (after.place, before.place, sentence_place(norm[sent[0]:sent[1]])) if p and _is_place(p)), None)
    span = None
    if start is not None:
        which = "after" if after.start else "before" if before.start else "opening"
        lo, hi = {"after": (b, sent[1]), "before": (max(sent[0], a - 40), a), "opening": sent_for_span}[which]
        m = re.search(r"\d{4}年[^，。的在举]{0,12}", norm[lo:hi])
        span = (lo + m.start(), lo + m.end()) if m else None
    return Context(start, end, place), span


def _is_place(text: str) -> bool:
    """A place as written, not an event or a time (大会高级别周期间)."""
    return len(text) <= 10 and not re.search(r"期间|会议|大会|峰会|周|论坛|联合国|见证", text)


def _with_credit(ctx: Context, credit: Segment) -> tuple[Context, tuple[int, int, str] | None]:
    """A caption's event takes the month and place of its photo's credit where the sentence gives none."""
    date, place = credit.attr("date"), credit.attr("place")
    start, where = ctx.start, ctx.place
    used = False
    if date and (start is None or (start.datatype == "xsd:gYear" and date.startswith(start.value))):
        start, used = Literal(date, datatype="xsd:gYearMonth"), True
    if not where and place:
        where, used = re.sub(r"\s", "", place), True
    return Context(start, ctx.end, where), ((credit.start, credit.end, credit.id) if used or place else None)


def _in_lists(seg: Segment, by_id: dict[str, Segment]) -> bool:
    """List items of the sections that list programmes, mandates, entities and resources (names of other things)."""
    if seg.kind != "item":
        return False
    parent = seg.parent
    while parent:
        up = by_id.get(parent)
        if up is None:
            return False
        if up.kind == "section" and up.attr("section_kind") in ("core-programmes", "mandates", "entities", "resources"):
            return True
        parent = up.parent
    return False


def occurrences(segments: Sequence[Segment], gazetteer: Any) -> list[Occurrence]:
    """Every event name of the report, block by block, with its context."""
    credits = {s.attr("caption"): s for s in segments if s.kind == "credit" and s.attr("caption")}
    by_id = {s.id: s for s in segments}
    blocks = [s for s in segments if s.kind in _BLOCKS and not s.repeat_of and not _in_lists(s, by_id)]
    first = {seg.id: _block_occurrences(seg, credits.get(seg.id), gazetteer) for seg in blocks}
    known = frozenset(o.name.name for occs in first.values() for o in occs
                      if o.name.kind in ("ug:InitiativeEvent", "ug:AgreementEvent"))
    out: list[Occurrence] = []
    for seg in blocks:
        again = any(k in normalise_with_offsets(seg.text)[0] for k in known)
        out.extend(_block_occurrences(seg, credits.get(seg.id), gazetteer, known) if again else first[seg.id])
    return out


def _key_form(name: str) -> str:
    """The form names are compared in: no brackets, 问题, 的 or editions (editions are compared apart)."""
    form = re.sub(r"[《》“”\"]|问题|的", "", name)
    form = re.sub(r"会议(?=第)", "", form)
    if form.endswith("一般性辩论"):
        form = re.sub(r"第[一二三四五六七八九十百零\d]+届会议", "", form)
    return EDITION.sub("", form)


def _year(occ: Occurrence) -> str | None:
    return occ.context.start.value[:4] if occ.context.start else None


def _month(occ: Occurrence) -> str | None:
    v = occ.context.start.value if occ.context.start else ""
    return v[:7] if len(v) >= 7 else None


@dataclass
class _Summary:
    """What merging compares about a group of occurrences."""

    keys: set[str]
    kinds: set[str]
    titles: set[str]
    editions: set[int]
    years: set[str]
    months: set[str]

    @classmethod
    def of(cls, occs: list[Occurrence]) -> _Summary:
        return cls({_key_form(o.name.name) for o in occs}, {o.name.kind for o in occs},
                   {t for o in occs if o.name.name.endswith(("会议", "大会")) for t in re.findall(r"《([^》]+)》", o.name.name)},
                   {e for o in occs if (e := edition_of(o.name.name))}, {y for o in occs if (y := _year(o))},
                   {m for o in occs if (m := _month(o))})

    def add(self, other: _Summary) -> None:
        pairs: tuple[tuple[set[Any], set[Any]], ...] = (
            (self.keys, other.keys), (self.kinds, other.kinds), (self.titles, other.titles), (self.editions, other.editions),
            (self.years, other.years), (self.months, other.months))
        for a, b in pairs:
            a |= b


def _same(a: _Summary, b: _Summary) -> bool:
    if len(a.editions | b.editions) > 1 or len(a.years | b.years) > 1 or len(a.months | b.months) > 1:
        return False
    if a.titles & b.titles:
        return True  # meetings named after the same treaty (关于《禁止核武器条约》的重要会议 / 《禁止核武器条约》缔约国第一次会议)
    if not (a.kinds & b.kinds) and not (a.keys & b.keys):
        return False
    return bool(a.keys & b.keys) or any(len(x) >= 4 and (y.endswith(x) or x.endswith(y)) for x in a.keys for y in b.keys) \
        or (a.kinds == b.kinds and any(_common_tail(x, y) >= 10 or _common_tail(x[::-1], y[::-1]) >= 10
                                       for x in a.keys for y in b.keys))


def _common_tail(a: str, b: str) -> int:
    """Length of the longest common ending (…化肥进入世界市场谅解备忘录 under two spellings)."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def group(occs: list[Occurrence]) -> list[list[Occurrence]]:
    """Occurrences grouped into events (see the module docstring for the rules)."""
    groups: list[list[Occurrence]] = []
    owner: dict[int, int] = {}
    for i, occ in enumerate(occs):
        if occ.alias_of is not None:
            target = next((j for j in range(i - 1, -1, -1) if occs[j].segment_id == occ.segment_id), None)
            if target is not None and target in owner:
                groups[owner[target]].append(occ)
                owner[i] = owner[target]
                continue
        quoted = re.match(r"“([^”]+)”", occ.name.name)
        if quoted:
            for j in range(i - 1, -1, -1):
                other = re.match(r"“([^”]+)”", occs[j].name.name)
                if occs[j].segment_id == occ.segment_id and other and other[1] != quoted[1] \
                        and other[1].startswith(quoted[1]):
                    groups[owner[j]].append(occ)
                    owner[i] = owner[j]
                    break
            if i in owner:
                continue
        groups.append([occ])
        owner[i] = len(groups) - 1
    summaries = [_Summary.of(g) for g in groups]
    merged = True
    while merged:
        merged = False
        for x in range(len(groups)):
            y = x + 1
            while y < len(groups):
                if _same(summaries[x], summaries[y]):
                    groups[x].extend(groups.pop(y))
                    summaries[x].add(summaries.pop(y))
                    merged = True
                else:
                    y += 1
    return groups


def _pref(group_: list[Occurrence]) -> str:
    counts = Counter(o.name.name for o in group_)
    return max(counts, key=lambda n: (counts[n], len(n), -min(o.name.start for o in group_ if o.name.name == n)))


def _best_date(group_: list[Occurrence]) -> Occurrence | None:
    dated = [o for o in group_ if o.context.start is not None]
    if not dated:
        return None
    return max(dated, key=lambda o: (_PRECISION[o.context.start.datatype or ""], o.context.end is not None, -o.name.start))  # type: ignore[union-attr]  # dated: start is set


def _year_in_name(group_: list[Occurrence]) -> Occurrence | None:
    """A year the name states (经济及社会理事会发展筹资后续行动论坛2023年届会)."""
    for occ in group_:
        m = re.search(r"(\d{4})年", re.sub(r"《[^》]*》", "", occ.name.name))
        if m:
            return replace(occ, context=Context(Literal(m[1], datatype="xsd:gYear"), None, occ.context.place))
    return None


def _event_records(doc: Document, ref: Ref, group_: list[Occurrence], pref: str, gazetteer: Any) -> Iterator[Record]:
    first = min(group_, key=lambda o: o.name.start)
    labels: list[tuple[str, Literal]] = [("skos:prefLabel", Literal(pref, "zh"))]
    names = {o.name.name for o in group_} | {o.written for o in group_ if o.written}
    labels += [("skos:altLabel", Literal(n, "zh")) for n in sorted(names - {pref})]
    yield Entity(ref, ("ug:Event", "schema:Event", "lode:Event"), tuple(labels),
                 Provenance(first.name.start, first.name.end, first.segment_id))
    for about in sorted({o.subject for o in group_ if o.subject}, key=lambda t: (t[1], t[0].key)):
        yield Statement(ref, "dcterms:subject", about[0], Provenance(about[1], about[2], about[3]))
    kind = Counter(o.name.kind for o in group_ if o.name.name == pref).most_common(1)[0][0]
    yield Statement(ref, "ug:eventKind", kind, Provenance(first.name.start, first.name.end, first.segment_id))
    edition = next((edition_of(o.name.name) for o in group_ if edition_of(o.name.name)), None)
    if edition:
        at = next(o for o in group_ if edition_of(o.name.name))
        yield Statement(ref, "ug:edition", Literal(str(edition), datatype="xsd:integer"),
                        Provenance(at.name.start, at.name.end, at.segment_id))
    dated = _best_date(group_)
    if dated is None:
        dated = _year_in_name(group_)
    if dated is not None and dated.context.start is not None:
        span = Provenance(*dated.date_span, dated.segment_id) if dated.date_span else \
            Provenance(dated.credit[0], dated.credit[1], dated.credit[2]) if dated.credit else \
            Provenance(dated.name.start, dated.name.end, dated.segment_id)
        yield Statement(ref, "schema:startDate", dated.context.start, span)
        if dated.context.end is not None:
            yield Statement(ref, "schema:endDate", dated.context.end, span)
    yield from _place_records(doc, ref, group_, gazetteer)
    for org in sorted({o.organiser for o in group_ if o.organiser}, key=lambda r: r.key):
        at = next(o for o in group_ if o.organiser == org)
        yield Statement(ref, "schema:organizer", org, Provenance(at.name.start, at.name.end, at.segment_id))
    yield from _adopted(doc, ref, group_, gazetteer)


def _locate(doc: Document, occ: Occurrence, text: str) -> Provenance:
    lo, hi = occ.sentence
    seg_text = doc.text[lo:hi]
    norm, pos = normalise_with_offsets(seg_text)
    at = norm.find(text)
    if at < 0:
        return Provenance(occ.name.start, occ.name.end, occ.segment_id)
    return Provenance(lo + pos[at], lo + pos[at + len(text) - 1] + 1, occ.segment_id)


def _locate_in(doc: Document, where: tuple[int, int, str], text: str) -> Provenance:
    norm, pos = normalise_with_offsets(doc.text[where[0]:where[1]])
    at = norm.find(text)
    if at < 0:
        return Provenance(where[0], where[1], where[2])
    return Provenance(where[0] + pos[at], where[0] + pos[at + len(text) - 1] + 1, where[2])


def _places_of(doc: Document, occ: Occurrence) -> list[tuple[str, Provenance]]:
    """The places an occurrence's sentence and its photo credit give, each with its span."""
    out: list[tuple[str, Provenance]] = []
    if occ.context.place:
        span = _locate(doc, occ, occ.context.place)
        if doc.text[span.start:span.end] == doc.text[occ.name.start:occ.name.end] and occ.credit:
            span = _locate_in(doc, occ.credit, occ.context.place)
        out.append((occ.context.place, span))
    if occ.credit:
        m = re.match(r"\s*[(（]([^,，)）]+)", doc.text[occ.credit[0]:occ.credit[1]])
        credit_place = re.sub(r"\s", "", m[1]) if m else ""
        if credit_place and credit_place != occ.context.place and not re.search(r"\d|不详", credit_place):
            out.append((credit_place, _locate_in(doc, occ.credit, credit_place)))
    return out


def _place_records(doc: Document, ref: Ref, group_: list[Occurrence], gazetteer: Any) -> Iterator[Record]:
    """``schema:location`` the most specific place entity the place as written names (a city, else the
    country or region; the string itself where the gazetteer knows no place in it); ``lode:atPlace`` the
    country or region: the one the text names, else the country the city lies in."""
    seen: set[str] = set()
    located: set[Ref] = set()
    countries: set[Ref] = set()
    places = [(p, span) for occ in group_ for p, span in _places_of(doc, occ)]
    for place, span in places:
        if place in seen:
            continue
        seen.add(place)
        where = resolve_place(place, gazetteer) if gazetteer is not None else None
        if where is None:
            yield Statement(ref, "schema:location", Literal(place, "zh"), span)
            continue
        if where not in located:
            located.add(where)
            yield Statement(ref, "schema:location", where, span)
        country = _country_of(place, where, gazetteer)
        if country is not None and country not in countries:
            countries.add(country)
            yield Statement(ref, "lode:atPlace", country, span)


def _country_of(place: str, where: Ref, gazetteer: Any) -> Ref | None:
    """The country or region a place as written names, else the country of the city it names."""
    named = next((r for _, _, r, _ in find_places(place, gazetteer) if r.kind in ("country", "region")), None)
    if named is not None:
        return named
    if where.kind == "city":
        row = gazetteer.get("city", where.key)
        return Ref("country", row.country) if row is not None and row.country else None
    return where


def _adopted(doc: Document, ref: Ref, group_: list[Occurrence], gazetteer: Any) -> Iterator[Record]:
    if gazetteer is None:
        return
    for occ in group_:
        lo, hi = occ.sentence
        after = doc.text[occ.name.end:hi]
        verb = _ADOPT.search(after)
        if not verb:
            continue
        for m in gazetteer.find(after[verb.end():]):
            if m.kind == "instrument":
                start = occ.name.end + verb.end() + m.start
                yield Statement(ref, "ug:adopted", m.ref, Provenance(start, occ.name.end + verb.end() + m.end, occ.segment_id))
                return


#: Head words that are the name of a topic themselves (人权日, Human Rights Day), not only a kind of event.
_TOPICAL_HEADS = frozenset({"人权日", "和平日", "风险日", "国际日", "纪念日", "高级别周", "一般性辩论", "缔约方大会", "黑客马拉松",
                            "刺激计划", "周年纪念活动", "纪念活动"})


def generic_name(name: str) -> bool:
    """A name that says only what kind of event, not which: an edition, generic qualifiers, a head word.

    >>> generic_name("总统选举"), generic_name("第一次高级别活动"), generic_name("第七十八届会议")
    (True, True, True)
    >>> generic_name("教育变革峰会"), generic_name("人权日"), generic_name("大屠杀遇难者仪式")
    (False, False, False)
    """
    rest = EDITION.sub("", name)
    changed = True
    while changed:
        changed = False
        for q in sorted(GENERIC_QUALIFIERS, key=len, reverse=True):
            if rest.startswith(q) and rest != q:
                rest, changed = rest[len(q):], True
    return rest in HEADS and rest not in _TOPICAL_HEADS


def _country_code(doc: Document, group_: list[Occurrence], gazetteer: Any) -> str | None:
    """The alpha-3 code (lower case) of the first country an event's places lie in, or ``None``."""
    if gazetteer is None:
        return None
    for occ in sorted(group_, key=lambda o: o.name.start):
        for place, _span in _places_of(doc, occ):
            where = resolve_place(place, gazetteer)
            country = _country_of(place, where, gazetteer) if where is not None else None
            if country is not None and country.kind == "country":
                return country.key.lower()
    return None


#: The kind of an ``aliases.tsv`` row that names an event (read here, not by the gazetteer: events have no table).
ALIAS_KIND = "event"


def event_aliases(gazetteer: Any) -> dict[str, str]:
    """Normalised name as written -> key of the event it names, from the ``event`` rows of ``aliases.tsv``."""
    rows = gazetteer.tables.get("aliases.tsv", []) if gazetteer is not None else []
    return {normalise(re.sub(r"[《》“”\"]", "", row.id)): row.target for row in rows if row.kind == ALIAS_KIND}


def _merge_aliases(keyed: dict[Ref, tuple[list[Occurrence], str]], aliases: dict[str, str]) -> None:
    """Fold an event named by an alias into the event the alias names (when the build has that one)."""
    for ref in sorted(keyed, key=lambda r: r.key):
        names = {normalise(re.sub(r"[《》“”\"]", "", o.name.name)) for o in keyed[ref][0]}
        target = next((Ref("event", aliases[n]) for n in sorted(names) if n in aliases), None)
        if target is not None and target != ref and target in keyed:
            keyed[target][0].extend(keyed.pop(ref)[0])


def extract(doc: Document, segments: Sequence[Segment], ctx: ExtractionContext) -> Iterator[Record]:
    """Every named event, with its kind, names, dates, places, organisers and mentions."""
    gazetteer = ctx.gazetteer
    occs = occurrences(segments, gazetteer)
    groups = group(occs)
    keyed: dict[Ref, tuple[list[Occurrence], str]] = {}
    for g in groups:
        pref = _pref(g)
        years = sorted({y for o in g if (y := _year(o))})
        months = sorted({m for o in g if (m := _month(o))})
        suffix = months[0] if len(months) == 1 and any(len(gg) for gg in groups if gg is not g and _pref(gg) == pref) \
            else (years[0] if years else None)
        where = _country_code(doc, g, gazetteer) if generic_name(pref) else None
        ref = Ref("event", name_key(re.sub(r"[《》“”\"]", "", pref)) + (f"-{where}" if where else "")
                  + (f"-{suffix}" if suffix else ""))
        if ref in keyed:
            keyed[ref][0].extend(g)
        else:
            keyed[ref] = (g, pref)
    _merge_aliases(keyed, event_aliases(gazetteer))
    taken = [(o.name.start, o.name.end) for o in occs]
    blocks = [(s, *normalise_with_offsets(s.text)) for s in segments if s.kind in _BLOCKS]
    for ref, (g, pref) in sorted(keyed.items(), key=lambda kv: min(o.name.start for o in kv[1][0])):
        yield from _event_records(doc, ref, g, pref, gazetteer)
        spans = {(o.name.start, o.name.end, o.segment_id) for o in g}
        for label in sorted({o.name.name for o in g}, key=len, reverse=True):
            if len(label) >= 4:
                spans |= set(_label_spans(blocks, label, taken))
        for start, end, seg_id in sorted(spans):
            yield Mention(ref, Provenance(start, end, seg_id), doc.text[start:end])


def _label_spans(blocks: list[tuple[Segment, str, list[int]]], label: str,
                 taken: list[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    """Occurrences of an event's name that no other name covers (黑海倡议 in a heading, 聚光灯倡议 in a caption)."""
    for seg, norm, pos in blocks:
        if label not in norm:
            continue
        for m in re.finditer(re.escape(label), norm):
            start, end = seg.start + pos[m.start()], seg.start + pos[m.end() - 1] + 1
            if any(s < end and start < e and (s, e) != (start, end) for s, e in taken):
                continue
            if m.start() > 0 and "\u4e00" <= norm[m.start() - 1] <= "\u9fff" and norm[m.start() - 1] not in "在的了和与及年届次：":
                continue  # the tail of a longer name
            taken.append((start, end))
            yield start, end, seg.id
