"""Which queries are bounded by their text, so they may be answered without a query worker.

Every query runs in a forked worker under ``UNGRAPH_QUERY_TIMEOUT`` (``ungraph.web.sparql_pool``):
pyoxigraph cannot cancel a query, so the only time limit that really stops one is a process
that can be killed. The price is a round trip to another process per request, which for a point
lookup costs several times the query (``benchmarks/endpoint/README.md``).

A query whose cost is bounded by its own text needs no time limit. :func:`bounded` recognises
one such shape, and nothing else (any doubt: the worker answers):

* ``SELECT`` of variables (or ``*``) over **one triple pattern** (IRIs, variables, ``a``; no
  literal, no prefixed name) with a top-level ``LIMIT n``, ``n <= max_rows``, and no ``DISTINCT``,
  ``ORDER BY``, ``OFFSET``, ``FILTER`` or anything else. oxigraph evaluates a triple pattern as a
  lazy index scan and stops after ``n`` solutions, so the work is at most ``n`` index steps.

``DESCRIBE <iri>`` is bounded too, but through the engine it was measured slower here with one
server process (``benchmarks/endpoint/README.md``: 941 -> 493 req/s): its serialization and the
labels of what it links to then ran on the one core of the process that also serves HTTP, where the
workers spread them over every core. Point lookups gain (1,054 -> 1,118 req/s with one server
process, 1,819 -> 2,380 with ``UNGRAPH_WORKERS=2``), so only they are answered here by the engine.
Both are now answered in the server process from the store's columns when it has them
(:mod:`ungraph.web.lookup`, :mod:`ungraph.web.describe`): bounded by the row limit and, for a
DESCRIBE, the labels of at most :data:`~ungraph.describe_labels.DESCRIBE_LABELLED_OBJECTS` objects.

Comments and whitespace are allowed anywhere (a trailing ``# 17`` is how clients defeat caches).
The text is read after undoing ``\\uXXXX`` escapes, as a SPARQL parser does. The answer is made by
the same function a worker uses (``sparql_pool.checked_run``), so it is byte for byte the same.

>>> bounded("SELECT ?p ?o WHERE { <http://x/a> ?p ?o } LIMIT 200 # 7", max_rows=10000)
True
>>> bounded("describe <http://x/a>", max_rows=10000)
False
>>> bounded("SELECT ?p ?o WHERE { <http://x/a> ?p ?o }", max_rows=10000)   # no LIMIT
False
>>> bounded("SELECT DISTINCT ?p WHERE { ?s ?p ?o } LIMIT 10", max_rows=10000)   # DISTINCT may scan it all
False
>>> bounded("SELECT * WHERE { ?s ?p ?o . ?o ?q ?r } LIMIT 10", max_rows=10000)  # a join
False
>>> bounded("SELECT * WHERE { ?s ?p ?o } LIMIT 20000", max_rows=10000)
False
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from ungraph.web.sparql_check import unescape_codepoints

__all__ = ["bounded", "tokens", "STRICT_TOKEN", "absolute_iri"]

_TOKEN = re.compile(r"""(?P<skip>\s+|\#[^\n\r]*)|(?P<iri><[^<>"{}|^`\\\s]*>)|(?P<var>[?$][A-Za-z_][A-Za-z0-9_]*)"""
                    r"""|(?P<int>[0-9]+)|(?P<word>[A-Za-z]+)|(?P<punct>[{}.*])|(?P<other>.)""", re.S)


#: The tokens of the shapes answered outside the engine (:mod:`ungraph.web.aggregate`, :mod:`ungraph.web.lookup`),
#: with parentheses: apart by SPARQL's white space only (space, tab, CR, LF; not Python's ``\\s``), a
#: comment ending at CR or LF as in the SPARQL grammar, no backslash anywhere (``other``: not read)
STRICT_TOKEN = re.compile(r"""(?P<skip>[ \t\r\n]+|\#[^\n\r]*)|(?P<iri><[^<>"{}|^`\\\s]*>)|[?$](?P<var>[A-Za-z_][A-Za-z0-9_]*)"""
                          r"""|(?P<int>[0-9]{1,18})(?![0-9])|(?P<word>[A-Za-z]+)|(?P<punct>[{}.*()])|(?P<other>.)""", re.S)
_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def absolute_iri(token: tuple[str, str]) -> str | None:
    """The IRI of an ``iri`` token of :data:`STRICT_TOKEN` when it is absolute and nothing a base IRI's
    resolution would change (dot segments) or the parser refuse; else None.

    >>> absolute_iri(("iri", "<http://x/a>")), absolute_iri(("iri", "<a>")), absolute_iri(("iri", "<http://x/./a>"))
    ('http://x/a', None, None)
    """
    kind, value = token
    if kind != "iri":
        return None
    iri = value[1:-1]
    if not _ABSOLUTE.match(iri) or re.search(r"/\.\.?(?:/|$)", iri):
        return None
    try:
        ox.NamedNode(iri)
    except ValueError:
        return None
    return iri


def tokens(text: str, pattern: re.Pattern[str] = _TOKEN) -> list[tuple[str, str]] | None:
    """``(kind, text)`` of every token of ``pattern`` but whitespace and comments (its ``skip`` group);
    None on any other character (its ``other`` group). The text is the named group's (a pattern may
    leave a sigil out of it); words in upper case. :mod:`ungraph.web.aggregate` reads with its own pattern."""
    out = []
    for m in pattern.finditer(text):
        kind = m.lastgroup or "other"
        if kind == "skip":
            continue
        if kind == "other":
            return None
        value = m.group(kind)
        out.append((kind, value.upper() if kind == "word" else value))
    return out


def _term(token: tuple[str, str], predicate: bool = False) -> bool:
    kind, value = token
    return kind in ("iri", "var") or (predicate and kind == "word" and value == "A")


def bounded(query: str, *, max_rows: int) -> bool:
    """True when ``query`` is the bounded shape above (see the module's docstring)."""
    if len(query) > 4096:
        return False
    toks = tokens(unescape_codepoints(query))
    if not toks:
        return False
    if toks[0] != ("word", "SELECT"):
        return False
    i = 1
    if i < len(toks) and toks[i] == ("punct", "*"):
        i += 1
    else:
        start = i
        while i < len(toks) and toks[i][0] == "var":
            i += 1
        if i == start:
            return False
    if i < len(toks) and toks[i] == ("word", "WHERE"):
        i += 1
    rest = toks[i:]
    if rest[-1:] and rest[-1][0] == "int" and rest[-2:-1] == [("word", "LIMIT")]:
        limit = int(rest[-1][1])
        rest = rest[:-2]
    else:
        return False
    if rest[-2:-1] == [("punct", ".")]:  # "{ s p o . }"
        rest = rest[:-2] + rest[-1:]
    return (len(rest) == 5 and rest[0] == ("punct", "{") and rest[4] == ("punct", "}")
            and _term(rest[1]) and _term(rest[2], predicate=True) and _term(rest[3])
            and 0 <= limit <= max_rows)
