"""django-filter FilterSets of the petitions registers (callers pass ``Model.objects.for_user(user)``)."""
import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.filtersets import PeriodFilter, due_choices, filter_due

SOON_DAYS = 3  # petitions and letters: "due within 3 days": their deadlines are short (a few working days)
DUE_CHOICES = due_choices(SOON_DAYS)

from .choices import CompetenceLevel, MeetingForm, MeetingTiming, PetitionStatus
from .models import Petition, VoterMeeting


class VoterMeetingFilterSet(django_filters.FilterSet):
    period = PeriodFilter(field_name="date", label=_("kỳ báo cáo"))
    timing = django_filters.ChoiceFilter(choices=MeetingTiming.choices)
    form = django_filters.ChoiceFilter(choices=MeetingForm.choices)

    class Meta:
        model = VoterMeeting
        fields = ["council", "ward", "sitting"]


class PetitionFilterSet(django_filters.FilterSet):
    period = PeriodFilter(field_name="received_date", label=_("kỳ báo cáo"))
    status = django_filters.ChoiceFilter(choices=PetitionStatus.choices)
    competence_level = django_filters.ChoiceFilter(choices=CompetenceLevel.choices)
    answer_due = django_filters.ChoiceFilter(choices=DUE_CHOICES, method="filter_answer_due", label=_("hạn trả lời"))
    duplicates = django_filters.BooleanFilter(field_name="merged_into", lookup_expr="isnull", exclude=True,
                                              label=_("kiến nghị trùng (đã gộp)"))

    class Meta:
        model = Petition
        fields = ["council", "meeting", "agency", "field", "forwarded_by_na", "sitting", "supervision_activity"]

    def filter_answer_due(self, qs, name, value):
        return filter_due(qs, "answer_due", Q(answered_date__isnull=False), value, SOON_DAYS)
