"""The small set of exceptions ungraph raises on bad input (pySHACL/oxigraph style).

Every error a user can cause is an :class:`UngraphError`; the CLI prints its message
on one line and exits non-zero, never with a traceback.
"""

from __future__ import annotations

__all__ = [
    "UngraphError",
    "SourceError",
    "ReferenceDataError",
    "ExtractionError",
    "StoreError",
    "FormatError",
    "ValidationFailed",
]


class UngraphError(Exception):
    """Base class: an error caused by input, settings or environment, not a bug."""


class SourceError(UngraphError):
    """The report source is missing, unreadable or does not match its sha256."""


class ReferenceDataError(UngraphError):
    """A curated TSV row is malformed.

    >>> str(ReferenceDataError("countries.tsv", 3, "bad id"))
    'countries.tsv:3: bad id'
    """

    def __init__(self, file: str, line: int, message: str) -> None:
        self.file, self.line, self.message = file, line, message
        super().__init__(f"{file}:{line}: {message}")


class ExtractionError(UngraphError):
    """An extractor produced an inconsistent record (a span that does not reproduce its text)."""


class StoreError(UngraphError):
    """A store directory is missing, unreadable or locked."""


class FormatError(UngraphError):
    """An unknown RDF/result format, or a file that does not parse."""


class ValidationFailed(UngraphError):
    """The built graph does not conform to the SHACL shapes."""

    def __init__(self, report_text: str) -> None:
        self.report_text = report_text
        super().__init__("the graph does not conform to the shapes:\n" + report_text)
