"""django-filter FilterSets of the oversight registers. Callers pass a queryset scoped with ``for_user``."""
import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.filtersets import PeriodFilter, due_choices, filter_due

DUE_CHOICES = due_choices(7)

from . import choices
from .models import ExplanationSession, Recommendation, SupervisionActivity


class SupervisionActivityFilterSet(django_filters.FilterSet):
    period = PeriodFilter(field_name="fieldwork_start", label=_("kỳ báo cáo"))

    class Meta:
        model = SupervisionActivity
        fields = ["council", "activity_type", "status", "conducting_body"]


class ExplanationSessionFilterSet(django_filters.FilterSet):
    period = PeriodFilter(field_name="held_date", label=_("kỳ báo cáo"))

    class Meta:
        model = ExplanationSession
        fields = ["council", "conducting_body"]


class RecommendationFilterSet(django_filters.FilterSet):
    period = PeriodFilter(field_name="issued_date", label=_("kỳ báo cáo"))
    due = django_filters.ChoiceFilter(choices=DUE_CHOICES, method="filter_due", label=_("thời hạn"))
    activity_type = django_filters.ChoiceFilter(field_name="activity__activity_type",
                                                choices=choices.ActivityType.choices, label=_("hình thức giám sát"))

    class Meta:
        model = Recommendation
        fields = ["council", "status", "addressee", "activity", "explanation_session"]

    def filter_due(self, qs, name, value):
        return filter_due(qs, "due_date", Q(status__in=choices.RECOMMENDATION_CLOSED), value)
