"""``/sparql``: the SPARQL 1.1 Protocol for queries, read-only and safe to put on the open internet.

Routes (SPARQL 1.1 Protocol §2.1): GET ``?query=``; POST ``application/x-www-form-urlencoded`` with
``query=``; POST ``application/sparql-query``; ``default-graph-uri`` / ``named-graph-uri`` (named
graphs of the store; an unknown one is empty; they override FROM / FROM NAMED). GET with no query:
the Service Description (RDF clients) or the query page (browsers).

Status paths, all decided before the query runs unless noted:

* 403 — any update (``update=``, ``using-*-graph-uri``, ``application/sparql-update``, an update
  text as ``query=``, LOAD) and any SERVICE pattern (:mod:`ungraph.web.sparql_check`);
* 400 — several ``query`` parameters, a POST without a body type, a charset other than UTF-8, bytes
  or percent-escapes that are not UTF-8, a query that does not parse (the parser's message);
* 405 — another method; 413 — a body over ``max_body``; 415 — another body type;
* 406 — no acceptable result format (from ``Accept``, or ``format=``);
* 304 — ``If-None-Match`` / ``If-Modified-Since`` of the same build (GET), without running the query;
* 503 — the query ran past ``query_timeout`` and was stopped (:mod:`ungraph.web.sparql_pool`).

Results past ``max_rows`` are cut, and the response says so: the header ``X-Ungraph-Truncated``
(the number of rows kept) and, in SPARQL JSON/XML, a ``link`` in the head pointing to
``/sparql#truncated``. Answers are cached per build (the data never changes while served).

Per request, this module's own Python was about a fifth of a point lookup's in a py-spy profile
under load (``benchmarks/endpoint/README.md``); two parts of it are now made once rather than per
request: the content negotiation of an ``Accept`` header (cached per header, :func:`_formats_for`)
and the constant part of the answer key (the build and the prefixes, :func:`answer_key`).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import logging
import time
from urllib.parse import parse_qsl

from flask import Blueprint, Request, Response, request
from werkzeug.exceptions import HTTPException

from ungraph import formats
from ungraph.formats import media_types
from ungraph.sparql import Answer, Job
from ungraph.web import aggregate, bgp, describe, documents, label_search, lookup, sparql_check
from ungraph.web.context import get_services, services
from ungraph.web.errors import error_response
from ungraph.web.negotiation import negotiate, negotiate_media
from ungraph.web.query_cost import bounded
from ungraph.web.errors import request_id
from ungraph.web.fair_use import client_key
from ungraph.web.sparql_pool import QueryTimeout, checked_run

__all__ = ["blueprint", "TRUNCATED_HEADER", "parse_params"]

blueprint = Blueprint("sparql", __name__, template_folder="templates")

RESULT_FORMATS = formats.offers("bindings")
GRAPH_FORMATS = formats.offers("graph")
TRUNCATED_HEADER = "X-Ungraph-Truncated"
#: Queries that take longer are logged with their text (and only those).
SLOW_QUERY_SECONDS = 1.0
log = logging.getLogger("ungraph.sparql")
_UPDATE_PARAMS = ("update", "using-graph-uri", "using-named-graph-uri")
_READ_ONLY = "this endpoint is read-only: SPARQL Update is refused"
#: ``Accept`` headers (and ``format=`` values) up to this length have their negotiation cached
_CACHED_HEADER = 512
_CORS_EXPOSE = f"ETag, Last-Modified, {TRUNCATED_HEADER}, X-Ungraph-Rows, Content-Type"


class _Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def parse_params(raw: bytes) -> dict[str, list[str]]:
    """Decode ``application/x-www-form-urlencoded`` bytes strictly: not UTF-8 is an error.

    >>> parse_params(b"query=ASK%20%7B%7D&named-graph-uri=a&named-graph-uri=b")
    {'query': ['ASK {}'], 'named-graph-uri': ['a', 'b']}
    >>> parse_params(b"query=%FF")
    Traceback (most recent call last):
    ...
    UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte
    """
    text = raw.decode("utf-8")
    params: dict[str, list[str]] = {}
    for k, v in parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict"):
        params.setdefault(k, []).append(v)
    return params


def _charset_ok(req: Request) -> bool:
    charset = req.mimetype_params.get("charset")
    return charset is None or charset.strip().lower().replace("_", "-") in ("utf-8", "utf8")


def _read_body(req: Request) -> bytes:
    limit = services.settings.max_body
    if req.content_length is not None and req.content_length > limit:
        raise _Refused(413, f"request body over the limit of {limit} bytes")
    data = req.stream.read(limit + 1)
    if len(data) > limit:
        raise _Refused(413, f"request body over the limit of {limit} bytes")
    return data


def _request_params(req: Request) -> tuple[str | None, dict[str, list[str]]]:
    """The query text and all parameters of the request, or :class:`_Refused`."""
    raw = req.query_string
    if len(raw) > services.settings.max_body:
        raise _Refused(414, "query string over the size limit")
    try:
        params = parse_params(raw)
    except UnicodeDecodeError:
        raise _Refused(400, "the query string is not UTF-8") from None
    if req.method == "POST":
        ctype = (req.mimetype or "").lower()
        if not ctype:
            raise _Refused(400, "a POST needs a Content-Type: application/sparql-query or application/x-www-form-urlencoded")
        if ctype == "application/sparql-update":
            raise _Refused(403, _READ_ONLY)
        if ctype not in ("application/x-www-form-urlencoded", "application/sparql-query"):
            raise _Refused(415, f"unsupported body type {ctype}: use application/sparql-query or a form")
        if not _charset_ok(req):
            raise _Refused(400, f"unsupported charset {req.mimetype_params.get('charset')!r}: the body must be UTF-8")
        body = _read_body(req)
        try:
            if ctype == "application/x-www-form-urlencoded":
                for k, v in parse_params(body).items():
                    params.setdefault(k, []).extend(v)
            else:
                if "query" in params:
                    raise _Refused(400, "give the query either in the body or in the URL, not both")
                params["query"] = [body.decode("utf-8")]
        except UnicodeDecodeError:
            raise _Refused(400, "the request body is not UTF-8") from None
    if any(k in params for k in _UPDATE_PARAMS):
        raise _Refused(403, _READ_ONLY)
    queries = params.get("query", [])
    if len(queries) > 1:
        raise _Refused(400, "more than one query parameter")
    return (queries[0] if queries else None), params


@functools.lru_cache(maxsize=512)
def _formats_for(accept: str | None, param: str | None) -> tuple[str | None, str | None, str | None, str | None] | None:
    """:func:`_negotiate` of one ``Accept`` header and ``format=`` value; None: an unknown ``format=``.

    Cached: a client sends the same few headers again and again, and negotiating them afresh was
    6 % of a point lookup's Python time in a profile (``benchmarks/endpoint/README.md``)."""
    r = negotiate_media(RESULT_FORMATS, accept, param=param)
    g = negotiate_media(GRAPH_FORMATS, accept, param=param)
    if param and r is None and g is None:
        return None
    # a client that only accepts text/plain wants N-Triples for graphs, but nothing fits bindings
    return (r[0].name if r else None), (r[1] if r else None), (g[0].name if g else None), (g[1] if g else None)


def _negotiate(params: dict[str, list[str]], req: Request) -> tuple[str | None, str | None, str | None, str | None]:
    """(result_format, result_mime, graph_format, graph_mime) for the request; None where nothing fits."""
    wanted = params.get("format", [])
    param = wanted[-1] if wanted else None
    accept = req.headers.get("Accept")
    if (accept is not None and len(accept) > _CACHED_HEADER) or (param is not None and len(param) > _CACHED_HEADER):
        found = _formats_for.__wrapped__(accept, param)  # not cached: an odd client's long header
    else:
        found = _formats_for(accept, param)
    if found is None:
        known = sorted({n for f in RESULT_FORMATS + GRAPH_FORMATS for n in (f.name, *f.aliases)})
        raise _Refused(406, f"unknown format {param!r}; known: {', '.join(known)}")
    return found


#: Every field of a job but its prefixes, which are the app's own (in the key's base, once)
_KEY_FIELDS = tuple(f.name for f in dataclasses.fields(Job) if f.name != "prefixes")


def answer_key(base: str, job: Job) -> str:
    """The cache key and ETag of ``job``'s answer: a digest of ``base`` (the build and the prefixes,
    :meth:`~ungraph.web.context.Services.answer_key_base`) and every other field of the job.

    Hashing the ``repr`` of the whole job, prefixes included, cost 21 µs a request.

    >>> a, b = Job("ASK {}"), Job("ASK {}", max_rows=5)
    >>> answer_key("x", a) == answer_key("x", Job("ASK {}")), answer_key("x", a) == answer_key("x", b)
    (True, False)
    >>> answer_key("x", a) == answer_key("y", a)
    False
    """
    fields = tuple(getattr(job, name) for name in _KEY_FIELDS)
    return hashlib.sha256((base + repr(fields)).encode("utf-8")).hexdigest()[:32]


def _run(job: Job) -> Answer:
    svc = get_services()  # once: every ``services.`` is a LocalProxy lookup
    timeout = svc.settings.query_timeout
    pool = svc.pool()
    if pool is not None:
        start = time.perf_counter()
        # a point lookup: from the store's columns when it has them, byte for byte the engine's answer
        mapped = svc.mapped
        found = lookup.answer(mapped, job) or describe.answer(mapped, job)  # and DESCRIBE <s>: the same, with its labels
        if found is not None:
            return dataclasses.replace(found, seconds=time.perf_counter() - start)
        if bounded(job.query, max_rows=job.max_rows):  # no time limit needed: answered here, as a worker would
            answer = checked_run(svc.store, job)
            return dataclasses.replace(answer, seconds=time.perf_counter() - start)
        # label search (CONTAINS over skos:prefLabel / rdfs:label): from the in-memory label table, bounded by it
        found = label_search.answer(svc.store, job, wait=False)
        if found is not None:
            return found
        # a group count over one triple pattern (the VoID partitions): a columnar scan, bounded by the columns
        found = aggregate.answer(svc.store, job, wait=False, mapped=mapped)
        if found is not None:
            return found
        # a join of triple patterns under a LIMIT: evaluated on the columns, within a budget of rows read
        found = bgp.answer(mapped, job)
        if found is not None:
            return dataclasses.replace(found, seconds=time.perf_counter() - start)
        return pool.run(job, timeout)
    # remote backend: the HTTP client enforces the limit (see ungraph.backend)
    from ungraph.backend import BackendError, BackendTimeout

    try:
        return checked_run(svc.store, job)
    except BackendTimeout as e:
        raise QueryTimeout(str(e)) from None
    except BackendError as e:
        return Answer("unavailable", error=str(e))


_CACHING = (("Cache-Control", "public, max-age=60"), ("Vary", "Accept, Accept-Encoding"))


def _validators(resp: Response, etag: str) -> Response:
    documents.set_validators(resp, etag)
    resp.headers.extend(_CACHING)
    return resp


#: (base URL, root URL) of a request by the parts of its environ werkzeug makes them of (scheme, Host,
#: server, script and path): werkzeug makes them afresh for every request, with an IDNA decode of the
#: host (35 us of a point lookup's 0.4 ms in process). Bounded: the Host header is the client's.
_URLS: dict[tuple[object, ...], tuple[str, str]] = {}
_URLS_MAX = 256


def _urls(req: Request) -> tuple[str, str]:
    env = req.environ
    key = (env.get("wsgi.url_scheme"), env.get("HTTP_HOST"), env.get("SERVER_NAME"), env.get("SERVER_PORT"),
           env.get("SCRIPT_NAME"), env.get("PATH_INFO"))
    found = _URLS.get(key)
    if found is None:
        if len(_URLS) >= _URLS_MAX:
            _URLS.clear()
        found = _URLS[key] = (req.base_url, req.url_root)
    return found


def _wants_page(params: dict[str, list[str]], req: Request) -> bool:
    """A GET with a query whose ``Accept`` prefers HTML to every result format, and no ``format=``:
    what a browser sends (``*/*`` alone goes to the results, so SPARQL clients are unaffected)."""
    if req.method != "GET" or params.get("format"):
        return False
    accept = req.headers.get("Accept")
    return _prefers_page(accept) if accept is None or len(accept) <= _CACHED_HEADER else _prefers_page.__wrapped__(accept)


@functools.lru_cache(maxsize=512)
def _prefers_page(accept: str | None) -> bool:
    return negotiate([*RESULT_FORMATS, *GRAPH_FORMATS, formats.HTML], accept) is formats.HTML


@blueprint.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    svc = get_services()  # once: every ``services.`` (and ``request.``) is a LocalProxy lookup
    req = request._get_current_object()  # type: ignore[attr-defined]
    try:
        query, params = _request_params(req)
        if query is None:
            if req.method == "POST":
                raise _Refused(400, "no query: send query= (form or URL) or an application/sparql-query body")
            from ungraph.web.sparql_page import service_description_or_page

            return service_description_or_page(params)
        if _wants_page(params, req):  # a browser following a link to a query: the query page runs it and shows the results
            from ungraph.web.sparql_page import query_page

            return query_page(run=query)
        form = sparql_check.query_form(query)  # cheap: the first keyword; the safety check runs in the worker
        if form in sparql_check.UPDATE_VERBS:
            raise _Refused(403, _READ_ONLY)
        rfmt, rmime, gfmt, gmime = _negotiate(params, req)
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        if (graph_form and gfmt is None) or (form in ("SELECT", "ASK") and rfmt is None) or (rfmt is gfmt is None):
            raise _Refused(406, "no acceptable result format; SELECT/ASK: " + ", ".join(media_types(RESULT_FORMATS))
                           + "; CONSTRUCT/DESCRIBE: " + ", ".join(media_types(GRAPH_FORMATS)))
        settings = svc.settings
        base_url, url_root = _urls(req)
        job = Job(query=query, result_format=rfmt, graph_format=gfmt, base=base_url,
                  default_graph=tuple(params.get("default-graph-uri", [])),
                  named_graphs=tuple(params.get("named-graph-uri", [])), max_rows=settings.max_rows,
                  describe=form == "DESCRIBE", prefixes=svc.job_prefixes(),
                  truncation_link=url_root + "sparql#truncated")
        key = answer_key(svc.answer_key_base(), job)
        etag = f'"{key}"'
        if documents.not_modified(etag):
            return _validators(Response(status=304), etag)
        cache = svc.answers
        answer = cache.get(key)
        if answer is None:
            budget = svc.budget
            client = client_key()
            wait = budget.retry_after(client) if budget else None
            if budget and wait is not None:
                resp = error_response(429, f"your address used its {budget.seconds:g} query-seconds of this minute; "
                                           f"try again in {wait} s")
                resp.headers["Retry-After"] = str(wait)
                return resp
            started = time.monotonic()
            try:
                answer = _run(job)
            except QueryTimeout as e:
                if budget:
                    budget.spend(client, time.monotonic() - started)
                resp = error_response(503, f"{e} (the limit is {settings.query_timeout:g} s); "
                                           "simplify the query or add a LIMIT")
                resp.headers["Retry-After"] = "5"
                return resp
            if budget:
                budget.spend(client, answer.seconds or (time.monotonic() - started))
            if answer.kind in ("bindings", "boolean", "graph") and answer.body is not None:
                cache.put(key, answer)
        if answer.seconds > SLOW_QUERY_SECONDS:
            log.warning("slow query (%.2f s, request %s): %s", answer.seconds, request_id(), query[:10000])
        if answer.kind == "refused":
            raise _Refused(answer.status or 403, answer.error)
        if answer.kind == "error":
            raise _Refused(400, answer.error)
        if answer.kind == "unavailable":
            raise _Refused(503, answer.error)
        if answer.kind == "internal":
            log.error("internal error answering request %s: %s; query: %s", request_id(), answer.error, query[:10000])
            raise _Refused(500, f"internal error (request id {request_id()}); it was logged")
        if answer.body is None:
            raise _Refused(406, "no acceptable result format for this kind of query")
        mime = gmime if answer.kind == "graph" else rmime
        headers = [("ETag", etag), ("Last-Modified", svc.last_modified()), *_CACHING]  # as _validators sets them
        if mime:
            text = mime.startswith("text/") or mime.endswith(("json", "xml"))
            headers.append(("Content-Type", f"{mime}; charset=utf-8" if text else mime))
        if answer.rows >= 0:  # -1: a SELECT within its own LIMIT, written by pyoxigraph, not counted
            headers.append(("X-Ungraph-Rows", str(answer.rows)))
        if answer.truncated:
            headers.append((TRUNCATED_HEADER, str(settings.max_rows)))
        return Response(answer.body, headers=headers)  # one list: setting each header on a Response cost 12 us
    except _Refused as e:
        resp = error_response(e.status, e.message)
        if e.status == 503:
            resp.headers["Retry-After"] = "5"
        return resp


@blueprint.after_app_request
def _cors(resp: Response) -> Response:
    """CORS on the endpoint and the dataset descriptions: anyone may query from a browser."""
    path = request.path
    if path == "/sparql" or path.startswith(("/.well-known/void", "/download")):
        resp.headers["Access-Control-Allow-Origin"] = "*"
        resp.headers["Access-Control-Expose-Headers"] = _CORS_EXPOSE
        if request.method == "OPTIONS":
            resp.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            resp.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type, If-None-Match, If-Modified-Since"
            resp.headers["Access-Control-Max-Age"] = "86400"
    return resp


@blueprint.errorhandler(HTTPException)
def _http_error(e: HTTPException) -> Response:
    return error_response(e.code or 500, e.description or e.name)
