"""Presenting graph values to people: literals formatted, facts grouped, sentences cut, spans linked.

Pure functions over plain values (no Flask), so each is tested on its own.

>>> format_number("932000000", "en"), format_number("932000000", "zh")
('932,000,000', '9.32亿')
>>> format_date("2022-07-22", "date", "en"), format_date("2022-07-22", "date", "zh")
('22 July 2022', '2022年7月22日')
>>> sentence_around("第一句。联刚稳定团在这里。第三句", 4, 9)
('', '联刚稳定团', '在这里。')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ungraph.namespaces import PREFIXES

__all__ = ["format_number", "format_money", "format_date", "format_literal", "group_of", "GROUPS",
           "NAME_ORDER", "sentence_around", "Span", "link_spans", "clean_spans", "BOLD", "LIST_DASH", "reference_parts", "EXTERNAL_PROPERTIES", "external_name"]

XSD = PREFIXES["xsd"]
_NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "nonNegativeInteger", "positiveInteger",
                              "long", "int", "short", "negativeInteger", "nonPositiveInteger", "unsignedInt")}
_DATES = {XSD + "date": "date", XSD + "gYear": "year", XSD + "gYearMonth": "month", XSD + "dateTime": "datetime"}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_CURRENCY = {"USD": ("美元", "US$"), "EUR": ("欧元", "€"), "CHF": ("瑞士法郎", "CHF ")}


def _decimal(value: str) -> Decimal | None:
    try:
        d = Decimal(value.strip())
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def _plain(d: Decimal) -> str:
    s = f"{d:,f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def format_number(value: str, lang: str) -> str:
    """Group thousands; in Chinese, large numbers in 万 / 亿 as the report writes them.

    >>> format_number("87000", "zh"), format_number("1.5", "en"), format_number("x", "en")
    ('8.7万', '1.5', 'x')
    """
    d = _decimal(value)
    if d is None:
        return value
    if lang == "zh" and abs(d) >= 10000 and d == d.to_integral_value():
        for unit, size in (("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4)):
            if abs(d) >= size:
                return _plain((d / size).quantize(Decimal("0.01")).normalize()) + unit
    return _plain(d)


def format_money(value: str, currency: str, lang: str) -> str:
    """An amount of money: ``9.32亿美元`` / ``US$932,000,000``.

    >>> format_money("932000000", "USD", "en"), format_money("1900000000", "USD", "zh")
    ('US$932,000,000', '19亿美元')
    """
    zh, en = _CURRENCY.get(currency, (currency, currency + " "))
    if lang == "zh":
        return format_number(value, "zh") + zh
    d = _decimal(value)
    return en + (_plain(d) if d is not None else value)


def format_date(value: str, kind: str, lang: str) -> str:
    """A date as people write it in ``lang``; an unparsable value is returned as it is.

    >>> format_date("2022", "year", "zh"), format_date("2023-03", "month", "en")
    ('2022年', 'March 2023')
    """
    m = re.fullmatch(r"(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T.*)?", value.strip())
    if not m:
        return value
    y, mo, d = m.group(1), m.group(2), m.group(3)
    if lang == "zh":
        return f"{int(y)}年" + (f"{int(mo)}月" if mo else "") + (f"{int(d)}日" if d else "")
    if mo and not 1 <= int(mo) <= 12:
        return value
    parts = ([str(int(d))] if d else []) + ([_MONTHS[int(mo) - 1]] if mo else []) + [y]
    return " ".join(parts)


def format_literal(value: str, datatype: str | None, lang: str, currency: str | None = None) -> str:
    """Format a literal's lexical value for display by its datatype.

    >>> format_literal("true", XSD + "boolean", "en"), format_literal("12", XSD + "integer", "en")
    ('yes', '12')
    """
    if datatype in _NUMERIC:
        return format_money(value, currency, lang) if currency else format_number(value, lang)
    if datatype in _DATES:
        return format_date(value, _DATES[datatype], lang)
    if datatype == XSD + "boolean":
        return {"true": ("是", "yes"), "false": ("否", "no")}.get(value, (value, value))[lang == "en"]
    return value


# --- grouping facts -------------------------------------------------------------------------

_P = PREFIXES
GROUPS = ("names", "kind", "relations", "details", "external", "references", "structure")
#: Order of the name properties on a page (the display-label fallback order, abbreviations after names).
NAME_ORDER = (_P["skos"] + "prefLabel", _P["foaf"] + "name", _P["schema"] + "name", _P["rdfs"] + "label",
              _P["dcterms"] + "title", "abbreviation", _P["skos"] + "altLabel", _P["skos"] + "notation",
              _P["dcterms"] + "identifier")
_NAME_PROPS = {_P["skos"] + "prefLabel", _P["skos"] + "altLabel", _P["foaf"] + "name", _P["rdfs"] + "label",
               _P["dcterms"] + "title", _P["schema"] + "name", _P["skos"] + "notation", _P["dcterms"] + "identifier"}
EXTERNAL_PROPERTIES = {_P["skos"] + "exactMatch", _P["skos"] + "closeMatch", _P["owl"] + "sameAs",
                       _P["rdfs"] + "seeAlso", _P["schema"] + "url", _P["schema"] + "sameAs", _P["foaf"] + "page"}
_STRUCTURE_PROPS = {_P["dcterms"] + "isPartOf", _P["dcterms"] + "hasPart", _P["schema"] + "position",
                    _P["schema"] + "text", _P["prov"] + "wasDerivedFrom", _P["prov"] + "wasGeneratedBy"}
_STRUCTURE_LOCAL = {"charStart", "charEnd", "page", "repeatOf", "normalizedText", "sourceText", "mentions",
                    "mentionedIn", "inBlock", "sha256", "attribution", "credit"}


def group_of(prop: str, is_iri_value: bool, local: bool, ug: str) -> str:
    """Which group of the entity page a fact belongs to.

    >>> group_of(PREFIXES["skos"] + "altLabel", False, False, "http://x/ontology#")
    'names'
    >>> group_of("http://x/ontology#mentionedIn", True, True, "http://x/ontology#")
    'structure'
    >>> group_of(PREFIXES["skos"] + "closeMatch", True, False, "http://x/ontology#")
    'external'
    """
    if prop == _P["rdf"] + "type":
        return "kind"
    if prop == ug + "curatedFrom":
        return "references"
    if prop in _NAME_PROPS or prop == ug + "abbreviation":
        return "names"
    if prop in _STRUCTURE_PROPS or (prop.startswith(ug) and prop[len(ug):] in _STRUCTURE_LOCAL):
        return "structure"
    if prop in EXTERNAL_PROPERTIES or (is_iri_value and not local):
        return "external"
    return "relations" if is_iri_value else "details"


def external_name(iri: str) -> str:
    """A short name for a link out of the graph.

    >>> external_name("http://www.wikidata.org/entity/Q974"), external_name("http://sws.geonames.org/203312/")
    ('Wikidata Q974', 'GeoNames 203312')
    >>> external_name("https://undocs.org/S/RES/2282(2016)")
    'undocs.org S/RES/2282(2016)'
    """
    known = (("http://www.wikidata.org/entity/", "Wikidata "), ("https://www.wikidata.org/wiki/", "Wikidata "),
             ("http://sws.geonames.org/", "GeoNames "), ("https://www.geonames.org/", "GeoNames "),
             ("https://undocs.org/", "undocs.org "), ("http://metadata.un.org/sdg/", "SDG "),
             ("https://metadata.un.org/sdg/", "SDG "))
    for prefix, name in known:
        if iri.startswith(prefix):
            return name + iri[len(prefix):].strip("/")
    return re.sub(r"^https?://", "", iri)


# --- sentences and spans --------------------------------------------------------------------

_STOPS = "。！？；!?\n"


def sentence_around(text: str, start: int, end: int, limit: int = 90) -> tuple[str, str, str]:
    """The sentence of ``text`` holding ``text[start:end]``, cut into (before, mention, after).

    At most ``limit`` characters on each side; the closing stop is kept.
    """
    s = start
    while s > 0 and text[s - 1] not in _STOPS and start - s < limit:
        s -= 1
    e = end
    while e < len(text) and e - end < limit:
        e += 1
        if text[e - 1] in _STOPS:
            break
    before, after = text[s:start].lstrip(), text[end:e].rstrip()
    if s > 0 and text[s - 1] not in _STOPS:
        before = "…" + before
    if e < len(text) and text[e - 1] not in _STOPS:
        after += "…"
    return before, text[start:end], after


@dataclass(frozen=True)
class Span:
    text: str
    iri: str | None = None


def link_spans(text: str, spans: Iterable[tuple[int, int, str]]) -> list[Span]:
    """Cut ``text`` into plain and linked pieces; overlapping spans keep the longest (then first).

    >>> link_spans("联刚稳定团在刚果", [(0, 5, "a"), (6, 8, "b"), (0, 2, "c")])
    [Span(text='联刚稳定团', iri='a'), Span(text='在', iri=None), Span(text='刚果', iri='b')]
    """
    chosen: list[tuple[int, int, str]] = []
    for s, e, iri in sorted(spans, key=lambda x: (-(x[1] - x[0]), x[0], x[2])):
        if 0 <= s < e <= len(text) and all(e <= cs or s >= ce for cs, ce, _ in chosen):
            chosen.append((s, e, iri))
    out, pos = [], 0
    for s, e, iri in sorted(chosen):
        if s > pos:
            out.append(Span(text[pos:s]))
        out.append(Span(text[s:e], iri))
        pos = e
    if pos < len(text):
        out.append(Span(text[pos:]))
    return out


BOLD = re.compile(r"\*\*|__")
LIST_DASH = re.compile(r"^\s*[-•]\s+")


def clean_spans(spans: list[Span]) -> list[Span]:
    """The display form of a block's pieces: the PDF extraction's ``**bold**`` markers and a list
    item's leading dash removed (the verbatim text stays in the graph, for provenance).

    >>> clean_spans([Span("- **85**个"), Span("国家", "x")])
    [Span(text='85个', iri=None), Span(text='国家', iri='x')]
    """
    out = []
    for i, s in enumerate(spans):
        text = BOLD.sub("", s.text)
        if i == 0:
            text = LIST_DASH.sub("", text)
        if text:
            out.append(Span(text, s.iri))
    return out


_URL = re.compile(r"https?://[^\s;()（）]+")


def reference_parts(source: str) -> list[tuple[str, str | None]]:
    """A curated row's ``source`` cut into its references, each (text, URL or None), for a page to
    link them as Wikidata links a statement's references.

    >>> reference_parts("https://news.un.org/zh/story/1 (国家集合基金); report reading")
    [('news.un.org/zh/story/1 (国家集合基金)', 'https://news.un.org/zh/story/1'), ('report reading', None)]
    """
    out: list[tuple[str, str | None]] = []
    for part in (p.strip() for p in source.split(";")):
        if part:
            m = _URL.search(part)
            out.append((re.sub(r"^https?://", "", part), m.group(0)) if m else (part, None))
    return out
