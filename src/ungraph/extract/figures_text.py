"""Figures of the running text: every quantity a sentence states, with what it counts, where and when.

A quantity is read by the grammar of :mod:`ungraph.extract.quantities` on the normalised text of a
block (spaces dropped, so "13 000" and "2.8 亿" read whole): a qualifier (约, 近, 超过, 逾, 不到),
digits or Chinese numerals before a classifier (六个), a multiplier (万, 亿, 万亿), 多/余, and a
unit: a currency (美元), a percent sign, or a classifier (名/人 persons, 个国家 countries, 吨,
公顷, 公里, 桶, 个/项/次/... counted items); a range "5-10%" gives two bounds.

Not figures: a number after 第 (an ordinal, a page), before 年/月/日/号/届/周年/世纪/岁/天 (dates,
resolution numbers, ages, durations), inside a symbol ("70/1", "COVID-19", "1244(1999)"), after
目标 (a goal number), 一 before a classifier (一个, 一项: the indefinite article), and a bare
number with neither unit nor multiplier. Vague quantities (数十亿, 十几个) are left out and counted
(:data:`SKIPPED_VAGUE` in :func:`text_figures`'s second result).

For each figure:

- ``measure``: the noun phrase the unit counts ("22 000 多名与会者" -> 与会者; "300亿美元人道主义援助"
  -> 人道主义援助; "7000 亿美元的资金缺口" -> 资金缺口), normalised: "800万人流离失所" -> 流离失所者; a
  lone 人 stays 人 and money with no noun is 资金;
- ``place``: the one country or region the gazetteer finds in the figure's clause, or in the clause
  the sentence opens with ("在阿富汗，…"), else the one the sentence's clauses before the figure's
  name (为应对非洲之角…，联合国…向 1700 万人提供了援助; not a sub-national place, not one named after
  the figure: 45个国家，其中…出口到非洲和亚洲); none when they name two; a name counts as a place after
  在/向/为/对/于/自 (来自非洲), a date (2022年巴基斯坦洪灾) or a list word;
- ``period``: the last date before the figure in its sentence (else the first after it in its clause,
  else the date the block opens with, "2022 年，…", else the year of the title heading over the block,
  except in a clause that says now or in all: 现已, 目前, 总体而言 ...);
  never another earlier sentence's date, since the rules cannot tell when a paragraph moves on from it. Not a period: a date in a "since" frame (自 …
  以来, 自 … 年来), of a comparison (比 2021 年, 与 2021 年相比; but 相比 2021 年的 2230 万 is the figure's), or of another event (对 2022 年巴基斯坦
  洪灾的应对), a range, a target year (到 2030 年), a date inside a title;
- ``actor``: the first organisation the gazetteer finds before the figure in its clause.

The records (:class:`TextFigure`) keep the block, the sentence span and the quantity span, so that
other extractors (activities) can join figures to what else the same sentence says.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ungraph.extract.charts import period_of
from ungraph.extract.event_context import DATE, parse_date
from ungraph.extract.quantities import MULTIPLIERS, PREFIX_QUALIFIERS, chinese_number, currency_code, number_value, unit_of
from ungraph.records import Literal, Ref, Segment
from ungraph.reference.gazetteer import normalise_with_offsets

__all__ = ["TextFigure", "text_figures", "heading_periods", "QUANTITY", "measure_of", "place_in"]

_QUAL = "|".join(sorted(PREFIX_QUALIFIERS, key=len, reverse=True))
_UNITS = ("美元|欧元|瑞士法郎|%|％|平方公里|公里|公顷|公吨|吨|桶|个国家|个会员国|名(?!单|义|称|册)|人(?!口|类|权|道|民)|"
          "位(?!于|置)|个|项(?!目)|件(?!事)|份|次(?!要)|家(?!庭)|所(?!有|在|需|属)|种(?!族)|颗|起(?!来|草|诉)|"
          "条(?!约|件|款)|户|座|场(?!所)|批")
#: A quantity in the normalised text.
QUANTITY = re.compile(
    rf"(?P<qual>{_QUAL})?(?:(?P<fnum>[一二三四五六七八九十]+)分之(?P<fden>[一二三四五六七八九十]+)|"
    r"(?P<num>\d+(?:\.\d+)?|(?<![一二三四五六七八九十百千第])[二三四五六七八九十两百千]+(?=多?[个名项次家所种位]))"
    r"(?:(?:-|至|到)(?P<num2>\d+(?:\.\d+)?))?"
    r"\**(?P<more0>多|余)?(?P<mult>万亿|亿|千万|百万|万)?(?P<more>多|余)?(?P<plus0>\+)?\**"
    rf"(?P<unit>{_UNITS}|年(?=才|内|的谈判|来|[。，,；])|天(?=的|内))?\**(?P<plus>\+|以上)?)"
)
_NOT_AFTER = re.compile(r"^(?:年|月|日|号|届|周年|世纪|岁|天|小时|分钟|/\d|[(（]\d{4}[)）]|-\d|\.\d|倍)")
_NOT_BEFORE = re.compile(r"(?:第|目标|[A-Za-z/.·]|[A-Za-z\d]-|\d|标准)$")
_VAGUE = re.compile(r"(?:数|几)(?:十|百|千|万)+(?:亿|万)?(?:美元|人|个|名)|十几个")
_STOP = re.compile(r"[，。；：、（）()！？,.;:!?\s*\d—–-]|的|及|在|于|从|向|为|以|已|被|而|把|将|是|使|获得|接受|参加|参与|提供|"
                   r"得到|受益|使用|通过|来自|分布|死亡|受伤|面临|陷入|需要|生活|居住|完成|登记|出席|汇集|帮助|承诺|用于|"
                   r"支持|支助|达到|增加|减少|同意|表示|认为|加入|接触|访问|下载|浏览|列入|部署|分设|提交|进行|举行|讨论|"
                   r"逮捕|解救|处于|服务|报告|创造|得以|造成|影响|促进|其中|超过|截至|已经|目前|新增|切实|最大限度|前所|"
                   r"交付|导入|应对|打击|起草|修订|批准|跨越|获|连|价值|用户加入|签署|撬动|划拨|支付|促成|拨款|设立|建立")
_SPECIAL = (("人流离失所", "流离失所者"), ("人死亡", "死亡者"), ("人受伤", "受伤者"), ("人身亡", "死亡者"),
            ("人因暴力和冲突而流离失所", "流离失所者"), ("人因自然灾害而在境内流离失所", "境内流离失所者"))
_CLAUSE = re.compile(r"[，,；;。！？]")
#: Words that make a figure the state of things now or in all, not of the block's year (现已有超过 53 亿人).
_NOW = re.compile(r"现已|现有|现在|现通过|现正|目前|如今|迄今|总体而言|累计")
_DATE_RE = re.compile(DATE)
_SKIP_KINDS = ("figure",)
_BLOCKS = ("paragraph", "heading", "caption", "item", "quotation", "footnote", "figure")


@dataclass(frozen=True)
class TextFigure:
    """A figure stated in a sentence: value(s), unit, what it counts, where, when, who; spans into the document."""

    segment_id: str
    span: tuple[int, int]
    sentence: tuple[int, int]
    verbatim: str
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    qualifier: str | None
    unit: str | None
    currency: str | None
    measure: str
    measure_span: tuple[int, int] | None = None
    place: Ref | None = None
    place_name: str | None = None
    place_span: tuple[int, int] | None = None
    period: Literal | None = None
    period_span: tuple[int, int] | None = None
    actor: Ref | None = None
    actor_span: tuple[int, int] | None = None
    clause: str = ""
    period_segment: str | None = None  # the block stating the period when it is not the figure's (a heading)


#: How a noun phrase that counts people ends (else the measure is 人).
_PEOPLE = re.compile(r"(?:者|员|人|民|童|女|儿童|少女|妇女|男子|官|工|家|师|生|兵|警|警察|顾问|属|客|众|士|青年|用户|代表|议员|囚犯|"
                     r"佣工|嫌疑人|协调人)$")
#: Nouns of money a sentence names before an amount (联合国系统每年支出约 560 亿美元, 基金拨款 2.89 亿美元).
_MONEY_BEFORE = re.compile(r"([\u4e00-\u9fff]{0,7}?(?:支出|开支|拨款|投资|资助|捐款|捐助|认捐|预算|融资))"
                           r"(?:约为|约|近|达到了?|达|为|上升至|增至|超过)?(?:创纪录水平|创纪录的|前所未有的)?[（(]?$")
#: What a share is of, read before the percentage (占全世界老年人的 84%, 卫星有 88%, 人数增加近 50%).
_SHARE_BEFORE = re.compile(r"(?:(?P<of>占)(?P<whole>[\u4e00-\u9fff]{2,12}?)的?|(?P<part>[\u4e00-\u9fff]{2,10}?)的?"
                           r"(?P<verb>中|只有|有|增加了?|增长了?|上升了?|下降了?|减少了?|高出))$")
#: Words a noun phrase read before a number does not start with (the clause's verbs and frames).
_LEAD = re.compile(r"^.*(?:[的在于从向为以已被把将是使和及与]|总体而言|而言|其中|我们|所需|所定|达到了?|帮助|通过)")


def _measure(norm: str, end: int, unit: str | None, currency: str | None) -> tuple[str, int, int]:
    """The noun phrase after the quantity (ending at ``end``) and its span in the normalised text."""
    if unit in ("个国家", "个会员国"):
        return unit[1:], end - len(unit) + 1, end
    rest = norm[end:end + 24]
    for prefix, normal in _SPECIAL:
        if unit in ("人", "名") and ("人" + rest).startswith(prefix):
            return normal, end, end + len(prefix) - 1
    start = end
    if rest.startswith("的"):
        start += 1
    m = _STOP.search(norm, start)
    stop = m.start() if m and m.start() < start + 12 else min(len(norm), start + 12)
    if m is not None and m.start() == start and norm[start:start + 1] == "的":
        stop = start
    phrase = re.sub(r"[和及与、]+$", "", re.sub(r"[\*\d%+]", "", norm[start:stop]))
    if unit in ("人", "名", "位") and phrase and not _PEOPLE.search(phrase):
        phrase = next((phrase[:i] for i in range(len(phrase) - 1, 1, -1) if _PEOPLE.search(phrase[:i])), "")
        stop = start + len(phrase)  # 22 000 多名与会者与全球决策者…: the longest part that names people
    if unit in ("%", "％"):
        phrase = phrase if norm[end:end + 1] == "的" else ""
    if currency and len(phrase) < 2:
        phrase = ""
        used = re.match(r"(?:前所未有的|创纪录的)?(?:用于)?([\u4e00-\u9fff]{2,10}?)(?=[，,。；;（(]|$)", rest)
        if used and rest[:used.start(1)] and (rest[:used.start(1)].endswith("用于") or not _STOP.search(used[1])):
            # 用于打击性别暴力, 前所未有的现金援助
            return used[1], end + used.start(1), end + used.end(1)
    if not phrase:
        if currency:
            return _before(norm, end, _MONEY_BEFORE) or ("资金", end, end)
        if unit in ("人", "名", "位"):
            return _served(norm, end, rest) or ("人", end - 1, end)
        if unit in ("%", "％"):
            return _share(norm, end) or ("", end, end)
        if unit in ("个国家", "个会员国"):
            return unit[1:], end - len(unit) + 1, end
        return "", end, end
    return phrase, start, stop


def _number_start(norm: str, end: int) -> int:
    """Where the quantity ending at ``end`` starts (its digits, multiplier and qualifier)."""
    at = end
    while at > 0 and (norm[at - 1].isdigit() or norm[at - 1] in ".%％+*万亿千百美元多余"):
        at -= 1
    for qual in sorted(PREFIX_QUALIFIERS, key=len, reverse=True):
        if norm[:at].endswith(qual):
            return at - len(qual)
    return at


def _clause_before(norm: str, end: int) -> tuple[str, int]:
    at = _number_start(norm, end)
    c0 = max((m.end() for m in _CLAUSE.finditer(norm, 0, at)), default=0)
    return norm[c0:at], c0


def _before(norm: str, end: int, pattern: re.Pattern[str]) -> tuple[str, int, int] | None:
    """A noun of money the clause names right before the amount (联合国系统每年支出约 560 亿美元 -> 联合国系统每年支出)."""
    text, c0 = _clause_before(norm, end)
    m = pattern.search(text)
    if not m:
        return None
    phrase = re.sub(r"每年|每月|^\d*年", "", _LEAD.sub("", m[1]))
    if len(phrase) < 2:
        return None
    return phrase, c0 + m.end(1) - len(phrase), c0 + m.end(1)


def _served(norm: str, end: int, rest: str) -> tuple[str, int, int] | None:
    """People counted by what they received: 1.6 亿人获得粮食援助 -> 粮食援助受益者; 为超过 1.75 亿人提供
    社会福利 -> 社会福利受益者."""
    got = re.match(r"(?:获得|得到)了?([\u4e00-\u9fff]{2,8}?)(?=[，,。；;以和]|$)", rest)
    if got is None and _clause_before(norm, end)[0].endswith("为"):
        got = re.match(r"提供了?([\u4e00-\u9fff]{2,8}?)(?=[，,。；;以和]|$)", rest)
    if got is None or _STOP.search(got[1]):
        return None
    return got[1] + "受益者", end + got.start(1), end + got.end(1)


def _share(norm: str, end: int) -> tuple[str, int, int] | None:
    """What a percentage is a share (or a change) of: 49%为女性 -> 女性比例; 占全世界老年人的 84% ->
    全世界老年人比例; 卫星有 88% -> 卫星比例; 人数增加近 50% -> 人数增幅; none when the clause says neither."""
    after = re.match(r"(?:为|是)(女性|男性|妇女|儿童|青年)", norm[end:end + 4])
    if after:
        return after[1] + "比例", end + 1, end + 1 + len(after[1])
    text, c0 = _clause_before(norm, end)
    m = _SHARE_BEFORE.search(text)
    if not m:
        return None
    whole = m["whole"] if m["of"] else _LEAD.sub("", m["part"])
    if len(whole) < 2:
        return None
    kind = "增幅" if m["verb"] and re.match(r"增|上升|高出", m["verb"]) else "降幅" if m["verb"] and re.match(r"下降|减少", m["verb"]) else "比例"
    at = c0 + (m.start("whole") if m["of"] else m.end("part") - len(whole))
    return whole + kind, at, at + len(whole)


def measure_of(text_after: str, unit_word: str | None, currency: str | None) -> str:
    """What a number counts, from the text after it: ``measure_of("名文职人员在非洲工作", "名", None)`` -> 文职人员.

    >>> measure_of("名文职人员在非洲工作", "名", None), measure_of("美元的人道主义援助已调集", None, "USD")
    ('文职人员', '人道主义援助')
    """
    norm, _ = normalise_with_offsets(text_after)
    unit = unit_word or ""
    if unit and norm.startswith(unit):
        norm = norm[len(unit):]
    elif currency and norm.startswith("美元"):
        norm = norm[2:]
    return _measure(norm, 0, unit_word, currency)[0]


def place_in(gazetteer: Any, text: str) -> tuple[Ref, str, int] | None:
    """The one country or region a text names as a place (``None`` for none or two)."""
    found = _places(gazetteer, normalise_with_offsets(text)[0])
    return found[0] if len({f[0] for f in found}) == 1 else None


def _places(gazetteer: Any, text: str) -> list[tuple[Ref, str, int]]:
    """Countries and regions the text names as places: after 在/向/为/对/于/自/和/、, a year (2022年巴基斯坦) or at
    its start, not inside a longer name (以色列大屠杀纪念馆)."""
    if gazetteer is None:
        return []
    return [(m.ref, m.surface, m.start) for m in gazetteer.find(text) if m.kind in ("country", "region")
            and (m.start == 0 or text[m.start - 1] in "在向为对于和、及与,，整个全个家名项所位自年")]


def _subnational(gazetteer: Any, ref: Ref) -> bool:
    """A place inside a country (信德省, the port 拉斯伊萨): not the area of a figure (the shapes ask for a country or region)."""
    row = gazetteer.get(ref.kind, ref.key) if ref.kind == "region" else None
    return getattr(row, "kind", "") in ("subnational", "place")


def _orgs(gazetteer: Any, text: str) -> list[tuple[Ref, str, int]]:
    if gazetteer is None:
        return []
    return [(m.ref, m.surface, m.start) for m in gazetteer.find(text) if m.kind == "organization"]


def _clause_bounds(norm: str, lo: int, hi: int, at: int) -> tuple[int, int]:
    start = lo
    for m in _CLAUSE.finditer(norm, lo, at):
        start = m.end()
    after = _CLAUSE.search(norm, at, hi)
    return start, (after.start() if after else hi)


def _period(norm: str, lo: int, at: int) -> tuple[Literal, int, int] | None:
    found = None
    for m in _DATE_RE.finditer(norm, lo, at):
        before, after = norm[max(lo, m.start() - 2):m.start()], norm[m.end():m.end() + 3]
        if before.endswith("自") or after.startswith(("以来", "相比")) or re.match(r"[-–]\d", norm[m.end() - 1:m.end() + 2]):
            continue  # since (自…以来): a span, not a period; 与 2021 年相比: a comparison
        if (before.endswith(("比", "对")) and norm[m.end():m.end() + 1] != "的") or _since(norm, lo, m.start(), m.end()):
            continue  # 人数比 2021 年…, 对 2022 年巴基斯坦洪灾的应对: the year of something else; 自…2016年…六年来
        target = norm[max(0, m.start() - 1):m.start()] == "到" and norm[m.end():m.end() + 1] not in ("底", "末")
        if norm[max(0, m.start() - 1):m.start()] in ("-", "–") or target or norm.count("《", 0, m.start()) > norm.count("》", 0, m.start()):
            continue  # a range, a target year (到2025年, but 到2022年底 is a period), a title
        parsed = parse_date(m[0].rstrip("中旬初底"))
        if parsed:
            found = (parsed[0] if parsed[0].datatype != "xsd:date" else Literal(parsed[0].value[:7], datatype="xsd:gYearMonth"),
                     m.start(), m.end())
    return found


def _since(norm: str, lo: int, start: int, end: int) -> bool:
    """A date inside a "since" frame of its clause: 自 before it, 以来/年来 after it (自…2016年签署和平协定六年来)."""
    c0 = max((m.end() for m in _CLAUSE.finditer(norm, lo, start)), default=lo)
    m = _CLAUSE.search(norm, end)
    c1 = m.start() if m else len(norm)
    return "自" in norm[c0:start] and bool(re.search(r"以来|年来", norm[end:c1]))


def _sentences(norm: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"[。！？!?]|\n", norm):
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(norm)))
    return [s for s in out if s[1] > s[0]]


def _figures_in(seg: Segment, gazetteer: Any, skip_first: bool,
                inherited: tuple[Literal, tuple[int, int], str] | None = None) -> tuple[list[TextFigure], int]:
    """The figures of one block; ``inherited``: the period (and its span) a heading of the block's part states."""
    norm, pos = normalise_with_offsets(seg.text)
    doc_span = lambda a, b: (seg.start + pos[a], seg.start + pos[b - 1] + 1)  # noqa: E731 - a one-line offset map, local to the block
    vague = len(_VAGUE.findall(norm))
    first_break = len(normalise_with_offsets(seg.text.split("\n", 1)[0])[0])
    out: list[TextFigure] = []
    block_opening = re.match(r"在([^，,。]{2,12})[，,]", norm)  # "在也门，…": the block's place, for all its sentences
    opening = re.match(rf"(?:截至|在)?({DATE})[，,]", norm)
    last = _period(norm, 0, opening.end(1)) if opening else None  # "2022 年，…": the block's year
    block_year = (last[0], doc_span(last[1], last[2]), seg.id) if last else None
    for lo, hi in _sentences(norm):
        for m in QUANTITY.finditer(norm, lo, hi):
            if skip_first and m.start() < first_break:
                continue  # a panel's own value (its first line)
            fraction = m["fnum"] is not None
            if not fraction and (not m["num"] or not (m["unit"] or m["mult"] or (m["plus0"] or m["plus"]))):
                continue
            if _NOT_BEFORE.search(norm[max(0, m.start() - 2):m.start()]) or \
                    (not m["unit"] and _NOT_AFTER.match(norm[m.end():m.end() + 3])):
                continue  # with a unit, what follows is the counted noun (5600多名年轻人), not a date
            if not m["unit"] and norm[m.end():m.end() + 1] in ("年", "月"):
                continue
            if fraction:
                num, den = chinese_number(m["fnum"]), chinese_number(m["fden"])
                value = (den / num).quantize(Decimal("0.0001")).normalize() if num and den else None
            else:
                value = number_value(m["num"])
            high = number_value(m["num2"]) if m["num2"] else None
            if value is None or (m["unit"] == "年" and value >= 1000):
                continue  # 2022 年 is a date, 286 年 a duration
            mult = MULTIPLIERS.get(m["mult"] or "", Decimal(1))
            value, high = value * mult, (high * mult if high is not None else None)
            unit_word = m["unit"]
            currency = currency_code(unit_word) if unit_word in ("美元", "欧元", "瑞士法郎") else None
            unit = None if currency else (u.concept if unit_word and (u := unit_of(unit_word)) else None)
            if fraction:
                unit = "ug:Fraction"
            qualifier = PREFIX_QUALIFIERS.get(m["qual"] or "")
            if m["more"] or m["more0"] or m["plus"] or m["plus0"]:
                qualifier = "ug:LowerBound"
            measure, ms, me = _measure(norm, m.end(), unit_word, currency)
            if unit is None and currency is None and measure and _PEOPLE.search(measure):
                unit = "ug:Person"  # 1100万+流离失所者: no classifier, a noun of people
            c0, c1 = _clause_bounds(norm, lo, hi, m.start())
            places = _places(gazetteer, norm[c0:c1])
            opening = re.match(r"在([^，,]{2,12})[，,]", norm[lo:hi]) or block_opening
            if not places and opening:
                base = opening.start(1) + (lo if opening is not block_opening else 0)
                places = [(r, s, base + at) for r, s, at in _places(gazetteer, opening[1])]
            else:
                places = [(r, s, c0 + at) for r, s, at in places]
            if not places:  # the one place of the sentence's clauses before the figure's (为应对非洲之角…，联合国…向 1700 万人…)
                places = [(r, s, lo + at) for r, s, at in _places(gazetteer, norm[lo:c0]) if not _subnational(gazetteer, r)]
            place = places[0] if len({p[0] for p in places}) == 1 else None
            found = _period(norm, lo, m.start()) or _period(norm, m.end(), c1)
            period = (found[0], doc_span(found[1], found[2]), seg.id) if found is not None else \
                None if _NOW.search(norm[lo:c1]) else block_year or inherited  # never an earlier sentence's date
            orgs = [(r, s, c0 + at) for r, s, at in _orgs(gazetteer, norm[c0:m.start()])]
            actor = orgs[0] if orgs and orgs[0][2] - c0 <= 2 else None  # the clause's subject
            qs = m.start() + (len(m["qual"]) if m["qual"] else 0) if False else m.start()
            span = doc_span(qs, m.end() - len(m[0]) + len(m[0].rstrip("*")))
            out.append(TextFigure(
                seg.id, span, doc_span(lo, hi), seg.text[span[0] - seg.start:span[1] - seg.start],
                None if high is not None else value, value if high is not None else None, high, qualifier, unit,
                currency, measure or "", doc_span(ms, me) if me > ms else None,
                place[0] if place else None, place[1] if place else None,
                doc_span(place[2], place[2] + len(re.sub(r"\s", "", place[1]))) if place else None,
                period[0] if period else None, period[1] if period else None,
                actor[0] if actor else None, doc_span(actor[2], actor[2] + len(re.sub(r"\s", "", actor[1]))) if actor else None,
                norm[c0:c1], period[2] if period else None))
    return out, vague


_TITLED = ("subsection", "spotlight")


def _title_block(seg: Segment) -> Segment:
    """A container's title line as a block of its own (same id: its figures are mentioned in the container)."""
    first = seg.text.split("\n", 1)[0]
    return Segment(seg.id, "heading", seg.parent, seg.order, seg.start, seg.start + len(first), first)


def _excluded(seg: Segment, by_id: dict[str, Segment]) -> bool:
    parent = seg.parent
    while parent:
        up = by_id.get(parent)
        if up is None:
            return False
        if up.kind == "section" and up.attr("section_kind") == "resources":
            return True  # the amounts of ungraph.extract.resources
        if up.kind == "section" and up.attr("section_kind") in ("mandates", "core-programmes", "entities") \
                and seg.kind == "item":
            return True  # lists of names (a paragraph after the list is running text)
        if up.kind in ("contents", "table"):
            return True
        parent = up.parent
    return False


def heading_periods(segments: Sequence[Segment]) -> dict[str, tuple[Literal, tuple[int, int], str]]:
    """For the headings, list items and panel figures under a title heading that states one year
    ("2022年联合国系统工作亮点", "2022年成果"), up to the next title heading of the same part:
    (period, span of the heading, heading id). Paragraphs keep to what they say themselves; a
    heading that says "since" (自2019年启动以来) states no period."""
    by_id = {s.id: s for s in segments}
    current: dict[str | None, tuple[Literal, tuple[int, int], str]] = {}
    out: dict[str, tuple[Literal, tuple[int, int], str]] = {}
    for seg in segments:
        if seg.kind == "heading" and not seg.repeat_of:
            norm = normalise_with_offsets(seg.text)[0]
            titled = not any(q["unit"] or q["mult"] for q in QUANTITY.finditer(norm) if q["num"])
            if titled:
                period = period_of(seg.text)
                since = re.search(r"自\d{4}年|以来", norm)
                if period is not None and period.datatype == "xsd:gYear" and not since and not _excluded(seg, by_id):
                    current[seg.parent] = (period, (seg.start, seg.end), seg.id)
                elif len(norm) > 12:  # a new title ends the run; short category headings (生计, 安全用水和环境卫生) do not
                    current.pop(seg.parent, None)
        if seg.parent in current and seg.kind in ("heading", "item", "figure", "paragraph"):
            out[seg.id] = current[seg.parent]
    return out


def text_figures(segments: Sequence[Segment], gazetteer: Any) -> tuple[list[TextFigure], int]:
    """Every figure of the running text (panel labels included, not the panels' own values), and how many
    vague quantities (数十亿, 十几个) were left out."""
    by_id = {s.id: s for s in segments}
    out: list[TextFigure] = []
    vague = 0
    inherited = heading_periods(segments)
    for seg in segments:
        if seg.kind in _TITLED and seg.title and not seg.repeat_of and not _excluded(seg, by_id):
            seg = _title_block(seg)  # the title line of a subsection ("又有 148 个国家和地区 3260 万人…")
        elif seg.kind not in _BLOCKS or seg.repeat_of or _excluded(seg, by_id):
            continue
        found, v = _figures_in(seg, gazetteer, seg.kind == "figure", inherited.get(seg.id))
        out.extend(found)
        vague += v
    return out, vague
