"""English for every entity that has one: rules over the other extractors' records, and ``english.tsv``.

Runs after the extractors (:data:`ungraph.extract.ALL_ENRICHERS`) and adds, without provenance
(these are facts about the world, not statements of the report):

* **resolutions**, by rule from the symbol: ``S/RES/2282 (2016)`` -> "Security Council resolution
  2282 (2016)", ``A/RES/70/1`` -> "General Assembly resolution 70/1", ``A/HRC/RES/39/2`` -> "Human
  Rights Council resolution 39/2" (the form in which the UN's English documents cite them);
* **figures**: an English ``dcterms:description`` generated from the parts the graph holds (the
  value, its qualifier, unit or currency, the verbatim figure), e.g. "Figure: 118,000,000 or more
  (printed “1.18亿+”)"; the label itself stays Chinese, as printed;
* **parts of the report** without an English title of their own: the contents entries take the English
  title of the part they name (the entry's Chinese title is that part's), and every other titled part
  (section, subsection, spotlight, heading, table) gets an English ``dcterms:description`` generated
  from its place in the structure, e.g. "Heading 2 of spotlight 1, subsection 9, key results, chapter 1
  (Promotion of sustained economic growth and sustainable development); printed “2022年成果”". The
  English edition's own headings are not to be had (only its contents page is stored), so the
  description says where the heading stands and quotes it; it is not a translation;
* **curated rows** of ``data/reference/english.tsv`` keyed by entity path: ``skos:prefLabel``@en
  (``dcterms:title``@en for parts of the report) and every ``alt_en`` form as ``skos:altLabel``@en
  (English search terms: Turkey, DRC, "Jean-Pierre Lacroix"), for the entities the build has.

>>> resolution_english("S/RES/2282 (2016)"), resolution_english("A/RES/70/1"), resolution_english("A/HRC/RES/39/2")
('Security Council resolution 2282 (2016)', 'General Assembly resolution 70/1', 'Human Rights Council resolution 39/2')
>>> resolution_english("A/RES/94(I)"), resolution_english("A/RES/S-10/2"), resolution_english("A/RES/72/262 C")
('General Assembly resolution 94 (I)', 'General Assembly resolution S-10/2', 'General Assembly resolution 72/262 C')
>>> figure_english("118000000", "ug:LowerBound", None, None, "1.18亿+")
'Figure: 118,000,000 or more (printed “1.18亿+”)'
>>> part_english("chapter/1/section/results/subsection/9/spotlight/1/heading/2", "2022年成果", {"chapter/1": "Promotion"})
'Heading 2 of spotlight 1, subsection 9, key results, chapter 1 (Promotion); printed “2022年成果”'
>>> part_english("chapter/2/section/mandates", "主要授权", {})
'Key mandates, chapter 2; printed “主要授权”'
>>> figure_english("85", None, "ug:Percent", None, "85%"), figure_english("190000000", "ug:Approximate", None, "USD", "约1.9亿美元")
('Figure: 85 per cent (printed “85%”)', 'Figure: about USD 190,000,000 (printed “约1.9亿美元”)')
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any
from decimal import Decimal

from ungraph.extract.context import Context
from ungraph.records import Document, Entity, Literal, Record, Ref, Segment, Statement

__all__ = ["TABLE", "ORGANS_EN", "SECTIONS_EN", "resolution_english", "figure_english", "part_english", "enrich"]

#: The curated table this module reads.
TABLE = "english.tsv"
#: Symbol prefix -> the organ's English name as the UN's English documents cite it.
ORGANS_EN = (("S/RES/", "Security Council"), ("A/HRC/RES/", "Human Rights Council"), ("A/RES/", "General Assembly"))
#: ``section_kind`` slug -> the section's kind in English, as the ontology names its class (a test checks).
SECTIONS_EN = {
    "background": "background", "core-programmes": "core programmes", "entities": "key entities",
    "mandates": "key mandates", "objectives": "key objectives", "resources": "indicative resources",
    "results": "key results",
}
_OLD = re.compile(r"^(\d+)\((\w+)\)$")


def resolution_english(symbol: str) -> str:
    """The English name of a resolution from its symbol (:data:`ORGANS_EN`); ValueError otherwise."""
    for prefix, organ in ORGANS_EN:
        if symbol.startswith(prefix):
            number = symbol[len(prefix):]
            if m := _OLD.match(number):
                number = f"{m[1]} ({m[2]})"
            return f"{organ} resolution {number}"
    raise ValueError(f"not a resolution symbol: {symbol!r}")


_QUALIFIERS = {"ug:LowerBound": ("", " or more"), "ug:UpperBound": ("less than ", ""), "ug:Approximate": ("about ", "")}


def _number(value: str) -> str:
    d = Decimal(value)
    if d == d.to_integral_value():
        return f"{int(d):,}"
    return f"{d:,f}".rstrip("0").rstrip(".")


def figure_english(value: str, qualifier: str | None, unit: str | None, currency: str | None, verbatim: str) -> str:
    """An English description of a figure from its parts (value, qualifier, unit, currency, as printed)."""
    amount = _number(value)
    if currency:
        amount = f"{currency} {amount}"
    if unit == "ug:Percent":
        amount += " per cent"
    before, after = _QUALIFIERS.get(qualifier or "", ("", ""))
    return f"Figure: {before}{amount}{after} (printed “{verbatim}”)"


def _steps(path: str) -> list[str]:
    """The English steps of a structural path, innermost first: ``chapter/2/section/results`` -> key results, chapter 2."""
    tokens = path.split("/")
    steps: list[str] = []
    i = 0
    while i < len(tokens):
        kind = tokens[i]
        if kind in _SINGLE:
            steps.append(_SINGLE[kind])
            i += 1
            continue
        value = tokens[i + 1] if i + 1 < len(tokens) else ""
        steps.append(SECTIONS_EN.get(value, value) if kind == "section" else f"{kind} {value}".strip())
        i += 2
    return steps[::-1]


_SINGLE = {"introduction": "introduction", "contents": "contents", "front": "front matter"}
_NESTED = ("heading", "spotlight", "subsection", "table")


def part_english(path: str, title: str, chapters_en: dict[str, str]) -> str:
    """An English description of a titled part of the report from its place in the structure (see the module)."""
    steps = _steps(path)
    top = path.split("/")[0]
    top_id = "/".join(path.split("/")[:2]) if top == "chapter" else top
    if top_id in chapters_en:
        steps[-1] += f" ({chapters_en[top_id]})"
    head, rest = steps[0], steps[1:]
    joiner = " of " if head.split()[0] in _NESTED else ", "
    text = head[:1].upper() + head[1:] + (joiner + ", ".join(rest) if rest else "")
    return f"{text}; printed “{title}”"


def _part_records(doc: Document, segments: Sequence[Segment], rows: dict[str, Any]) -> Iterator[Record]:
    """English titles from the table, then contents entries and descriptions by rule (see the module)."""
    prefix = f"report/{doc.key}/"
    english = {row_id[len(prefix):]: row.name_en for row_id, row in rows.items() if row_id.startswith(prefix) and row.name_en}
    by_title = {s.title: english[s.id] for s in segments if s.kind in ("introduction", "chapter") and s.title and s.id in english}
    for seg in segments:
        if not seg.id or not seg.title:
            continue
        ref = Ref("report", f"{doc.key}/{seg.id}")
        if seg.id in english:
            yield Statement(ref, "dcterms:title", Literal(english[seg.id], "en"), None, rows[prefix + seg.id].source)
        elif seg.kind == "contents-entry" and seg.title in by_title:
            yield Statement(ref, "dcterms:title", Literal(by_title[seg.title], "en"), None,
                            "rule: a contents entry is titled as the part it names")
        elif seg.kind not in ("report", "contents-entry"):
            yield Statement(ref, "dcterms:description", Literal(part_english(seg.id, seg.title, english), "en"), None,
                            "rule: generated from the part's place in the structure")


def _figure_parts(records: Sequence[Record]) -> dict[Ref, dict[str, str]]:
    wanted = {"sdmx-measure:obsValue": "value", "ug:valueQualifier": "qualifier", "sdmx-attribute:unitMeasure": "unit",
              "schema:currency": "currency", "ug:verbatimValue": "verbatim"}
    parts: dict[Ref, dict[str, str]] = {}
    for rec in records:
        if isinstance(rec, Statement) and rec.subject.kind == "figure" and rec.predicate in wanted:
            obj = rec.object.value if isinstance(rec.object, Literal) else str(rec.object)
            parts.setdefault(rec.subject, {})[wanted[rec.predicate]] = obj
    return parts


def _entities(records: Sequence[Record]) -> set[Ref]:
    return {r.ref for r in records if isinstance(r, Entity)}


def _ref(path: str) -> Ref:
    kind, _, key = path.partition("/")
    return Ref(kind, key)


def enrich(doc: Document, segments: Sequence[Segment], ctx: Context, records: Sequence[Record]) -> Iterator[Record]:
    """English labels and descriptions for the entities of ``records`` and the parts of the report."""
    gazetteer = ctx.gazetteer
    for rec in records:
        if isinstance(rec, Entity) and rec.ref.kind == "resolution":
            symbol = next((lit.value for prop, lit in rec.labels if prop == "schema:legislationIdentifier"), None)
            if symbol:
                yield Entity(rec.ref, rec.types, (("skos:prefLabel", Literal(resolution_english(symbol), "en")),))
    for ref, parts in sorted(_figure_parts(records).items(), key=lambda kv: kv[0].key):
        if "value" in parts and "verbatim" in parts:
            text = figure_english(parts["value"], parts.get("qualifier"), parts.get("unit"), parts.get("currency"),
                                  parts["verbatim"])
            yield Statement(ref, "dcterms:description", Literal(text, "en"), None, "rule: generated from the figure's parts")
    have = _entities(records)
    rows = {row.id: row for row in (gazetteer.tables.get(TABLE, []) if gazetteer is not None else [])}
    yield from _part_records(doc, segments, rows)
    for row in rows.values():
        ref = _ref(row.id)
        if row.id.startswith(f"report/{doc.key}/"):
            continue
        if ref not in have:
            continue
        labels = [("skos:prefLabel", Literal(row.name_en, "en"))] if row.name_en else []
        labels += [("skos:altLabel", Literal(a.strip(), "en")) for a in row.alt_en.split("|") if a.strip()]
        types = next(r.types for r in records if isinstance(r, Entity) and r.ref == ref)
        yield Entity(ref, types, tuple(labels))
