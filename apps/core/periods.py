"""Reporting periods: their bounds, codes and wording, in one place.

A period is a year and a kind (``H1``, ``H2``, ``Y``, ``Q1``…``Q4``), written as a code such as
``2022-H1``. Everything that turns a code into dates, dates or a code into words, or finds the
same period a year earlier reads this module: the ``ReportingPeriod`` rows, the list filters,
the dashboards, the ward workbooks and the summary. Nothing here touches the database.

Since the 2025 reorganisation a council may exist during only part of a period (Phường Móng
Cái 2 began on 01/07/2025, so it covers only the second half of 2025). ``covered_span`` gives
the part it covers and ``coverage_wording`` says it the way a report states it:
"năm 2025 (từ 01/07/2025 đến 31/12/2025)" instead of "năm 2025".

The wording is in the active language (English when a user has switched the admin to it); the
official documents — the summary docx and xlsx, the ward workbook — are written under
``translation.override("vi")``, so they always read in Vietnamese. Parsing (``code_from_wording``)
reads the Vietnamese wording only, which is what the workbooks carry.
"""
import datetime
import re

from django.utils.translation import gettext, gettext_noop

BOUNDS = {
    "H1": ((1, 1), (6, 30)),
    "H2": ((7, 1), (12, 31)),
    "Y": ((1, 1), (12, 31)),
    "Q1": ((1, 1), (3, 31)),
    "Q2": ((4, 1), (6, 30)),
    "Q3": ((7, 1), (9, 30)),
    "Q4": ((10, 1), (12, 31)),
}

# As a report's subject line says it: "báo cáo kết quả hoạt động 6 tháng đầu năm 2022".
PHRASES = {
    "H1": gettext_noop("6 tháng đầu năm {year}"),
    "H2": gettext_noop("6 tháng cuối năm {year}"),
    "Y": gettext_noop("năm {year}"),
    "Q1": gettext_noop("quý I năm {year}"),
    "Q2": gettext_noop("quý II năm {year}"),
    "Q3": gettext_noop("quý III năm {year}"),
    "Q4": gettext_noop("quý IV năm {year}"),
}

# The half-years and years that ward reports and the summary use (quarters are stored but rare).
REPORT_KINDS = ("H1", "H2", "Y")

FIRST_YEAR, LAST_YEAR = 2000, 2100


# The wording read back from a workbook's title block (text already lower-case, NFC, single spaces).
_WORDING_PATTERNS = [
    (re.compile(r"(\d{4})-(h1|h2|y)"), None),
    (re.compile(r"(?:6|06|sáu) tháng đầu năm (\d{4})"), "H1"),
    (re.compile(r"(?:6|06|sáu) tháng cuối năm (\d{4})"), "H2"),
    (re.compile(r"(?:cả )?năm (\d{4})"), "Y"),
]


def parse_code(code):
    """'2022-H1' -> (2022, 'H1'). ValueError saying how to write it (in the active language) when unreadable."""
    text = str(code or "").strip().upper()
    try:
        year_text, kind = text.split("-", 1)
        year = int(year_text)
    except ValueError:
        raise ValueError(_unreadable(code)) from None
    if kind not in BOUNDS or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(_unreadable(code))
    return year, kind


def _unreadable(code):
    return gettext("Kỳ báo cáo «{code}» không hợp lệ; viết theo dạng 2022-H1, 2022-H2 hoặc 2022-Y.").format(code=code)


def code_of(year, kind):
    return f"{year}-{kind}"


def bounds(year, kind):
    """(first day, last day) of the period."""
    (m1, d1), (m2, d2) = BOUNDS[kind]
    return datetime.date(year, m1, d1), datetime.date(year, m2, d2)


def range_of(code):
    """'2022-H1' -> (01/01/2022, 30/06/2022); ValueError when the code cannot be read."""
    return bounds(*parse_code(code))


def half_year_of(day):
    """The code of the half-year holding ``day``: '2026-H2'."""
    return code_of(day.year, "H1" if day.month <= 6 else "H2")


def previous_year(year, kind):
    """The same period a year earlier, as (year, kind)."""
    return year - 1, kind


def following(year, kind):
    """The period a report's "phương hướng, nhiệm vụ" looks ahead to, as (year, kind): the second
    half after the first, the next year's first half after the second, the next year after a year,
    the next quarter after a quarter."""
    if kind == "H1":
        return year, "H2"
    if kind == "H2":
        return year + 1, "H1"
    if kind.startswith("Q"):
        number = int(kind[1:])
        return (year, f"Q{number + 1}") if number < 4 else (year + 1, "Q1")
    return year + 1, kind


def wording(year, kind):
    """'6 tháng đầu năm 2022', 'năm 2022': the period inside a sentence (in the active language)."""
    return gettext(PHRASES[kind]).format(year=year)


def title_wording(year, kind):
    """'6 tháng đầu năm 2022', 'Năm 2022': the period on its own (a choice, a title cell)."""
    text = wording(year, kind)
    return text[:1].upper() + text[1:]


def code_from_wording(text):
    """'6 tháng đầu năm 2022' (lower-case, normalised) or '2022-h1' -> '2022-H1'; None when unreadable."""
    for pattern, kind in _WORDING_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return code_of(match.group(1), kind or match.group(2).upper())
    return None


def covered_span(start, end, valid_from=None, valid_to=None):
    """The part of [start, end] inside a council's life [valid_from, valid_to]; None when they do not meet.

    An empty ``valid_from`` / ``valid_to`` means "before the data begins" / "still in office".
    """
    first = max(start, valid_from) if valid_from else start
    last = min(end, valid_to) if valid_to else end
    return (first, last) if first <= last else None


def span_wording(first, last):
    """'từ 01/07/2025 đến 31/12/2025'."""
    return gettext("từ {first} đến {last}").format(first=f"{first:%d/%m/%Y}", last=f"{last:%d/%m/%Y}")


def coverage_wording(year, kind, valid_from=None, valid_to=None):
    """The period as a council's report says it: its usual wording when the council existed for the
    whole of it, else followed by the days it covers ('năm 2025 (từ 01/07/2025 đến 31/12/2025)').
    ValueError when the council did not exist at all during the period."""
    start, end = bounds(year, kind)
    span = covered_span(start, end, valid_from, valid_to)
    if span is None:
        raise ValueError(gettext("Đơn vị không hoạt động trong {period}.").format(period=wording(year, kind)))
    if span == (start, end):
        return wording(year, kind)
    return f"{wording(year, kind)} ({span_wording(*span)})"


def report_choices(first_year, last_year, extra=()):
    """[(code, 'Năm 2022'), …] for the half-years and years from first_year to last_year, plus any
    (year, kind) in ``extra``; newest first, H1 before H2 before the year."""
    pairs = {(year, kind) for year in range(first_year, last_year + 1) for kind in REPORT_KINDS}
    pairs |= {(year, kind) for year, kind in extra if kind in REPORT_KINDS}
    ordered = sorted(pairs, key=lambda yk: (-yk[0], REPORT_KINDS.index(yk[1])))
    return [(code_of(year, kind), title_wording(year, kind)) for year, kind in ordered]
