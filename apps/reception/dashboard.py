"""Dashboard cards: overdue letters per ward council, denunciations awaiting processing (scoped, 2 queries)."""
import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from apps.core.dashboard import Card, per_council as council_counts
from apps.core.filters import today
from apps.core.reminders import to_act_on, to_act_on_list

from .choices import LetterContentType
from .display import SOON_DAYS
from .models import Letter, LetterQuerySet


def cards(request):
    user = request.user
    if not user.has_perm("reception.view_letter"):
        return []
    url = reverse("admin:reception_letter_changelist")
    letters = to_act_on(Letter, user)  # not a predecessor's history: the same rows as the reminders

    per_council = council_counts(letters.filter(LetterQuerySet.overdue_q()))
    total = sum(row["n"] for row in per_council)
    overdue = Card(
        title=_("Đơn thư quá hạn"), value=total, url=to_act_on_list(url, user, quahan=1), order=40,
        tone="alert" if total else "",
        note=_("Quá hạn xử lý, quá hạn chuyển đơn tố cáo hoặc cơ quan chưa thông báo kết quả."),
        rows=[(row["council__name"], row["n"], f"{url}?{urlencode({'quahan': 1, 'council': row['council_id']})}")
              for row in per_council[:20]],
    )

    now = today()
    soon_until = now + datetime.timedelta(days=SOON_DAYS)
    waiting = letters.filter(content_type=LetterContentType.DENUNCIATION, handling="").aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=Q(processing_due__lt=now)),
        soon=Count("pk", filter=Q(processing_due__gte=now, processing_due__lte=soon_until)),
    )
    base = {"content_type__exact": LetterContentType.DENUNCIATION}
    denunciations = Card(
        title=_("Đơn tố cáo chờ xử lý"), value=waiting["total"], order=41,
        url=to_act_on_list(url, user, **base, processing_due="open"),
        tone="alert" if waiting["overdue"] else ("warn" if waiting["soon"] else ""),
        rows=[
            (_("Quá hạn xử lý"), waiting["overdue"], to_act_on_list(url, user, **base, processing_due="overdue")),
            (_("Sắp đến hạn (trong %(d)s ngày)") % {"d": SOON_DAYS}, waiting["soon"],
             to_act_on_list(url, user, **base, processing_due="soon")),
        ],
    )
    return [overdue, denunciations]
