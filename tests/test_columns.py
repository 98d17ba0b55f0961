"""ungraph.columns: written at build time, mapped by the server, never used when stale."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from ungraph import columns
from ungraph.config import Settings
from ungraph.store import load_file, open_store


def test_the_build_writes_fresh_columns(built: Settings) -> None:
    found = columns.open_for(built.store)
    assert found is not None
    store = open_store(built.store, read_only=True)
    assert len(found) == len(store) == found.manifest["quads"]


def test_terms_are_sorted_by_their_n_triples_string(built: Settings) -> None:
    found = columns.open_for(built.store)
    assert found is not None
    strings = [found.nt(i) for i in range(found.n_terms)]
    assert strings == sorted(strings) and len(set(strings)) == len(strings)
    for i in (0, found.n_terms // 2, found.n_terms - 1):
        assert found.id_of(found.term(i)) == i


def test_every_subjects_rows_are_the_engines_in_its_order(built: Settings) -> None:
    """``<s> ?p ?o`` over the union default graph, row for row (duplicates across graphs included)."""
    found = columns.open_for(built.store)
    assert found is not None
    store = open_store(built.store, read_only=True)
    checked = 0
    for i in range(found.n_terms):
        a, b = int(found.lookup_start[i]), int(found.lookup_start[i + 1])
        if a == b:
            continue
        subject = found.term(i)
        engine = [(r["p"], r["o"]) for r in store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", use_default_graph_as_union=True,
                                                        substitutions={ox.Variable("s"): subject})]
        ours = [(found.term(int(p)), found.term(int(o))) for p, o in zip(found.lookup_p[a:b], found.lookup_o[a:b])]
        assert ours == engine, subject
        checked += 1
    assert checked == found.manifest["subjects"]


def test_pos_columns_hold_every_quad_in_predicate_object_subject_order(built: Settings) -> None:
    found = columns.open_for(built.store)
    assert found is not None
    keys = list(zip(found.p.tolist(), found.o.tolist(), found.s.tolist()))
    assert keys == sorted(keys) and len(keys) == len(found)


def test_json_values_are_what_a_query_worker_writes(built: Settings) -> None:
    from ungraph.sparql import term_json_text

    found = columns.open_for(built.store)
    assert found is not None
    for i in range(0, found.n_terms, 97):
        assert found.json(i) == term_json_text(found.term(i)).encode("utf-8")


def _copy(built: Settings, tmp_path: Path) -> Path:
    d = tmp_path / "store"
    shutil.copytree(built.store, d)
    return d


def test_a_read_only_open_keeps_them_fresh(built: Settings, tmp_path: Path) -> None:
    d = _copy(built, tmp_path)
    before = columns.fingerprint(d)
    store = open_store(d, read_only=True)
    list(store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 5"))
    del store
    assert columns.fingerprint(d) == before and columns.open_for(d) is not None


def test_any_write_to_the_store_makes_them_stale(built: Settings, tmp_path: Path) -> None:
    d = _copy(built, tmp_path)
    extra = tmp_path / "extra.nt"
    extra.write_text("<http://x/a> <http://x/p> <http://x/b> .\n", encoding="utf-8")
    store = open_store(d)
    load_file(store, extra)
    del store
    assert columns.open_for(d) is None
    columns.write(d)
    found = columns.open_for(d)
    assert found is not None and found.id_of(ox.NamedNode("http://x/a")) is not None


def test_an_expected_fingerprint_that_differs_refuses_them(built: Settings) -> None:
    assert columns.open_for(built.store, expected="0" * 64) is None
    assert columns.open_for(built.store, expected=columns.fingerprint(built.store)) is not None


@pytest.mark.parametrize("damage", ["manifest", "format"])
def test_missing_or_foreign_columns_are_not_used(built: Settings, tmp_path: Path, damage: str) -> None:
    d = _copy(built, tmp_path)
    manifest = d / columns.DIRECTORY / "manifest.json"
    if damage == "manifest":
        manifest.unlink()
    else:
        manifest.write_text(manifest.read_text().replace(f'"format": {columns.FORMAT}', '"format": 99'))
    assert columns.open_for(d) is None


def test_an_empty_store(tmp_path: Path) -> None:
    d = tmp_path / "store"
    store = ox.Store(str(d))
    del store
    assert columns.write(d)["quads"] == 0
    found = columns.open_for(d)
    assert found is not None and found.id_of(ox.NamedNode("http://x/a")) is None
