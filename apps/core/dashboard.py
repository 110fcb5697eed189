"""The admin index as a dashboard: each app contributes cards (apps.<app>.dashboard.cards)."""
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


def current_half_year():
    return periods.half_year_of(timezone.localdate())


def dashboard_context(request):
    cards = []
    if request.user.is_authenticated:
        for module in app_modules("dashboard"):
            cards.extend(module.cards(request) or [])
    cards.sort(key=lambda c: c.order)
    council = home_council(request.user)
    return {"cards": cards, "home_council": council, "current_period": current_half_year()}


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
