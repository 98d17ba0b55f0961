"""Seeded text mutations for the tests of the paths that answer a query shape outside the engine
(``ungraph.web.lookup``, ``ungraph.web.describe``): every mutant such a path accepts must get the engine's answer."""

from __future__ import annotations

import random
from collections.abc import Iterator


def mutants(base: str, alphabet: list[str], seed: int, n: int) -> Iterator[str]:
    """``n`` texts made from ``base`` by one to three random edits each (insert an item of ``alphabet``,
    delete a character, or replace one by an item), seeded: the same texts on every run."""
    rng = random.Random(seed)
    for _ in range(n):
        text = list(base)
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(text) + 1)
            op = rng.random()
            if op < 0.4:
                text.insert(i, rng.choice(alphabet))
            elif op < 0.8 and i < len(text):
                del text[i]
            elif i < len(text):
                text[i] = rng.choice(alphabet)
        yield "".join(text)
