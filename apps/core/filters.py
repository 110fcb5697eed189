"""List filters shared by every register: reporting period, due status, scoped relations."""
import datetime

from django.contrib import admin, messages
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import periods
from .scoping import reads_predecessors, visible_council_ids


def today():
    return timezone.localdate()


def filter_due(queryset, due_field, done_q, value, soon_days=7):
    """Records by due status: 'overdue', 'soon' (within soon_days), 'open' (not due yet) or 'done'."""
    now = today()
    if value == "overdue":
        return queryset.exclude(done_q).filter(**{f"{due_field}__lt": now})
    if value == "soon":
        return queryset.exclude(done_q).filter(**{
            f"{due_field}__gte": now, f"{due_field}__lte": now + datetime.timedelta(days=soon_days),
        })
    if value == "open":
        return queryset.exclude(done_q).filter(Q(**{f"{due_field}__gte": now}) | Q(**{f"{due_field}__isnull": True}))
    if value == "done":
        return queryset.filter(done_q)
    return queryset


class ScopedRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A foreign-key filter that lists only related rows the user may see."""

    def field_choices(self, field, request, model_admin):
        related = field.related_model
        ordering = self.field_admin_ordering(field, request, model_admin)
        qs = related._default_manager.all()
        if hasattr(qs, "for_user"):
            qs = qs.for_user(request.user)
        if ordering:
            qs = qs.order_by(*ordering)
        from .admin_choices import council_choices

        return council_choices(qs, request)


# Above this many councils a list of links is no longer usable (a superuser sees 3,373):
# the filter and the council fields of forms turn into a search.
COUNCIL_LIST_LIMIT = 30


class CouncilListFilter(admin.SimpleListFilter):
    """Filter by council, among the councils the user may see (hidden for ward clerks).

    Up to COUNCIL_LIST_LIMIT councils: one link each. Beyond that: a search box (part of the name,
    either tone placement, or the start of the unit code) whose first COUNCIL_LIST_LIMIT matches
    are listed as links. A user who works for several councils and also reads their predecessors'
    records gets one more choice first, WORKING: all the councils they work for at once.
    """

    title = _("HĐND")
    parameter_name = "council"
    search_parameter = "council_q"
    # Every council the user works for, without the predecessors' records they only read: what the
    # dashboard's cards and the reminders count (apps/core/reminders.to_act_on), for a user with several.
    WORKING = "lam_viec"
    template = "admin/core/council_filter.html"

    def __init__(self, request, params, model, model_admin):
        self.search_text = (params.get(self.search_parameter) or "")
        if isinstance(self.search_text, list):
            self.search_text = self.search_text[-1] if self.search_text else ""
        self.search_text = self.search_text.strip()[:100]
        params.pop(self.search_parameter, None)
        self.too_many = self.no_match = False
        super().__init__(request, params, model, model_admin)

    def expected_parameters(self):
        return [self.parameter_name, self.search_parameter]

    def councils(self, request):
        from .models import Council

        ids = visible_council_ids(request.user)
        qs = Council.objects.select_related("admin_unit").order_by("admin_unit__code", "admin_unit__valid_from")
        return qs if ids is None else qs.filter(pk__in=ids), ids

    def lookups(self, request, model_admin):
        qs, ids = self.councils(request)
        if ids is not None and len(ids) <= 1:
            return []
        working = [(self.WORKING, _("Các HĐND đang phụ trách (không gồm hồ sơ chỉ xem)"))] \
            if reads_predecessors(request.user) else []
        return working + self.council_lookups(qs, ids)

    def council_lookups(self, qs, ids):
        self.too_many = (len(ids) if ids is not None else qs.count()) > COUNCIL_LIST_LIMIT
        # "HĐND phường Ka Long (06709)"; where names repeat in the user's scope (the four "HĐND phường
        # An Bình" of the country, Hải Sơn until 30/06/2025 and Hải Sơn since) the province and the end too.
        from .council_labels import council_namer, with_labels

        qs = with_labels(qs)
        name = council_namer(ids, plain=lambda c: f"{c.name} ({c.admin_unit.code})")
        if self.too_many:
            shown = list(matching_councils(qs, self.search_text)[:COUNCIL_LIST_LIMIT]) if self.search_text else []
            if self.value() and str(self.value()).isdigit() and all(str(c.pk) != str(self.value()) for c in shown):
                shown = list(qs.filter(pk=self.value())) + shown
            self.no_match = bool(self.search_text) and not shown
            # Shown even when nothing matches, so that the search box stays on the page.
            return [(c.pk, name(c)) for c in shown] or [("", "")]
        return [(c.pk, name(c)) for c in qs]

    def choices(self, changelist):
        self.hidden_params = []
        for key, value in changelist.params.items():
            if key in (self.parameter_name, self.search_parameter, "p"):
                continue
            for item in (value if isinstance(value, list) else [value]):
                self.hidden_params.append((key, item))
        for choice in super().choices(changelist):
            if choice.get("display") == "":
                continue
            yield choice

    def queryset(self, request, queryset):
        if self.value() == self.WORKING:
            working = visible_council_ids(request.user, "change")
            return queryset if working is None else queryset.filter(council_id__in=working)
        if self.value():
            if not str(self.value()).isdigit():
                return queryset.none()
            return queryset.filter(council_id=self.value())
        return queryset


def matching_councils(queryset, text):
    """Councils whose name holds every word of ``text``, with or without diacritics ("mong cai 2"), or
    whose unit code starts with it: the council's folded search text holds both (apps/core/text.py)."""
    from .admin_search import folded_filter
    from .text import SEARCH_COLUMN

    return folded_filter(queryset, [SEARCH_COLUMN], text)


def period_filter(date_field, title=_("kỳ báo cáo")):
    """A filter by reporting period (6 tháng đầu/cuối năm, cả năm) on ``date_field``."""

    class PeriodFilter(admin.SimpleListFilter):
        parameter_name = "period"
        columns = (date_field,)

        def lookups(self, request, model_admin):
            this_year = today().year
            return periods.report_choices(this_year - 5, this_year)

        def queryset(self, request, queryset):
            if not self.value():
                return queryset
            try:
                start, end = periods.range_of(self.value())
            except ValueError as error:
                # Like an unknown lookup in Django's admin: say so, and list the rows without it.
                messages.error(request, _("%(error)s Danh sách bên dưới không lọc theo kỳ.") % {"error": error})
                return queryset
            return queryset.filter(**{f"{date_field}__gte": start, f"{date_field}__lte": end})

    PeriodFilter.title = title
    return PeriodFilter


def q_columns(q):
    """The fields a Q object's conditions name (``answered_date__isnull`` → ``answered_date``)."""
    names = []
    for child in q.children:
        if isinstance(child, Q):
            names += q_columns(child)
        else:
            names.append(child[0].split("__")[0])
    return names


def due_filter(due_field, done_q, soon_days=7, title=_("thời hạn")):
    """Overdue / due soon filter. ``done_q`` is a Q matching records already completed."""

    class DueFilter(admin.SimpleListFilter):
        parameter_name = "due"
        columns = (due_field, *q_columns(done_q))  # what it reads: held in a big register's indexes

        def lookups(self, request, model_admin):
            return [
                ("overdue", _("Quá hạn")),
                ("soon", _("Sắp đến hạn (trong %(days)s ngày)") % {"days": soon_days}),
                ("open", _("Chưa đến hạn")),
                ("done", _("Đã hoàn thành")),
            ]

        def queryset(self, request, queryset):
            return filter_due(queryset, due_field, done_q, self.value(), soon_days)

    DueFilter.title = title
    return DueFilter


def due_state(due_date, done, soon_days=7):
    """'overdue' | 'soon' | 'open' | 'done' for a single record (used in lists and cards)."""
    if done:
        return "done"
    if due_date is None:
        return "open"
    now = today()
    if due_date < now:
        return "overdue"
    if due_date <= now + datetime.timedelta(days=soon_days):
        return "soon"
    return "open"
