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

from collections.abc import Iterator, Sequence
from typing import Any

from ungraph.extract.bodies import KIND, classification_curie, find_bodies, inside_longer_name, locate, mentions
from ungraph.extract.context import Context
from ungraph.records import Document, Entity, Literal, Provenance, Record, Ref, Segment, Statement, name_literal

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
            yield Statement(ref, "org:classification", classification_curie(row.classification),
                            None, row.source)
        if getattr(row, "parent", ""):
            prop = "org:unitOf" if _unit_of_secretariat(row, by_id) else "org:subOrganizationOf"
            yield Statement(ref, prop, Ref(KIND, row.parent), None, row.source)


def extract(doc: Document, segments: Sequence[Segment], ctx: Context) -> Iterator[Record]:
    """All records about the bodies of ``organizations.tsv`` (missions: :mod:`.missions`)."""
    gazetteer = ctx.required_gazetteer("organizations")
    rows = list(gazetteer.tables.get(TABLE, []))
    found = sorted(mentions(doc, segments, gazetteer, (r.id for r in rows)), key=lambda m: m.provenance)
    first: dict[str, Provenance] = {}
    for mention in found:
        first.setdefault(mention.ref.key, mention.provenance)
    missions = sorted(r.id for r in gazetteer.tables.get("missions.tsv", []))
    yield from reference_records(rows, first, missions)
    yield from found
    yield from key_entity_statements(doc, segments, gazetteer)
