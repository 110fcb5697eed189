"""The ward report workbook: its contract, the reader, the consistency rules and the blank template.

``read_ward_workbook(data, filename)`` reads a file into a ``ParsedWorkbook`` (no database);
``check_consistency`` applies the rules in force; ``template.ward_template`` writes a blank one.
"""
from .cells import detect_legacy_encoding, normalise_label, parse_count, parse_date, parse_period, parse_unit_code
from .contract import (
    LETTERS, PERIOD_LABEL, PETITIONS, SHEET_LETTERS, SHEET_PETITIONS, SHEET_VALUES, UNIT_LABEL, VALUE_COLUMNS,
    CellError, ParsedWorkbook, format_error,
)
from .reader import read_ward_workbook, restrict_to_codes
from .rules import check_consistency

__all__ = [
    "LETTERS", "PERIOD_LABEL", "PETITIONS", "SHEET_LETTERS", "SHEET_PETITIONS", "SHEET_VALUES", "UNIT_LABEL",
    "VALUE_COLUMNS", "CellError", "ParsedWorkbook", "check_consistency", "detect_legacy_encoding", "format_error",
    "normalise_label", "parse_count", "parse_date", "parse_period", "parse_unit_code", "read_ward_workbook",
    "restrict_to_codes",
]
