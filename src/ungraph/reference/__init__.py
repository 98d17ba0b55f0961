"""Curated reference data: the tables in ``data/reference`` and the gazetteer over them.

``tables`` reads and writes the TSVs (and lints them for ``ungraph lint-data``), ``derive``
rebuilds the package-backed rows offline, ``gazetteer`` is the one way extractors use them.
"""

from ungraph.reference.gazetteer import Gazetteer, Match, normalise
from ungraph.errors import ReferenceDataError
from ungraph.reference.tables import TABLES, TableSpec, lint, read_table, write_table

__all__ = ["Gazetteer", "Match", "normalise", "TABLES", "TableSpec", "ReferenceDataError", "lint", "read_table", "write_table"]
