"""django-filter FilterSets of the reception registers (lists outside the admin, scripts, reports).

Callers pass a queryset already scoped with ``Model.objects.for_user(user)``. Identity fields
are not filterable here: searching a denouncer's name is an admin search, with its permission check.
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.filtersets import PeriodFilter, due_choices
from apps.core.filtersets import filter_due as core_filter_due

from .choices import Channel, Classification, LetterContentType, LetterHandling, LetterStatus, VisitHandling
from .display import SOON_DAYS
from .models import Letter, LetterQuerySet, ReceptionSession, Visit

DUE_CHOICES = due_choices(SOON_DAYS)


def filter_due(qs, due_field, done_q, value, soon_days=SOON_DAYS):
    return core_filter_due(qs, due_field, done_q, value, soon_days)


class ReceptionSessionFilterSet(django_filters.FilterSet):
    period = PeriodFilter(field_name="date", label=_("kỳ báo cáo"))

    class Meta:
        model = ReceptionSession
        fields = ["council", "kind"]


class VisitFilterSet(django_filters.FilterSet):
    period = PeriodFilter(field_name="date", label=_("kỳ báo cáo"))
    classification = django_filters.ChoiceFilter(choices=Classification.choices)
    handling = django_filters.ChoiceFilter(choices=VisitHandling.choices)
    large_group = django_filters.BooleanFilter(field_name="people_count", method="filter_large_group",
                                               label=_("đoàn đông người"))

    class Meta:
        model = Visit
        fields = ["council", "session", "is_repeat"]

    def filter_large_group(self, qs, name, value):
        if value is None:
            return qs
        return qs.filter(people_count__gte=5) if value else qs.filter(people_count__lt=5)


class LetterFilterSet(django_filters.FilterSet):
    period = PeriodFilter(field_name="received_date", label=_("kỳ báo cáo"))
    content_type = django_filters.ChoiceFilter(choices=LetterContentType.choices)
    channel = django_filters.ChoiceFilter(choices=Channel.choices)
    handling = django_filters.ChoiceFilter(choices=LetterHandling.choices)
    status = django_filters.ChoiceFilter(choices=LetterStatus.choices)
    processing_due = django_filters.ChoiceFilter(choices=DUE_CHOICES, method="filter_processing",
                                                 label=_("hạn xử lý đơn"))
    reply_due = django_filters.ChoiceFilter(choices=DUE_CHOICES, method="filter_reply", label=_("hạn trả lời"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("quá hạn (bất kỳ)"))

    class Meta:
        model = Letter
        fields = ["council", "eligible", "competence", "forwarded_agency", "field", "visit"]

    def filter_processing(self, qs, name, value):
        return filter_due(qs, "processing_due", ~Q(handling=""), value)

    def filter_reply(self, qs, name, value):
        return filter_due(qs, "reply_due", Q(reply_received_date__isnull=False), value)

    def filter_overdue(self, qs, name, value):
        if value is None:
            return qs
        return qs.filter(LetterQuerySet.overdue_q()) if value else qs.exclude(LetterQuerySet.overdue_q())
