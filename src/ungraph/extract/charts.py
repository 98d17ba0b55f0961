"""Chart panels: a bar chart's values as a small table (series × category), one observation per cell.

The PDF text of a bar chart is a run of ``figure`` blocks with bare values ("22%", "12%", "6%",
"4%"), the last one followed by the category names ("建制 / 特遣队 / 和军事观察员"). Before the
first panel of a chart stand its title (军警人员性别均等) and its legend, one heading per series,
each naming a date ("2018-2028 年…战略发布之时", "截至 2022 年 12 月"); each panel has a title
heading of its own (军事人员, 警察, 司法和惩戒). The rules:

- a *panel*: two or more consecutive ``figure`` blocks of one parent, all bare values of the
  same kind (all percentages or all counts) except that the last may carry text, right after a
  heading (the panel's title);
- the *legend*: the headings naming a date that stand between the chart's title (a heading
  without a date) and its first panel's title; later panels of the same parent share it;
- the *categories*: the text after the last value, its lines merged (shortest first, into the
  line after it) until there are values ÷ series of them; a text with digits or longer than 12
  characters is a note, not category names, and a panel with one category takes its title;
- the *cells*: the PDF gives the bars from the top of the drawing, so the values in printed order
  fill the table backwards: the last category's last series first (for this report's chart,
  the later date's higher bar first, as the panel notes say the shares rose);
- a panel whose values do not divide into its legend is left out (:func:`find_charts` lists it).

Each cell: ``ug:Figure`` + ``qb:Observation`` in the panel's own ``qb:DataSet``, with
``ug:panel``, ``ug:category`` and ``ug:series`` (as printed), the value, its unit, and
``sdmx-dimension:refPeriod`` when its series names one year or month.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import product

from ungraph.extract.quantities import decimal_text, parse_number
from ungraph.records import Document, Entity, Literal, Provenance, Record, Ref, Segment, Statement

__all__ = ["Chart", "find_charts", "chart_records", "period_of"]

_DATE = re.compile(r"\d{4}\s*年")
_PERIOD = re.compile(r"(?<![\d-])(\d{4})\s*年(?:\s*(\d{1,2})\s*月)?(?!\s*[-–])")
_BOLD = re.compile(r"\*\*")


@dataclass(frozen=True)
class Chart:
    """One panel of a bar chart: its blocks, titles, legend and categories."""

    blocks: tuple[Segment, ...]
    title: str
    panel: str
    series: tuple[str, ...]
    categories: tuple[str, ...]
    cells: tuple[tuple[Segment, str, str], ...] = field(default=())  # (block, category, series)


def period_of(text: str) -> Literal | None:
    """The one year or month a text names ("截至 2022 年 12 月" -> 2022-12); ``None`` for none, two, or a range.

    >>> period_of("截至 2022 年 12 月")
    Literal(value='2022-12', lang=None, datatype='xsd:gYearMonth')
    >>> period_of("2018-2028 年军警人员性别均等战略发布之时") is None
    True
    """
    found = _PERIOD.findall(text)
    if len(found) != 1 or re.search(r"\d{4}\s*[-–]\s*\d{4}", text):
        return None
    year, month = found[0]
    return Literal(f"{year}-{int(month):02d}", datatype="xsd:gYearMonth") if month else Literal(year, datatype="xsd:gYear")


def _text(seg: Segment) -> str:
    return re.sub(r"\s+", " ", _BOLD.sub("", seg.attr("normalized") or seg.text)).strip()


def _tail_lines(seg: Segment) -> list[str]:
    """The lines of a figure block after its value."""
    lines = [ln.strip() for ln in _BOLD.sub("", seg.text).splitlines() if ln.strip()]
    return lines[1:]


def _label_headings(children: list[Segment], at: int) -> list[str]:
    """Short headings right after a panel's last value that carry on its category names (a reflowed text)."""
    out: list[str] = []
    while at < len(children) and children[at].kind == "heading" and len(_text(children[at])) <= 8 \
            and not re.search(r"\d", _text(children[at])) and (at + 1 >= len(children) or children[at + 1].kind != "figure"):
        out.append(_text(children[at]))
        at += 1
    return out


def _categories(lines: list[str], count: int, panel: str) -> tuple[str, ...] | None:
    joined = "".join(lines)
    if not lines or re.search(r"\d", joined) or len(joined) > 12 * max(count, 1):
        return (panel,) if count == 1 else None
    parts = list(lines)
    while len(parts) > count:
        i = min(range(len(parts) - 1), key=lambda k: (len(parts[k]), k))
        parts[i:i + 2] = [parts[i] + parts[i + 1]]
    if len(parts) != count:
        return None
    return tuple(re.sub(r"^[和及与]", "", p) for p in parts)


def _kind(seg: Segment) -> str | None:
    number = parse_number(seg.attr("value") or "")
    return None if number is None else ("percent" if number.percent else "count")


def _runs(children: list[Segment]) -> Iterator[tuple[int, int]]:
    """(start, end) index ranges of panels: >= 2 figure blocks after a heading, bare but the last."""
    i = 0
    while i < len(children):
        if children[i].kind != "figure" or i == 0 or children[i - 1].kind != "heading":
            i += 1
            continue
        j, kind = i, _kind(children[i])
        while (j + 1 < len(children) and children[j + 1].kind == "figure" and not children[j].attr("label")
               and kind is not None and _kind(children[j + 1]) == kind):
            j += 1
        if j > i and all(not children[k].attr("label") for k in range(i, j)):
            yield i, j + 1
        i = j + 1


def _legend(children: list[Segment], title_at: int) -> tuple[str, tuple[str, ...]] | None:
    k = title_at - 1
    series: list[str] = []
    while k >= 0 and children[k].kind == "heading" and _DATE.search(_text(children[k])):
        series.insert(0, _text(children[k]))
        k -= 1
    if len(series) < 2 or k < 0 or children[k].kind != "heading":
        return None
    return _text(children[k]), tuple(series)


def find_charts(segments: Sequence[Segment]) -> tuple[list[Chart], list[str]]:
    """Every chart panel of the report, in text order, and the first block ids of panels left out."""
    by_parent: dict[str | None, list[Segment]] = {}
    for seg in segments:
        if seg.kind in ("figure", "heading", "paragraph", "caption", "credit", "item", "quotation"):
            by_parent.setdefault(seg.parent, []).append(seg)
    charts: list[Chart] = []
    skipped: list[str] = []
    for children in by_parent.values():
        legend: tuple[str, tuple[str, ...]] | None = None
        for start, end in _runs(children):
            legend = _legend(children, start - 1) or legend
            blocks = tuple(children[start:end])
            if legend is None or len(blocks) % len(legend[1]):
                if legend is not None:
                    skipped.append(blocks[0].id)
                continue
            title, series = legend
            panel = _text(children[start - 1])
            cats = _categories(_tail_lines(blocks[-1]) + _label_headings(children, end), len(blocks) // len(series), panel)
            if cats is None:
                skipped.append(blocks[0].id)
                continue
            order = list(reversed(list(product(cats, series))))
            cells = tuple((b, c, s) for b, (c, s) in zip(blocks, order, strict=True))
            charts.append(Chart(blocks, title, panel, series, cats, cells))
    return sorted(charts, key=lambda c: c.blocks[0].start), sorted(skipped)


def chart_records(doc: Document, chart: Chart, figure_ref: Ref, dataset: Ref) -> Iterator[Record]:
    """The records of one chart panel: its data set and one observation per cell."""
    first = chart.blocks[0]
    yield Entity(dataset, ("qb:DataSet",), (("rdfs:label", Literal(f"{chart.title}：{chart.panel}", "zh")),),
                 Provenance(first.start, chart.blocks[-1].end, first.parent or first.id))
    for i, (block, category, series) in enumerate(chart.cells):
        value = block.attr("value") or ""
        number = parse_number(value)
        at = block.text.find(value)
        if number is None or at < 0:
            continue
        ref = Ref(figure_ref.kind, f"{figure_ref.key}-cell-{i + 1}")
        span = Provenance(block.start + at, block.start + at + len(value), block.id)
        label = f"{chart.title}：{chart.panel}·{category}（{series}）"
        yield Entity(ref, ("ug:Figure", "qb:Observation"), (("rdfs:label", Literal(label, "zh")),), span)
        yield Statement(ref, "qb:dataSet", dataset)
        yield Statement(ref, "ug:panel", Literal(chart.panel, "zh"), span)
        yield Statement(ref, "ug:category", Literal(category, "zh"), span)
        yield Statement(ref, "ug:series", Literal(series, "zh"), span)
        yield Statement(ref, "ug:measure", Literal(f"{chart.panel}·{category}", "zh"), span)
        yield Statement(ref, "sdmx-measure:obsValue", Literal(decimal_text(number.value), datatype="xsd:decimal"), span)
        yield Statement(ref, "ug:verbatimValue", Literal(doc.text[span.start:span.end]), span)
        if number.percent:
            yield Statement(ref, "sdmx-attribute:unitMeasure", "ug:Percent", span)
        if (period := period_of(series)) is not None:
            yield Statement(ref, "sdmx-dimension:refPeriod", period, span)
