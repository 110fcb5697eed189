"""django-filter FilterSets of the sittings registers (for lists outside the admin and for scripts).

Callers pass a queryset already scoped with ``Model.objects.for_user(user)``.
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.filtersets import PeriodFilter, due_choices, filter_due

from . import choices
from .models import Question, Resolution, Sitting, StandingMeeting

DUE_CHOICES = due_choices(7)


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
