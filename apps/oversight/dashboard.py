"""Dashboard cards: supervisions by type in the selected half-year; overdue and due-soon recommendations as of today."""
import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.dashboard import Card, selected_period
from apps.core.periods import range_of
from apps.core.reminders import to_act_on, to_act_on_list

from .choices import RECOMMENDATION_CLOSED, ActivityType
from .models import Recommendation, SupervisionActivity


def cards(request):
    user = request.user
    result = []
    if user.has_perm("oversight.view_supervisionactivity"):
        period = selected_period(request)
        start, end = range_of(period)
        base = reverse("admin:oversight_supervisionactivity_changelist")
        counts = dict(
            SupervisionActivity.objects.for_user(user).filter(fieldwork_start__range=(start, end))
            .values_list("activity_type").annotate(n=Count("pk")).order_by()
        )
        labels = dict(ActivityType.choices)
        rows = [(labels[t], counts[t], f"{base}?period={period}&activity_type={t}") for t in labels if counts.get(t)]
        result.append(Card(
            title=_("Giám sát, khảo sát"), value=sum(counts.values()), url=f"{base}?period={period}", in_period=True,
            note=_("theo hình thức"), rows=rows, order=20,
        ))
    if user.has_perm("oversight.view_recommendation"):
        today = timezone.localdate()
        figures = to_act_on(Recommendation, user).exclude(status__in=RECOMMENDATION_CLOSED).aggregate(
            overdue=Count("pk", filter=Q(due_date__lt=today)),
            soon=Count("pk", filter=Q(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=7))),
        )
        url = reverse("admin:oversight_recommendation_changelist")
        result.append(Card(
            title=_("Kiến nghị sau giám sát quá hạn"), value=figures["overdue"], url=to_act_on_list(url, user, due="overdue"),
            note=_("%(n)d kiến nghị sắp đến hạn trong 7 ngày") % {"n": figures["soon"]},
            tone="alert" if figures["overdue"] else ("warn" if figures["soon"] else ""),
            rows=[(_("Quá hạn"), figures["overdue"], to_act_on_list(url, user, due="overdue")),
                  (_("Sắp đến hạn (7 ngày)"), figures["soon"], to_act_on_list(url, user, due="soon"))],
            order=30,
        ))
    return result
