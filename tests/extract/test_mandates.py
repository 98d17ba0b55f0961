"""Resolutions and named instruments of the real report (numbers established by reading it).

Reading the nine 主要授权 lists: chapter 1 cites 9 resolutions, 2: 23 (2594 (2021) twice),
3: 8 (E/HLPF/2020/3/Add.1 is not a resolution), 4: 6, 5: 7, 6: 20, 7: 7, 8: 3,
9: 13 (72/266 A和B is two parts) = 96; the Kosovo footnote cites 1244 (1999) three times:
99 citations. Repeated: 70/1 (chapters 1 and 5), 2594 (2021), 1244 (1999) x3: 95 distinct.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

import pytest

from ungraph.extract import build_context, instruments, resolutions
from ungraph.extract.citations import find_citations, mandate_subject, resolution_symbol, undocs_url
from ungraph.records import Entity, Literal, Mention, Statement
from ungraph.source.segment import segment

def extract(doc, segments, ctx):
    """The records of both mandate extractors, resolutions first (as ``ALL_EXTRACTORS`` runs them)."""
    yield from resolutions.extract(doc, segments, ctx)
    yield from instruments.extract(doc, segments, ctx)


#: As the gold set counts them (tests/gold/resolutions.tsv): a range "76/84 A-B" is two resolutions.
PER_CHAPTER = {1: 9, 2: 23, 3: 8, 4: 6, 5: 7, 6: 20, 7: 7, 8: 3, 9: 15}


@pytest.fixture(scope="module")
def report(real):
    """The shared real report (``tests/extract/conftest.py``) and this module's records of it."""
    doc, segments, gazetteer = real
    return doc, segments, gazetteer, list(extract(doc, segments, build_context(doc, segments, gazetteer)))


def _mentions(records, kind="resolution"):
    return [r for r in records if isinstance(r, Mention) and r.ref.kind == kind]


def test_citation_count_and_distinct_symbols(report):
    mentions = _mentions(report[3])
    assert len(mentions) == 101  # the gold set's 101 citations, 97 distinct (tests/gold/README.md)
    assert len({m.ref for m in mentions}) == 97
    repeated = {k.key: n for k, n in Counter(m.ref for m in mentions).items() if n > 1}
    assert repeated == {"A-RES-70-1": 2, "S-RES-2594-2021": 2, "S-RES-1244-1999": 3}


def test_cited_resolutions_per_chapter_mandates(report):
    counts = Counter(r.object.key.rsplit("/", 1)[1] for r in report[3]
                     if isinstance(r, Statement) and r.predicate == "ug:citedIn" and r.subject.kind == "resolution")
    assert {int(k): v for k, v in counts.items()} == PER_CHAPTER


def test_every_mention_reproduces_its_span(report):
    doc = report[0]
    for m in [r for r in report[3] if isinstance(r, Mention)]:
        assert doc.text[m.provenance.start:m.provenance.end] == m.text


@pytest.mark.parametrize("organ,token,symbols", [
    ("GA", "72/262 C", ["A/RES/72/262 C"]),
    ("GA", "57/228B", ["A/RES/57/228 B"]),
    ("GA", "76/84 A-B", ["A/RES/76/84 A", "A/RES/76/84 B"]),
    ("GA", "72/266 A和B", ["A/RES/72/266 A", "A/RES/72/266 B"]),
    ("GA", "217(III)", ["A/RES/217(III)"]),
    ("GA", "94(1)", ["A/RES/94(I)"]),
    ("GA", "2099 (XX)", ["A/RES/2099(XX)"]),
    ("GA", "S-10/2", ["A/RES/S-10/2"]),
    ("SC", "2282(2016)", ["S/RES/2282 (2016)"]),
    ("HRC", "39/2", ["A/HRC/RES/39/2"]),
])
def test_resolution_symbols(organ, token, symbols):
    assert resolution_symbol(organ, token) == symbols


def test_undocs_urls_have_no_space():
    assert undocs_url("S/RES/2282 (2016)") == "https://undocs.org/S/RES/2282(2016)"
    assert undocs_url("A/RES/70/1") == "https://undocs.org/A/RES/70/1"


def test_lettered_and_old_style_symbols_in_the_report(report):
    keys = {m.ref.key for m in _mentions(report[3])}
    assert {"A-RES-72-262-C", "A-RES-57-228-B", "A-RES-76-84-A", "A-RES-76-84-B", "A-RES-77-128-A", "A-RES-77-128-B",
            "A-RES-72-266-A",
            "A-RES-72-266-B", "A-RES-217-III", "A-RES-94-I", "A-RES-97-I", "A-RES-2099-XX",
            "A-RES-2205-XXI", "A-RES-S-10-2", "A-HRC-RES-39-2"} <= keys


def test_noisy_lines():
    assert [c.symbol for c in find_citations("(大会第74/3(和76/203号决议)")] == ["A/RES/74/3", "A/RES/76/203"]
    text = "青年与和平与安全(安全理事会第2250(2015)、2419(2018) 和2535(2020)号决议)"
    assert [c.surface for c in find_citations(text)] == ["2250(2015)", "2419(2018)", "2535(2020)"]
    assert [c.symbol for c in find_citations("(大会第46/182和\n(77/28号决议)")] == ["A/RES/46/182", "A/RES/77/28"]
    assert find_citations("《关于…宣言》(E/HLPF/2020/3/Add.1, 附件)") == []
    assert [c.organ for c in find_citations("振兴大会工作 (第75/325号决议)")] == ["GA"]


def test_statements_of_2282(report):
    records = report[3]
    ent = next(r for r in records if isinstance(r, Entity) and r.ref.key == "S-RES-2282-2016")
    assert ("schema:legislationIdentifier", Literal("S/RES/2282 (2016)")) in ent.labels
    assert {"ug:Resolution", "schema:Legislation", "undo:Resolution"} <= set(ent.types)
    st = {(r.predicate, r.object if isinstance(r.object, str)
           else r.object.value if isinstance(r.object, Literal) else r.object.key)
          for r in records if isinstance(r, Statement) and r.subject == ent.ref}
    assert ("schema:url", "https://undocs.org/S/RES/2282(2016)") in st
    assert ("ug:mandateSubject", "建设和平和保持和平") in st
    assert ("ug:citedIn", "A-78-1/chapter/2") in st
    assert any(p == "ug:issuedBy" for p, _ in st)


def test_mandate_subject_drops_stray_brackets():
    assert mandate_subject("(保护和援助境内流离失所者 (大会第76/167号决议)")[0] == "保护和援助境内流离失所者"


def test_named_instruments(report):
    ents = {r.ref.key: r for r in report[3] if isinstance(r, Entity) and r.ref.kind == "instrument"}
    assert ents["2030-agenda"].types == ("ug:Agenda",)
    assert ents["lian-he-guo-xian-zhang"].types[0] == "ug:Charter"
    assert "ba-li-xie-ding" in ents  # 《巴黎协定》, rule-typed
    assert ents["ba-li-xie-ding"].types[0] == "ug:Treaty"
    # reports and publications are not instruments
    assert "wo-men-de-gong-tong-yi-cheng" not in ents and "cai-jun-yi-cheng" not in ents
    # variants "《2030 年议程》", "《2030年议程》", "《2030年可持续发展议程》" are one entity (13+ mentions)
    agenda = [m for m in _mentions(report[3], "instrument") if m.ref.key == "2030-agenda"]
    assert len(agenda) >= 17


def test_instrument_adopted_by_its_single_resolution(report):
    adopted = {(r.subject.key, r.object.key) for r in report[3] if isinstance(r, Statement) and r.predicate == "ug:adoptedBy"}
    assert ("shi-jie-ren-quan-xuan-yan", "A-RES-217-III") in adopted
    assert not any(s == "lian-he-guo-hai-yang-fa-gong-yue" for s, _ in adopted)  # three resolutions: not "adopted by"


def test_reflowed_text_gives_the_same_resolutions(report):
    doc, _, gazetteer, records = report
    reflowed = dataclasses.replace(doc, text=doc.text.replace("\n", "\n\n"))
    again = list(extract(reflowed, segment(reflowed), build_context(reflowed, segment(reflowed), gazetteer)))
    assert Counter(m.ref for m in _mentions(again)) == Counter(m.ref for m in _mentions(records))
    assert {r.ref for r in again if isinstance(r, Entity)} == {r.ref for r in records if isinstance(r, Entity)}


def test_citation_numbers_by_grep():
    """Cross-check: every ``…号决议`` in the mandates lists of the raw text is accounted for."""
    text = open("data/source/A-78-1.zh.txt", encoding="utf-8").read()
    assert len(re.findall(r"1244\s?\(1999\)", text)) == 3
