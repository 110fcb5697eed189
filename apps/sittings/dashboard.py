"""Dashboard cards: sittings and resolutions in the selected half-year, overdue question answers (as of today)."""
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.dashboard import Card, selected_period
from apps.core.periods import range_of
from apps.core.reminders import to_act_on, to_act_on_list

from .models import Question, Resolution, Sitting


def cards(request):
    user = request.user
    period = selected_period(request)
    start, end = range_of(period)
    result = []
    if user.has_perm("sittings.view_sitting") and user.has_perm("sittings.view_resolution"):
        n_sittings = Sitting.objects.for_user(user).filter(start_date__range=(start, end)).count()
        n_resolutions = Resolution.objects.for_user(user).filter(adopted_date__range=(start, end)).count()
        sittings_url = f"{reverse('admin:sittings_sitting_changelist')}?period={period}"
        resolutions_url = f"{reverse('admin:sittings_resolution_changelist')}?period={period}"
        result.append(Card(
            title=_("Kỳ họp và nghị quyết"), value=n_sittings, url=sittings_url, in_period=True,
            note=_("kỳ họp; %(n)d nghị quyết") % {"n": n_resolutions},
            rows=[(_("Kỳ họp"), n_sittings, sittings_url), (_("Nghị quyết"), n_resolutions, resolutions_url)],
            order=10,
        ))
    if user.has_perm("sittings.view_question"):
        today = timezone.localdate()
        overdue = to_act_on(Question, user).filter(answered_date__isnull=True, answer_due__lt=today).count()
        result.append(Card(
            title=_("Chất vấn quá hạn trả lời bằng văn bản"), value=overdue,
            url=to_act_on_list(reverse("admin:sittings_question_changelist"), user, due="overdue"),
            tone="alert" if overdue else "", order=40,
        ))
    return result
