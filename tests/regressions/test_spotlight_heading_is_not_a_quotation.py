"""Issue 9, item 5: a spotlight heading is not a quotation.

"“安全号”油轮：防止人道主义和环境灾难" opens with a quotation mark because it names the tanker
FSO Safer, but it is the heading of a spotlight box, not a quotation: its first closing ” is
followed by more text. A quotation is a block whose quotation marks enclose the whole text.
"""

from __future__ import annotations

from ungraph.source import _lines as L


def test_safer_heading_is_not_a_quotation(real) -> None:
    _, segments, _ = real
    quotes = [s.text for s in segments if s.kind == "quotation"]
    assert not any(q.startswith("“安全号”") for q in quotes)
    assert len(quotes) == 41  # every quotation of the report, each with its attribution
    assert sum(s.kind == "attribution" for s in segments) == 41


def test_quotation_rule() -> None:
    def block(text: str) -> L.Block:
        return L.Block(0, len(text), (text,), ((0, len(text)),))

    assert L.is_quotation(block("“是的，联合国仍然重要；国际法仍然重要。”"))
    assert L.is_quotation(block("“本组织努力简化业务支助，并在整个秘书处实现改进和提高效率”。"))
    assert not L.is_quotation(block("“安全号”油轮：防止人道主义和环境灾难"))
