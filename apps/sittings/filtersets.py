"""django-filter FilterSets of the sittings registers (for lists outside the admin and for scripts).

Callers pass a queryset already scoped with ``Model.objects.for_user(user)``.
"""
import datetime

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.models import PERIOD_BOUNDS, parse_period_code

from . import choices
from .models import Question, Resolution, Sitting, StandingMeeting

DUE_CHOICES = [("overdue", _("Quá hạn")), ("soon", _("Sắp đến hạn (7 ngày)")), ("done", _("Đã hoàn thành"))]


def period_range(code):
    year, kind = parse_period_code(code)
    (m1, d1), (m2, d2) = PERIOD_BOUNDS[kind]
    return datetime.date(year, m1, d1), datetime.date(year, m2, d2)


class PeriodFilter(django_filters.CharFilter):
    """?period=2022-H1 on a date field; an unreadable code gives no rows."""

    def filter(self, qs, value):
        if not value:
            return qs
        try:
            start, end = period_range(value)
        except ValueError:
            return qs.none()
        return qs.filter(**{f"{self.field_name}__range": (start, end)})


def filter_due(qs, due_field, done_q, value, soon_days=7):
    today = timezone.localdate()
    if value == "overdue":
        return qs.exclude(done_q).filter(**{f"{due_field}__lt": today})
    if value == "soon":
        return qs.exclude(done_q).filter(**{f"{due_field}__range": (today, today + datetime.timedelta(days=soon_days))})
    if value == "done":
        return qs.filter(done_q)
    return qs


class SittingFilterSet(django_filters.FilterSet):
    period = PeriodFilter(field_name="start_date", label=_("kỳ báo cáo"))
    sitting_type = django_filters.ChoiceFilter(choices=choices.SittingType.choices, label=_("loại kỳ họp"))

    class Meta:
        model = Sitting
        fields = ["council", "term", "sitting_type"]


class ResolutionFilterSet(django_filters.FilterSet):
    period = PeriodFilter(field_name="adopted_date", label=_("kỳ báo cáo"))

    class Meta:
        model = Resolution
        fields = ["council", "kind", "status", "field", "sitting"]


class QuestionFilterSet(django_filters.FilterSet):
    period = PeriodFilter(field_name="asked_date", label=_("kỳ báo cáo"))
    due = django_filters.ChoiceFilter(choices=DUE_CHOICES, method="filter_due", label=_("thời hạn trả lời"))

    class Meta:
        model = Question
        fields = ["council", "mode", "sitting", "standing_meeting", "delegate"]

    def filter_due(self, qs, name, value):
        return filter_due(qs, "answer_due", Q(answered_date__isnull=False), value)


class StandingMeetingFilterSet(django_filters.FilterSet):
    period = PeriodFilter(field_name="date", label=_("kỳ báo cáo"))

    class Meta:
        model = StandingMeeting
        fields = ["council", "kind"]
