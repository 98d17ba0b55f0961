"""The two caches of a served build: SPARQL answers (bounded in bytes) and rendered entity pages
(bounded in entries). Both are safe under threads: every read and every eviction holds the lock."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

from ungraph.sparql import Answer

__all__ = ["AnswerCache", "PageCache"]

K = TypeVar("K")


class AnswerCache:
    """Answers by key, least recently used out, bounded in bytes (answers of one build only)."""

    def __init__(self, limit: int = 64 << 20) -> None:
        self.limit, self.size = limit, 0
        self._items: OrderedDict[str, Answer] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Answer | None:
        with self._lock:
            a = self._items.get(key)
            if a is not None:
                self._items.move_to_end(key)
            return a

    def put(self, key: str, answer: Answer) -> None:
        n = len(answer.body or b"")
        if n > self.limit // 8:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = answer
            self.size += n
            while self.size > self.limit:
                _, old = self._items.popitem(last=False)
                self.size -= len(old.body or b"")


class PageCache(Generic[K]):
    """Rendered pages by key, oldest out past ``size`` entries.

    >>> c = PageCache[str](size=2)
    >>> for k in "abc":
    ...     c.put(k, k.upper())
    >>> c.get("a"), c.get("c"), len(c)
    (None, 'C', 2)
    """

    def __init__(self, size: int = 2048) -> None:
        self.size = size
        self._items: OrderedDict[K, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> str | None:
        with self._lock:
            return self._items.get(key)

    def put(self, key: K, html: str) -> None:
        with self._lock:
            self._items[key] = html
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)
