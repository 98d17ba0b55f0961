"""English for every entity that has one: rules over the other extractors' records, and ``english.tsv``.

Runs after the extractors (:data:`ungraph.extract.ALL_ENRICHERS`) and adds, without provenance
(these are facts about the world, not statements of the report):

* **resolutions**, by rule from the symbol: ``S/RES/2282 (2016)`` -> "Security Council resolution
  2282 (2016)", ``A/RES/70/1`` -> "General Assembly resolution 70/1", ``A/HRC/RES/39/2`` -> "Human
  Rights Council resolution 39/2" (the form in which the UN's English documents cite them);
* **figures**: an English ``dcterms:description`` generated from the parts the graph holds (the
  value, its qualifier, unit or currency, the verbatim figure), e.g. "Figure: 118,000,000 or more
  (printed “1.18亿+”)"; the label itself stays Chinese, as printed;
* **curated rows** of ``data/reference/english.tsv`` keyed by entity path: ``skos:prefLabel``@en
  (``dcterms:title``@en for parts of the report) and every ``alt_en`` form as ``skos:altLabel``@en
  (English search terms: Turkey, DRC, "Jean-Pierre Lacroix"), for the entities the build has.

>>> resolution_english("S/RES/2282 (2016)"), resolution_english("A/RES/70/1"), resolution_english("A/HRC/RES/39/2")
('Security Council resolution 2282 (2016)', 'General Assembly resolution 70/1', 'Human Rights Council resolution 39/2')
>>> resolution_english("A/RES/94(I)"), resolution_english("A/RES/S-10/2"), resolution_english("A/RES/72/262 C")
('General Assembly resolution 94 (I)', 'General Assembly resolution S-10/2', 'General Assembly resolution 72/262 C')
>>> figure_english("118000000", "ug:LowerBound", None, None, "1.18亿+")
'Figure: 118,000,000 or more (printed “1.18亿+”)'
>>> figure_english("85", None, "ug:Percent", None, "85%"), figure_english("190000000", "ug:Approximate", None, "USD", "约1.9亿美元")
('Figure: 85 per cent (printed “85%”)', 'Figure: about USD 190,000,000 (printed “约1.9亿美元”)')
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from ungraph.extract.context import Context
from ungraph.records import Document, Entity, Literal, Record, Ref, Segment, Statement

__all__ = ["TABLE", "ORGANS_EN", "resolution_english", "figure_english", "enrich"]

#: The curated table this module reads.
TABLE = "english.tsv"
#: Symbol prefix -> the organ's English name as the UN's English documents cite it.
ORGANS_EN = (("S/RES/", "Security Council"), ("A/HRC/RES/", "Human Rights Council"), ("A/RES/", "General Assembly"))
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
    parts_of_report = {f"report/{doc.key}/{s.id}" for s in segments if s.id}
    for row in gazetteer.tables.get(TABLE, []) if gazetteer is not None else []:
        ref = _ref(row.id)
        if row.id in parts_of_report:
            if row.name_en:
                yield Statement(ref, "dcterms:title", Literal(row.name_en, "en"), None, row.source)
            continue
        if ref not in have:
            continue
        labels = [("skos:prefLabel", Literal(row.name_en, "en"))] if row.name_en else []
        labels += [("skos:altLabel", Literal(a.strip(), "en")) for a in row.alt_en.split("|") if a.strip()]
        types = next(r.types for r in records if isinstance(r, Entity) and r.ref == ref)
        yield Entity(ref, types, tuple(labels))
