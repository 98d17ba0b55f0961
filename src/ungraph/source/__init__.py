"""The source stage: read the report (:func:`load_report`) and cut it into segments (:func:`segment`)."""

from ungraph.source.load import load_report
from ungraph.source.segment import segment

__all__ = ["load_report", "segment"]
