"""The format registry (``ungraph.formats``): one entry per format, unambiguous within each use."""

from __future__ import annotations

import pytest

from ungraph import formats


@pytest.mark.parametrize("use", formats.USES)
def test_names_aliases_and_media_types_are_unambiguous_within_a_use(use: str) -> None:
    offered = formats.offers(use)
    assert offered, use
    names = [n for f in offered for n in (f.name, *f.aliases)]
    assert len(names) == len(set(names)), names
    mimes = [m for f in offered for m in f.media_types]
    assert len(mimes) == len(set(mimes)), mimes


def test_names_are_unique_and_every_rdf_format_has_its_pyoxigraph_format() -> None:
    names = [f.name for f in formats.FORMATS]
    assert len(names) == len(set(names))
    for f in formats.FORMATS:
        if f.uses & {"graph", "description", "dump", "export", "file"}:
            assert f.rdf is not None, f.name
        if "bindings" in f.uses:
            assert f.results is not None and f.w3c, f.name


@pytest.mark.parametrize("f", formats.offers("file"), ids=lambda f: f.name)
def test_every_file_extension_reads_back_its_format(f: formats.Format) -> None:
    for ext in f.extensions:
        assert formats.by_extension(f"x.{ext}") is f


def test_rdf_xml_is_a_document_format() -> None:
    assert formats.by_media_type("application/rdf+xml", "document").name == "rdf"
