"""Who did what where: one ``ug:Activity`` for each sentence in which a named body acts in, for or on a place.

The report is read sentence by sentence (:mod:`ungraph.source.sentences`) in its paragraphs, photo
captions and list items (not in quotations, headings, figures, footnotes, nor in the 核心方案,
指示性资源, 主要授权 and 主要实体 lists, which name things rather than say what was done). A sentence
gives an activity when it has, by the rules below, at least one **agent**, one **verb** of the
scheme after the first agent, and one **place**; anything less is left out (precision first).

Agents (``prov:wasAssociatedWith``), found by the gazetteer (UN bodies, missions, other
organisations) and by the word 我们, and only those written before the first verb of the scheme
(:mod:`ungraph.extract.activity_agents`):

* a body is the subject unless the words before it make it a partner, a recipient, a location or
  the object of a verb (与, 同, 向, 对, 为, 使, 请, 帮助, 在 ..., 促成了 ...) or the words after it
  make it part of another name or a place (联合国总部, 联合国会员国, 联合国萨赫勒综合战略: a body
  followed directly by a place name); a body joined to the previous one by 和, 及, 、 shares its role;
* 由 X, 得到 X 的, 在 X (的 ...) 下 (在联合国见证下) and X + verb + 的 (联合国促成的停火) make X the agent;
* **我们** is the UN (``organization/UN``), except in a chapter whose 主要实体 list names exactly one
  body (chapter 4: the Office of the High Commissioner for Human Rights, chapter 7: the Office for
  Disarmament Affairs), where it is that body; 我们的 counts only before a word for a body or its
  staff (我们的特派团), not before anything else (我们的世界); 我们 after 使 or 让 is an agent only
  before 能够/得以; 我们必须/需要/希望 says what should be done, not what was. 联合国 written out is
  always the UN. The agent statement's provenance is the span of the word, so "我们" stays visible
  behind the inferred agent;
* bodies a sentence names without their names: 我们的(维持和平)特派团 or 联合国特派团 in a sentence
  with one place is the one mission of ``missions.tsv`` of that kind that serves the place (在黎巴嫩，
  我们的维持和平特派团… is UNIFIL); 我们的基金 the funds the block names before (中央应急基金和国家
  集合基金); a body's head noun alone (法院, 委员会) the last body of that name in the block; a list
  item without a subject the body its heading names (中央应急基金 over "- 为非洲…划拨了…").

Action (``ug:action`` a concept of ``ug:ActionKinds``, ``ug:actionVerb`` the verb as written): at most
one per activity (none where the rules cannot read the verb with confidence, :func:`ungraph.extract.actions.confident`:
应对, 提出, 努力, 帮助维持…, 建立伙伴关系, 参与谈判并推动…; the verb as written stays), the head verb of the first clause after the agent, not a verb inside a title or a
"since" frame (自 … 以来, 自 … 年来: 自…签署和平协定六年来，联合国继续支持… is support) (:func:`ungraph.extract.actions.main_verb`:
a clause that only says with whom gives way to the next, 努力 to the verb it governs, and 提供 takes
its action from its object: 提供支持 is support).

Places (``dcterms:spatial``, :mod:`ungraph.extract.activity_places`): every country, territory or
region the gazetteer finds in the sentence, and a country in an agent's own name (黎巴嫩问题特别法庭);
not names inside 《》, not the places of a clause that only sets the scene (鉴于乌克兰…，; 整个萨赫勒和
非洲之角面临…，), not a place named only for its people (对越南人民犯下…).

Two sentences give one activity when the first names the place (在巴基斯坦，…) and the second the
agent and verb, or the first the agent and verb and the second, opening with 这促成了/这使, the places.

Period (``schema:temporalCoverage``): the date, month or year the sentence states, when all its
dates share one year; years of names (《2030 年议程》) and deadlines (到 2030 年) are not periods.

Initiatives and events (``ug:concerns``): an event the events extractor finds inside the sentence
(黑海倡议 is an event of kind ``ug:InitiativeEvent``), or the initiative event the sentence refers
back to with 该倡议, resolved to the last initiative event named earlier in the same spotlight,
section, chapter or introduction (:func:`refer_back`); a body of the tables classified ``initiative``
is one too. Figures (``ug:figure``) and events are joined by :func:`link` and :func:`refer_back`
after every extractor has run, through the records (extractors do not import each other).

Each activity is also a :class:`~ungraph.records.Mention` of its sentence, so ``ug:mentionedIn``
gives its block and the annotation its exact words. Key: the block's structural id and the
sentence number (``A-78-1-chapter-2-section-results-subsection-1-paragraph-1-s3``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ungraph.extract.actions import Action, confident, find_actions, main_verb
from ungraph.extract.activity_agents import (
    TITLE,
    UN,
    candidates,
    chapter_agents,
    find_agents,
    list_headings,
    mission_areas,
    mission_for,
    our_funds,
    short_names,
)
from ungraph.extract.activity_places import countries_only, kept_places, named_in, period
from ungraph.extract.context import Context
from ungraph.records import Document, Entity, Literal, Mention, Provenance, Record, Ref, Segment, Statement
from ungraph.source.sentences import Sentence, sentences

__all__ = ["KIND", "BLOCKS", "Found", "read_sentence", "chapter_agents", "mission_areas", "extract", "enrich", "link",
           "refer_back"]

KIND = "activity"
#: Blocks read for activities.
BLOCKS = frozenset({"paragraph", "caption", "item"})
#: Sections whose blocks name things rather than say what was done.
_LIST_SECTIONS = frozenset({"core-programmes", "resources", "mandates", "entities"})

_ANAPHORA = re.compile(r"该(倡议)")


@dataclass(frozen=True)
class Found:
    """What one sentence gives: agents, actions and places with their spans (indices into the sentence).

    An action is (concept or ``None`` where the rules cannot read it with confidence, verb as written, index).
    """

    agents: tuple[tuple[str, int, int], ...]
    actions: tuple[tuple[Action | None, str, int], ...]
    places: tuple[tuple[Ref, int, int], ...]
    period: tuple[str, str, int, int] | None
    initiatives: tuple[tuple[str, int, int], ...]


#: A "since" frame (自…2016年签署和平协定六年来，…): its verb says when, not what the agent does.
_SINCE = re.compile(r"自[^，,。；;]*?(?:以来|年来)")

#: The opening of a sentence that says what the previous one led to.
_LED_TO = re.compile(r"^(?:这|此举?)(?:还|也)?(?:促成|使|让|导致|帮助|推动|有助于)")


def _reading(text: str, gazetteer: Any, before: str, countries: Any, implied: str | None = None
             ) -> tuple[list, list, list, tuple]:
    """(agents, verbs, places, initiatives) of a sentence by the rules, each possibly empty.

    ``implied``: the body a list item without a subject speaks of (the heading above the list); it is
    the agent (with an empty span) when the item opens with a verb or 为/向/在 and names no agent.
    """
    bodies, places = candidates(text, gazetteer)
    bodies = sorted(bodies + short_names(text, before, gazetteer), key=lambda b: b[1])
    initiatives = tuple((b, s, e) for b, s, e in bodies
                        if b and (row := gazetteer.get("organization", b)) is not None
                        and getattr(row, "classification", "") == "initiative")
    named = {b for b, _, _ in initiatives}
    agents = [a for a in our_funds(text, before, gazetteer, find_agents(text, bodies, places)) if a[0] not in named]
    if not agents and implied:
        at = len(text) - len(text.lstrip("-•●·* \t"))
        opening = text[at:]
        if opening.startswith(("为", "向", "在")) or any(a == 0 for _, _, a in find_actions(opening[:6])):
            agents = [(implied, at, at)]
    if not agents:
        return [], [], places, initiatives
    titles = [m.span() for m in TITLE.finditer(text)] + [m.span() for m in _SINCE.finditer(text)]
    verbs = [v for v in find_actions(text) if v[2] >= agents[0][2] and not any(s <= v[2] < e for s, e in titles)]
    if verbs:
        agents = [a for a in agents if a[1] < verbs[0][2] or a[1] == a[2]]
    return agents, verbs, kept_places(text, places, agents[0][1]) + named_in(agents, text, countries), initiatives


def read_sentence(text: str, gazetteer: Any, before: str = "", countries: Any = None,
                  implied: str | None = None) -> Found | None:
    """The agents, actions and places of one sentence by the module's rules; ``None`` if it gives no activity.

    Agents are body ids, ``""`` standing for 我们 (resolved by the caller). ``before``: the text of the
    block before the sentence (for 法院, 我们的基金); ``countries``: a gazetteer of countries alone, for
    the countries inside a body's name; ``implied``: see :func:`_reading`.
    """
    agents, verbs, places, initiatives = _reading(text, gazetteer, before, countries, implied)
    if not (agents and verbs and places):
        return None
    head = main_verb(text, verbs)
    after = max((e for _, s, e in agents if s < head[2]), default=0)
    act = confident(text, head, after, places)
    return Found(tuple(agents), ((act, head[1], head[2]),), tuple(places), period(text), initiatives)


def _joined(prev: tuple[list, list, list, tuple], prev_text: str, cur: tuple[list, list, list, tuple],
            cur_text: str) -> bool:
    """Whether two adjacent sentences state one activity between them:

    * the first names the place in an opening 在 … clause and no agent, the second the agent and verb
      and no place (在巴基斯坦，暴雨和洪水影响了 3300 万人。我们提供救生和生计援助…);
    * the first names agent and verb and no place, the second says what that led to (这促成了, 这使,
      此举帮助 ...), names no agent, and names the places (我们为国家司法机构…提供了支持。这促成了…马里和南苏丹…).
    """
    p_agents, p_verbs, p_places, _ = prev
    c_agents, c_verbs, c_places, _ = cur
    if not p_agents and p_places and prev_text.startswith("在") and c_agents and c_verbs and not c_places:
        return True
    return bool(p_agents and p_verbs and not p_places and not c_agents and c_places and _LED_TO.match(cur_text))


# --- the report's structure ---------------------------------------------------------------------

def _ancestors(seg: Segment, by_id: dict[str, Segment]) -> list[Segment]:
    out, parent = [], seg.parent
    while parent:
        up = by_id.get(parent)
        if up is None:
            break
        out.append(up)
        parent = up.parent
    return out


def _initiative_before(doc: Document, container: Segment, end: int, gazetteer: Any) -> tuple[str, int, int] | None:
    """The last initiative named in ``container`` before ``end`` (for 该倡议)."""
    last = None
    for m in gazetteer.find(doc.text[container.start:end]):
        row = gazetteer.get("organization", m.id) if m.kind == "organization" else None
        if row is not None and getattr(row, "classification", "") == "initiative":
            last = (m.id, container.start + m.start, container.start + m.end)
    return last


# --- records ------------------------------------------------------------------------------------

def _name(gazetteer: Any, ref: Ref, lang: str) -> str:
    """The entity's name in ``lang`` from the reference tables, else its key."""
    if lang == "en":
        return gazetteer.name_en(ref.kind, ref.key) or ref.key
    row = gazetteer.get(ref.kind, ref.key)
    return row.name_zh if row is not None else ref.key


def _labels(gazetteer: Any, agents: list[Ref], actions: Sequence[tuple[Action | None, str, int]],
            places: list[Ref]) -> tuple:
    """zh and en labels: agents, the action (in zh its verb as written where it has no concept), places."""
    zh = f"{'、'.join(_name(gazetteer, a, 'zh') for a in agents)}：{'、'.join(a.zh if a else v for a, v, _ in actions)}" \
         f"（{'、'.join(_name(gazetteer, p, 'zh') for p in places)}）"
    # English names only the actions that have a concept: a verb as written is Chinese (it stays in ug:actionVerb)
    acts = ", ".join(a.en for a, _, _ in actions if a)
    en = f"{', '.join(_name(gazetteer, a, 'en') for a in agents)}{': ' + acts if acts else ''}" \
         f" ({', '.join(_name(gazetteer, p, 'en') for p in places)})"
    return (("rdfs:label", Literal(zh, "zh")), ("rdfs:label", Literal(en, "en")))


def _unique(items: Iterable[tuple[Ref, int, int]]) -> list[tuple[Ref, int, int]]:
    seen: set[Ref] = set()
    out = []
    for ref, s, e in items:
        if ref not in seen:
            seen.add(ref)
            out.append((ref, s, e))
    return out


def _activity_records(doc: Document, seg: Segment, sent: Sentence, found: Found, we: str,
                      gazetteer: Any, context: Segment | None,
                      missions: dict[tuple[Ref, str], list[str]] | None = None,
                      heading: Provenance | None = None) -> Iterator[Record]:
    ref = Ref(KIND, f"{doc.key}-{seg.id.replace('/', '-')}-s{sent.number}")

    def prov(start: int, end: int) -> Provenance:
        return Provenance(sent.start + start, sent.start + end, seg.id)

    resolved = []
    for body, s, e in found.agents:
        mission = mission_for(sent.text, body, e, found.places, missions or {})
        resolved.append((Ref("organization", mission[0]), s, mission[1]) if mission else
                        (Ref("organization", body or we), s, e))
    agents = _unique(resolved)
    places = _unique(found.places)
    yield Entity(ref, ("ug:Activity", "prov:Activity"), (), prov(0, len(sent.text)))
    yield Entity(ref, ("ug:Activity", "prov:Activity"),
                 _labels(gazetteer, [a for a, _, _ in agents], found.actions, [p for p, _, _ in places]))
    yield Mention(ref, prov(0, len(sent.text)), sent.text)
    for agent, s, e in agents:
        yield Statement(ref, "prov:wasAssociatedWith", agent, prov(s, e) if s < e or heading is None else heading)
    for act, verb, at in found.actions:
        if act is not None:
            yield Statement(ref, "ug:action", act.concept, prov(at, at + len(verb)))
        yield Statement(ref, "ug:actionVerb", Literal(verb, "zh"), prov(at, at + len(verb)))
    for place, s, e in places:
        yield Statement(ref, "dcterms:spatial", place, prov(s, e))
    if found.period:
        value, datatype, s, e = found.period
        yield Statement(ref, "schema:temporalCoverage", Literal(value, datatype=datatype), prov(s, e))
    initiatives = [(Ref("organization", b), prov(s, e)) for b, s, e in found.initiatives]
    if not initiatives and context is not None:
        for m in _ANAPHORA.finditer(sent.text):
            back = _initiative_before(doc, context, sent.start + m.start(), gazetteer)
            if back is not None:
                initiatives.append((Ref("organization", back[0]), prov(m.start(), m.end())))
    for initiative, where in initiatives:
        yield Statement(ref, "ug:concerns", initiative, where)


def extract(doc: Document, segments: Sequence[Segment], ctx: Context) -> Iterator[Record]:
    """One activity per sentence that names an agent, a verb of the scheme and a place (see the module)."""
    gazetteer = ctx.gazetteer
    by_id = {s.id: s for s in segments}
    ours = chapter_agents(segments, gazetteer)
    missions = mission_areas(gazetteer)
    countries = countries_only(gazetteer)
    headings = list_headings(segments, gazetteer)
    for seg in segments:
        if seg.kind not in BLOCKS or seg.repeat_of:
            continue
        ancestors = _ancestors(seg, by_id)
        if any(a.kind == "section" and a.attr("section_kind") in _LIST_SECTIONS for a in ancestors):
            continue
        chapter = next((a.id for a in ancestors if a.kind == "chapter"), None)
        context = next((a for a in ancestors if a.kind in ("spotlight", "section", "chapter", "introduction")), None)
        we = ours.get(chapter or "", UN)
        previous: tuple[Sentence, tuple] | None = None
        heading = headings.get(seg.id)
        for sent in sentences(seg.text, seg.start):
            before = doc.text[seg.start:sent.start]
            found = read_sentence(sent.text, gazetteer, before, countries, heading[0] if heading else None)
            if found is not None:
                yield from _activity_records(doc, seg, sent, found, we, gazetteer, context, missions,
                                             heading[1] if heading else None)
                previous = None
                continue
            reading = _reading(sent.text, gazetteer, before, countries)
            if previous is not None and _joined(previous[1], previous[0].text, reading, sent.text):
                both = Sentence(previous[0].start, sent.end, doc.text[previous[0].start:sent.end], previous[0].number)
                found = read_sentence(both.text, gazetteer, doc.text[seg.start:both.start], countries)
                if found is not None:
                    yield from _activity_records(doc, seg, both, found, we, gazetteer, context, missions)
                    previous = None
                    continue
            previous = (sent, reading)


def enrich(doc: Document, segments: Sequence[Segment], ctx: Context, records: Sequence[Record]) -> list[Record]:
    """The enricher (:data:`ungraph.extract.ALL_ENRICHERS`): :func:`link` over everything the extractors found,
    then :func:`refer_back` (该倡议 to the initiative event named before)."""
    linked = link(records)
    return linked + refer_back(doc, segments, [*records, *linked])


#: Kinds of event that 该倡议 can refer back to.
_INITIATIVE_KINDS = frozenset({"ug:InitiativeEvent"})


def refer_back(doc: Document, segments: Sequence[Segment], records: Sequence[Record]) -> list[Record]:
    """``ug:concerns`` for an activity whose sentence says 该倡议: the initiative event (kind
    ``ug:InitiativeEvent``) last named before it in the same spotlight, section, chapter or introduction
    (截至 6 月中旬，粮食署已根据该倡议运送了… -> the Black Sea Initiative). The statement's provenance
    is the word 该倡议. An activity that already concerns an event named at that word is left as it is.
    """
    by_id = {s.id: s for s in segments}
    kinds = {r.subject: r.object for r in records if isinstance(r, Statement) and r.predicate == "ug:eventKind"}
    named = sorted((r.provenance.start, r.ref) for r in records
                   if isinstance(r, (Entity, Mention)) and r.ref.kind == "event" and r.provenance is not None
                   and kinds.get(r.ref) in _INITIATIVE_KINDS)
    concerned = {(r.subject, r.provenance.start) for r in records if isinstance(r, Statement)
                 and r.predicate == "ug:concerns" and r.provenance is not None}
    out: list[Record] = []
    for r in records:
        if not (isinstance(r, Entity) and r.ref.kind == KIND and r.provenance is not None):
            continue
        seg = by_id.get(r.provenance.segment_id or "")
        if seg is None:
            continue
        context = next((a for a in _ancestors(seg, by_id) if a.kind in ("spotlight", "section", "chapter", "introduction")), None)
        for m in _ANAPHORA.finditer(doc.text[r.provenance.start:r.provenance.end]):
            at = r.provenance.start + m.start()
            if context is None or (r.ref, at) in concerned:
                continue
            back = [ev for start, ev in named if context.start <= start < at]
            if back:
                concerned.add((r.ref, at))
                out.append(Statement(r.ref, "ug:concerns", back[-1], Provenance(at, at + len(m[0]), seg.id)))
    return sorted(out, key=lambda s: (s.subject.key, s.provenance.start))  # type: ignore[union-attr]  # all Statements with a span


def link(records: Sequence[Record]) -> list[Record]:
    """Figures and events the other extractors found inside an activity's sentence, as statements of the activity.

    A figure entity (kind ``figure``) whose span starts inside the sentence is its ``ug:figure``; an
    event (entity or mention of kind ``event``) named inside it is one it ``ug:concerns``. The
    statement's provenance is the figure's or event's own span.
    """
    spans = sorted((r.provenance.start, r.provenance.end, r.ref) for r in records
                   if isinstance(r, Entity) and r.ref.kind == KIND and r.provenance is not None)
    if not spans:
        return []
    out: list[Record] = []
    seen: set[tuple[Ref, str, Ref]] = set()
    for r in records:
        if isinstance(r, (Entity, Mention)) and r.provenance is not None and r.ref.kind in ("figure", "event"):
            prop = "ug:figure" if r.ref.kind == "figure" else "ug:concerns"
            for start, end, activity in spans:
                if start <= r.provenance.start < end and (activity, prop, r.ref) not in seen:
                    seen.add((activity, prop, r.ref))
                    out.append(Statement(activity, prop, r.ref, r.provenance))
    return sorted(out, key=lambda s: (s.subject.key, s.predicate, s.object.key))  # type: ignore[union-attr]  # all Statements about Refs
