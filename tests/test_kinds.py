"""Tests of the kind registry (``ungraph.kinds``): one place per kind, minting refuses the rest."""

from __future__ import annotations

import pytest

from ungraph.graph.ontology import ontology_terms
from ungraph.kinds import KINDS, is_kind, name_key
from ungraph.namespaces import Namespaces
from ungraph.reference.tables import TABLES

BASE = "http://127.0.0.1:8080/"
NS = Namespaces(BASE)


def test_mint_refuses_an_unregistered_kind():
    with pytest.raises(ValueError, match="unknown kind"):
        NS.mint("organisation", "UNDP")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_registered_kind_mints(kind):
    assert NS.mint(kind, "x") == f"{BASE}id/{kind}/x"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_class_of_every_ug_kind_is_an_ontology_term(kind):
    cls = NS.expand(KINDS[kind].cls)
    if cls.startswith(NS.ontology):
        assert cls in ontology_terms(BASE)


@pytest.mark.parametrize("spec", [s for s in TABLES if s.kind], ids=lambda s: s.file)
def test_every_reference_table_kind_is_registered(spec):
    assert is_kind(spec.kind)


def test_only_report_keys_keep_their_slashes():
    assert NS.mint("report", "A-78-1/chapter/3") == BASE + "id/report/A-78-1/chapter/3"
    assert NS.mint("resolution", "A/RES/70/1") == BASE + "id/resolution/A-RES-70-1"


@pytest.mark.parametrize(("name", "key"), [
    ("联合国开发计划署", "lian-he-guo-kai-fa-ji-hua-shu"),
    ("联合国 开发 计划署", "lian-he-guo-kai-fa-ji-hua-shu"),  # PDF spaces do not change the key
    ("阿明娜 · 穆罕默德", "a-ming-na-mu-han-mo-de"),
    ("Nhet Sokheng", "nhet-sokheng"),  # Latin words stay apart
    ("《2030年可持续发展议程》", "2030-nian-ke-chi-xu-fa-zhan-yi-cheng"),
    ("", "x"),
])
def test_name_key(name, key):
    assert name_key(name) == key
