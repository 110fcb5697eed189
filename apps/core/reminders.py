"""Work coming due: the items in a user's scope whose due date is within N days or past.

Each domain app lists what falls due in its registers in ``<app>.reminders.SOURCES`` (core imports no
domain app). The "Việc sắp đến hạn" page and the ``send_reminders`` command read the same function,
so a clerk's page and e-mail always list the same items; the dashboard's «Cần theo dõi» cards count
from the same rows (``to_act_on``), so a card's figure and the reminders agree.
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


def to_act_on(model, user):
    """The rows of ``model`` whose deadlines are ``user``'s to follow: those of the councils the user works
    for (the scoping rule's "change" councils: a leader's too, though they change nothing), without the
    predecessors' records they only read. A dissolved council's open items pass to its successor with
    ``transfer_open_items`` (docs/LIFETIMES.md); what stays with the predecessor is history, and nobody
    can act on it there. The dashboard's overdue cards and ``due_groups`` both count from here."""
    return model._default_manager.for_user(user, "change")


def to_act_on_list(url, user, **params):
    """The address of the changelist ``url`` filtered by ``params`` that lists what ``to_act_on`` counts: for
    a user who works for one council, that council; for one who works for several and also reads their
    predecessors' records, those councils together (else the list would show read-only rows that the
    card does not count)."""
    from django.utils.http import urlencode

    from .filters import CouncilListFilter
    from .scoping import reads_predecessors, visible_council_ids

    ids = visible_council_ids(user, "change")
    if ids is not None and len(ids) == 1:
        params = {**params, "council": next(iter(ids))}
    elif reads_predecessors(user):
        params = {**params, "council": CouncilListFilter.WORKING}
    return f"{url}?{urlencode(params)}"


def due_groups(user, days=7):
    """The user's open items due within ``days`` days or overdue, per source, earliest first (one query
    per source and one count where a source has more than GROUP_LIMIT)."""
    now = today()
    until = now + datetime.timedelta(days=days)
    groups = []
    for source in sources():
        opts = source.model._meta
        if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        qs = (to_act_on(source.model, user).filter(source.open_q).exclude(source.done_q)
              .filter(**{f"{source.due_field}__lte": until})
              .select_related("council", *source.select_related).order_by(source.due_field, "pk"))
        rows = list(qs[:GROUP_LIMIT + 1])
        total = len(rows) if len(rows) <= GROUP_LIMIT else qs.count()
        rows = rows[:GROUP_LIMIT]
        if rows:
            items = [(obj, getattr(obj, source.due_field), getattr(obj, source.due_field) < now) for obj in rows]
            groups.append(DueGroup(source, items, total))
    return groups
