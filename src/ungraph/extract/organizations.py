"""UN bodies and other organisations: entities, mentions and the chapters that list them.

What the report states is found by rules over the text; what it does not say comes from
``data/reference/organizations.tsv`` (English names, acronyms, kinds, parents):

* every occurrence of a name or variant in ``organizations.tsv`` is a :class:`Mention`, found
  by the gazetteer's leftmost-longest match over the whole text (organisation names shadow the
  place names inside them: 非洲联盟 is not 非洲) and attributed to the innermost segment that
  contains it;
* 联合国 inside a longer proper name is not a mention of the United Nations
  (:func:`inside_longer_name`): written directly before the rest of the name of a meeting
  (联合国海洋大会, 联合国水事会议, 联合国最不发达国家问题会议, 联合国粮食体系峰会), it is part of
  that event's name, which the events extractor models; the names of bodies that begin with
  联合国 (联合国国家工作队) are names of their own in the table, found first (leftmost-longest),
  and carry the link to the UN as their parent;
* each body the report names is an :class:`Entity` whose provenance is its first mention, with
  its Chinese name and variants as labels; the English name, acronym, kind
  (``org:classification``) and parent (``org:unitOf`` / ``org:subOrganizationOf``) are
  reference facts without provenance;
* a row whose name enumerates kinds of body ("维持和平特派团、特别政治任务和各办事处", a line of
  chapter 2's 主要实体) is no body: it is a ``skos:Collection`` whose members are the missions
  of ``missions.tsv`` (:func:`is_list_of_kinds`); forms in Latin script (CRAF'd) are ``en`` labels;
* ``ug:keyEntityOf``: every item of a chapter's 主要实体 list (``section_kind=entities``) is
  resolved through the gazetteer, and each organisation it names gets a statement whose
  provenance is the name's span in the item (a list of kinds is no organisation and gets none).

>>> classification_curie("fund-or-programme")
'ug:FundOrProgramme'
>>> kind_from_name("全球传播部"), kind_from_name("西亚经济社会委员会"), kind_from_name("联合国")
('department', 'regional-commission', '')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ungraph.records import Document, Entity, Literal, Mention, Provenance, Record, Ref, Segment, Statement, name_literal

__all__ = [
    "KIND",
    "TABLE",
    "NAME_RULES",
    "classification_curie",
    "kind_from_name",
    "org_class",
    "locate",
    "inside_longer_name",
    "find_bodies",
    "mentions",
    "key_entity_statements",
    "is_list_of_kinds",
    "extract",
]

#: Entity kind of organisations and missions (IRI ``{base}id/organization/{id}``).
KIND = "organization"
#: The curated table this extractor reads.
TABLE = "organizations.tsv"
#: Kinds of organisation outside the UN system.
EXTERNAL = frozenset({"regional-organization", "international-organization", "non-governmental-organization",
                      "national-institution", "armed-group", "company"})
#: Kinds of field presence (``ug:PeaceOperation``).
PEACE_OPERATIONS = frozenset({"peacekeeping-operation", "special-political-mission", "envoy"})
#: The deterministic rule behind rows whose source says ``classification: name rule``:
#: the first suffix of the Chinese name that matches gives the kind.
NAME_RULES: tuple[tuple[str, str], ...] = (
    ("经济社会委员会", "regional-commission"),
    ("经济委员会", "regional-commission"),
    ("委员会", "functional-commission"),
    ("理事会", "council"),
    ("论坛", "forum"),
    ("基金", "trust-fund"),
    ("倡议", "initiative"),
    ("工作队", "team"),
    ("系统", "system"),
    ("平台", "platform"),
    ("网络", "network"),
    ("专家组", "panel"),
    ("工作组", "panel"),
    ("小组", "panel"),
    ("机制", "mechanism"),
    ("法院", "tribunal"),
    ("法庭", "tribunal"),
    ("署", "fund-or-programme"),
    ("部", "department"),
    ("办公室", "office"),
    ("办事处", "office"),
    ("厅", "office"),
)


def classification_curie(slug: str) -> str:
    """The ``ug:`` concept of a classification slug (``principal-organ`` -> ``ug:PrincipalOrgan``)."""
    return "ug:" + "".join(part.capitalize() for part in slug.split("-"))


def kind_from_name(name_zh: str) -> str:
    """The kind the name rule gives a Chinese name, or ``""`` when no suffix matches."""
    for suffix, kind in NAME_RULES:
        if name_zh.endswith(suffix):
            return kind
    return ""


def _unit_of_secretariat(row: Any, rows: dict[str, Any]) -> bool:
    """Parts of the Secretariat are organisational units (``org:unitOf``), found through parents."""
    seen: set[str] = set()
    parent = row.parent
    while parent and parent not in seen:
        seen.add(parent)
        if parent == "UN-Secretariat":
            return True
        parent = getattr(rows.get(parent), "parent", "")
    return False


def org_class(row: Any) -> str:
    """The ontology class of a row: external organisation, peace operation, UN body, or the UN itself."""
    kind = row.classification
    if not kind and not row.parent:
        return "org:FormalOrganization"
    if kind in EXTERNAL:
        return "ug:ExternalOrganization"
    if kind in PEACE_OPERATIONS or hasattr(row, "abbreviation_zh"):
        return "ug:PeaceOperation"
    return "ug:UNBody"


def _innermost(segments: Sequence[Segment]) -> Any:
    spans = sorted(((s.start, s.end, s.id) for s in segments), key=lambda t: (t[0], -t[1]))

    def find(start: int, end: int) -> str:
        best = ""
        best_len = None
        for s_start, s_end, sid in spans:
            if s_start > start:
                break
            if end <= s_end and (best_len is None or s_end - s_start <= best_len):
                best, best_len = sid, s_end - s_start
        return best

    return find


#: The id of the Organization itself, and what ends the name of a meeting named after it.
UN_ID = "UN"
_EVENT_AFTER_UN = re.compile(r"\s*(?P<rest>[\u4e00-\u9fff\s]{1,16}?(?:会议|大会|峰会))")
#: Function words that never stand inside such a name: "联合国和合作伙伴…会议" is two phrases.
_NOT_IN_NAME = frozenset("和与及或的了在对向为是将把被由从等并也都还各其")


def inside_longer_name(text: str, start: int) -> bool:
    """Whether the 联合国 at ``text[start:]`` begins the longer name of a meeting.

    >>> inside_longer_name("第五次联合国最不发达国家问题会议上", 3), inside_longer_name("联合国大会", 0)
    (True, False)
    >>> inside_longer_name("联合国和合作伙伴举行会议", 0)
    False
    """
    if not text.startswith("联合国", start):
        return False
    m = _EVENT_AFTER_UN.match(text, start + 3)
    if m is None:
        return False
    rest = re.sub(r"\s+", "", m["rest"])
    # a name does not repeat 联合国, and 联合国总部 (Headquarters) is a place, not a name's start
    return (rest != "大会" and "联合国" not in rest and not rest.startswith("总部")
            and not any(ch in _NOT_IN_NAME for ch in rest))


def find_bodies(text: str, gazetteer: Any) -> list[Any]:
    """Every name of a body (or mission) in ``text``, leftmost-longest, as gazetteer matches.

    The one lookup other extractors use to find the bodies a sentence names (the agents of what
    it says was done): the same names and rules as the mentions here, the 联合国 of a meeting's
    name left out.

    >>> from ungraph.reference.tables import Organization as O
    >>> from ungraph.reference.gazetteer import Gazetteer
    >>> gz = Gazetteer({"organizations.tsv": [O("UN", "联合国", "", "", "", "", "", "t"),
    ...                                       O("UNDP", "联合国开发计划署", "", "", "", "", "", "t")]})
    >>> [m.id for m in find_bodies("联合国开发计划署与联合国在联合国海洋大会上", gz)]
    ['UNDP', 'UN']
    """
    return [m for m in gazetteer.find(text) if m.kind == KIND and not (m.id == UN_ID and inside_longer_name(text, m.start))]


def locate(doc: Document, segments: Sequence[Segment], gazetteer: Any, ids: Iterable[str]) -> list[tuple[Any, str]]:
    """Every gazetteer match in the text naming one of ``ids``, with its innermost segment id
    (联合国 inside the name of a meeting left out: :func:`inside_longer_name`)."""
    wanted = set(ids)
    find = _innermost(segments)
    return [(m, find(m.start, m.end)) for m in find_bodies(doc.text, gazetteer) if m.id in wanted]


def mentions(doc: Document, segments: Sequence[Segment], gazetteer: Any, ids: Iterable[str]) -> Iterator[Mention]:
    """A :class:`Mention` for every occurrence of a name of one of ``ids``."""
    for m, sid in locate(doc, segments, gazetteer, ids):
        yield Mention(Ref(KIND, m.id), Provenance(m.start, m.end, sid), m.surface)


def key_entity_statements(doc: Document, segments: Sequence[Segment], gazetteer: Any) -> Iterator[Statement]:
    """``ug:keyEntityOf`` from the items of every 主要实体 section to its chapter."""
    by_id = {s.id: s for s in segments}
    for item in segments:
        section = by_id.get(item.parent or "")
        if item.kind != "item" or section is None or section.attr("section_kind") != "entities":
            continue
        chapter = section.parent
        if not chapter:
            continue
        for m in gazetteer.find(item.text):
            row = gazetteer.get(KIND, m.id)
            if m.kind == KIND and not (row is not None and is_list_of_kinds(row.name_zh)):
                prov = Provenance(item.start + m.start, item.start + m.end, item.id)
                yield Statement(Ref(KIND, m.id), "ug:keyEntityOf", Ref("report", f"{doc.key}/{chapter}"), prov)


def _labels(row: Any, lang_zh: bool) -> tuple[tuple[str, Literal], ...]:
    if lang_zh:
        alts = [a.strip() for a in row.alt_zh.split("|") if a.strip()]
        return (("skos:prefLabel", Literal(row.name_zh, "zh")),
                *(("skos:altLabel", name_literal(a)) for a in alts))
    out: list[tuple[str, Literal]] = []
    if row.name_en:
        out.append(("skos:prefLabel", Literal(row.name_en, "en")))
    if row.acronym_en:
        out.append(("ug:abbreviation" if row.name_en else "skos:prefLabel", Literal(row.acronym_en, "en")))
    return tuple(out)


def _types(row: Any, rows: dict[str, Any]) -> tuple[str, ...]:
    types = ["org:Organization", org_class(row)]
    if _unit_of_secretariat(row, rows):
        types.append("org:OrganizationalUnit")
    return tuple(types)


def is_list_of_kinds(name_zh: str) -> bool:
    """A name that enumerates kinds of body ("维持和平特派团、特别政治任务和各办事处") is a list, not a body.

    >>> is_list_of_kinds("维持和平特派团、特别政治任务和各办事处"), is_list_of_kinds("区域委员会")
    (True, False)
    """
    return "、" in name_zh and "和各" in name_zh


def _list_records(row: Any, first: Provenance | None, members: Sequence[str]) -> Iterator[Record]:
    """A list line of a 主要实体 section: a ``skos:Collection`` of the bodies it stands for."""
    ref = Ref(KIND, row.id)
    yield Entity(ref, ("skos:Collection",), _labels(row, True), first)
    for member in members:
        yield Statement(ref, "skos:member", Ref(KIND, member), None,
                        "rule: the line names the kinds of the report's table of peace operations, "
                        "special political missions and offices (missions.tsv)")


def reference_records(rows: Sequence[Any], first: dict[str, Provenance],
                      members: Sequence[str] = ()) -> Iterator[Record]:
    """Entities (report-stated when mentioned) and the table's reference facts for ``rows``.

    A row that is a list of kinds (:func:`is_list_of_kinds`) is a collection whose members are
    ``members`` (the missions), not an organisation.
    """
    by_id = {r.id: r for r in rows}
    for row in rows:
        ref = Ref(KIND, row.id)
        if is_list_of_kinds(row.name_zh):
            yield from _list_records(row, first.get(row.id), members)
            continue
        types = _types(row, by_id)
        yield Entity(ref, types, _labels(row, True), first.get(row.id))
        yield Entity(ref, types, _labels(row, False))
        if row.classification:
            yield Statement(ref, "org:classification", classification_curie(row.classification),  # type: ignore[arg-type]
                            None, row.source)
        if getattr(row, "parent", ""):
            prop = "org:unitOf" if _unit_of_secretariat(row, by_id) else "org:subOrganizationOf"
            yield Statement(ref, prop, Ref(KIND, row.parent), None, row.source)


def extract(doc: Document, segments: Sequence[Segment], gazetteer: Any) -> Iterator[Record]:
    """All records about the bodies of ``organizations.tsv`` (missions: :mod:`.missions`)."""
    rows = list(gazetteer.tables.get(TABLE, []))
    found = sorted(mentions(doc, segments, gazetteer, (r.id for r in rows)), key=lambda m: m.provenance)
    first: dict[str, Provenance] = {}
    for mention in found:
        first.setdefault(mention.ref.key, mention.provenance)
    missions = sorted(r.id for r in gazetteer.tables.get("missions.tsv", []))
    yield from reference_records(rows, first, missions)
    yield from found
    yield from key_entity_statements(doc, segments, gazetteer)
