"""What a query is, and whether it may run — decided before anything is executed.

* :func:`query_form` reads the form keyword (SELECT, ASK, CONSTRUCT, DESCRIBE, or an update verb)
  after comments and the prologue, to pick default result formats before running the query.
  It is not a safety check.
* :func:`check` is the safety check. SPARQL processes ``\\uXXXX`` escapes *before* parsing
  (SPARQL 1.1 §19.2; pyoxigraph does too), so ``\\u0053ERVICE`` is a SERVICE. After undoing
  escapes, a query in which the letters ``service`` do not occur at all (case-folded) cannot hold
  a SERVICE pattern; any other query is parsed with rdflib's SPARQL grammar and its tree walked for
  ``ServiceGraphPattern``. A query rdflib cannot parse that contains the letters is refused
  (it could not be checked). Updates (LOAD included) are recognised with rdflib's update grammar
  and refused with 403 by the caller; they are never executed, since the store only ever gets
  ``Store.query``.

>>> query_form("# a comment\\nPREFIX ex: <http://x/#a>\\nBASE <b>\\n describe ex:a")
'DESCRIBE'
>>> check("SELECT * WHERE { ?s ?p 'the service' }") is None
True
>>> check("SELECT * WHERE { \\\\u0053ERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }").status
403
"""

from __future__ import annotations

import functools
import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

__all__ = ["Refusal", "query_form", "unescape_codepoints", "check", "is_update", "nesting_depth", "MAX_DEPTH"]

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(r"""\s+|\#[^\n\r]*|<[^<>"{}|^`\\\s]*>|[A-Za-z_][A-Za-z0-9_.-]*:|[A-Za-z]+|.""", re.S)
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_VERBS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")


@dataclass(frozen=True)
class Refusal:
    status: int
    message: str


def unescape_codepoints(text: str) -> str:
    r"""Undo SPARQL codepoint escapes (what a SPARQL parser does first).

    >>> unescape_codepoints(r"\u0053ERVICE \U00000041")
    'SERVICE A'
    """
    def repl(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group(0)
    return _ESCAPE.sub(repl, text) if "\\" in text else text


def query_form(text: str) -> str | None:
    """The first keyword after comments and the prologue, upper-cased (None if there is none).

    >>> query_form("  ask {}"), query_form("INSERT DATA {}"), query_form("# only a comment")
    ('ASK', 'INSERT', None)
    """
    text = unescape_codepoints(text)
    expect_prologue_arg = 0
    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        if tok.isspace() or tok.startswith("#"):
            continue
        if expect_prologue_arg:
            expect_prologue_arg -= 1
            continue
        upper = tok.upper()
        if upper == "BASE":
            expect_prologue_arg = 1
        elif upper == "PREFIX":
            expect_prologue_arg = 2
        else:
            return upper if tok.isalpha() else None
    return None


_T = TypeVar("_T")
_CACHE_SIZE = 4096


def _digest_cache(fn: Callable[[str], _T]) -> Callable[[str], _T]:
    """Memoize ``fn`` by the SHA-256 of its text: at most 4,096 entries of 32 bytes of key each,
    never the query texts themselves (a 1 MiB query costs the cache 32 bytes, not 1 MiB)."""
    cache: OrderedDict[bytes, _T] = OrderedDict()
    lock = threading.Lock()

    def wrapper(text: str) -> _T:
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
        with lock:
            if key in cache:
                cache.move_to_end(key)
                return cache[key]
        value = fn(text)
        with lock:
            cache[key] = value
            while len(cache) > _CACHE_SIZE:
                cache.popitem(last=False)
        return value

    functools.update_wrapper(wrapper, fn)
    wrapper.cache = cache  # type: ignore[attr-defined]  # a function attribute, for the tests to read
    return wrapper


@_digest_cache
def is_update(text: str) -> bool:
    """True when ``text`` parses as a SPARQL Update (rdflib's grammar).

    >>> is_update("LOAD <http://example.org/>"), is_update("SELECT * {}")
    (True, False)
    """
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:  # noqa: BLE001 - any parse failure means "not an update"
        return False
    return True


def _has_service(node: object) -> bool:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, CompValue):
            if n.name == "ServiceGraphPattern":
                return True
            stack.extend(n.values())
        elif isinstance(n, (ParseResults, list, tuple)):
            stack.extend(n)
        elif isinstance(n, dict):
            stack.extend(n.values())
    return False


#: Deeper nesting is refused: pyoxigraph's parser recurses, and a few thousand levels overflow its stack.
MAX_DEPTH = 256
_OPAQUE = re.compile(r"""'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|<[^<>"{}|^`\\\s]*>|\#[^\n\r]*""", re.S)


def nesting_depth(text: str) -> int:
    """The deepest nesting of ``{`` ``(`` ``[`` outside strings, IRIs and comments.

    >>> nesting_depth("SELECT * WHERE { ?s ?p '{{{' FILTER((1)) }"), nesting_depth("ASK {}")
    (3, 1)
    """
    depth = best = 0
    for ch in _OPAQUE.sub(" ", text):
        if ch in "{([":
            depth += 1
            best = max(best, depth)
        elif ch in "})]":
            depth = max(0, depth - 1)
    return best


@_digest_cache
def check(text: str) -> Refusal | None:
    """None when the query may be executed; else why not (an HTTP status and a message)."""
    plain = unescape_codepoints(text)
    if nesting_depth(plain) > MAX_DEPTH:
        return Refusal(400, f"the query is nested more than {MAX_DEPTH} levels deep")
    form = query_form(plain)
    if form in UPDATE_VERBS or (form not in FORMS and is_update(text.replace("\r", "\n"))):
        return Refusal(403, "this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, ...) is refused")
    if "service" not in plain.casefold():
        return None
    from rdflib.plugins.sparql.parser import parseQuery

    try:  # rdflib ends a comment at LF only; the SPARQL grammar (and oxigraph) at CR too
        tree = parseQuery(text.replace("\r", "\n"))
    except Exception:  # noqa: BLE001 - rdflib's parser raises several types
        return Refusal(400, "the query mentions SERVICE and could not be checked; federated queries are refused")
    if _has_service(tree):
        return Refusal(403, "SERVICE (federated query) is refused: this server fetches nothing from elsewhere")
    return None
