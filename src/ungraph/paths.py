"""The one door to the package's data: the ontology, the shapes, the reference tables, the report
and the example queries, found with :mod:`importlib.resources` (never by walking up from a source
file, never in ``tests/``).

They ship inside the package as ``ungraph/data/``. In the repository ``src/ungraph/data/ontology``,
``shapes``, ``reference`` and ``source`` are symbolic links to the top-level ``ontology/``,
``shapes/``, ``data/reference/`` and ``data/source/`` (where people edit them), and a wheel carries
copies of them; ``src/ungraph/data/examples/`` holds the example queries themselves. The package
must be installed on a file system (a wheel or an editable install, not a zip).

>>> ontology_file().name, shapes_file().name
('ungraph.ttl', 'ungraph.shapes.ttl')
>>> (reference_dir() / "countries.tsv").is_file(), (source_dir() / "source.json").is_file()
(True, True)
>>> sorted(p.name for p in examples_dir().glob("*.rq"))[0][:3]
'01-'
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from ungraph.errors import UngraphError

__all__ = ["data_dir", "ontology_file", "shapes_dir", "shapes_file", "reference_dir", "source_dir", "examples_dir"]


def data_dir() -> Path:
    """``ungraph/data`` of the installed package."""
    root = Path(str(files("ungraph"))) / "data"
    if not root.is_dir():
        raise UngraphError(f"{root}: the package data is missing (reinstall ungraph from a wheel or the repository)")
    return root


def _existing(path: Path) -> Path:
    if not path.exists():
        raise UngraphError(f"{path}: missing from the package data (reinstall ungraph)")
    return path


def ontology_file() -> Path:
    return _existing(data_dir() / "ontology" / "ungraph.ttl")


def shapes_dir() -> Path:
    return _existing(data_dir() / "shapes")


def shapes_file() -> Path:
    return _existing(shapes_dir() / "ungraph.shapes.ttl")


def reference_dir() -> Path:
    """The curated tables (``data/reference/`` of the repository)."""
    return _existing(data_dir() / "reference")


def source_dir() -> Path:
    """The report as received and its ``source.json`` (``data/source/`` of the repository)."""
    return _existing(data_dir() / "source")


def examples_dir() -> Path:
    """The example queries (the competency questions): ``NN-slug.rq`` files."""
    return _existing(data_dir() / "examples")
