"""Sentence splitting: spans reproduce the text, closing quotes stay with their sentence."""

from __future__ import annotations

import pytest

from ungraph.source.sentences import sentences


@pytest.mark.parametrize(("text", "expected"), [
    ("一。二！三？", ["一。", "二！", "三？"]),
    ("甲；乙", ["甲；", "乙"]),
    ("“我们支持。”他说。", ["“我们支持。”", "他说。"]),
    ("  前后有空格。  ", ["前后有空格。"]),
    ("", []),
    ("。。", []),
])
def test_sentences(text, expected):
    assert [s.text for s in sentences(text)] == expected


def test_spans_index_the_text_with_the_offset():
    text = "在也门，停火了。 我们提供了援助。"
    for s in sentences(text, offset=7):
        assert text[s.start - 7:s.end - 7] == s.text
    assert [s.number for s in sentences(text)] == [1, 2]
