"""Turtle as pyoxigraph writes it, from terms written once: byte for byte its writer's output.

Why: a ``DESCRIBE <iri>`` answered from the store's columns (:mod:`ungraph.web.describe`) has its
triples as term ids. Handing them to pyoxigraph's writer means making Python objects of them first
(parse and write were 60% of such an answer). The build writes every term's Turtle form once, into the
columns (:func:`term`, ``terms.ttl``); an answer is then those forms joined (:func:`document`), as a
point lookup joins the terms' SPARQL JSON. Rewriting each term at request time instead (tried) cost
more than pyoxigraph's parse and write.

The rules are oxttl's ``LowLevelTriGSerializer`` (the writer behind ``pyoxigraph.serialize`` for
Turtle, and for TriG's default graph), read in its source:

* the ``@prefix`` lines first, in the writer's own order (:func:`prefix_order` asks the writer);
* an IRI as ``name:local`` for the first prefix, in that order (the longest first), that it starts
  with and whose local part can be written (:func:`local_name`; an empty one gives ``name:``), else
  ``<iri>``; ``rdf:type`` as predicate is ``a``. Every prefix an answer's IRIs start with is among the
  prefixes it writes (:func:`ungraph.turtle.used_prefixes`), so a term's form depends on the term and
  the app's prefixes only, not on the rest of the answer;
* a plain or language-tagged literal as in N-Triples; a boolean, integer, decimal or double whose
  lexical form is one of Turtle's as it is (``5``); any other typed literal as ``"..."^^`` and its
  datatype written as an IRI is;
* consecutive triples grouped: the same subject ``" ;\\n\\t"``, the same subject and predicate ``" , "``;
  a triple that comes twice is written twice, as pyoxigraph writes it.

Which prefixes an answer declares is :func:`used_prefixes` (a query worker's answers too). Blank nodes
and triple terms are not handled (the caller sends those to the engine). Every subject of
the build, and of an enlargement, is checked against pyoxigraph's writer (``tests/web/test_describe.py``),
and the rules in ``tests/test_turtle.py``.

>>> order = prefix_order((("x", "http://x/"), ("xsd", "http://www.w3.org/2001/XMLSchema#")))
>>> ts = [term(t, order).encode() for t in ("<http://x/a>", "<http://x/p>", '"1"^^<http://www.w3.org/2001/XMLSchema#integer>',
...                                         '"b"@en', "<http://x/q>", "<http://x/c/d>")]
>>> document(order, [(ts[0], ts[1], ts[2]), (ts[0], ts[1], ts[3]), (ts[0], ts[4], ts[5])]).decode().splitlines()
['@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .', '@prefix x: <http://x/> .', 'x:a x:p 1 , "b"@en ;', '\\tx:q x:c\\\\/d .']
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable

import pyoxigraph as ox

__all__ = ["prefix_order", "local_name", "term", "document", "used_prefixes", "prefixes_of"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"  # a plain string: written without its datatype
# PN_CHARS_BASE and PN_CHARS_U of the Turtle grammar ([157s], [158s]), as oxttl's lexer has them
_U = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d\u2070-\u218f"
      "\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff_")
_ESCAPABLE = r"_~.\-!$&'()*+,;=/?#@%"  # what oxttl writes after a backslash in a local name
#: a local name oxttl can write: its first character plain or escapable, the rest PN_CHARS, ':', '.' or escapable
_WRITABLE = re.compile(rf"[{_U}:0-9{_ESCAPABLE}][{_U}\-0-9\u00b7\u0300-\u036f\u203f-\u2040:.{_ESCAPABLE}]*")
_FIRST_ESCAPED = frozenset("~.-!$&'()*+,;=/?#@%")  # escapable, not PN_CHARS_U (``_``), ``:`` or a digit
_ESCAPED = "~!$&'()*+,;=/?#@%"  # escaped after the first character ('-' and '_' are PN_CHARS)
_ANY_ESCAPED = re.compile(f"[{re.escape(_ESCAPED)}]")
#: the lexical forms oxttl writes bare, by datatype ([19]-[21] of the grammar; ``true``/``false``)
_BARE = {f"{_XSD}{name}": re.compile(pattern) for name, pattern in (
    ("boolean", r"true|false"),
    ("integer", r"[+-]?[0-9]+"),
    ("decimal", r"[+-]?[0-9]*\.[0-9]+"),
    ("double", r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][+-]?[0-9]+"),
)}


@functools.lru_cache(maxsize=1024)
def prefix_order(prefixes: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """``prefixes`` (name, IRI) in the order pyoxigraph's writer writes and tries them (by decreasing
    IRI length, as oxttl sorts them). Asked of the writer itself, once per set, with one triple.

    >>> prefix_order((("a", "http://a/"), ("long", "http://a/long/")))
    (('long', 'http://a/long/'), ('a', 'http://a/'))
    """
    if not prefixes:
        return ()
    probe = ox.Triple(ox.NamedNode("urn:x"), ox.NamedNode("urn:x"), ox.NamedNode("urn:x"))
    text = (ox.serialize([probe], format=ox.RdfFormat.TURTLE, prefixes=dict(prefixes)) or b"").decode("utf-8")
    iri_of = dict(prefixes)
    names = [line[len("@prefix "):line.index(":")] for line in text.splitlines() if line.startswith("@prefix ")]
    return tuple((name, iri_of[name]) for name in names)


def local_name(local: str) -> str | None:
    """``local`` as oxttl writes it after ``name:`` (escaped), or None when it cannot be written.

    >>> local_name("organization/UN"), local_name("a.b."), local_name("-x"), local_name("\u00b7x")
    ('organization\\\\/UN', 'a.b\\\\.', '\\\\-x', None)
    """
    if not _WRITABLE.fullmatch(local):
        return None
    first, rest = local[0], local[1:]
    if _ANY_ESCAPED.search(rest):
        for c in _ESCAPED:
            if c in rest:
                rest = rest.replace(c, "\\" + c)
    out = ("\\" + first if first in _FIRST_ESCAPED else first) + rest
    if rest.endswith("."):  # a '.' is PN_LOCAL's only at the end escaped
        out = out[:-1] + "\\."
    return out


def _iri(iri: str, prefixes: tuple[tuple[str, str], ...]) -> str:
    for name, ns in prefixes:
        if iri.startswith(ns):
            if len(iri) == len(ns):
                return name + ":"
            local = local_name(iri[len(ns):])
            if local is not None:
                return f"{name}:{local}"
    return f"<{iri}>"


def term(nt: str, prefixes: tuple[tuple[str, str], ...]) -> str:
    """One term's N-Triples string (an IRI or a literal) as Turtle, with ``prefixes`` in
    :func:`prefix_order`.

    >>> term('"2.50"^^<http://www.w3.org/2001/XMLSchema#decimal>', ()), term('"x"^^<http://x/t>', (("x", "http://x/"),))
    ('2.50', '"x"^^x:t')
    """
    if nt[0] == "<":
        return _iri(nt[1:-1], prefixes)
    if nt[-1] != ">":  # "..." or "..."@tag: as in N-Triples
        return nt
    at = nt.rindex('"^^<')
    datatype = nt[at + 4:-1]
    bare = _BARE.get(datatype)
    if bare is not None and bare.fullmatch(nt, 1, at):
        return nt[1:at]
    return f"{nt[:at + 1]}^^{_iri(datatype, prefixes)}"


def document(prefixes: tuple[tuple[str, str], ...], rows: Iterable[tuple[bytes, bytes, bytes]]) -> bytes:
    """The Turtle document of ``rows``: each triple's subject, predicate and object already in Turtle
    (:func:`term`; the predicate ``rdf:type`` as ``a``), in order; with the ``@prefix`` lines of
    ``prefixes``, in :func:`prefix_order`. Consecutive triples are grouped as pyoxigraph groups them."""
    out = [f"@prefix {name}: <{ns}> .\n".encode("utf-8") for name, ns in prefixes]
    put = out.append
    last_s = last_p = None
    for s, p, o in rows:
        if s == last_s:
            if p == last_p:
                put(b" , ")
                put(o)
                continue
            put(b" ;\n\t")
        else:
            if last_s is not None:
                put(b" .\n")
            put(s)
            put(b" ")
        put(p)
        put(b" ")
        put(o)
        last_s, last_p = s, p
    if last_s is not None:
        put(b" .\n")
    return b"".join(out)


def used_prefixes(triples: list[ox.Triple], prefixes: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The ``prefixes`` whose namespace begins an IRI of ``triples`` (a subject, predicate or object,
    or a literal's datatype that N-Triples writes out): the ones a Turtle document of them may use.

    Finds the distinct IRIs once and looks each namespace up in their sorted list, instead of
    searching the N-Triples text of the triples for every namespace (0.57 ms for a 200-triple
    DESCRIBE, now 0.2 ms). A literal's text is not searched (the text search also declared a prefix
    for a ``<http://...`` inside a string); a quoted triple is searched as text, as before.

    >>> a, p = ox.NamedNode("http://x/a"), ox.NamedNode("http://y/p")
    >>> t = [ox.Triple(a, p, ox.Literal("1", datatype=ox.NamedNode("http://z/int"))), ox.Triple(a, p, ox.Literal("s"))]
    >>> used_prefixes(t, [("x", "http://x/"), ("y", "http://y/"), ("z", "http://z/"), ("w", "http://w/"),
    ...                   ("xsd", "http://www.w3.org/2001/XMLSchema#")])
    {'x': 'http://x/', 'y': 'http://y/', 'z': 'http://z/'}
    """
    iris: set[str] = set()
    add = iris.add
    named, literal, blank = ox.NamedNode, ox.Literal, ox.BlankNode
    for t in triples:
        s, o = t.subject, t.object
        if isinstance(s, named):
            add(s.value)
        elif not isinstance(s, blank):  # a quoted triple
            return _used_prefixes_in_text(triples, prefixes)
        add(t.predicate.value)
        if isinstance(o, named):
            add(o.value)
        elif isinstance(o, literal):
            if not o.language:
                dt = o.datatype.value
                if dt != _XSD_STRING:
                    add(dt)
        elif not isinstance(o, blank):
            return _used_prefixes_in_text(triples, prefixes)
    return prefixes_of(iris, prefixes)


def prefixes_of(iris: Iterable[str], prefixes: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The ``prefixes`` whose namespace begins one of ``iris`` (:func:`used_prefixes` of the IRIs it found).

    >>> prefixes_of({"http://x/a"}, [("x", "http://x/"), ("y", "http://y/")])
    {'x': 'http://x/'}
    """
    ordered = sorted(iris)
    found = {}
    for name, ns in prefixes:
        i = bisect.bisect_left(ordered, ns)
        if i < len(ordered) and ordered[i].startswith(ns):
            found[name] = ns
    return found


def _used_prefixes_in_text(triples: list[ox.Triple], prefixes: Iterable[tuple[str, str]]) -> dict[str, str]:
    blob = "\n".join(map(str, triples))
    return {p: ns for p, ns in prefixes if "<" + ns in blob}
