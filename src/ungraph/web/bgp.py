"""Basic graph patterns (joins of triple patterns under a ``LIMIT``) answered from the store's columns.

``SELECT ?a ?b ?l WHERE { ?a a ?c . ?a ?p ?b . ?b skos:prefLabel ?l FILTER(isIRI(?b) && LANG(?l) = "zh") }
LIMIT 100`` is how a user asks "what is linked to what, with its Chinese name". oxigraph plans it as
nested loops from the ``skos:prefLabel`` scan, testing the filter on every label of every report graph
first: 3.8-4.3 ms at the 100x enlargement, in a query worker (``benchmarks/endpoint/README.md``). This
module is **an execution path, not a cache**: on every request it evaluates the join on the store's
columns (:mod:`ungraph.columns`: term ids as numpy arrays, mapped by the server), a batch of solutions
at a time, vectorized.

**What it answers** (:func:`parse`; any doubt: None, and the engine answers):

* ``SELECT ?v ...`` (each once; every one in the pattern) or ``SELECT *`` (the pattern's variables by
  name, as the engine heads them), optional ``WHERE``, then a
  group of at most :data:`MAX_PATTERNS` triple patterns (``.``, ``;`` and ``,`` as in SPARQL; subjects
  and predicates variables or full absolute IRIs, ``a`` for ``rdf:type``; objects those or a simple
  string literal, with a lower-case language tag or none) and ``FILTER`` s, then ``LIMIT n`` with ``n``
  within the row limit;
* a filter is a conjunction (``&&``, parentheses) of ``isIRI`` / ``isURI`` / ``isLiteral`` / ``isBlank``
  of a variable (or their negation ``!``), ``LANG(?v) = "tag"``, and ``?v = <iri>`` / ``?v != <iri>``,
  over variables of the pattern;
* tokens apart by SPARQL white space or comments, no backslash, no prefixed name, no ``BASE`` or
  ``PREFIX``, no dataset in the request; SPARQL JSON, XML, CSV or TSV results.

**Semantics.** The union default graph, as a query worker runs it (``use_default_graph_as_union``):
the columns hold every quad, so a triple in two report graphs matches twice, as in the engine (the
tests compare the solutions as multisets). Filters are tested as soon as their variables are bound
(a group's filters hold for the whole group: SPARQL 1.1 §18.2.2.6). The type tests cannot fail; ``LANG``
of a term that is no literal is an error, and a filter that errs drops the solution, as the engine's.

**The order is the plan's, not the engine's.** Without ``ORDER BY`` SPARQL leaves the order of the
solutions open, and under a ``LIMIT`` which of them come (SPARQL 1.1 §15): this path returns the first
``n`` in the order of its own plan, the same on every request and every build of the same input, a
different slice than the engine's. :func:`plan` picks, among the orders in which every pattern has
an index, the one that touches the fewest rows by the columns' counts: a pattern whose subject is
bound reads that subject's rows (``S``: ``lookup.*``, the engine's SPOG order), or with a constant
predicate only that predicate's rows among them (``SP``: the positions of the predicate's rows in
``lookup.*``, found once per process, :func:`by_predicate`; the same rows in the same order as ``S``
keeping that predicate's), one with a constant predicate and a bound object a slice of ``pos.*``
(``PO``: predicate-object-subject), one with only a constant predicate that predicate's slice (``P``),
one with nothing bound every quad (``ALL``). A pattern that could only be read by its
object (``?s ?p <o>`` with ``?p`` free) has no index here: a plan that needs one is not taken, and a
query with no other plan goes to the engine.

**Bounded.** Solutions are made a batch of the first pattern's rows at a time (32, then 4x more each
time) until ``n`` are found; every row read counts against :data:`MAX_WORK`, and past it the path gives
up (None: the query goes to a query worker, under the time limit). So its cost is bounded by that
budget, not by the query, and like :mod:`ungraph.web.lookup` it runs in the server process, with no
time limit needed. The answer is written as a query worker writes its rows
(:func:`ungraph.sparql.bindings_answer`; SPARQL JSON from the terms' JSON forms in the columns).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from itertools import permutations

import numpy as np
import pyoxigraph as ox

from ungraph.columns import Columns
from ungraph.sparql import Answer, Job, bindings_answer, top_level_limit
from ungraph.web.query_cost import absolute_iri

__all__ = ["MAX_PATTERNS", "MAX_WORK", "Select", "answer", "parse", "plan", "solutions"]

#: The most triple patterns in a group answered here (the plans of more are not searched)
MAX_PATTERNS = 5
#: The most index rows one query reads here before it goes to the engine (about 10 ms of numpy)
MAX_WORK = 2_000_000
_FIRST_BATCH, _GROWTH = 32, 4
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

_TOKEN = re.compile(
    r"""(?P<skip>[ \t\r\n]+|\#[^\n\r]*)|(?P<iri><[^<>"{}|^`\\\s]*>)|[?$](?P<var>[A-Za-z_][A-Za-z0-9_]*)"""
    r"""|(?P<str>'[^'\\\n\r]*'|"[^"\\\n\r]*")(?:@(?P<lang>[a-z]+(?:-[a-z0-9]+)*)(?![A-Za-z0-9-]))?"""
    r"""|(?P<int>[0-9]{1,18})(?![0-9])|(?P<word>[A-Za-z]+)(?![A-Za-z0-9_:-])|(?P<punct>&&|!=|[{}.;,*()=!])|(?P<other>.)""",
    re.S)

#: A term of a pattern: ("var", name), ("iri", value) or ("lit", value, language or "")
Term = tuple
#: A test of a filter: (kind, variable, argument): "iri", "literal", "blank" (argument: the truth wanted),
#: "lang" (the tag), "eq" / "ne" (an IRI)
Test = tuple[str, str, object]


@dataclass(frozen=True)
class Select:
    """A recognised query: the projection, the triple patterns, the filters' tests, the LIMIT."""

    projection: tuple[str, ...]
    patterns: tuple[tuple[Term, Term, Term], ...]
    tests: tuple[Test, ...]
    limit: int


class _Decline(Exception):
    """Not the shape answered here."""


def _tokens(text: str) -> list[tuple[str, str, str]] | None:
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind == "lang":
            kind = "str"
        if kind == "skip":
            continue
        if kind == "other":
            return None
        if kind == "str":
            out.append(("str", m.group("str")[1:-1], m.group("lang") or ""))
        else:
            value = m.group(kind)
            out.append((kind, value.upper() if kind == "word" else value, value))
    return out


class _Reader:
    def __init__(self, toks: list[tuple[str, str, str]]) -> None:
        self.toks, self.i = toks, 0

    def peek(self, k: int = 0) -> tuple[str, str, str]:
        return self.toks[self.i + k] if self.i + k < len(self.toks) else ("end", "", "")

    def take(self) -> tuple[str, str, str]:
        tok = self.peek()
        if tok[0] == "end":
            raise _Decline
        self.i += 1
        return tok

    def expect(self, kind: str, value: str) -> None:
        tok = self.take()
        if tok[0] != kind or tok[1] != value:
            raise _Decline

    def at(self, kind: str, value: str) -> bool:
        tok = self.peek()
        return tok[0] == kind and tok[1] == value


def _term(r: _Reader, position: str) -> Term:
    tok = r.take()
    if tok[0] == "var":
        return ("var", tok[1])
    if tok[0] == "iri":
        iri = absolute_iri(("iri", tok[1]))
        if iri is None:
            raise _Decline
        return ("iri", iri)
    if position == "p" and tok[0] == "word" and tok[2] == "a":  # the keyword is lower case only
        return ("iri", RDF_TYPE)
    if position == "o" and tok[0] == "str":  # a datatype ("^^") is no token: declined
        return ("lit", tok[1], tok[2])
    raise _Decline


def _var_of(r: _Reader) -> str:
    tok = r.take()
    if tok[0] != "var":
        raise _Decline
    return tok[1]


_TYPE_TESTS = {"ISIRI": "iri", "ISURI": "iri", "ISLITERAL": "literal", "ISBLANK": "blank"}


def _primary(r: _Reader, tests: list[Test]) -> None:
    tok = r.peek()
    if tok[:2] == ("punct", "("):
        r.take()
        _conjunction(r, tests)
        r.expect("punct", ")")
        return
    wanted = True
    if tok[:2] == ("punct", "!"):
        r.take()
        wanted, tok = False, r.peek()
        if tok[0] != "word" or tok[1] not in _TYPE_TESTS:
            raise _Decline
    if tok[0] == "word" and tok[1] in _TYPE_TESTS:
        r.take()
        r.expect("punct", "(")
        var = _var_of(r)
        r.expect("punct", ")")
        tests.append((_TYPE_TESTS[tok[1]], var, wanted))
        return
    if tok[:2] == ("word", "LANG"):
        r.take()
        r.expect("punct", "(")
        var = _var_of(r)
        r.expect("punct", ")")
        r.expect("punct", "=")
        tag = r.take()
        if tag[0] != "str" or tag[2]:  # a plain string: "zh", not "zh"@en
            raise _Decline
        tests.append(("lang", var, tag[1]))
        return
    if tok[0] == "var" and r.peek(1)[0] == "punct" and r.peek(1)[1] in ("=", "!=") and r.peek(2)[0] == "iri":
        var, op, iri = r.take()[1], r.take()[1], absolute_iri(("iri", r.take()[1]))
        if iri is None:
            raise _Decline
        tests.append(("eq" if op == "=" else "ne", var, iri))
        return
    raise _Decline


def _conjunction(r: _Reader, tests: list[Test]) -> None:
    _primary(r, tests)
    while r.at("punct", "&&"):
        r.take()
        _primary(r, tests)


def _group(r: _Reader) -> tuple[list[tuple[Term, Term, Term]], list[Test]]:
    patterns: list[tuple[Term, Term, Term]] = []
    tests: list[Test] = []
    r.expect("punct", "{")
    while not r.at("punct", "}"):
        if r.at("word", "FILTER"):
            r.take()
            if r.at("punct", "("):
                r.take()
                _conjunction(r, tests)
                r.expect("punct", ")")
            else:  # FILTER isIRI(?x): a built-in call without parentheses of its own
                _primary(r, tests)
            if r.at("punct", "."):
                r.take()
            continue
        s = _term(r, "s")
        while True:
            p = _term(r, "p")
            while True:
                patterns.append((s, p, _term(r, "o")))
                if not r.at("punct", ","):
                    break
                r.take()
            if not r.at("punct", ";"):
                break
            r.take()
            if r.at("punct", ".") or r.at("punct", "}"):  # a final ";"
                break
        if r.at("punct", "."):
            r.take()
        elif not r.at("punct", "}") and not r.at("word", "FILTER"):
            raise _Decline
    r.take()
    return patterns, tests


def parse(query: str) -> Select | None:
    """The :class:`Select` of ``query`` if it is the shape above, else None.

    >>> q = parse("SELECT ?a ?l WHERE { ?a a ?c ; <http://x/p> ?l FILTER(LANG(?l) = 'zh') } LIMIT 5")
    >>> q.patterns[1], q.tests, q.limit
    ((('var', 'a'), ('iri', 'http://x/p'), ('var', 'l')), (('lang', 'l', 'zh'),), 5)
    >>> parse("SELECT ?a WHERE { ?a a ?c } LIMIT 5") is None   # one pattern: ungraph.web.query_cost's
    True
    >>> parse("SELECT ?a WHERE { ?a a ?c . ?c a ?d }") is None   # no LIMIT
    True
    >>> parse("SELECT ?z WHERE { ?a a ?c . ?c a ?d } LIMIT 5") is None   # ?z is not in the pattern
    True
    >>> parse("SELECT ?a WHERE { ?a a ?c . ?c a ?d FILTER(?c > 3) } LIMIT 5") is None
    True
    """
    if len(query) > 4096:
        return None
    toks = _tokens(query)
    if not toks:
        return None
    r = _Reader(toks)
    try:
        r.expect("word", "SELECT")
        projected: list[str] = []
        if r.at("punct", "*"):
            r.take()
            star = True
        else:
            star = False
            while r.peek()[0] == "var":
                projected.append(r.take()[1])
            if not projected:
                raise _Decline
        if r.at("word", "WHERE"):
            r.take()
        patterns, tests = _group(r)
        r.expect("word", "LIMIT")
        tok = r.take()
        if tok[0] != "int" or r.peek()[0] != "end":
            raise _Decline
        limit = int(tok[1])
    except _Decline:
        return None
    if not 2 <= len(patterns) <= MAX_PATTERNS:
        return None
    seen: list[str] = []
    for pattern in patterns:
        for t in pattern:
            if t[0] == "var" and t[1] not in seen:
                seen.append(t[1])
    if star:  # the pattern's variables sorted by name, as the engine projects them
        projected = sorted(seen)
    if len(set(projected)) != len(projected) or not set(projected) <= set(seen):
        return None
    if any(var not in seen for _, var, _ in tests):
        return None
    return Select(tuple(projected), tuple(patterns), tuple(tests), limit)


# --- the plan --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Step:
    """One pattern of a plan and how it is read: ``S`` (its subject is bound: the subject's rows), ``SP``
    (and a constant predicate: that predicate's rows of the subject), ``PO`` (a constant predicate and a
    bound object: a ``pos`` slice), ``P`` (a constant predicate only), ``ALL`` (see the module's docstring)."""

    pattern: tuple[Term, Term, Term]
    access: str


def _access(pattern: tuple[Term, Term, Term], bound: set[str]) -> str | None:
    def known(t: Term) -> bool:
        return t[0] != "var" or t[1] in bound

    s, p, o = pattern
    if known(s):
        return "SP" if p[0] == "iri" else "S"
    if p[0] == "iri":
        return "PO" if known(o) else "P"
    if known(o) or known(p):
        return None  # read by its object (or a bound predicate variable only): no index here
    return "ALL"


def plan(columns: Columns, patterns: tuple[tuple[Term, Term, Term], ...], ids: dict[Term, int]) -> list[Step] | None:
    """The cheapest order of ``patterns`` in which each has an index (see the module's docstring), or None.

    ``ids``: the id of every constant term. The estimate of an order is the rows it reads in all: a
    subject's rows are the columns' mean per subject, a predicate's slice its size (exact), a
    predicate-object slice that size over the predicate's distinct objects, and all quads all quads.
    """
    quads = max(len(columns), 1)
    per_subject = quads / max(int(columns.manifest.get("subjects", 1)), 1)
    sizes: dict[int, int] = {}

    def p_rows(pid: int) -> int:
        if pid not in sizes:
            lo, hi = _p_range(columns, pid)
            sizes[pid] = hi - lo
        return sizes[pid]

    best: tuple[float, list[Step]] | None = None
    for order in permutations(range(len(patterns))):
        bound: set[str] = set()
        steps: list[Step] = []
        cost, width = 0.0, 1.0
        for k in order:
            pattern = patterns[k]
            access = _access(pattern, bound)
            if access is None:
                break
            if access == "S":
                rows = per_subject
            elif access == "SP":
                rows = max(p_rows(ids[pattern[1]]) * per_subject / quads, 0.1)
            elif access == "PO":
                rows = max(p_rows(ids[pattern[1]]) / max(per_subject, 1.0), 1.0)
            elif access == "P":
                rows = float(p_rows(ids[pattern[1]]))
            else:
                rows = float(quads)
            cost += width * rows
            width *= rows if access in ("P", "ALL") else max(rows / 4, 1.0)  # bound rows are mostly filtered
            steps.append(Step(pattern, access))
            bound |= {t[1] for t in pattern if t[0] == "var"}
        else:
            if best is None or cost < best[0]:
                best = (cost, steps)
    return None if best is None else best[1]


def _p_range(columns: Columns, pid: int) -> tuple[int, int]:
    key = columns.p.dtype.type(pid)  # in the column's own type: a Python int would copy the column to int64
    return int(np.searchsorted(columns.p, key, "left")), int(np.searchsorted(columns.p, key, "right"))


# --- the evaluation --------------------------------------------------------------------------------

class _Budget(Exception):
    """More rows than :data:`MAX_WORK` read."""


class _Work:
    def __init__(self, budget: int) -> None:
        self.left = budget

    def spend(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise _Budget


def _expand(starts: np.ndarray, stops: np.ndarray, work: _Work) -> tuple[np.ndarray, np.ndarray]:
    """(the solution each row extends, the row's position) for the ranges ``starts[i]:stops[i]``, in order."""
    lens = np.maximum(stops - starts, 0)
    total = int(lens.sum())
    work.spend(total + len(starts))
    which = np.repeat(np.arange(len(starts), dtype=np.int64), lens)
    if total == 0:
        return which, which
    before = np.cumsum(lens) - lens
    at = np.arange(total, dtype=np.int64) - np.repeat(before - starts, lens)
    return which, at


class _Tester:
    """The filters' tests on term ids; what a term is, read once per id from the columns."""

    def __init__(self, columns: Columns) -> None:
        self.columns = columns

    def mask(self, test: Test, ids: np.ndarray, const: dict[str, int | None]) -> np.ndarray:
        kind, _, arg = test
        if kind in ("eq", "ne"):
            target = const[arg]  # type: ignore[index]
            same = np.zeros(len(ids), dtype=bool) if target is None else ids == target
            return same if kind == "eq" else ~same
        if kind == "lang":
            return self.lang_is(ids, str(arg))
        first = self.columns.kinds(ids) >> 8 if len(ids) else np.zeros(0, dtype=np.uint16)
        is_kind = first == {"iri": ord("<"), "literal": ord('"'), "blank": ord("_")}[kind]
        if kind == "iri":  # "<<": a triple term, no IRI
            is_kind &= (self.columns.kinds(ids) & 0xFF) != ord("<") if len(ids) else is_kind
        return is_kind if arg else ~is_kind

    def lang_is(self, ids: np.ndarray, tag: str) -> np.ndarray:
        """Whether ``LANG`` of each term is ``tag`` (:func:`_lang_is`), kept by term id once read: a label
        of a shared entity is one term in every report graph, so the same few ids come again and again
        (15,092 rows of 116 labels in the two-hop join at 100x)."""
        if not len(ids):
            return np.zeros(0, dtype=bool)
        known = _lang_memo(self.columns, tag)  # 0: not read yet, 1: the tag, 2: another or none
        state = known[ids]
        unread = ids[state == 0]
        if len(unread):
            unique = np.unique(unread)
            known[unique] = np.where(_lang_is(self.columns, unique, tag), 1, 2)
            state = known[ids]
        return state == 1


_lang_memos: OrderedDict[tuple[int, str], tuple[Columns, np.ndarray]] = OrderedDict()
_lang_lock = threading.Lock()


def _lang_memo(columns: Columns, tag: str) -> np.ndarray:
    """One byte a term for ``LANG = tag`` (what :meth:`_Tester.lang_is` has read), per process and tag,
    for the :data:`KEPT_PREDICATES` most recent tags."""
    key = (id(columns), tag)
    with _lang_lock:
        found = _lang_memos.get(key)
        if found is None or found[0] is not columns:
            found = _lang_memos[key] = (columns, np.zeros(columns.n_terms, dtype=np.uint8))
            while len(_lang_memos) > KEPT_PREDICATES:
                _lang_memos.popitem(last=False)
        _lang_memos.move_to_end(key)
        return found[1]


def _lang_is(c: Columns, ids: np.ndarray, tag: str) -> np.ndarray:
    """Whether ``LANG`` of each term is ``tag``, from the end of its N-Triples form: ``"@tag`` there is a
    literal with that tag and no other (a tag has no quote; a quote in the value is escaped); the empty
    tag is a literal without one (a plain string or a typed literal). A form ending in a base direction (``--ltr``, ``--rtl``: RDF 1.2) is read as a term instead."""
    off = c.nt_offsets()
    starts, ends = off[ids].astype(np.int64), off[ids + 1].astype(np.int64)
    if not tag:  # a literal without a tag: its form ends with its closing quote or its datatype's ">"
        last = c.nt_bytes[ends - 1]
        return (c.nt_bytes[starts] == ord('"')) & ((last == ord('"')) | (last == ord(">")))
    want = b'"@' + tag.encode("ascii", "replace")
    k = max(len(want), 5)
    # the last k bytes of each form (or its first bytes again, for a shorter one), in one gather
    at = np.maximum(ends[:, None] - k + np.arange(k, dtype=np.int64), starts[:, None])
    tail = c.nt_bytes[at]
    good = (c.nt_bytes[starts] == ord('"')) & (ends - starts > len(want))
    good &= (tail[:, k - len(want):] == np.frombuffer(want, dtype=np.uint8)).all(axis=1)
    directed = ((tail[:, -5:] == np.frombuffer(b"--ltr", dtype=np.uint8)).all(axis=1)
                | (tail[:, -5:] == np.frombuffer(b"--rtl", dtype=np.uint8)).all(axis=1))
    for j in np.flatnonzero(directed).tolist():
        term = c.term(int(ids[j]))
        good[j] = isinstance(term, ox.Literal) and term.language == tag
    return good


def _constants(columns: Columns, select: Select) -> dict[Term, int | None]:
    ids: dict[Term, int | None] = {}
    for pattern in select.patterns:
        for t in pattern:
            if t[0] == "iri":
                ids[t] = columns.id_of(ox.NamedNode(t[1]))
            elif t[0] == "lit":
                ids[t] = columns.id_of(ox.Literal(t[1], language=t[2]) if t[2] else ox.Literal(t[1]))
    return ids


def solutions(columns: Columns, select: Select, budget: int = MAX_WORK) -> dict[str, np.ndarray] | None:
    """The first ``select.limit`` solutions (term ids by variable) in the plan's order; None when there
    is no plan or the budget runs out."""
    ids = _constants(columns, select)
    variables = {t[1] for pattern in select.patterns for t in pattern if t[0] == "var"}
    empty = {v: np.zeros(0, dtype=np.int64) for v in variables}
    if select.limit == 0 or any(i is None for i in ids.values()):
        return empty  # a constant not in the store: no solution
    steps = plan(columns, select.patterns, ids)  # type: ignore[arg-type]
    if steps is None:
        return None
    tester = _Tester(columns)
    # apart from ``ids``: an absent constant of a pattern means no solution, but ``?v != <absent>`` holds
    # for every ``?v`` (and ``?v = <absent>`` for none), which the filter decides from None
    eq_targets = {t[2]: (columns.id_of(ox.NamedNode(t[2])) if isinstance(t[2], str) else None)
                  for t in select.tests if t[0] in ("eq", "ne")}
    # each test once, after the step that binds its variable
    bound: set[str] = set()
    tests_after: list[list[Test]] = []
    for step in steps:
        bound |= {t[1] for t in step.pattern if t[0] == "var"}
        tests_after.append([t for t in select.tests if t[1] in bound and all(t not in done for done in tests_after)])
    work = _Work(budget)
    found: list[dict[str, np.ndarray]] = []
    count = 0
    try:
        first = steps[0]
        lo, hi, index = _first_range(columns, first, ids)
        at, size = lo, _FIRST_BATCH
        while at < hi and count < select.limit:
            batch = {"": np.zeros(min(size, hi - at), dtype=np.int64)}  # one empty solution a row
            sol = _read(columns, first, ids, batch, work, rows=(at, min(at + size, hi), index))
            at, size = at + size, size * _GROWTH
            sol = _filter(sol, tests_after[0], tester, eq_targets)
            for step, tests in zip(steps[1:], tests_after[1:]):
                if not len(next(iter(sol.values()))):
                    break
                sol = _filter(_read(columns, step, ids, sol, work), tests, tester, eq_targets)
            n = len(next(iter(sol.values())))
            if n:
                found.append(sol)
                count += n
    except _Budget:
        return None
    if not found:
        return empty
    return {v: np.concatenate([f[v] for f in found])[:select.limit] for v in variables}


def _first_range(columns: Columns, step: Step, ids: dict) -> tuple[int, int, np.ndarray | None]:
    """The range the first step reads, cut into batches, and the index it is a range of (None: the
    step's own columns)."""
    s, p, o = step.pattern
    if step.access in ("S", "SP"):
        sid = ids[s]
        lo, hi = int(columns.lookup_start[sid]), int(columns.lookup_start[sid + 1])
        if step.access == "S":
            return lo, hi, None
        index = by_predicate(columns, ids[p])
        return int(np.searchsorted(index, lo)), int(np.searchsorted(index, hi)), index
    if step.access == "ALL":
        return 0, len(columns), None
    lo, hi = _p_range(columns, ids[p])
    if step.access == "PO":
        within = columns.o[lo:hi]
        oid = within.dtype.type(ids[o])
        return lo + int(np.searchsorted(within, oid, "left")), lo + int(np.searchsorted(within, oid, "right")), None
    return lo, hi, None


#: (id(columns), predicate id) -> (columns, the positions of that predicate's rows in ``lookup.*``), recent last
_by_predicate: OrderedDict[tuple[int, int], tuple[Columns, np.ndarray]] = OrderedDict()
_by_predicate_lock = threading.Lock()
#: The most predicates whose positions a process keeps (each 4 bytes a row: 14 MB for rdf:type at 100x)
KEPT_PREDICATES = 16


def by_predicate(columns: Columns, pid: int) -> np.ndarray:
    """The positions in the subjects' rows (``lookup.*``) where the predicate is ``pid``, ascending: a
    subject's rows of one predicate are the positions within its range, in the engine's order, so
    reading them (``SP``) gives the rows reading the subject's (``S``) and keeping the predicate's would,
    in the same order. Found once per process and kept (one comparison over the column: 15 ms at 100x)."""
    key = (id(columns), pid)
    with _by_predicate_lock:
        found = _by_predicate.get(key)
        if found is not None and found[0] is columns:
            _by_predicate.move_to_end(key)
            return found[1]
    positions = np.flatnonzero(columns.lookup_p == columns.lookup_p.dtype.type(pid))
    positions = positions.astype(np.uint32 if len(columns.lookup_p) < 2 ** 32 else np.int64)
    with _by_predicate_lock:
        _by_predicate[key] = (columns, positions)
        while len(_by_predicate) > KEPT_PREDICATES:
            _by_predicate.popitem(last=False)
    return positions


_EMPTY = np.zeros(0, dtype=np.int64)


def _read(columns: Columns, step: Step, ids: dict, sol: dict[str, np.ndarray], work: _Work,
          rows: tuple[int, int, np.ndarray | None] | None = None) -> dict[str, np.ndarray]:
    """``sol`` extended by ``step``'s pattern: every solution times its matching rows, in order. ``rows``:
    for the first step, the slice of its range this batch reads (one row per solution of ``sol``)."""
    s, p, o = step.pattern
    n = len(next(iter(sol.values())))
    access = step.access

    def value(t: Term) -> np.ndarray:  # the term's id in every solution (it is known)
        return np.full(n, ids[t], dtype=np.int64) if t[0] != "var" else sol[t[1]]

    if rows is not None:  # the first step: its batch of rows, one per (empty) solution
        which = np.arange(n, dtype=np.int64)
        at = np.arange(rows[0], rows[1], dtype=np.int64)
        if rows[2] is not None:
            at = rows[2][at].astype(np.int64)
        work.spend(n)
    elif access in ("S", "SP"):
        starts, stops = columns.lookup_start[value(s)].astype(np.int64), columns.lookup_start[value(s) + 1].astype(np.int64)
        if access == "SP":  # the predicate's positions within each subject's rows
            index = by_predicate(columns, ids[p])
            starts, stops = np.searchsorted(index, starts).astype(np.int64), np.searchsorted(index, stops).astype(np.int64)
            which, at = _expand(starts, stops, work)
            at = index[at].astype(np.int64)
        else:
            which, at = _expand(starts, stops, work)
    elif access == "PO":
        lo, hi = _p_range(columns, ids[p])
        within = columns.o[lo:hi]
        ov = value(o).astype(within.dtype)  # searching in the column's own type: no copy of it
        which, at = _expand(lo + np.searchsorted(within, ov, "left").astype(np.int64),
                            lo + np.searchsorted(within, ov, "right").astype(np.int64), work)
    else:  # P or ALL, under solutions already made: every one times the whole slice
        lo, hi = (0, len(columns)) if access == "ALL" else _p_range(columns, ids[p])
        work.spend(n * (hi - lo))
        which = np.repeat(np.arange(n, dtype=np.int64), hi - lo)
        at = np.tile(np.arange(lo, hi, dtype=np.int64), n)
    # the positions the access itself matched (a known subject; a constant predicate; a known object)
    implied = {"S": "s", "SP": "sp", "PO": "po", "P": "p", "ALL": ""}[access]
    cols = ({"p": columns.lookup_p, "o": columns.lookup_o} if access in ("S", "SP")
            else {"s": columns.s, "p": columns.p, "o": columns.o})
    out = {v: a[which] for v, a in sol.items() if v}
    keep: np.ndarray | None = None
    for name, t in zip("spo", step.pattern):
        if name in implied:
            continue
        got = cols[name][at].astype(np.int64) if len(at) else _EMPTY
        if t[0] != "var":
            same = got == ids[t]
        elif t[1] in out:
            same = got == out[t[1]]
        else:
            out[t[1]] = got
            continue
        keep = same if keep is None else keep & same
    return out if keep is None else {v: a[keep] for v, a in out.items()}


def _filter(sol: dict[str, np.ndarray], tests: list[Test], tester: _Tester, targets: dict) -> dict[str, np.ndarray]:
    for test in tests:
        keep = tester.mask(test, sol[test[1]], targets)
        sol = {v: a[keep] for v, a in sol.items()}
    return sol


# --- the answer ------------------------------------------------------------------------------------

def answer(columns: Columns | None, job: Job, budget: int = MAX_WORK) -> Answer | None:
    """The answer to ``job`` from ``columns``, or None (see the module's docstring)."""
    if columns is None or job.describe or job.default_graph or job.named_graphs or job.result_format is None:
        return None
    select = parse(job.query)
    if select is None or select.limit > job.max_rows or top_level_limit(job.query) != select.limit:
        return None
    found = solutions(columns, select, budget)
    if found is None:
        return None
    names = list(select.projection)
    if job.result_format == "json":  # as pyoxigraph's writer: the terms' JSON forms from the columns
        off, blob = columns.json_offsets(), columns.json_blob()
        keys = [(b'{"' if k == 0 else b',"') + v.encode() + b'":' for k, v in enumerate(names)]
        values = [[key + blob[a:b] for a, b in zip(off[found[v]].tolist(), off[found[v] + 1].tolist())]
                  for key, v in zip(keys, names)]
        rows = [b"".join(parts) for parts in zip(*values)]
        body = b"},".join(rows) + b"}" if rows else b""
        head = b'{"head":{"vars":[' + b",".join(b'"' + v.encode() + b'"' for v in names) + b']},"results":{"bindings":['
        return Answer("bindings", "json", head + body + b"]}}", rows=-1)
    terms = {i: columns.term(i) for v in names for i in set(found[v].tolist())}
    n = len(found[names[0]]) if names else 0
    return bindings_answer(job, names, [[terms[int(found[v][k])] for v in names] for k in range(n)])
