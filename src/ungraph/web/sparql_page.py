"""What ``/sparql`` says about itself: the Service Description, the query page, and ``/.well-known/void``.

* GET ``/sparql`` with no query: RDF clients get the SPARQL 1.1 Service Description (Turtle by
  default; RDF/XML, N-Triples, JSON-LD by ``Accept``), browsers (``text/html`` preferred) get the
  query page: YASGUI from ``static/vendor/yasgui`` with our prefixes and the example gallery.
* The examples are the ``*.rq`` files shipped in the package (:func:`ungraph.paths.examples_dir`: the
  competency questions), each titled by its first comment line. Their relative prefix IRIs
  (``PREFIX ug: <ontology#>``) are made absolute against the configured base, so the gallery
  answers the same on any host or port (:func:`absolute_prefixes`).
* ``/.well-known/void``: VoID + DCAT (:mod:`ungraph.web.void`), computed once per served build.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin

import pyoxigraph as ox
from flask import Blueprint, Response, render_template, request

from ungraph import formats, paths
from ungraph.terms import term_value
from ungraph.web import documents, void
from ungraph.web.context import services
from ungraph.web.errors import error_response
from ungraph.web.i18n import YASGUI_ZH, YASGUI_ZH_PATTERNS, current_lang
from ungraph.web.negotiation import negotiate

__all__ = ["blueprint", "Example", "load_examples", "absolute_prefixes", "service_description",
           "service_description_or_page", "EXAMPLES_DIR"]

blueprint = Blueprint("sparql_page", __name__, template_folder="templates")

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
# CSP of the query page: as strict as the other pages, but YASGUI sets inline styles.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    query: str
    title_zh: str = ""

    def title_in(self, lang: str) -> str:
        """The title in the interface language (the ``# zh:`` comment line for Chinese)."""
        return self.title_zh if lang == "zh" and self.title_zh else self.title


#: Where the gallery's examples come from; None: the package's (:func:`ungraph.paths.examples_dir`).
EXAMPLES_DIR: Path | None = None
_DECLARATION = re.compile(r"^(\s*(?:PREFIX\s+[A-Za-z0-9_.-]*:|BASE)\s*)<([^<>\s]*)>", re.M | re.I)


def absolute_prefixes(query: str, base: str) -> str:
    r"""``query`` with every relative IRI of its PREFIX and BASE declarations resolved against ``base``.

    >>> absolute_prefixes("PREFIX ug: <ontology#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nASK {}",
    ...                   "http://example.org/")
    'PREFIX ug: <http://example.org/ontology#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nASK {}'
    """
    return _DECLARATION.sub(lambda m: m.group(1) + "<" + _resolve(base, m.group(2)) + ">", query)


def _resolve(base: str, iri: str) -> str:
    """``iri`` against ``base``, keeping an empty fragment (``urljoin`` drops the '#' of ``ontology#``)."""
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", iri):
        return iri
    head, sep, fragment = iri.partition("#")
    return urljoin(base, head) + sep + fragment


def load_examples(directory: Path | None = None, base: str | None = None) -> list[Example]:
    r"""The ``*.rq`` files of ``directory`` (default: the package's examples) sorted by name; the title
    is the first comment line, the Chinese title the first ``# zh:`` line; with ``base``, declared IRIs
    are made absolute (:func:`absolute_prefixes`).

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "q01.rq").write_text("# Which countries?\nSELECT * {}\n", encoding="utf-8")
    >>> _ = (d / "q02.rq").write_text("ASK {}\n", encoding="utf-8")
    >>> [(e.name, e.title) for e in load_examples(d)]
    [('q01', 'Which countries?'), ('q02', 'q02')]
    """
    directory = directory or EXAMPLES_DIR or paths.examples_dir()
    out = []
    for path in sorted(directory.glob("*.rq")) if directory.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        comments = [line.lstrip("#").strip() for line in text.splitlines() if line.strip().startswith("#")]
        title = next((c for c in comments if not c.startswith("zh:")), "")
        title_zh = next((c[3:].strip() for c in comments if c.startswith("zh:")), "")
        out.append(Example(path.stem, title or path.stem, absolute_prefixes(text, base) if base else text, title_zh))
    return out


def service_description(endpoint: str, graphs: list[str]) -> list[ox.Triple]:
    """The Service Description of ``endpoint``: read-only SPARQL 1.1 Query, formats, union default graph."""
    svc = ox.NamedNode(endpoint)
    T: list[ox.Triple] = []

    def add(s: ox.NamedNode | ox.BlankNode, p: str, o: ox.NamedNode | ox.BlankNode | ox.Literal) -> None:
        T.append(ox.Triple(s, ox.NamedNode(p), o))

    add(svc, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", ox.NamedNode(SD + "Service"))
    add(svc, SD + "endpoint", svc)
    add(svc, SD + "supportedLanguage", ox.NamedNode(SD + "SPARQL10Query"))
    add(svc, SD + "supportedLanguage", ox.NamedNode(SD + "SPARQL11Query"))
    add(svc, SD + "feature", ox.NamedNode(SD + "UnionDefaultGraph"))
    for f in formats.offers("bindings") + formats.offers("graph"):
        if f.w3c_iri:
            add(svc, SD + "resultFormat", ox.NamedNode(f.w3c_iri))
    root = endpoint.rsplit("/sparql", 1)[0] + "/"
    ds = ox.NamedNode(root + ".well-known/void#dataset")
    add(svc, SD + "defaultDataset", ds)
    add(ds, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", ox.NamedNode(SD + "Dataset"))
    default = ox.NamedNode(root + ".well-known/void#default-graph")
    add(ds, SD + "defaultGraph", default)
    add(default, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", ox.NamedNode(SD + "Graph"))
    for i, g in enumerate(graphs):
        ng = ox.NamedNode(f"{root}.well-known/void#named-graph-{i}")
        add(ds, SD + "namedGraph", ng)
        add(ng, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", ox.NamedNode(SD + "NamedGraph"))
        add(ng, SD + "name", ox.NamedNode(g))
    return T


def _description_formats() -> list[formats.Format]:
    return formats.offers("description")


def _offered() -> str:
    return ", ".join(f.media_type for f in _description_formats())


def service_description_or_page(params: dict[str, list[str]]) -> Response:
    """GET /sparql without a query: the query page for browsers, the Service Description otherwise."""
    fmt = negotiate([*_description_formats(), formats.HTML], request.headers.get("Accept"))
    if fmt is None:
        return error_response(406, "the service description is available as " + _offered())
    if fmt is formats.HTML:
        return query_page()
    graphs = [g for g, _ in services.statistics().graphs]
    return documents.rdf_response(service_description(request.base_url, graphs), fmt, tag="sd", use="description")


def query_page(run: str | None = None) -> Response:
    """The query page; with ``run``, that query (from a link such as ``/sparql?query=...``) is opened
    and run in the editor, so a browser shows its results rather than a raw result document."""
    ns = services.ns
    # an example known to answer wrongly (a "# xfail:" line: the graph does not model it yet) is not shown
    examples = [e for e in load_examples(base=ns.base) if "\n# xfail" not in "\n" + e.query]
    config = {
        "endpoint": request.base_url,
        "prefixes": dict(sorted(ns.prefixes.items())),
        "examples": [e.__dict__ for e in examples],
        "default": _default_query(ns.prefixes),
        "run": run,
        # YASGUI's own strings in the interface language (it has English only): static/sparql.js
        "ui": ({"exact": YASGUI_ZH, "patterns": YASGUI_ZH_PATTERNS} if current_lang() == "zh" else None),
    }
    html = render_template("sparql.html", config=json.dumps(config, ensure_ascii=False).replace("</", "<\\/"),
                           examples=examples, max_rows=services.settings.max_rows,
                           timeout=services.settings.query_timeout, max_body=services.settings.max_body)
    resp = Response(html, mimetype="text/html")
    resp.headers["Content-Security-Policy"] = CSP
    return resp


def _default_query(prefixes: dict[str, str]) -> str:
    keep = [p for p in ("rdfs", "skos", "ug") if p in prefixes]
    head = "".join(f"PREFIX {p}: <{prefixes[p]}>\n" for p in keep)
    return head + "\nSELECT ?class (COUNT(?s) AS ?n)\nWHERE { ?s a ?class }\nGROUP BY ?class\nORDER BY DESC(?n)\nLIMIT 20\n"


@blueprint.route("/.well-known/void", methods=["GET"])
def well_known_void() -> Response:
    fmt = negotiate([*_description_formats(), formats.HTML], request.headers.get("Accept"), param=request.args.get("format"))
    if fmt is None:
        return error_response(406, "VoID is available as " + _offered())
    s = services
    built = datetime.fromtimestamp(s.built_at, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    triples = void.void_triples(services.statistics(), root=request.url_root, base=s.settings.base,
                                source_dir=s.settings.source_dir, built_at=built, downloads=not s.settings.backend)
    if fmt is formats.HTML:
        return _void_page(triples)
    return documents.rdf_response(triples, fmt, tag="void", use="description")


def _void_page(triples: list[ox.Triple]) -> Response:
    """The VoID description for a person: one table per described node (the dataset, its linksets,
    its partitions), each property by its label; the RDF stays one ``Accept`` or ``?format=ttl`` away."""
    groups: dict[str, list[tuple[str, object]]] = {}
    for t in sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object))):
        groups.setdefault(term_value(t.subject), []).append((t.predicate.value, t.object))
    html = render_template("void.html", groups=sorted(groups.items(), key=lambda kv: (not kv[0].endswith("#dataset"), kv[0])))
    resp = Response(html, mimetype="text/html")
    resp.headers["Vary"] = "Accept"
    return resp
