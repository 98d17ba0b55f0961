"""The interface in Chinese and English."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from ungraph.web.i18n import LANGS, STRINGS, TERMS, current_lang, humanize, other_lang, text


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_string_in_both_languages_with_the_same_fields(key: str) -> None:
    zh, en = STRINGS[key]
    assert zh.strip() and en.strip()
    assert set(re.findall(r"{(\w+)}", zh)) == set(re.findall(r"{(\w+)}", en))


def test_terms_are_curies_named_in_both_languages() -> None:
    for curie, (zh, en) in TERMS.items():
        assert re.fullmatch(r"[a-z][\w-]*:\w+", curie), curie
        assert zh and en and zh != en, curie


def test_text_fills_fields() -> None:
    assert text("more", "en", n=3) == "and 3 more"
    assert text("more", "zh", n=3) == "还有 3 条"


@pytest.mark.parametrize(("headers", "lang"), [
    ({}, "zh"), ({"Accept-Language": "en-GB,en;q=0.9"}, "en"), ({"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"}, "zh"),
    ({"Accept-Language": "fr"}, "zh"), ({"Cookie": "lang=en", "Accept-Language": "zh"}, "en"),
    ({"Cookie": "lang=xx", "Accept-Language": "en"}, "en"),
])
def test_current_lang(headers: dict[str, str], lang: str) -> None:
    with Flask(__name__).test_request_context("/", headers=headers):
        assert current_lang() == lang


def test_langs() -> None:
    assert LANGS == ("zh", "en") and other_lang("zh") == "en" and other_lang("en") == "zh"
    assert current_lang() == "zh"  # outside a request


@pytest.mark.parametrize(("iri", "name"), [("http://www.w3.org/ns/org#subOrganizationOf", "sub organization of"),
                                           ("https://schema.org/Country", "country"), ("http://x/a_b/", "a b")])
def test_humanize(iri: str, name: str) -> None:
    assert humanize(iri) == name
