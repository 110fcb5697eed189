"""Pieces shared by the registers' django-filter FilterSets (lists outside the admin, scripts, reports).

Callers pass a queryset already scoped with ``Model.objects.for_user(user)``.
"""
import django_filters
from django.utils.translation import gettext_lazy as _

from . import periods
from .filters import filter_due  # noqa: F401 (used by the apps' FilterSets)


def due_choices(soon_days):
    return [("overdue", _("Quá hạn")), ("soon", _("Sắp đến hạn (trong %(days)s ngày)") % {"days": soon_days}),
            ("done", _("Đã hoàn thành"))]


class PeriodFilter(django_filters.CharFilter):
    """?period=2022-H1 on a date field; an unreadable code gives no rows."""

    def filter(self, qs, value):
        if not value:
            return qs
        try:
            start, end = periods.range_of(value)
        except ValueError:
            return qs.none()
        return qs.filter(**{f"{self.field_name}__range": (start, end)})
