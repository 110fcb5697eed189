"""Queries of the reports app: which wards a user reports for or oversees, what they reported,
and each ward's state in a period. Read by the summary, the status page, the templates and the
dashboard.

Each function issues a fixed number of queries whatever the number of wards or indicators.
"""
from apps.core.scoping import report_wards

from .choices import ReportStatus, WardStatus
from .models import WardReport, WardReportValue


def wards_for(user, period):
    """The ward councils this user reports for or oversees in ``period``, by code (the scoping rule)."""
    return report_wards(user, period.start_date, period.end_date)


def status_rows(user, period):
    """[(ward, state, current report or None)] for the status page and the dashboard; three queries."""
    wards = wards_for(user, period)
    reports = current_reports(wards, period)
    replaced = replaced_council_ids(period, wards)
    rows = []
    for ward in wards:
        report = reports.get(ward.pk)
        if report is None:
            state = WardStatus.MISSING
        else:
            state = WardStatus.REPLACED if ward.pk in replaced else WardStatus.REPORTED
        rows.append((ward, state, report))
    return rows


def _ids(councils):
    return [c if isinstance(c, int) else c.pk for c in councils]


def reported_values(councils, period):
    """{council_id: {indicator_code: int | None}} from each council's current report for ``period``.

    Councils without a current report are absent from the result; ``None`` means
    the ward left that indicator empty ("not reported", not 0). One query.
    """
    result = {}
    rows = WardReportValue.objects.filter(
        report__council_id__in=_ids(councils), report__period=period, report__status=ReportStatus.CURRENT,
    ).values_list("report__council_id", "indicator_code", "value")
    for council_id, code, value in rows:
        result.setdefault(council_id, {})[code] = value
    return result


def current_reports(councils, period):
    """{council_id: WardReport} of the current reports, with uploader; one query."""
    qs = WardReport.objects.filter(
        council_id__in=_ids(councils), period=period, status=ReportStatus.CURRENT,
    ).select_related("uploaded_by")
    return {r.council_id: r for r in qs}


def replaced_council_ids(period, councils):
    """Councils whose report for ``period`` has been replaced at least once; one query."""
    return set(
        WardReport.objects.filter(council_id__in=_ids(councils), period=period, status=ReportStatus.REPLACED)
        .values_list("council_id", flat=True)
    )
