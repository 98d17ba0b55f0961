"""Tests for ungraph.source.load: the report is read unchanged and checked against source.json."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from ungraph.errors import SourceError
from ungraph.source.load import load_report

SOURCE = Path(__file__).resolve().parents[2] / "data" / "source"


@pytest.fixture
def source_copy(tmp_path: Path) -> Path:
    target = tmp_path / "source"
    shutil.copytree(SOURCE, target)
    return target


def test_load_report_reads_text_and_metadata() -> None:
    doc = load_report(SOURCE)
    meta = json.loads((SOURCE / "source.json").read_text(encoding="utf-8"))
    assert doc.symbol == "A/78/1" and doc.key == "A-78-1"
    assert doc.sha256 == meta["sha256"]
    assert doc.title_zh == meta["title_zh"] and doc.title_en == meta["title_en"]
    assert len(doc.text) == meta["characters"]
    assert doc.text.count("\n") + (not doc.text.endswith("\n")) == meta["lines"]
    assert dict(doc.meta)["file"] == "A-78-1.zh.txt"
    assert list(doc.meta) == sorted(doc.meta)


def test_load_report_keeps_text_exactly(source_copy: Path) -> None:
    raw = "导言\r\n\r\n  过去一年\n".encode()
    (source_copy / "A-78-1.zh.txt").write_bytes(raw)
    meta = json.loads((source_copy / "source.json").read_text(encoding="utf-8"))
    meta["sha256"] = hashlib.sha256(raw).hexdigest()
    (source_copy / "source.json").write_text(json.dumps(meta), encoding="utf-8")
    assert load_report(str(source_copy)).text == raw.decode("utf-8")


def test_missing_directory_raises_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="not found"):
        load_report(tmp_path / "nowhere")


def test_missing_text_file_raises_source_error(source_copy: Path) -> None:
    (source_copy / "A-78-1.zh.txt").unlink()
    with pytest.raises(SourceError, match="A-78-1.zh.txt"):
        load_report(source_copy)


def test_bad_json_raises_source_error(source_copy: Path) -> None:
    (source_copy / "source.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(SourceError, match="not JSON"):
        load_report(source_copy)


def test_missing_key_raises_source_error(source_copy: Path) -> None:
    meta = json.loads((source_copy / "source.json").read_text(encoding="utf-8"))
    del meta["sha256"]
    (source_copy / "source.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(SourceError, match="sha256"):
        load_report(source_copy)


def test_changed_byte_raises_source_error_naming_sha256(source_copy: Path) -> None:
    path = source_copy / "A-78-1.zh.txt"
    data = bytearray(path.read_bytes())
    data[-1] = ord("x") if data[-1] != ord("x") else ord("y")
    path.write_bytes(bytes(data))
    with pytest.raises(SourceError) as info:
        load_report(source_copy)
    message = str(info.value)
    assert "sha256 is " in message and "source.json says" in message and "unchanged" in message
    assert "\n" not in message
