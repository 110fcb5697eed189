"""List filters shared by every register: reporting period, due status, scoped relations."""
import datetime

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import periods
from .scoping import visible_council_ids


def today():
    return timezone.localdate()


def filter_due(queryset, due_field, done_q, value, soon_days=7):
    """Records by due status: 'overdue', 'soon' (within soon_days), 'open' (not due yet) or 'done'."""
    now = today()
    if value == "overdue":
        return queryset.exclude(done_q).filter(**{f"{due_field}__lt": now})
    if value == "soon":
        return queryset.exclude(done_q).filter(**{
            f"{due_field}__gte": now, f"{due_field}__lte": now + datetime.timedelta(days=soon_days),
        })
    if value == "open":
        return queryset.exclude(done_q).filter(Q(**{f"{due_field}__gte": now}) | Q(**{f"{due_field}__isnull": True}))
    if value == "done":
        return queryset.filter(done_q)
    return queryset


class ScopedRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A foreign-key filter that lists only related rows the user may see."""

    def field_choices(self, field, request, model_admin):
        related = field.related_model
        ordering = self.field_admin_ordering(field, request, model_admin)
        qs = related._default_manager.all()
        if hasattr(qs, "for_user"):
            qs = qs.for_user(request.user)
        if ordering:
            qs = qs.order_by(*ordering)
        return [(obj.pk, str(obj)) for obj in qs]


class CouncilListFilter(admin.SimpleListFilter):
    """Filter by council, listing only councils the user may see (hidden for ward clerks)."""

    title = _("HĐND")
    parameter_name = "council"

    def lookups(self, request, model_admin):
        from .models import Council

        ids = visible_council_ids(request.user)
        if ids is not None and len(ids) <= 1:
            return []
        qs = Council.objects.select_related("admin_unit").order_by("admin_unit__code", "admin_unit__valid_from")
        if ids is not None:
            qs = qs.filter(pk__in=ids)
        return [(c.pk, f"{c.name} ({c.admin_unit.code})") for c in qs]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(council_id=self.value())
        return queryset


def period_filter(date_field, title=_("kỳ báo cáo")):
    """A filter by reporting period (6 tháng đầu/cuối năm, cả năm) on ``date_field``."""

    class PeriodFilter(admin.SimpleListFilter):
        parameter_name = "period"

        def lookups(self, request, model_admin):
            this_year = today().year
            return periods.report_choices(this_year - 5, this_year)

        def queryset(self, request, queryset):
            if not self.value():
                return queryset
            try:
                start, end = periods.range_of(self.value())
            except ValueError:
                return queryset.none()
            return queryset.filter(**{f"{date_field}__gte": start, f"{date_field}__lte": end})

    PeriodFilter.title = title
    return PeriodFilter


def due_filter(due_field, done_q, soon_days=7, title=_("thời hạn")):
    """Overdue / due soon filter. ``done_q`` is a Q matching records already completed."""

    class DueFilter(admin.SimpleListFilter):
        parameter_name = "due"

        def lookups(self, request, model_admin):
            return [
                ("overdue", _("Quá hạn")),
                ("soon", _("Sắp đến hạn (trong %(days)s ngày)") % {"days": soon_days}),
                ("open", _("Chưa đến hạn")),
                ("done", _("Đã hoàn thành")),
            ]

        def queryset(self, request, queryset):
            return filter_due(queryset, due_field, done_q, self.value(), soon_days)

    DueFilter.title = title
    return DueFilter


def due_state(due_date, done, soon_days=7):
    """'overdue' | 'soon' | 'open' | 'done' for a single record (used in lists and cards)."""
    if done:
        return "done"
    if due_date is None:
        return "open"
    now = today()
    if due_date < now:
        return "overdue"
    if due_date <= now + datetime.timedelta(days=soon_days):
        return "soon"
    return "open"
