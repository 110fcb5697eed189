"""The "Việc sắp đến hạn" page: the user's open items due within N days or overdue, across registers."""
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .admin_base import due_badge
from .reminders import clamp_days, due_groups
from .scoping import home_council


def rows_of(group):
    opts = group.source.model._meta
    for obj, due, _late in group.items:
        yield {
            "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]),
            "text": str(obj), "council": obj.council, "due": due_badge(due, False, 0),
        }


def reminders_page(request, site):
    days = clamp_days(request.GET.get("days"))
    groups = due_groups(request.user, days)
    context = {
        **site.each_context(request),
        "title": _("Việc sắp đến hạn"),
        "days": days, "home_council": home_council(request.user),
        "groups": [{"label": g.source.label, "total": g.total, "overdue": g.overdue, "rows": list(rows_of(g)),
                    "more": g.total - len(g.items), "url": g.source.changelist_url()} for g in groups],
        "total": sum(g.total for g in groups),
    }
    return TemplateResponse(request, "admin/core/reminders.html", context)
