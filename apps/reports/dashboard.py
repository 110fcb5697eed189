"""Dashboard card: how many wards have reported for the current half-year (three queries)."""
from django.urls import reverse
from django.utils.http import urlencode

from apps.core.dashboard import Card, current_half_year
from apps.core.models import ReportingPeriod


def cards(request, period=None):
    user = request.user
    if not user.has_perm("reports.view_wardreport"):
        return []
    from .admin_urls import status_rows
    from .choices import WardStatus

    if period is None:
        try:
            period = ReportingPeriod.objects.from_code(current_half_year(), create=False)
        except ReportingPeriod.DoesNotExist:
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
