"""Read the report as received and check it is the one ``source.json`` describes.

``source.json`` names the text file (key ``file``) and gives its ``sha256``. The text is
decoded as UTF-8 and kept exactly as it is: newlines, blank lines and spaces are layout
noise that later stages must see as it is, so that every offset points into the file.

>>> import json, tempfile, hashlib, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "r.txt").write_bytes("导言\\r\\n".encode())
>>> meta = {"symbol": "A/1", "title_zh": "报告", "title_en": "Report", "file": "r.txt",
...         "sha256": hashlib.sha256("导言\\r\\n".encode()).hexdigest(), "language": "zh"}
>>> _ = (d / "source.json").write_text(json.dumps(meta))
>>> doc = load_report(d)
>>> doc.text, doc.symbol, doc.meta
('导言\\r\\n', 'A/1', (('file', 'r.txt'), ('language', 'zh')))
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ungraph.errors import SourceError
from ungraph.records import Document

__all__ = ["load_report", "REQUIRED_KEYS"]

REQUIRED_KEYS = ("file", "sha256", "symbol", "title_zh", "title_en")
"""Keys ``source.json`` must have, each with a non-empty string value."""

_DOCUMENT_KEYS = frozenset({"sha256", "symbol", "title_zh", "title_en"})


def _read_meta(meta_path: Path) -> dict[str, object]:
    if not meta_path.is_file():
        raise SourceError(f"{meta_path}: not found (the source directory must hold source.json)")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(f"{meta_path}: unreadable or not JSON ({exc})") from None
    if not isinstance(meta, dict):
        raise SourceError(f"{meta_path}: expected a JSON object, got {type(meta).__name__}")
    missing = [k for k in REQUIRED_KEYS if not isinstance(meta.get(k), str) or not meta[k]]
    if missing:
        raise SourceError(f"{meta_path}: missing or empty key(s): {', '.join(missing)}")
    return meta


def load_report(source_dir: Path | str) -> Document:
    """Read ``source.json`` in ``source_dir`` and the report text it names.

    :param source_dir: the directory holding ``source.json`` and the text file.
    :returns: a :class:`~ungraph.records.Document`; ``meta`` holds the other string
        fields of ``source.json`` as sorted ``(key, value)`` pairs.
    :raises SourceError: the directory or a file is missing, ``source.json`` is not valid
        JSON or lacks a key, the text is not UTF-8, or its sha256 differs from ``source.json``.
    """
    directory = Path(source_dir)
    if not directory.is_dir():
        raise SourceError(f"{directory}: source directory not found")
    meta = _read_meta(directory / "source.json")
    text_path = directory / str(meta["file"])
    try:
        data = text_path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{text_path}: cannot read the report named by source.json ({exc.strerror})") from None
    actual, expected = hashlib.sha256(data).hexdigest(), str(meta["sha256"]).lower()
    if actual != expected:
        raise SourceError(
            f"{text_path}: sha256 is {actual}, source.json says {expected}; the report must be copied unchanged"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{text_path}: not UTF-8 ({exc})") from None
    extra = tuple(sorted((k, v) for k, v in meta.items() if k not in _DOCUMENT_KEYS and isinstance(v, str)))
    return Document(
        text=text,
        sha256=actual,
        symbol=str(meta["symbol"]),
        title_zh=str(meta["title_zh"]),
        title_en=str(meta["title_en"]),
        meta=extra,
    )
