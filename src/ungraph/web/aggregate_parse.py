"""The one query shape :mod:`ungraph.web.aggregate` answers from the columns: a group count over one
triple pattern, read by a strict parser.

:func:`parse` recognises one shape and nothing else (any doubt: None, and the engine answers):

* ``SELECT ?g (COUNT(X) AS ?n) WHERE { tp } GROUP BY ?g`` (the projection in either order, or ``?n``
  alone), ``X`` one of ``*``, ``?v``, ``DISTINCT ?v``, ``DISTINCT *``; or the ungrouped total
  ``SELECT (COUNT(X) AS ?n) WHERE { tp }``;
* ``tp`` one triple pattern, each position a variable or a full absolute IRI ``<...>`` (``a`` as
  predicate); no literal, prefixed name, blank node or path; ``?g`` and ``?v`` in the pattern, ``?n``
  not; a variable may repeat (``?s ?p ?s``: the columns must be equal);
* tokens apart by SPARQL's white space only (space, tab, CR, LF; not Python's ``\\s``);
* then ``ORDER BY`` one or two keys among ``?n``, ``ASC(?n)``, ``DESC(?n)`` and the same of ``?g``,
  then ``LIMIT`` and ``OFFSET`` (either order); comments and whitespace anywhere; no backslash at all
  (oxigraph reads ``\\uXXXX`` in IRIs and strings only, not in keywords: ``?s \\u0061 ?c`` is its
  parse error, so no escape is undone here); no dataset in the request.
"""

from __future__ import annotations

from dataclasses import dataclass

from ungraph.web.query_cost import STRICT_TOKEN, absolute_iri, tokens

__all__ = ["Aggregate", "RDF_TYPE", "parse"]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass(frozen=True)
class Aggregate:
    """A recognised aggregate: the projected variables in order (``None`` for ``?n``'s position is not
    used: ``count`` names it), the pattern (``("var", name)`` or ``("iri", value)`` per position), the
    group variable (None: the ungrouped total), what is counted (``counted`` None: ``*``), the order keys
    ``(variable, descending)``, LIMIT (None: none) and OFFSET."""

    projection: tuple[str, ...]
    pattern: tuple[tuple[str, str], tuple[str, str], tuple[str, str]]
    group: str | None
    count: str
    counted: str | None
    distinct: bool
    order: tuple[tuple[str, bool], ...] = ()
    limit: int | None = None
    offset: int = 0

    @property
    def variables(self) -> list[str]:
        """The pattern's variables, each once, in the order they appear."""
        return list(dict.fromkeys(v for kind, v in self.pattern if kind == "var"))


def _tokens(text: str) -> list[tuple[str, str]] | None:
    return tokens(text, STRICT_TOKEN)


class _Reader:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens, self.i = tokens, 0

    def peek(self, offset: int = 0) -> tuple[str, str]:
        j = self.i + offset
        return self.tokens[j] if j < len(self.tokens) else ("end", "")

    def take(self, *expected: tuple[str, str]) -> bool:
        """Consume ``expected`` if the next tokens are exactly these."""
        if all(self.peek(k) == e for k, e in enumerate(expected)):
            self.i += len(expected)
            return True
        return False

    def var(self) -> str | None:
        kind, value = self.peek()
        if kind != "var":
            return None
        self.i += 1
        return value


def _position(token: tuple[str, str], predicate: bool) -> tuple[str, str] | None:
    kind, value = token
    if kind == "var":
        return ("var", value)
    if predicate and token == ("word", "A"):
        return ("iri", RDF_TYPE)
    iri = absolute_iri(token)
    return None if iri is None else ("iri", iri)


def _count(r: _Reader) -> tuple[str, str | None, bool] | None:
    """``( COUNT ( [DISTINCT] (*|?v) ) AS ?n )``: (n, v or None, distinct)."""
    if not r.take(("punct", "("), ("word", "COUNT"), ("punct", "(")):
        return None
    distinct = r.take(("word", "DISTINCT"))
    star = r.take(("punct", "*"))
    counted = None if star else r.var()
    if not star and counted is None:
        return None
    if not r.take(("punct", ")"), ("word", "AS")):
        return None
    n = r.var()
    return (n, counted, distinct) if n is not None and r.take(("punct", ")")) else None


def _order(r: _Reader) -> list[tuple[str, bool]] | None:
    keys: list[tuple[str, bool]] = []
    while len(keys) < 2:
        kind, value = r.peek()
        if kind == "var":
            r.i += 1
            keys.append((value, False))
        elif kind == "word" and value in ("ASC", "DESC") and r.peek(1) == ("punct", "(") and r.peek(2)[0] == "var" \
                and r.peek(3) == ("punct", ")"):
            keys.append((r.peek(2)[1], value == "DESC"))
            r.i += 4
        else:
            break
    return keys or None


def _modifiers(r: _Reader) -> tuple[int | None, int] | None:
    """``LIMIT`` and ``OFFSET`` in either order, each at most once, then the end: (limit, offset)."""
    found: dict[str, int] = {}
    while r.peek()[0] != "end":
        kind, word = r.peek()
        if kind != "word" or word not in ("LIMIT", "OFFSET") or word in found or r.peek(1)[0] != "int":
            return None
        found[word] = int(r.peek(1)[1])
        r.i += 2
    return found.get("LIMIT"), found.get("OFFSET", 0)


def parse(query: str) -> Aggregate | None:
    """The :class:`Aggregate` of ``query`` if it is the shape above, else None.

    >>> parse("select (count(*) as ?n) { ?s <http://x/p> ?s }").variables
    ['s']
    >>> parse("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) ?p OFFSET 2 LIMIT 20").order
    (('n', True), ('p', False))
    >>> parse("SELECT ?p (SUM(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p") is None
    True
    >>> parse("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p 'x' } GROUP BY ?p") is None  # a literal
    True
    >>> parse("SELECT ?o (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p") is None  # ?o is not grouped
    True
    """
    if len(query) > 4096 or "\\" in query:
        return None
    tokens = _tokens(query)
    if not tokens:
        return None
    r = _Reader(tokens)
    if not r.take(("word", "SELECT")):
        return None
    projection: list[str] = []
    count = None
    while True:
        if r.peek() == ("punct", "("):
            if count is not None:
                return None
            count = _count(r)
            if count is None:
                return None
            projection.append(count[0])
        elif (v := r.var()) is not None:
            projection.append(v)
        else:
            break
    if count is None or len(set(projection)) != len(projection) or len(projection) > 2:
        return None
    r.take(("word", "WHERE"))
    if not r.take(("punct", "{")):
        return None
    s, p, o = (_position(r.peek(k), predicate=k == 1) for k in range(3))
    r.i += 3
    r.take(("punct", "."))
    if not r.take(("punct", "}")) or s is None or p is None or o is None:
        return None
    group = None
    if r.take(("word", "GROUP"), ("word", "BY")):
        group = r.var()
        if group is None:
            return None
    order: list[tuple[str, bool]] = []
    if r.take(("word", "ORDER"), ("word", "BY")):
        keys = _order(r)
        if keys is None:
            return None
        order = keys
    modifiers = _modifiers(r)
    if modifiers is None:
        return None
    n, counted, distinct = count
    found = Aggregate(tuple(projection), (s, p, o), group, n, counted, distinct, tuple(order), *modifiers)
    variables = found.variables
    if n in variables or (counted is not None and counted not in variables) or (group is not None and group not in variables):
        return None
    others = [v for v in projection if v != n]
    if others and others != [group]:  # only the group variable may be projected besides the count
        return None
    if any(v not in (n, group) for v, _ in order):
        return None
    return found
