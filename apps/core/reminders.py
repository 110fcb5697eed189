"""Work coming due: the items in a user's scope whose due date is within N days or past.

Each domain app lists what falls due in its registers in ``<app>.reminders.SOURCES`` (core imports no
domain app). The "Việc sắp đến hạn" page and the ``send_reminders`` command read the same function,
so a clerk's page and e-mail always list the same items.
"""
import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse

from .filters import today
from .registry import app_modules

GROUP_LIMIT = 200  # items listed per source; the count says when there are more
MAX_DAYS = 90


@dataclass(frozen=True)
class DueSource:
    """One deadline of one register: ``due_field`` until ``done_q`` holds (``open_q``: still counted)."""

    model: type
    due_field: str
    done_q: Q
    label: str
    open_q: Q = field(default_factory=Q)
    select_related: tuple = ()

    def changelist_url(self):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")


@dataclass
class DueGroup:
    source: DueSource
    items: list      # [(obj, due_date, overdue: bool)]
    total: int

    @property
    def overdue(self):
        return sum(1 for _obj, _due, late in self.items if late)


def sources():
    for module in app_modules("reminders"):
        yield from getattr(module, "SOURCES", ())


def clamp_days(value, default=7):
    try:
        days = int(value)
    except (TypeError, ValueError):
        return default
    return max(0, min(MAX_DAYS, days))


def due_groups(user, days=7):
    """The user's open items due within ``days`` days or overdue, per source, earliest first (one query
    per source and one count where a source has more than GROUP_LIMIT)."""
    from .scoping import visible_council_ids

    now = today()
    until = now + datetime.timedelta(days=days)
    # The councils whose work the user does: a successor's clerk reads a predecessor's records but cannot
    # act on them (its open items pass on with transfer_open_items), so they are not theirs to chase.
    actionable = visible_council_ids(user, "change")
    groups = []
    for source in sources():
        opts = source.model._meta
        if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        qs = source.model._default_manager.for_user(user)
        if actionable is not None:
            qs = qs.filter(council_id__in=actionable)
        qs = (qs.filter(source.open_q).exclude(source.done_q)
              .filter(**{f"{source.due_field}__lte": until})
              .select_related("council", *source.select_related).order_by(source.due_field, "pk"))
        rows = list(qs[:GROUP_LIMIT + 1])
        total = len(rows) if len(rows) <= GROUP_LIMIT else qs.count()
        rows = rows[:GROUP_LIMIT]
        if rows:
            items = [(obj, getattr(obj, source.due_field), getattr(obj, source.due_field) < now) for obj in rows]
            groups.append(DueGroup(source, items, total))
    return groups
