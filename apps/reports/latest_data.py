"""Which half-year a council's summary (and the dashboard) opens on: the latest one with data.

"Data" is what the summary of that council would show: a record in one of the council's own
registers dated in the half-year (the same date each indicator counts by), or a current ward report
of the council itself or of a council directly below it. One query, whatever the registers' size:
the latest date of each source, each found through an index leading with ``council``.
"""
from django.db.models import OuterRef, Q, Subquery

from apps.core import periods
from apps.core.models import Council
from apps.oversight.models import ExplanationSession, Recommendation, SupervisionActivity
from apps.petitions.models import Petition, VoterMeeting
from apps.reception.models import Letter, ReceptionSession, Visit
from apps.sittings.models import Question, Resolution, Sitting, StandingMeeting

from .choices import ReportStatus
from .models import WardReport

# (model, the date the summary counts it by): as in each register's indicators.py.
REGISTER_DATES = (
    (Sitting, "start_date"), (Resolution, "adopted_date"), (Question, "asked_date"), (StandingMeeting, "date"),
    (SupervisionActivity, "fieldwork_start"), (ExplanationSession, "held_date"), (Recommendation, "issued_date"),
    (VoterMeeting, "date"), (Petition, "received_date"),
    (ReceptionSession, "date"), (Visit, "date"), (Letter, "received_date"),
)


def latest_data_day(council, until):
    """The latest day on or before ``until`` with data for ``council``'s summary, or None. One query."""
    latest = {}
    for n, (model, field) in enumerate(REGISTER_DATES):
        rows = model._default_manager.filter(council=OuterRef("pk"), **{f"{field}__lte": until})
        latest[f"d{n}"] = Subquery(rows.order_by(f"-{field}").values(field)[:1])
    reports = WardReport.objects.filter(
        Q(council=OuterRef("pk")) | Q(council__parent=OuterRef("pk")), status=ReportStatus.CURRENT,
        period__kind__in=periods.REPORT_KINDS, period__end_date__lte=until)
    latest["reports"] = Subquery(reports.order_by("-period__end_date").values("period__end_date")[:1])
    row = Council.objects.filter(pk=council.pk).annotate(**latest).values(*latest).first() or {}
    found = [day for day in row.values() if day is not None]
    return max(found) if found else None


def latest_half_year(council, reference, today):
    """The half-year a summary of ``council`` opens on: the latest with data up to ``reference`` (the
    half-year a clerk reports on); when there is none, the latest with data up to ``today`` (a council
    formed recently); when the council has no data at all, ``reference`` itself."""
    day = latest_data_day(council, periods.range_of(reference)[1])
    if day is None:
        day = latest_data_day(council, today)
    return periods.half_year_of(day) if day is not None else reference
