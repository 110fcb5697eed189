"""Pieces shared by the registers' django-filter FilterSets (lists outside the admin, scripts, reports).

Callers pass a queryset already scoped with ``Model.objects.for_user(user)``.
"""
import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import periods
from .filters import filter_due  # noqa: F401 (used by the apps' FilterSets)


def due_choices(soon_days):
    return [("overdue", _("Quá hạn")), ("soon", _("Sắp đến hạn (trong %(days)s ngày)") % {"days": soon_days}),
            ("done", _("Đã hoàn thành"))]


class PeriodField(forms.CharField):
    """A period code (2022-H1, 2022-Y…); an unreadable one is a form error saying how to write it."""

    def clean(self, value):
        value = super().clean(value)
        if value:
            try:
                periods.parse_code(value)
            except ValueError as error:
                raise ValidationError(str(error), code="invalid_period") from None
        return value


class PeriodFilter(django_filters.CharFilter):
    """?period=2022-H1 on a date field. An unreadable code is a form error (``filterset.errors``) and the
    rows are not filtered by period, as Django's admin does with a bad filter value: never an exception,
    never an empty list that looks like "nothing in this period"."""

    field_class = PeriodField

    def filter(self, qs, value):
        if not value:
            return qs
        start, end = periods.range_of(value)
        return qs.filter(**{f"{self.field_name}__range": (start, end)})
