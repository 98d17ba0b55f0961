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

from collections.abc import Sequence
from dataclasses import dataclass

from ungraph.formats import Format

__all__ = ["MediaRange", "parse_accept", "quality", "choose", "negotiate", "negotiate_media", "prefers"]


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



def prefers(header: str | None, mime: str, over: str) -> bool:
    """True when the client gives ``mime`` a higher quality than ``over`` (no header: False).

    >>> prefers("text/html,*/*;q=0.8", "text/html", "application/json"), prefers("*/*", "text/html", "application/json")
    (True, False)
    """
    ranges = parse_accept(header)
    return quality(ranges, mime) > quality(ranges, over)


def negotiate(candidates: Sequence[Format], accept: str | None, *, param: str | None = None) -> Format | None:
    """The one way a view picks a format: ``param`` (a ``?format=`` value: a name, an alias or a
    media type) when given, else the best of ``Accept`` (q-values, wildcards; ties and ``*/*`` to the
    first candidate). None when nothing fits (the view answers 406).

    >>> from ungraph.formats import offers
    >>> negotiate(offers("document"), "application/rdf+xml;q=0.9, text/turtle;q=0.5").name
    'rdf'
    >>> negotiate(offers("document"), "text/html", param="nt").name
    'nt'
    >>> negotiate(offers("bindings"), "text/turtle") is None
    True
    >>> negotiate(offers("graph"), "*/*").name, negotiate(offers("graph"), None).name
    ('ttl', 'ttl')
    >>> negotiate(offers("graph"), "", param="application/n-quads").name
    'nq'
    >>> negotiate(offers("graph"), "", param="docx") is None
    True
    """
    chosen = negotiate_media(candidates, accept, param=param)
    return chosen[0] if chosen else None


def negotiate_media(candidates: Sequence[Format], accept: str | None, *,
                    param: str | None = None) -> tuple[Format, str] | None:
    """Like :func:`negotiate`, with the media type chosen (the one ``Accept`` or ``param`` named, so a
    client asking for ``application/json`` gets that type back).

    >>> from ungraph.formats import offers
    >>> [(f.name, m) for f, m in [negotiate_media(offers("bindings"), "application/json")]]
    [('json', 'application/json')]
    """
    if param:
        key = param.strip().lower()
        mime = key.split(";", 1)[0].strip()
        named = next((f for f in candidates if f.name == key), None) or next(
            (f for f in candidates if key in f.aliases), None)
        if named is not None:
            return named, named.media_type
        typed = next((f for f in candidates if mime in f.media_types), None)
        return (typed, mime) if typed is not None else None
    mimes = list(dict.fromkeys(m for f in candidates for m in f.media_types))
    chosen = choose(accept, mimes)
    if chosen is None:
        return None
    return next(f for f in candidates if chosen in f.media_types), chosen
