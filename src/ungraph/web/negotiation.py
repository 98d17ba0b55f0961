"""Content negotiation: parse an ``Accept`` header and choose among offered media types.

Pure functions, no Flask (RFC 9110 §12.5.1): q-values, ``type/*`` and ``*/*`` wildcards, the most
specific range decides a type's quality, ``q=0`` excludes. Ties go to the server's order of
preference (the order of ``offers``), so a client sending ``*/*`` gets our default.

>>> choose("text/turtle;q=0.5, application/rdf+xml", ["text/turtle", "application/rdf+xml"])
'application/rdf+xml'
>>> choose("*/*", ["application/sparql-results+json", "text/csv"])
'application/sparql-results+json'
>>> choose("text/*;q=0.1, text/csv;q=0", ["text/csv", "text/tab-separated-values"])
'text/tab-separated-values'
>>> choose("image/png", ["text/turtle"]) is None
True
>>> choose(None, ["text/turtle"])
'text/turtle'
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MediaRange", "parse_accept", "quality", "choose"]


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    params: tuple[tuple[str, str], ...] = ()

    @property
    def specificity(self) -> int:
        """0 for ``*/*``, 1 for ``type/*``, 2 for ``type/subtype``, 3 with parameters."""
        if self.type == "*":
            return 0
        if self.subtype == "*":
            return 1
        return 3 if self.params else 2

    def matches(self, mime: str) -> bool:
        t, _, s = mime.partition("/")
        return self.type in ("*", t) and self.subtype in ("*", s)


def _q(raw: str) -> float | None:
    try:
        q = float(raw)
    except ValueError:
        return None
    return q if 0.0 <= q <= 1.0 else None


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an ``Accept`` header; malformed items are skipped.

    >>> [(r.type, r.subtype, r.q) for r in parse_accept("text/html;level=1;q=0.7, */*; q=0.1, bogus, a/b;q=x")]
    [('text', 'html', 0.7), ('*', '*', 0.1)]
    >>> parse_accept("")
    []
    """
    ranges: list[MediaRange] = []
    for item in (header or "").split(","):
        parts = [p.strip() for p in item.split(";")]
        mime = parts[0].lower()
        t, slash, s = mime.partition("/")
        if not slash or not t or not s or (t == "*" and s != "*"):
            continue
        q: float | None = 1.0
        params: list[tuple[str, str]] = []
        for p in parts[1:]:
            k, _, v = p.partition("=")
            k, v = k.strip().lower(), v.strip().strip('"')
            if k == "q":
                q = _q(v)
                break  # parameters after q are accept-extensions
            if k:
                params.append((k, v))
        if q is None:
            continue
        ranges.append(MediaRange(t, s, q, tuple(params)))
    return ranges


def quality(ranges: list[MediaRange], mime: str) -> float:
    """The quality the client gives ``mime``: that of the most specific matching range (0 if none).

    >>> quality(parse_accept("text/*;q=0.3, text/csv;q=0.9, */*;q=0.1"), "text/csv")
    0.9
    >>> quality(parse_accept("text/*;q=0.3, */*;q=0.1"), "text/tsv")
    0.3
    >>> quality(parse_accept("text/*;q=0.3"), "application/json")
    0.0
    """
    best: MediaRange | None = None
    for r in ranges:
        if r.matches(mime) and (best is None or r.specificity > best.specificity):
            best = r
    return best.q if best else 0.0


def choose(header: str | None, offers: list[str]) -> str | None:
    """The offer the client prefers most (ties: first offer); None when none is acceptable.

    No header, or an empty/unparseable one, accepts anything: the first offer wins.
    """
    if not offers:
        return None
    ranges = parse_accept(header)
    if not ranges:
        return offers[0]
    best, best_q = None, 0.0
    for mime in offers:
        q = quality(ranges, mime)
        if q > best_q:
            best, best_q = mime, q
    return best

