"""An external SPARQL 1.1 store behind the same endpoint and pages: ``ungraph serve --backend URL``.

:class:`RemoteStore` has the part of :class:`pyoxigraph.Store`'s interface the server uses —
``query(text, use_default_graph_as_union=..., default_graph=..., named_graphs=..., substitutions=...)``
returning pyoxigraph results (``QuerySolutions`` / ``QueryBoolean`` parsed from SPARQL JSON, or a
list of ``Triple`` parsed from N-Triples) — so the endpoint, its safety rules (checked here, before
anything is sent: only queries ever leave), the row limit, DESCRIBE labels, VoID and the pages all
work unchanged. :func:`publish` uploads a built store with the Graph Store Protocol (one ``PUT`` per
named graph); credentials in the URL (``http://user:password@host/...``) are sent with HTTP Basic or
Digest authentication, as the store asks (Virtuoso's ``/sparql-graph-crud-auth`` asks for Digest), and
never appear in a message.

Only the standard library speaks HTTP here (``urllib``). Limits: the union default graph is asked
for with Oxigraph's ``union-default-graph`` parameter (other stores: configure the union as the
default graph, e.g. Fuseki's ``unionDefaultGraph``); ``substitutions`` become a ``VALUES``
block opening the WHERE group (:func:`bind_values`; equivalent for the server's queries, which project
the bound variable); a query past the
time limit is answered 503 but keeps running on the backend, which has its own limits.
"""

from __future__ import annotations

import re
import socket
import urllib.error
import urllib.request
from urllib.parse import unquote, urlencode, urlsplit, urlunsplit

import pyoxigraph as ox

from ungraph.errors import UngraphError
from ungraph.sparql import QueryError
from ungraph.web.sparql_check import query_form

__all__ = ["BackendError", "BackendTimeout", "RemoteStore", "publish", "split_credentials", "values_clause", "bind_values"]

_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/plain;q=0.1"
#: For CONSTRUCT and DESCRIBE: N-Triples alone. Virtuoso 7.2 ignores q-values and answers a graph query
#: in SPARQL JSON results when they are listed at all (``s``/``p``/``o`` bindings, not triples).
_ACCEPT_TRIPLES = "application/n-triples, text/plain;q=0.1"


class BackendError(UngraphError):
    """The backend could not be reached or gave an answer we cannot read."""


class BackendTimeout(BackendError):
    """The backend did not answer within the time limit."""


def values_clause(substitutions: dict) -> str:
    """A trailing VALUES clause binding each variable to its term.

    >>> values_clause({ox.Variable("c"): ox.NamedNode("http://x/C"), ox.Variable("n"): ox.Literal("1")})
    '\\nVALUES (?c ?n) { (<http://x/C> "1") }'
    """
    names = " ".join(f"?{v.value}" for v in substitutions)
    terms = " ".join(str(t) for t in substitutions.values())
    return f"\nVALUES ({names}) {{ ({terms}) }}"


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def bind_values(query: str, substitutions: dict) -> str:
    """``query`` with the substitutions as a VALUES block opening its WHERE group (trailing when it has none).

    Joined first, as pyoxigraph's ``substitutions`` are bound before evaluation. The server's queries
    mention each bound variable in every UNION branch, which makes the two the same. A trailing VALUES
    would be joined after the pattern: Virtuoso 7 then ran the page queries over every triple (a DESCRIBE
    of one country: past 30 s, against 0.07 s) and joined a variable bound inside a UNION branch wrongly.

    >>> bind_values("SELECT ?c ?l WHERE { ?c <http://x/l> ?l }", {ox.Variable("c"): ox.NamedNode("http://x/C")})
    'SELECT ?c ?l WHERE { VALUES (?c) { (<http://x/C>) } ?c <http://x/l> ?l }'
    >>> bind_values("ASK { ?c ?p ?o }", {ox.Variable("c"): ox.NamedNode("http://x/C")})
    'ASK { ?c ?p ?o }\\nVALUES (?c) { (<http://x/C>) }'
    """
    m = _WHERE.search(query)
    if m is None:
        return query + values_clause(substitutions)
    return query[:m.end()] + values_clause(substitutions).replace("\n", " ", 1) + query[m.end():]


def _graph_iris(graphs: object) -> list[str]:
    if graphs is None:
        return []
    items = graphs if isinstance(graphs, (list, tuple)) else [graphs]
    return [g.value for g in items if isinstance(g, ox.NamedNode)]


class RemoteStore:
    """A SPARQL 1.1 query endpoint used like a read-only pyoxigraph store."""

    def __init__(self, url: str, timeout: float = 10.0) -> None:
        if not url.startswith(("http://", "https://")):
            raise BackendError(f"--backend must be an http(s) URL of a SPARQL endpoint, got {url!r}")
        self.url, self.timeout = url, timeout

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    def query(self, query: str, *, base_iri: str | None = None, use_default_graph_as_union: bool = False,
              default_graph: object = None, named_graphs: object = None, substitutions: dict | None = None,
              **_: object):
        accept = _ACCEPT_TRIPLES if query_form(query) in ("CONSTRUCT", "DESCRIBE") else _ACCEPT
        if substitutions:
            query = bind_values(query, substitutions)
        if base_iri and not query.lstrip().upper().startswith("BASE"):
            query = f"BASE <{base_iri}>\n{query}"
        params: list[tuple[str, str]] = [("query", query)]
        params += [("default-graph-uri", g) for g in _graph_iris(default_graph)]
        params += [("named-graph-uri", g) for g in _graph_iris(named_graphs)]
        if use_default_graph_as_union and not default_graph:
            params.append(("union-default-graph", ""))
        ctype, body = self._post(urlencode(params).encode("utf-8"), accept)
        if ctype in ("application/sparql-results+json", "application/json"):
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        if ctype in ("application/n-triples", "text/plain"):
            return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]
        raise BackendError(f"the backend answered with {ctype or 'no type'}, which this server cannot read")

    def _post(self, data: bytes, accept: str = _ACCEPT) -> tuple[str, bytes]:
        req = urllib.request.Request(self.url, data=data, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.headers.get_content_type(), resp.read()
        except urllib.error.HTTPError as e:
            message = e.read().decode("utf-8", "replace").strip()[:2000]
            if e.code == 400:
                raise QueryError(f"the backend refused the query: {message}") from None
            raise BackendError(f"the backend answered {e.code}: {message}") from None
        except (TimeoutError, socket.timeout):
            raise BackendTimeout(f"the backend did not answer within {self.timeout:g} s") from None
        except urllib.error.URLError as e:
            if isinstance(e.reason, (TimeoutError, socket.timeout)):
                raise BackendTimeout(f"the backend did not answer within {self.timeout:g} s") from None
            raise BackendError(f"cannot reach the backend {self.url}: {e.reason}") from None


def _graphs(store: ox.Store) -> list[ox.NamedNode | ox.DefaultGraph]:
    named = sorted((g for g in store.named_graphs() if isinstance(g, ox.NamedNode)), key=lambda g: g.value)
    has_default = next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None
    return ([ox.DefaultGraph()] if has_default else []) + named


def split_credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    """The URL without its user information, and the (user, password) it held.

    >>> split_credentials("http://dba:s%40cret@127.0.0.1:8890/sparql-graph-crud-auth")
    ('http://127.0.0.1:8890/sparql-graph-crud-auth', ('dba', 's@cret'))
    >>> split_credentials("http://127.0.0.1:7878/store")
    ('http://127.0.0.1:7878/store', None)
    """
    parts = urlsplit(url)
    if parts.username is None:
        return url, None
    netloc = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
    bare = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return bare, (unquote(parts.username), unquote(parts.password or ""))


def _authorize(req: urllib.request.Request, credentials: tuple[str, str], timeout: float) -> None:
    """Add the ``Authorization`` the store asks for, learnt from a bodiless request first: a store that
    challenges a large PUT may close the connection before reading its body (Virtuoso does)."""
    import base64

    probe = urllib.request.Request(req.full_url, data=b"", method="PUT",
                                   headers={"Content-Type": req.get_header("Content-type") or ""})
    try:
        with urllib.request.urlopen(probe, timeout=timeout) as resp:
            resp.read()
        return  # no challenge: the store takes the request as it is
    except urllib.error.HTTPError as e:
        if e.code != 401:
            raise
        challenge = e.headers.get("WWW-Authenticate", "")
        e.read()
    scheme, _, rest = challenge.partition(" ")
    if scheme.lower() == "basic":
        token = base64.b64encode(f"{credentials[0]}:{credentials[1]}".encode("utf-8")).decode("ascii")
        req.add_unredirected_header("Authorization", f"Basic {token}")
        return
    if scheme.lower() != "digest":
        raise BackendError(f"{req.full_url}: the store asks for {scheme or 'an unknown'} authentication")
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, req.full_url, *credentials)
    digest = urllib.request.HTTPDigestAuthHandler(passwords)
    chal = urllib.request.parse_keqv_list(list(filter(None, urllib.request.parse_http_list(rest))))
    auth = digest.get_authorization(req, chal)
    if not auth:
        raise BackendError(f"{req.full_url}: cannot answer the store's Digest challenge")
    req.add_unredirected_header("Authorization", f"Digest {auth}")


def publish(store: ox.Store, to: str, *, timeout: float = 120.0) -> list[tuple[str, int]]:
    """PUT every graph of ``store`` to the Graph Store Protocol endpoint ``to`` (replacing it there).

    Returns (graph, triples) pairs; raises :class:`BackendError` on the first refusal.
    """
    to, credentials = split_credentials(to)
    done: list[tuple[str, int]] = []
    for graph in _graphs(store):
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, graph)]
        body = ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES)
        target = f"{to}?default" if isinstance(graph, ox.DefaultGraph) else f"{to}?{urlencode({'graph': graph.value})}"
        req = urllib.request.Request(target, data=body, method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
        try:
            if credentials:
                _authorize(req, credentials, timeout)
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                resp.read()
        except urllib.error.HTTPError as e:
            raise BackendError(f"{target}: the store answered {e.code}: "
                               f"{e.read().decode('utf-8', 'replace').strip()[:500]}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as e:
            raise BackendError(f"cannot reach {to}: {getattr(e, 'reason', e)}") from None
        done.append(("default" if isinstance(graph, ox.DefaultGraph) else graph.value, len(triples)))
    return done

