"""Checking a workbook's figures against the consistency rules (docs/WORKBOOK.md).

A rule is (left codes, operator, right codes), the shape of ``ConsistencyRule`` rows (left,
operator, right), which the importer passes in force for the period; each side is the sum of
its codes, and a rule is checked only when every code has a value.
"""
import re

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .contract import SHEET_VALUES, VALUE_COLUMNS, CellError

_OPERATORS = {
    "=": (lambda left, right: left == right, _("bằng")),
    "<=": (lambda left, right: left <= right, _("nhỏ hơn hoặc bằng")),
    ">=": (lambda left, right: left >= right, _("lớn hơn hoặc bằng")),
}


def check_consistency(values, value_cells, rules, sheet=SHEET_VALUES):
    """Errors for failed consistency rules; a rule with any code not reported is skipped."""
    errors = []
    for left_codes, op, right_codes in validated_rules(rules):
        codes = list(left_codes) + list(right_codes)
        if any(values.get(code) is None for code in codes):
            continue
        left = sum(values[code] for code in left_codes)
        right = sum(values[code] for code in right_codes)
        holds, wording = _OPERATORS[op]
        if holds(left, right):
            continue

        def side(side_codes):
            cells = ", ".join(value_cells.get(code, "?") for code in side_codes)
            return f"{'+'.join(side_codes)} ({cells})"

        first_cell = value_cells.get(codes[0])
        errors.append(
            CellError(
                sheet, first_cell, _row_of(first_cell), VALUE_COLUMNS["value"],
                format_lazy(_("số liệu không khớp: {left_side} = {left} nhưng {right_side} = {right}; "
                              "{left_codes} phải {wording} {right_codes}. Hãy kiểm tra lại các ô này."),
                            left_side=side(left_codes), left=left, right_side=side(right_codes), right=right,
                            left_codes="+".join(left_codes), wording=wording, right_codes="+".join(right_codes)),
            )
        )
    return errors


def operator_wording(op):
    """"bằng", "nhỏ hơn hoặc bằng", "lớn hơn hoặc bằng": how the errors (and the template's check) say it."""
    return _OPERATORS[op][1]


def validated_rules(rules):
    """The rules as (left, op, right) lists; a malformed rule is a programming error and raises."""
    parts = [_rule_parts(rule) for rule in (rules or ())]
    for left, op, right in parts:
        if op not in _OPERATORS or not left or not right:
            raise ValueError(f"Invalid consistency rule: {left!r} {op!r} {right!r}")
    return parts


def _rule_parts(rule):
    """(left, op, right) from a (left, op, right) tuple or a ConsistencyRule-like object."""
    if hasattr(rule, "operator"):
        return list(rule.left), rule.operator, list(rule.right)
    left, op, right = rule
    return list(left), op, list(right)


def _row_of(cell):
    match = re.search(r"\d+$", cell or "")
    return int(match.group()) if match else None
