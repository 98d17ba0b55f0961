"""Narrowing pyoxigraph's wide return types, once, for the type checker and the reader.

pyoxigraph types a query solution's term as ``NamedNode | BlankNode | Literal | Triple`` and every
``serialize``/``dump`` as ``bytes | None`` (``None`` when it wrote to a file). The code reads
``.value`` of a term it knows to be no quoted triple and the bytes of a call without ``output``:
these two helpers say so in one place, and fail loudly if the assumption is ever wrong.
"""

from __future__ import annotations

import pyoxigraph as ox

__all__ = ["term_value", "serialized"]


def term_value(term: object) -> str:
    """The lexical value of an IRI, a blank node or a literal (``.value``).

    :raises TypeError: for anything else (a quoted triple, ``None``).

    >>> term_value(ox.NamedNode("http://x/a")), term_value(ox.Literal("1"))
    ('http://x/a', '1')
    >>> term_value(ox.Triple(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("1")))
    Traceback (most recent call last):
    ...
    TypeError: not an IRI, blank node or literal: <http://x/a> <http://x/p> "1"
    """
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term.value
    raise TypeError(f"not an IRI, blank node or literal: {term}")


def serialized(data: bytes | None) -> bytes:
    """The bytes a pyoxigraph ``serialize``/``dump`` called without ``output`` returns.

    :raises TypeError: if it returned ``None`` (it was given an output to write to).

    >>> serialized(ox.serialize([], format=ox.RdfFormat.N_TRIPLES))
    b''
    """
    if data is None:
        raise TypeError("serialize() wrote to an output and returned nothing")
    return data
