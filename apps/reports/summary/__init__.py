"""The semi-annual summary (docs/SUMMARY.md): one builder (``builder``) that the page, the xlsx
(``xlsx``), the docx (``docx``) and its charts (``charts``) read."""
from .builder import (
    NOT_REPORTED, TOTAL_LABEL, IndicatorDef, PreviousPeriod, Summary, SummaryRow, build_summary, resolve, sum_values,
)

__all__ = ["NOT_REPORTED", "TOTAL_LABEL", "IndicatorDef", "PreviousPeriod", "Summary", "SummaryRow",
           "build_summary", "resolve", "sum_values"]
