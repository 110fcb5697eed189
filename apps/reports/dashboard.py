"""Dashboard card: how many wards have reported for the current half-year (a bounded number of queries).

When the user's council has no wards in the current half-year (a council dissolved in the 2025
reorganisation, or demo data from an earlier year), the card shows the latest half-year that had some.
"""
from django.urls import reverse
from django.utils.http import urlencode

from apps.core.dashboard import Card, current_half_year
from apps.core.models import ReportingPeriod


def cards(request, period=None):
    user = request.user
    if not user.has_perm("reports.view_wardreport"):
        return []
    from .selectors import status_rows, wards_for
    from .choices import WardStatus

    if period is None:
        period = _latest_period_with_wards(user, wards_for)
        if period is None:
            return []
    rows = status_rows(user, period)
    if not rows:
        return []
    reported = sum(1 for _ward, state, _report in rows if state != WardStatus.MISSING)
    missing = [ward for ward, state, _report in rows if state == WardStatus.MISSING]
    url = reverse("admin:reports_wardreport_status") + "?" + urlencode({"period": period.code})
    note = f"Chưa báo cáo: {', '.join(w.name for w in missing[:5])}{'…' if len(missing) > 5 else ''}" if missing else ""
    return [Card(
        title=f"Xã, phường đã báo cáo – {period}", value=f"{reported}/{len(rows)}", url=url, note=note,
        tone="warn" if missing else "", order=80,
    )]


def _latest_period_with_wards(user, wards_for, tries=6):
    current = current_half_year()
    candidates = ReportingPeriod.objects.filter(kind__in=["H1", "H2"], year__lte=int(current[:4])).order_by(
        "-year", "-kind")
    for period in candidates[:tries + 1]:
        if period.code > current:
            continue
        if wards_for(user, period):
            return period
    return None
