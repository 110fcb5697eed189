"""Dashboard: how many wards have reported for the selected half-year (a bounded number of queries), and
the half-year the dashboard opens on — the latest with data for the user's council (``latest_data``),
so that its cards do not open on an empty half-year.
"""
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from apps.core.dashboard import Card, current_half_year, selected_period
from apps.core.models import ReportingPeriod
from apps.core.scoping import home_council


def default_period(request):
    """The latest half-year, up to the current one, with data for the user's council; None without a council."""
    council = home_council(request.user)
    if council is None:
        return None
    from django.utils import timezone

    from .latest_data import latest_half_year

    return latest_half_year(council, current_half_year(), timezone.localdate())


def cards(request, period=None):
    user = request.user
    if not user.has_perm("reports.view_wardreport"):
        return []
    from .choices import WardStatus
    from .selectors import status_rows

    if period is None:
        period = selected_period(request)
    if isinstance(period, str):
        period = ReportingPeriod.objects.from_code(period)
    rows = status_rows(user, period)
    if not rows:
        return []
    reported = sum(1 for _ward, state, _report in rows if state != WardStatus.MISSING)
    missing = [ward for ward, state, _report in rows if state == WardStatus.MISSING]
    url = reverse("admin:reports_wardreport_status") + "?" + urlencode({"period": period.code})
    note = ""
    if missing:
        names = ", ".join(w.name for w in missing[:5]) + ("…" if len(missing) > 5 else "")
        note = _("Chưa báo cáo: %(names)s") % {"names": names}
    return [Card(
        title=_("Xã, phường đã báo cáo"), value=f"{reported}/{len(rows)}", url=url, note=note,
        tone="warn" if missing else "", order=80, in_period=True,
    )]
