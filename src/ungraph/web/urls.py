"""IRI <-> page URL, in one place (datasette's ``Urls``); exposed to templates as ``urls``.

Every IRI under the base is served at its own path, so an IRI's page is its path. Classes get a
listing page at ``/class/<curie>``; the report reader is at ``/read/<part path>``.

>>> u = Urls("http://127.0.0.1:8080/", {"ug": "http://127.0.0.1:8080/ontology#", "org": "http://www.w3.org/ns/org#"})
>>> u.page("http://127.0.0.1:8080/id/country/COD")
'/id/country/COD'
>>> u.page("https://undocs.org/A/78/1")
'https://undocs.org/A/78/1'
>>> u.curie("http://www.w3.org/ns/org#Post"), u.cls("http://127.0.0.1:8080/ontology#Chapter")
('org:Post', '/class/ug:Chapter')
>>> u.expand("org:Post")
'http://www.w3.org/ns/org#Post'
>>> u.reader("http://127.0.0.1:8080/id/report/A-78-1/chapter/3")
'/read/A-78-1/chapter/3'
>>> u.sparql("SELECT * WHERE { ?s ?p ?o }")
'/sparql?query=SELECT%20%2A%20WHERE%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D'
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

__all__ = ["Urls", "is_local_path"]


def is_local_path(target: str) -> bool:
    """True for a path on this site (safe to redirect to): ``/x``, not ``//host`` or ``http:``.

    >>> is_local_path("/id/x?y=1"), is_local_path("//evil.test/"), is_local_path("https://evil.test/")
    (True, False, False)
    """
    return target.startswith("/") and not target.startswith("//") and "\\" not in target


class Urls:
    def __init__(self, base: str, prefixes: dict[str, str], root: str = "") -> None:
        self.base, self.prefixes, self.root = base, prefixes, root.rstrip("/")

    def is_local(self, iri: str) -> bool:
        return iri.startswith(self.base)

    def page(self, iri: str) -> str:
        """The page of an IRI: its path when under the base, else the IRI itself (an external link)."""
        if self.is_local(iri):
            return self.root + "/" + iri[len(self.base):]
        return iri

    def iri(self, path: str) -> str:
        """The IRI served at a path (the inverse of :meth:`page`)."""
        return self.base + path.lstrip("/")

    def curie(self, iri: str) -> str | None:
        for prefix, ns in sorted(self.prefixes.items(), key=lambda kv: -len(kv[1])):
            if iri.startswith(ns) and len(iri) > len(ns) and "/" not in iri[len(ns):]:
                return f"{prefix}:{iri[len(ns):]}"
        return None

    def expand(self, curie: str) -> str | None:
        prefix, sep, local = curie.partition(":")
        if sep and prefix in self.prefixes and not local.startswith("//"):
            return self.prefixes[prefix] + local
        return None

    def cls(self, iri: str) -> str:
        """The listing page of a class."""
        return f"{self.root}/class/{quote(self.curie(iri) or iri, safe=':')}"

    def term(self, iri: str) -> str:
        """Where a property or class term is explained: its anchor in the ontology page when ours."""
        return self.page(iri) if self.is_local(iri) else iri

    def reader(self, part_iri: str, anchor: str | None = None) -> str:
        """The reader page of a top-level part of a report, optionally at a block's anchor."""
        rest = part_iri[len(self.base + "id/report/"):]
        return f"{self.root}/read/{rest}" + (f"#{quote(anchor, safe='/')}" if anchor else "")

    def anchor(self, block_iri: str) -> str:
        """The HTML id of a block in the reader: its path under the report."""
        return block_iri[len(self.base + "id/report/"):]

    def sparql(self, query: str) -> str:
        return f"{self.root}/sparql?" + urlencode({"query": query}, quote_via=quote)

    def search(self, q: str) -> str:
        return f"{self.root}/search?" + urlencode({"q": q})

    def fmt(self, iri: str, fmt: str) -> str:
        return self.page(iri) + "?" + urlencode({"format": fmt})

    def lang(self, code: str, next_path: str) -> str:
        return f"{self.root}/lang/{code}?" + urlencode({"next": next_path})
