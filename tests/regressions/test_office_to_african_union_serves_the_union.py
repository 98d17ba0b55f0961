"""Issue 9 (item 5): the office to the African Union served Ethiopia, the country it sits in.

联合国驻非洲联盟办事处 (UNOAU) is the UN's office *to the African Union*: its name names the
organisation it serves, not a place. The curated row said ``serves = ETH`` (where the office is),
so the graph said UNOAU serves Ethiopia. It serves the African Union (``ug:servesOrganization``,
stated by the table row's name), and no place.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ungraph.extract.missions import extract
from ungraph.records import Ref, Statement
from ungraph.reference.gazetteer import Gazetteer
from ungraph.source.load import load_report
from ungraph.source.segment import segment
from ungraph.extract import build_context

ROOT = Path(__file__).resolve().parents[2]
UNOAU = Ref("organization", "UNOAU")


@pytest.fixture(scope="module")
def records():
    doc = load_report(ROOT / "data" / "source")
    return doc, list(extract(doc, segment(doc), build_context(doc, segment(doc), Gazetteer.from_dir(ROOT / "data" / "reference"))))


def test_the_office_serves_no_place(records) -> None:
    served = [r.object for r in records[1] if isinstance(r, Statement) and r.subject == UNOAU
              and r.predicate == "ug:servesArea"]
    assert served == []


def test_the_office_serves_the_african_union_as_its_name_says(records) -> None:
    doc, recs = records
    st = [r for r in recs if isinstance(r, Statement) and r.subject == UNOAU and r.predicate == "ug:servesOrganization"]
    assert [r.object for r in st] == [Ref("organization", "African-Union")]
    assert st[0].provenance is not None
    assert doc.text[st[0].provenance.start:st[0].provenance.end] == "非洲联盟"
