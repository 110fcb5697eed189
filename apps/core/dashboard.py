"""The admin index as a dashboard: each app contributes cards (apps.<app>.dashboard.cards).

Every card that counts what happened in a period counts the same one, chosen once at the top of the
page (``?period=2026-H1``) and named once there: ``selected_period(request)`` gives it to the cards,
which mark themselves ``in_period``. Without a choice, the page opens on the half-year an app's
``default_period(request)`` proposes (the reports app: the latest with data for the user's council,
as the summary does), else the current half-year. Cards about what is due or overdue count as of
today, whatever the period, and are shown apart under that heading.
"""
import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from . import periods
from .registry import app_modules
from .scoping import home_council


@dataclass
class Card:
    title: str
    value: object = None          # the headline figure
    url: str = ""                  # where the figure leads (a filtered changelist)
    note: str = ""
    tone: str = ""                 # "" | "warn" | "alert"
    rows: list = field(default_factory=list)   # [(label, value, url)]
    order: int = 100
    in_period: bool = False        # counts what happened in the selected period (else: as of today)


def per_council(queryset):
    """[{"council_id", "council__name", "n"}] of the councils holding rows of ``queryset``, most first, in one
    query: the rows are counted per council first (from the council's index alone, where the filtered columns
    ride along) and the few totals are then joined to their council's name. Grouping by the name in the same
    step sorts a province's 100,000 rows by name before counting them."""
    from django.core.exceptions import EmptyResultSet
    from django.db import connections
    from django.db.models import Count

    from .models import Council

    counted = queryset.order_by().values("council_id").annotate(n=Count("pk")).values("council_id", "n")
    try:
        sql, params = counted.query.sql_with_params()
    except EmptyResultSet:
        return []
    connection = connections[queryset.db]
    quote = connection.ops.quote_name
    table, pk, name = quote(Council._meta.db_table), quote(Council._meta.pk.column), quote("name")
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT c.{pk}, c.{name}, s."n" FROM ({sql}) s INNER JOIN {table} c ON c.{pk} = s."council_id" '
            f'ORDER BY s."n" DESC, c.{name}', params)
        return [{"council_id": pk, "council__name": name, "n": n} for pk, name, n in cursor.fetchall()]


def current_half_year():
    return periods.half_year_of(timezone.localdate())


PERIOD_YEARS = 5  # the half-years offered on the dashboard: this year's and the five before


def period_choices():
    """[(code, 'Năm …')] of the half-years the dashboard offers, newest first."""
    year = timezone.localdate().year
    current = current_half_year()
    return [(code, label) for code, label in periods.report_choices(year - PERIOD_YEARS, year)
            if not code.endswith("-Y") and code <= current]


def selected_period(request):
    """The half-year every period card counts: the one chosen on the page, or the default."""
    chosen = getattr(request, "dashboard_period", None)
    if chosen:
        return chosen
    wanted = str(request.GET.get("period", "")).strip().upper()
    if wanted in dict(period_choices()):
        chosen = wanted
    else:
        chosen = None
        for module in app_modules("dashboard"):
            propose = getattr(module, "default_period", None)
            chosen = propose(request) if propose else None
            if chosen:
                break
        chosen = chosen or current_half_year()
    request.dashboard_period = chosen
    return chosen


def dashboard_context(request):
    cards = []
    period = None
    if request.user.is_authenticated:
        period = selected_period(request)
        for module in app_modules("dashboard"):
            cards.extend(module.cards(request) or [])
    cards.sort(key=lambda c: c.order)
    council = home_council(request.user)
    year, kind = periods.parse_code(period or current_half_year())
    start, end = periods.bounds(year, kind)
    choices = period_choices()
    if period and period not in dict(choices):
        choices.append((period, periods.title_wording(year, kind)))
    return {
        "cards": [c for c in cards if c.in_period], "today_cards": [c for c in cards if not c.in_period],
        "home_council": council, "current_period": period, "period_title": periods.wording(year, kind),
        "period_start": start, "period_end": end, "period_choices": choices, "today": timezone.localdate(),
    }


def calendar_card(request):
    """Where the official holiday calendar ends: past it, due dates count days off by rule."""
    from django.urls import reverse

    from .deadlines import official_calendar_end
    from .holiday_rules import BASIS

    end = official_calendar_end()
    url = reverse("admin:core_holiday_changelist") if request.user.has_perm("core.view_holiday") else ""
    soon = end is None or end < timezone.localdate() + datetime.timedelta(days=120)
    return Card(
        title=_("Lịch nghỉ chính thức"),
        value=_("đến %(date)s") % {"date": f"{end:%d/%m/%Y}"} if end else _("chưa có"), url=url,
        note=_("Sau ngày này, hạn được tính với các ngày nghỉ dự kiến theo %(basis)s (Tết, Giỗ Tổ theo âm lịch) "
               "và ghi rõ «dự kiến»; khi Chính phủ quyết định lịch nghỉ của năm mới, thêm vào lịch nghỉ để thay thế."
               ) % {"basis": BASIS},
        tone="warn" if soon else "", order=890,
    )


def cards(request):
    """Core's own cards: where the official calendar ends, deadline rules a legal officer still has to confirm."""
    from django.urls import reverse

    from .choices import RuleStatus
    from .models import DeadlineRule

    from .choices import Role
    from .scoping import role_of

    # The shared calendar and rules are kept by the secretariat and administrators; a ward clerk can do
    # nothing about them, so is not shown these warnings.
    if role_of(request.user) == Role.WARD:
        return []
    found = [calendar_card(request)]
    if not request.user.has_perm("core.view_deadlinerule"):
        return found
    pending = DeadlineRule.objects.exclude(status=RuleStatus.CONFIRMED).count()
    if not pending:
        return found
    return found + [Card(
        title=_("Quy tắc thời hạn cần xác minh"), value=pending,
        url=reverse("admin:core_deadlinerule_changelist") + "?status__exact=unverified",
        note=_("Đang được dùng để tính hạn; cán bộ pháp chế xác nhận hoặc sửa ngay trong danh mục."),
        tone="warn", order=900,
    )]
