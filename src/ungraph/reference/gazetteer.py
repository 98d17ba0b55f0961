"""The gazetteer: the one way into the curated reference tables (like bioregistry's Manager).

:class:`Gazetteer` loads every table registered in :data:`ungraph.reference.tables.TABLES`,
builds one normalised index of all names and aliases of all entity kinds once, and answers
two questions: :meth:`Gazetteer.lookup` (which entity is this name?) and
:meth:`Gazetteer.find` (which entities does this text name, and where?).

Names are compared after :func:`normalise`: NFKC, whitespace removed, the variants of the
middle dot unified, so "阿明娜 · 穆罕默德" and "阿明娜·穆罕默德" are the same name.

>>> gz = Gazetteer({
...     "countries.tsv": [Country("MLI", "ML", "466", "", "", "马里", "Mali", "t"),
...                       Country("SOM", "SO", "706", "", "", "索马里", "Somalia", "t")],
...     "blockers.tsv": [Blocker("marib", "马里卜", "Marib, Yemen", "report reading")],
... })
>>> [(m.id, m.surface) for m in gz.find("在索马里、马 里和也门马里卜")]
[('SOM', '索马里'), ('MLI', '马 里')]
>>> gz.lookup("马里").name_en, gz.lookup("马里卜"), gz.lookup("")
('Mali', None, None)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ungraph.records import Ref
from ungraph.reference.tables import (
    DEFAULT_DIR,
    TABLES,
    Alias,
    Blocker,
    Country,
    Region,
    TableSpec,
    read_table,
)

__all__ = ["Gazetteer", "Match", "normalise", "normalise_with_offsets", "Country", "Region", "Alias", "Blocker"]

#: Characters read as the middle dot of transliterated names ("·" U+00B7 is the canonical one).
DOTS = frozenset("\u00b7\u2027\u2022\u2219\u22c5\u30fb\uff65\u0387\u16eb\u2e31")


def _fold(ch: str) -> str:
    """The normalised form of one character: NFKC, dots unified, whitespace and format chars dropped."""
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        if c.isspace() or unicodedata.category(c) == "Cf":
            continue
        out.append("\u00b7" if c in DOTS else c)
    return "".join(out)


def normalise(name: str) -> str:
    """The form names are compared in.

    >>> normalise("阿明娜 · 穆罕默德") == normalise("阿明娜·穆罕默德") == normalise("阿明娜・穆罕默德")
    True
    >>> normalise(" 刚果（金） ")
    '刚果(金)'
    """
    return "".join(_fold(ch) for ch in name)


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """:func:`normalise` the text and map every normalised character back to its source index.

    >>> norm, pos = normalise_with_offsets("南 苏\\n丹")
    >>> norm, pos
    ('南苏丹', [0, 2, 4])
    """
    chars: list[str] = []
    pos: list[int] = []
    for i, ch in enumerate(text):
        folded = ch if ("\u4e00" <= ch <= "\u9fff") else _fold(ch)
        for c in folded:
            chars.append(c)
            pos.append(i)
    return "".join(chars), pos


@dataclass(frozen=True, order=True)
class Match:
    """A name found in a text: ``text[start:end] == surface`` names entity ``kind``/``id``."""

    start: int
    end: int
    kind: str
    id: str
    surface: str

    @property
    def ref(self) -> Ref:
        return Ref(self.kind, self.id)


@dataclass(frozen=True)
class _Blocked:
    """Index value of a blocker phrase: it is consumed by find() but names nothing."""

    id: str


def _wrap_ok(text: str, pos: list[int], i: int, length: int) -> bool:
    """A name may wrap over a line break only where each part has at least two characters.

    PDF lines wrap long names ("米格尔·德" / "塞尔帕·苏亚雷斯"), but "司法和\n\n国际法" does
    not name 法国.
    """
    for k in range(i + 1, i + length):
        if "\n" in text[pos[k - 1] : pos[k]] and min(k - i, i + length - k) < 2:
            return False
    return True


def _load(source: None | str | Path | Mapping[str, Sequence[Any]]) -> dict[str, list[Any]]:
    if source is None or isinstance(source, (str, Path)):
        directory = Path(source) if source is not None else DEFAULT_DIR
        return {
            spec.file: read_table(directory / spec.file, spec.row_cls)
            for spec in TABLES
            if (directory / spec.file).exists()
        }
    return {name: list(rows) for name, rows in source.items()}


class Gazetteer:
    """All curated reference entities, with one normalised name index built at construction.

    :param source: ``None`` (the repository's ``data/reference``), a directory, or a mapping
        of table file name (``"countries.tsv"``) to rows, for tests.
    :raises ReferenceDataError: if a table file is malformed.

    ``conflicts`` lists the normalised names that would point to two entities; such names are
    left out of the index (``tests/test_data.py`` requires the list to be empty).
    """

    def __init__(self, source: None | str | Path | Mapping[str, Sequence[Any]] = None) -> None:
        self.tables = _load(source)
        self._rows: dict[tuple[str, str], Any] = {}
        self._labels: dict[tuple[str, str], list[str]] = {}
        self._index: dict[str, tuple[str, str] | _Blocked] = {}
        self.conflicts: list[str] = []
        self.problems: list[str] = []
        self._english = {row.id: row.name_en for row in self.tables.get("english.tsv", []) if row.name_en}
        self._build()

    @classmethod
    def from_dir(cls, path: str | Path | Mapping[str, Sequence[Any]] | None = None) -> Gazetteer:
        """Load the tables in ``path`` (default: the repository's ``data/reference``)."""
        return cls(path)

    # -- construction -------------------------------------------------------------------

    def _specs(self) -> Iterable[tuple[TableSpec, list[Any]]]:
        for spec in TABLES:
            yield spec, self.tables.get(spec.file, [])

    def _build(self) -> None:
        names: dict[str, set[tuple[str, str]]] = {}
        ordered: list[tuple[str, str, str]] = []  # (kind, id, surface) for labels
        for spec, rows in self._specs():
            if spec.kind is None:
                continue
            for row in rows:
                self._rows[(spec.kind, row.id)] = row
                for column in spec.names:
                    ordered.append((spec.kind, row.id, getattr(row, column)))
                for column in spec.lists:
                    ordered.extend((spec.kind, row.id, name) for name in getattr(row, column).split("|") if name.strip())
        for alias in self.tables.get("aliases.tsv", []):
            if alias.kind == "event":  # events have no table: the events extractor reads these rows
                continue
            if (alias.kind, alias.target) not in self._rows:
                self.problems.append(f"alias {alias.id!r}: no {alias.kind} {alias.target!r}")
                continue
            ordered.append((alias.kind, alias.target, alias.id))
        for kind, rid, surface in ordered:
            key = normalise(surface)
            if not key:
                continue
            names.setdefault(key, set()).add((kind, rid))
            labels = self._labels.setdefault((kind, rid), [])
            if surface not in labels:
                labels.append(surface)
        for blocker in self.tables.get("blockers.tsv", []):
            key = normalise(blocker.text)
            if key and key not in names:
                self._index[key] = _Blocked(blocker.id)
        for key, targets in sorted(names.items()):
            if len(targets) > 1:
                self.conflicts.append(f"{key}: {sorted(targets)}")
            else:
                self._index[key] = next(iter(targets))
        lengths: dict[str, set[int]] = {}
        for key in self._index:
            lengths.setdefault(key[0], set()).add(len(key))
        self._lengths = {ch: tuple(sorted(ls, reverse=True)) for ch, ls in lengths.items()}

    # -- queries ------------------------------------------------------------------------

    @property
    def kinds(self) -> tuple[str, ...]:
        """The entity kinds the registry knows, in registry order."""
        return tuple(spec.kind for spec in TABLES if spec.kind)

    def rows(self, kind: str) -> list[Any]:
        """All rows of one kind, sorted by id (empty for an unknown kind)."""
        return sorted((row for (k, _), row in self._rows.items() if k == kind), key=lambda r: r.id)

    def get(self, kind: str, id: str) -> Any | None:
        """The row of entity ``kind``/``id``, or ``None``."""
        return self._rows.get((kind, id))

    def name_en(self, kind: str, id: str) -> str:
        """The entity's English name: its own table's ``name_en``, else its ``english.tsv`` row's; ``""`` if none."""
        row = self._rows.get((kind, id))
        return (getattr(row, "name_en", "") if row is not None else "") or self._english.get(f"{kind}/{id}", "")

    def labels(self, kind: str, id: str) -> list[str]:
        """The entity's names as written in the tables: its name columns first, then its aliases."""
        return list(self._labels.get((kind, id), []))

    def ref(self, name: str) -> Ref | None:
        """The :class:`~ungraph.records.Ref` a name resolves to, or ``None`` (never raises)."""
        hit = self._index.get(normalise(name)) if isinstance(name, str) else None
        return Ref(*hit) if isinstance(hit, tuple) else None

    def lookup(self, name: str) -> Any | None:
        """The row a name or alias resolves to, or ``None`` for unknown, blocked or ambiguous names."""
        ref = self.ref(name)
        return self._rows.get((ref.kind, ref.key)) if ref else None

    def find(self, text: str) -> list[Match]:
        """Every name of every entity in ``text``, leftmost-longest, with spans into ``text``.

        A blocker phrase is consumed like a name but yields nothing, so a shorter name inside it
        (中国 in 发展中国家) is never reported. Spaces and "·" variants inside a name are
        tolerated, and line breaks where both parts have two characters or more;
        ``start``/``end`` index the original text.
        """
        norm, pos = normalise_with_offsets(text)
        out: list[Match] = []
        i, n = 0, len(norm)
        while i < n:
            step = 1
            for length in self._lengths.get(norm[i], ()):
                if i + length > n:
                    continue
                hit = self._index.get(norm[i : i + length])
                if hit is None or not _wrap_ok(text, pos, i, length):
                    continue
                step = length
                if isinstance(hit, tuple):
                    start, end = pos[i], pos[i + length - 1] + 1
                    out.append(Match(start, end, hit[0], hit[1], text[start:end]))
                break
            i += step
        return out
