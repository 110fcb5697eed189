"""Dashboard cards: petitions received in the selected half-year by status; overdue petitions per ward
council as of today (scoped, 2 queries)."""
from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from apps.core.dashboard import Card, per_council as council_counts, selected_period
from apps.core.periods import range_of
from apps.core.reminders import to_act_on, to_act_on_list

from .choices import PetitionStatus
from .models import Petition, PetitionQuerySet


def cards(request):
    user = request.user
    if not user.has_perm("petitions.view_petition"):
        return []
    url = reverse("admin:petitions_petition_changelist")
    petitions = Petition.objects.for_user(user).counted()

    period = selected_period(request)
    received = petitions.filter(received_date__range=range_of(period))
    by_status = dict(received.values_list("status").annotate(n=Count("pk")).order_by())
    status_card = Card(
        title=_("Kiến nghị cử tri theo tình trạng"), value=sum(by_status.values()),
        url=f"{url}?{urlencode({'period': period})}", order=30, in_period=True,
        note=_("kiến nghị tiếp nhận trong kỳ"),
        rows=[(label, by_status.get(value, 0), f"{url}?{urlencode({'period': period, 'status__exact': value})}")
              for value, label in PetitionStatus.choices],
    )

    per_council = council_counts(to_act_on(Petition, user).counted().filter(PetitionQuerySet.overdue_q()))
    total = sum(row["n"] for row in per_council)
    overdue_card = Card(
        title=_("Kiến nghị quá hạn trả lời"), value=total, url=to_act_on_list(url, user, due="overdue"), order=31,
        tone="alert" if total else "",
        rows=[(row["council__name"], row["n"], f"{url}?{urlencode({'due': 'overdue', 'council': row['council_id']})}")
              for row in per_council[:20]],
    )
    return [status_card, overdue_card]
