"""Running SPARQL over a store: one function shared by the CLI and the web endpoint.

The default graph is the union of all graphs. Results are serialized with pyoxigraph:
SELECT/ASK as SPARQL JSON/XML/CSV/TSV, CONSTRUCT/DESCRIBE as Turtle/N-Triples/...

>>> import pyoxigraph as ox
>>> s = ox.Store()
>>> s.add(ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("1"), ox.NamedNode("http://x/g")))
>>> run_query(s, "SELECT ?o WHERE { ?s ?p ?o }", "csv")
b'o\\r\\n1\\r\\n'
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from itertools import islice
from typing import Any
from json.encoder import encode_basestring as _json_string  # the C encoder json.dumps(ensure_ascii=False) uses
from xml.sax.saxutils import escape as _xml_escape

import pyoxigraph as ox

from ungraph import formats
from ungraph.errors import FormatError, UngraphError
from ungraph.describe_labels import DESCRIBE_LABELLED_OBJECTS, LABEL_PREDICATES, LabelCache, label_triples
from ungraph.store import ReadStore
from ungraph.terms import serialized
from ungraph.turtle import prefixes_of, used_prefixes

__all__ = ["QueryError", "Results", "execute", "select", "serialize", "run_query",
           "Job", "Answer", "run_job", "serialize_bindings", "top_level_limit", "used_prefixes", "LabelCache", "LABEL_PREDICATES",
           "DESCRIBE_LABELLED_OBJECTS", "term_json_text", "bindings_answer", "graph_answer", "prefixes_of"]

#: What :func:`execute` gives, by query form: SELECT, ASK, CONSTRUCT/DESCRIBE (a list of triples from
#: :class:`ungraph.backend.RemoteStore`).
Results = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples | list[ox.Triple]


class QueryError(UngraphError):
    """The query does not parse (the message is the parser's)."""


def execute(store: ReadStore, query: str, *, base: str | None = None,
            default_graph: list[str] | None = None, named_graphs: list[str] | None = None,
            substitutions: dict | None = None) -> Results:
    """Execute a query; the default graph is the union of all graphs unless ``default_graph`` is given."""
    kwargs: dict[str, Any] = {}
    if default_graph:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graph]
    else:
        kwargs["use_default_graph_as_union"] = True
    if named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    if substitutions:
        kwargs["substitutions"] = substitutions
    try:
        return store.query(query, base_iri=base, **kwargs)
    except SyntaxError as e:
        raise QueryError(f"query does not parse: {e}") from None


def select(store: ReadStore, query: str) -> ox.QuerySolutions:
    """:func:`execute` for a SELECT query; a TypeError for another query form."""
    results = execute(store, query)
    if not isinstance(results, ox.QuerySolutions):
        raise TypeError(f"not a SELECT query: it gave {type(results).__name__}")
    return results


def serialize(results: Results, fmt: str | None) -> bytes:
    """Serialize results of any query form; ``fmt`` None picks json or ttl."""
    if isinstance(results, (ox.QuerySolutions, ox.QueryBoolean)):
        found = formats.by_name(fmt or "json", "bindings")
        if found is None or found.results is None:
            raise FormatError(f"format {fmt!r} does not fit SELECT/ASK results (use "
                              + ", ".join(f.name for f in formats.offers("bindings")) + ")")
        return serialized(results.serialize(format=found.results))
    found = formats.by_name(fmt or "ttl", "graph")
    if found is None or found.rdf is None:
        raise FormatError(f"format {fmt!r} does not fit CONSTRUCT/DESCRIBE results (use "
                          + ", ".join(f.name for f in formats.offers("graph")) + ")")
    if isinstance(results, list):  # a remote store's triples
        return serialized(ox.serialize(results, format=found.rdf))
    return serialized(results.serialize(format=found.rdf))


def run_query(store: ox.Store, query: str, fmt: str | None = None, *, base: str | None = None) -> bytes:
    return serialize(execute(store, query, base=base), fmt)


# --- one query, run to an answer with the row limit applied (used by the web endpoint) ----------

#: Predicates whose values label what a DESCRIBE result links to.
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class Job:
    """A query and everything needed to answer it; picklable (it crosses into worker processes).

    ``result_format`` is used for SELECT/ASK, ``graph_format`` for CONSTRUCT/DESCRIBE; None means
    the client accepts no format for that kind (the answer then has ``body`` None).
    """

    query: str
    result_format: str | None = "json"
    graph_format: str | None = "ttl"
    base: str | None = None
    default_graph: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    max_rows: int = 10000
    describe: bool = False
    prefixes: tuple[tuple[str, str], ...] = ()
    truncation_link: str = ""


@dataclass(frozen=True)
class Answer:
    """What a job gave. ``kind``: ``bindings``, ``boolean``, ``graph`` (answered); ``refused`` (a safety
    rule said no: HTTP ``status``), ``error`` (the client's query is wrong: 400 with the message),
    ``internal`` (our fault: 500, logged), ``unavailable`` (the worker or the backend is gone: 503)."""

    kind: str
    format: str | None = None
    body: bytes | None = None
    rows: int = 0  #: -1: not counted (a SELECT whose own LIMIT is within the row limit, written by pyoxigraph)
    truncated: bool = False
    error: str = ""
    seconds: float = field(default=0.0, compare=False)
    status: int = 0


def _term_json(t: object) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        d: dict = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value != _XSD_STRING:
            d["datatype"] = t.datatype.value
        return d
    if isinstance(t, ox.Triple):
        return {"type": "triple", "value": {"subject": _term_json(t.subject), "predicate": _term_json(t.predicate),
                                            "object": _term_json(t.object)}}
    raise TypeError(f"not an RDF term: {t!r}")


def term_json_text(t: object) -> str:
    """``json.dumps(_term_json(t))`` (compact, non-ASCII kept), written directly: the JSON writer's hot path.

    >>> term_json_text(ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    '{"type":"literal","value":"1","datatype":"http://www.w3.org/2001/XMLSchema#integer"}'
    """
    if isinstance(t, ox.NamedNode):
        return '{"type":"uri","value":' + _json_string(t.value) + "}"
    if isinstance(t, ox.Literal):
        if t.language:
            return '{"type":"literal","value":' + _json_string(t.value) + ',"xml:lang":' + _json_string(t.language) + "}"
        dt = t.datatype.value
        if dt != _XSD_STRING:
            return '{"type":"literal","value":' + _json_string(t.value) + ',"datatype":' + _json_string(dt) + "}"
        return '{"type":"literal","value":' + _json_string(t.value) + "}"
    return json.dumps(_term_json(t), ensure_ascii=False, separators=(",", ":"))


def _term_xml(t: object) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{_xml_escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{_xml_escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f'<literal xml:lang="{_xml_escape(t.language)}">{_xml_escape(t.value)}</literal>'
        if t.datatype.value != _XSD_STRING:
            return f'<literal datatype="{_xml_escape(t.datatype.value)}">{_xml_escape(t.value)}</literal>'
        return f"<literal>{_xml_escape(t.value)}</literal>"
    if isinstance(t, ox.Triple):
        return (f"<triple><subject>{_term_xml(t.subject)}</subject><predicate>{_term_xml(t.predicate)}</predicate>"
                f"<object>{_term_xml(t.object)}</object></triple>")
    raise TypeError(f"not an RDF term: {t!r}")


def _csv_field(t: object) -> str:
    v = "" if t is None else (t.value if isinstance(t, (ox.NamedNode, ox.Literal)) else
                              f"_:{t.value}" if isinstance(t, ox.BlankNode) else str(t))
    return '"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\r\n') else v


def serialize_bindings(variables: list[str], rows: list[list[object]], fmt: str, link: str = "") -> bytes:
    """SELECT results in a SPARQL results format; ``link`` (when truncated) goes into the head.

    >>> row = [ox.NamedNode("http://x/a"), ox.Literal("b", language="en"), None]
    >>> serialize_bindings(["s", "l", "z"], [row], "json")
    b'{"head":{"vars":["s","l","z"]},"results":{"bindings":[{"s":{"type":"uri","value":"http://x/a"},"l":{"type":"literal","value":"b","xml:lang":"en"}}]}}'
    >>> serialize_bindings(["s", "l"], [row[:2]], "tsv")
    b'?s\\t?l\\n<http://x/a>\\t"b"@en\\n'
    >>> serialize_bindings(["s", "n"], [[ox.NamedNode("http://x/a"), ox.Literal("a,b")]], "csv")
    b's,n\\r\\nhttp://x/a,"a,b"\\r\\n'
    """
    if fmt == "json":
        head: dict = {"vars": variables}
        if link:
            head["link"] = [link]
        keys = [_json_string(v) + ":" for v in variables]
        bindings = ",".join("{" + ",".join(k + term_json_text(t) for k, t in zip(keys, row) if t is not None) + "}"
                            for row in rows)
        head_text = json.dumps(head, ensure_ascii=False, separators=(",", ":"))
        return ('{"head":' + head_text + ',"results":{"bindings":[' + bindings + "]}}").encode("utf-8")
    if fmt == "xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
        out += [f'<variable name="{_xml_escape(v)}"/>' for v in variables]
        if link:
            out.append(f'<link href="{_xml_escape(link, {chr(34): "&quot;"})}"/>')
        out.append("</head><results>")
        for row in rows:
            out.append("<result>")
            out += [f'<binding name="{_xml_escape(v)}">{_term_xml(t)}</binding>' for v, t in zip(variables, row)
                    if t is not None]
            out.append("</result>")
        out.append("</results></sparql>\n")
        return "".join(out).encode("utf-8")
    if fmt == "csv":
        lines = [",".join(_csv_field(ox.Literal(v)) for v in variables)]
        lines += [",".join(_csv_field(t) for t in row) for row in rows]
        return ("\r\n".join(lines) + "\r\n").encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in variables)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise FormatError(f"format {fmt!r} does not fit SELECT results (use json, xml, csv or tsv)")


_VAR = r"[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+"
_ORDER_KEY = rf"(?:{_VAR}|(?:ASC|DESC)\s*\(\s*{_VAR}\s*\))"
_TAIL = re.compile(
    rf"(?:\s+|\#[^\n\r]*|ORDER\s+BY(?:\s*{_ORDER_KEY})+|GROUP\s+BY(?:\s*{_VAR})+|OFFSET\s+\d+|LIMIT\s+(?P<limit>\d+))",
    re.IGNORECASE)


#: An IRI written in full (SPARQL's IRIREF): a ``#`` inside it does not start a comment
_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')


def top_level_limit(query: str) -> int | None:
    """The LIMIT of the outermost query, when it is sure to be one; else None.

    Only text after the query's last ``}`` counts, and only when it holds nothing but whitespace,
    comments, simple ORDER BY / GROUP BY keys, OFFSET and LIMIT (no string, no expression): there a
    LIMIT cannot belong to a subquery nor hide in a literal. Anything else gives None (the safe answer).

    >>> top_level_limit("SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 5 } } ORDER BY DESC(?s) LIMIT 20\\n#9")
    20
    >>> top_level_limit("SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 5 } }") is None
    True
    >>> top_level_limit("SELECT * WHERE { ?s ?p ?o } # LIMIT 5") is None
    True
    >>> top_level_limit("SELECT * WHERE { ?s ?p ?o } LIMIT 99999 # } LIMIT 5") is None
    True
    >>> top_level_limit("SELECT * WHERE { ?s ?p ?o FILTER(?o = '}') } ORDER BY (STR(?o)) LIMIT 3") is None
    True
    """
    end = query.rfind("}")
    # that brace may sit in a comment: a ``#`` before it on its line, other than inside an IRI
    line = max(query.rfind("\n", 0, end), query.rfind("\r", 0, end)) + 1  # a comment ends at LF or CR
    if end < 0 or "#" in _IRIREF.sub("", query[line:end]):
        return None
    tail = query[end + 1:]
    limits = []
    pos = 0
    while pos < len(tail):
        m = _TAIL.match(tail, pos)
        if m is None or m.end() == pos:
            return None
        if m.group("limit") is not None:
            limits.append(m.group("limit"))
        pos = m.end()
    return int(limits[-1]) if len(limits) == 1 else None


@functools.lru_cache(maxsize=64)
def _graph_format(name: str) -> ox.RdfFormat:
    found = formats.by_name(name, "graph")
    if found is None or found.rdf is None:
        raise FormatError(f"format {name!r} does not fit CONSTRUCT/DESCRIBE results")
    return found.rdf


def bindings_answer(job: Job, variables: list[str], rows: list[list[object]]) -> Answer:
    """The :class:`Answer` a query worker gives for these solutions of ``job`` (a SELECT answered
    elsewhere, as ``ungraph.web.label_search`` and ``ungraph.web.aggregate`` do), byte for byte: cut at
    ``max_rows`` and written by :func:`serialize_bindings`, or, when the query's top-level LIMIT is within
    the row limit, by pyoxigraph's writer with the rows not counted, as :func:`run_job` does (its XML
    and TSV differ from :func:`serialize_bindings`').

    >>> job = Job("SELECT ?n WHERE { } LIMIT 1", result_format="tsv")
    >>> bindings_answer(job, ["n"], [[ox.Literal(3)]]).body, bindings_answer(job, ["n"], [[ox.Literal(3)]]).rows
    (b'?n\\n3\\n', -1)
    >>> bindings_answer(Job("SELECT ?n WHERE { }", result_format="tsv", max_rows=0), ["n"], [[ox.Literal(3)]]).truncated
    True
    """
    fmt = job.result_format or "json"
    limit = top_level_limit(job.query)
    if limit is not None and limit <= job.max_rows:
        body = serialize_bindings(variables, rows, "json")
        if fmt != "json":
            found = formats.by_name(fmt, "bindings")
            if found is None or found.results is None:
                raise FormatError(f"format {fmt!r} does not fit SELECT results")
            body = serialized(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON).serialize(format=found.results))
        return Answer("bindings", fmt, body, rows=-1)
    truncated = len(rows) > job.max_rows
    rows = rows[:job.max_rows]
    return Answer("bindings", fmt, serialize_bindings(variables, rows, fmt, job.truncation_link if truncated else ""),
                  len(rows), truncated)


def graph_answer(job: Job, triples: list[ox.Triple], truncated: bool = False, *,
                 used: dict[str, str] | None = None) -> Answer:
    """The :class:`Answer` a query worker gives for these triples of ``job`` (a CONSTRUCT or DESCRIBE),
    written in its ``graph_format`` with the prefixes they use (Turtle, TriG); also for a DESCRIBE
    answered elsewhere (``ungraph.web.describe``), byte for byte. ``used``: :func:`used_prefixes` of the
    triples, when the caller knows them already.

    >>> t = ox.Triple(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("b"))
    >>> graph_answer(Job("DESCRIBE <http://x/a>", graph_format="ttl", prefixes=(("x", "http://x/"),)), [t]).body
    b'@prefix x: <http://x/> .\\nx:a x:p "b" .\\n'
    """
    if job.graph_format is None:  # the client accepts no graph format: no body
        return Answer("graph")
    fmt = _graph_format(job.graph_format)
    prefixes = None
    if job.prefixes and fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
        prefixes = used_prefixes(triples, job.prefixes) if used is None else used
    body = serialized(ox.serialize(triples, format=fmt, prefixes=prefixes))
    return Answer("graph", job.graph_format, body, len(triples), truncated)


def run_job(store: ReadStore, job: Job, labels: LabelCache | None = None) -> Answer:
    """Execute ``job`` on ``store`` (a pyoxigraph Store or anything with its ``query``) and serialize;
    ``labels`` remembers the labels a DESCRIBE adds (only for a store that does not change).

    At most ``job.max_rows`` solutions (or triples) are kept; ``truncated`` says whether more were cut.
    A query that does not parse gives ``Answer(kind="error")`` with the parser's message.

    >>> s = ox.Store()
    >>> for i in range(3):
    ...     s.add(ox.Quad(ox.NamedNode(f"http://x/{i}"), ox.NamedNode("http://x/p"), ox.Literal(i), ox.NamedNode("http://x/g")))
    >>> a = run_job(s, Job("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s", result_format="csv", max_rows=2))
    >>> a.kind, a.rows, a.truncated, a.body
    ('bindings', 2, True, b's\\r\\nhttp://x/0\\r\\nhttp://x/1\\r\\n')
    >>> run_job(s, Job("SELECT ?s WHERE { ?s ?p }")).kind
    'error'
    """
    try:
        results = execute(store, job.query, base=job.base, default_graph=list(job.default_graph) or None,
                          named_graphs=list(job.named_graphs) or None)
        if isinstance(results, ox.QueryBoolean):
            if job.result_format is None:
                return Answer("boolean")
            return Answer("boolean", job.result_format, serialize(results, job.result_format), rows=1)
        if isinstance(results, ox.QuerySolutions):
            if job.result_format is None:
                return Answer("bindings")
            limit = top_level_limit(job.query)
            if limit is not None and limit <= job.max_rows:  # cannot be cut: pyoxigraph's writer, rows not counted
                return Answer("bindings", job.result_format, serialize(results, job.result_format), rows=-1)
            variables = [v.value for v in results.variables]
            rows = [list(sol) for sol in islice(results, job.max_rows + 1)]
            truncated = len(rows) > job.max_rows
            del rows[job.max_rows:]
            body = serialize_bindings(variables, rows, job.result_format, job.truncation_link if truncated else "")
            return Answer("bindings", job.result_format, body, len(rows), truncated)
        if job.graph_format is None:
            return Answer("graph")
        triples = list(islice(results, job.max_rows + 1))
        truncated = len(triples) > job.max_rows
        del triples[job.max_rows:]
        if job.describe and not truncated:  # the labels of what it links to, within the row limit
            seen = set(triples)
            objects = sorted({o for t in triples if type(o := t.object) is ox.NamedNode}, key=str)
            room = job.max_rows - len(triples)
            found = [t for t in label_triples(store, objects[:DESCRIBE_LABELLED_OBJECTS], labels) if t not in seen]
            triples += found[:room]  # the labels come sorted
        return graph_answer(job, triples, truncated)
    except QueryError as e:
        return Answer("error", error=str(e))
    except ValueError as e:  # evaluation errors pyoxigraph reports for the client's input (e.g. a bad graph IRI)
        return Answer("error", error=f"query failed: {e}")
    except OSError as e:  # the store failed: not the client's fault
        return Answer("internal", error=f"the store failed: {type(e).__name__}: {e}")
