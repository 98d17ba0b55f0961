"""The number and unit grammar of the report: how a quantity is printed, and what it says.

A quantity as printed: an optional qualifier word (约, 近, 超过, 逾, 不到 ...), digits (thousands
grouped by spaces, "13 000"; decimals, "2.16") or Chinese numerals (六, 十二; read with
``cn2an``), an optional multiplier (万, 亿, 万亿, 百万, 千万), an optional 多/余 ("more than"),
then a unit: a currency word (美元, CLDR names through ``babel``), a percent sign, or a
classifier with its unit (名/人 persons, 个国家 countries, 吨/公吨 tonnes, 公顷, 公里, 平方公里,
桶 barrels, 项/件/份/个/次 ... counted items), and a trailing "+" or 以上.

>>> q = parse_quantity("2.16亿")
>>> decimal_text(q.value), q.qualifier
('216000000', None)
>>> decimal_text(parse_quantity("2.2 万亿美元").value), parse_quantity("2.2 万亿美元").currency
('2200000000000', 'USD')
>>> parse_quantity("近 1600 万").qualifier
'ug:Approximate'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

__all__ = ["Number", "MULTIPLIERS", "PREFIX_QUALIFIERS", "NUMBER_PATTERN", "UNIT_WORDS", "UNITS", "Unit", "unit_of",
           "parse_number", "parse_quantity", "decimal_text", "currency_code", "chinese_number", "number_value", "printed"]

#: Multipliers written after a number.
MULTIPLIERS = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "千万": Decimal(10) ** 7, "百万": Decimal(10) ** 6,
               "万": Decimal(10) ** 4}
#: Words before a number that qualify it, and the concept they give.
PREFIX_QUALIFIERS = {"大约": "ug:Approximate", "约": "ug:Approximate", "近": "ug:Approximate", "将近": "ug:Approximate",
                     "接近": "ug:Approximate", "逾": "ug:LowerBound", "超过": "ug:LowerBound", "至少": "ug:LowerBound",
                     "不到": "ug:UpperBound", "少于": "ug:UpperBound", "不足": "ug:UpperBound"}
#: Words right after the number (before the unit) that qualify it.
SUFFIX_QUALIFIERS = {"多": "ug:LowerBound", "余": "ug:LowerBound"}


@dataclass(frozen=True)
class Unit:
    """A unit of the ``ug:Units`` scheme: its concept, the classifier words that give it, a notation."""

    concept: str
    notation: str
    words: tuple[str, ...]


#: The unit scheme (concepts of ``ug:Units``); a currency is given by ``schema:currency`` instead.
UNITS: tuple[Unit, ...] = (
    Unit("ug:Percent", "percent", ("%", "％")),
    Unit("ug:SquareKilometre", "square kilometres", ("平方公里",)),
    Unit("ug:Kilometre", "kilometres", ("公里",)),
    Unit("ug:Hectare", "hectares", ("公顷",)),
    Unit("ug:Tonne", "tonnes", ("公吨", "吨")),
    Unit("ug:Barrel", "barrels", ("桶",)),
    Unit("ug:Person", "persons", ("名", "人", "位")),
    Unit("ug:Country", "countries", ("个国家", "个会员国", "国")),
    Unit("ug:Year", "years", ("年",)),
    Unit("ug:Day", "days", ("天",)),
    Unit("ug:Fraction", "fraction", ()),
    Unit("ug:Count", "count", ("个", "项", "件", "份", "次", "家", "所", "种", "颗", "起", "条", "户", "座", "场", "批")),
)
#: Every unit word, longest first (for the grammar).
UNIT_WORDS: tuple[str, ...] = tuple(sorted((w for u in UNITS for w in u.words), key=len, reverse=True))
_CURRENCY_WORDS = ("美元", "欧元", "瑞士法郎", "英镑", "日元")

_QUAL = "|".join(sorted(PREFIX_QUALIFIERS, key=len, reverse=True))
_MULT = "|".join(sorted(MULTIPLIERS, key=len, reverse=True))
#: A number as printed: qualifier, digits (thousands may be grouped by spaces), multiplier,
#: currency word, percent sign, "+" / 以上 — spaces allowed between the parts.
NUMBER_PATTERN = (
    rf"(?P<qual>{_QUAL})?\s*"
    r"(?P<digits>\d{1,3}(?:[ \u00a0]\d{3})+(?![\d.])|\d+(?:\.\d+)?)"
    rf"(?:\s*(?P<mult>{_MULT}))?"
    r"(?:\s*(?P<more>多|余))?"
    r"(?:\s*(?P<currency>美元|欧元|瑞士法郎))?"
    r"(?:\s*(?P<percent>[%％]))?"
    r"(?:\s*(?P<plus>\+|以上))?"
)
_NUMBER = re.compile(NUMBER_PATTERN)
_FIGURE = re.compile(NUMBER_PATTERN + r"(?:\s*[\u4e00-\u9fff])?")
_BOLD = re.compile(r"\*\*")


@dataclass(frozen=True)
class Number:
    """A number read from the report: its value and what the way it is written says about it."""

    value: Decimal
    qualifier: str | None = None
    currency: str | None = None
    percent: bool = False


def decimal_text(value: Decimal) -> str:
    """The lexical form of an ``xsd:decimal``: no exponent, no trailing zeros.

    >>> decimal_text(Decimal("2.16") * 10 ** 8), decimal_text(Decimal("226.40"))
    ('216000000', '226.4')
    """
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@lru_cache(maxsize=16)
def currency_code(name_zh: str) -> str | None:
    """The ISO 4217 code whose CLDR Chinese name is ``name_zh`` (``None`` unless exactly one).

    >>> currency_code("美元")
    'USD'
    >>> currency_code("贝壳") is None
    True
    """
    from babel import Locale

    codes = [code for code, name in Locale("zh").currencies.items() if name == name_zh and len(code) == 3]
    return codes[0] if len(codes) == 1 else None


def chinese_number(text: str) -> Decimal | None:
    """A number written in Chinese numerals (六, 十二, 二十七), read with ``cn2an``; ``None`` if it is not one.

    >>> chinese_number("二十七"), chinese_number("六"), chinese_number("联合国")
    (Decimal('27'), Decimal('6'), None)
    """
    import cn2an

    if not text or any(ch not in "零一二两三四五六七八九十百千万亿" for ch in text):
        return None
    try:
        return Decimal(str(cn2an.cn2an(text.replace("两", "二"), "strict")))
    except (ValueError, KeyError):
        return None


def number_value(text: str) -> Decimal | None:
    """The value of a number written in digits ("13000", "2.16") or Chinese numerals (二十七); ``None`` if neither.

    >>> number_value("2.16"), number_value("六"), number_value("2021/2022")
    (Decimal('2.16'), Decimal('6'), None)
    """
    if text.replace(".", "", 1).isdigit():
        return Decimal(text)
    return chinese_number(text)


def printed(text: str) -> str:
    """A figure or label as printed, for a label: bold markers removed, PDF whitespace collapsed to one space.

    >>> printed("**87 000+**\\n名维和人员")
    '87 000+ 名维和人员'
    """
    return re.sub(r"\s+", " ", _BOLD.sub("", text)).strip()


def parse_number(text: str) -> Number | None:
    """Read a figure as printed; ``None`` if ``text`` is not one number (one classifier such as 项 may follow).

    >>> parse_number("87 000+")
    Number(value=Decimal('87000'), qualifier='ug:LowerBound', currency=None, percent=False)
    >>> decimal_text(parse_number("**2.16亿**").value), decimal_text(parse_number("400 万 +").value)
    ('216000000', '4000000')
    >>> parse_number("5.26亿美元").currency
    'USD'
    >>> parse_number("85%").percent, parse_number("约 13 000").qualifier, parse_number("174项").value
    (True, 'ug:Approximate', Decimal('174'))
    >>> parse_number("2021/2022") is None
    True
    """
    m = _FIGURE.fullmatch(_BOLD.sub("", text).strip())
    return _number(m) if m else None


def parse_quantity(text: str) -> Number | None:
    """Like :func:`parse_number`, for a quantity found inside a sentence (no classifier allowed after it)."""
    m = _NUMBER.fullmatch(_BOLD.sub("", text).strip())
    return _number(m) if m else None


def _number(m: re.Match[str]) -> Number:
    value = Decimal(re.sub(r"\s", "", m["digits"]))
    if m["mult"]:
        value *= MULTIPLIERS[m["mult"]]
    qualifier = PREFIX_QUALIFIERS.get(m["qual"] or "")
    if m["plus"] or m["more"]:
        qualifier = "ug:LowerBound"
    currency = currency_code(m["currency"]) if m["currency"] else None
    return Number(value, qualifier, currency, bool(m["percent"]))


def unit_of(word: str) -> Unit | None:
    """The unit a classifier word gives.

    >>> unit_of("名").concept, unit_of("公吨").notation, unit_of("个国家").concept
    ('ug:Person', 'tonnes', 'ug:Country')
    """
    for unit in UNITS:
        if word in unit.words:
            return unit
    return None
