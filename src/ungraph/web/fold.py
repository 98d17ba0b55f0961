"""Folding traditional Chinese characters to simplified ones, for search (OpenCC).

The report is in simplified characters; a reader typing traditional ones (聯合國, 氣候) should
find the same things. OpenCC's ``t2s`` conversion ships its dictionaries in the wheel, so
nothing is downloaded. One converter per process, used under a lock (the C++ converter is
not documented as thread-safe).

>>> simplified("聯合國維持和平行動") == "联合国维持和平行动"
True
>>> simplified("UNDP")
'UNDP'
"""

from __future__ import annotations

import threading
from functools import lru_cache

__all__ = ["simplified"]

_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """``text`` with traditional Chinese characters replaced by simplified ones (ASCII passes through)."""
    if text.isascii():
        return text
    with _LOCK:
        return str(_converter().convert(text))
