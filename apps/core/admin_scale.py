"""Changelists that cost the same at a million rows as at a hundred.

- ``page_counts``: per-row counts of related records ({attribute: relation}), counted for the rows of the
  page only, in the query that reads them, instead of an annotated ``Count`` that groups the whole visible set before the
  page is cut (a changelist of a million visits grouped a million rows to show fifty).
- ``sort_only_indexed``: on registers that grow large, a column can be sorted only when an index starts
  with the field it sorts on (so the sorted page is read from the index, not by sorting the whole set);
  the tie-breaking id follows the direction of the sort, so one index serves both directions.
- Date drill-down (``date_hierarchy``) without scanning the set: the years, months and days offered are
  those between the first and the last date of the user's records in the period drilled into (two look-ups
  in the ordering index), not a DISTINCT over the rows. The other filters and the search are left out of
  those two dates on purpose: the first row of "status = waiting" or of a name is found by reading the
  date index until a row matches, which over a province's million rows can mean reading most of them.
"""
import datetime

from django.conf import settings
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Count, Max, Min
from django.utils.timezone import make_aware

from .paginator import by_ids_possible, rows_by_ids
from .text import SEARCH_COLUMN, SEALED_SEARCH_COLUMN


def indexed_leading_fields(model):
    """Names of the fields an index of ``model`` starts with (own columns, not relations)."""
    names = {"pk", model._meta.pk.name}
    for index in model._meta.indexes:
        if index.fields:
            names.add(index.fields[0].lstrip("-"))
    for field in model._meta.concrete_fields:
        if (field.db_index or field.unique) and not field.is_relation:
            names.add(field.name)
    return names - {SEARCH_COLUMN, SEALED_SEARCH_COLUMN}


def ordering_field(model_admin, name):
    """The model field a list_display column sorts on, or None (relations sort through a join)."""
    if callable(name):
        order = getattr(name, "admin_order_field", None)
    else:
        try:
            model_admin.model._meta.get_field(name)
            order = name
        except FieldDoesNotExist:
            attr = getattr(model_admin, name, None) or getattr(model_admin.model, name, None)
            order = getattr(attr, "admin_order_field", None)
    if not isinstance(order, str):
        return None
    order = order.lstrip("-")
    try:
        return None if model_admin.model._meta.get_field(order).is_relation else order
    except FieldDoesNotExist:
        return order  # a lookup through a relation ("council__name"): not an own indexed column


def changelist_class(base, model_admin):
    class ScaledChangeList(base):
        def get_queryset(self, request, exclude_parameters=None):
            queryset = super().get_queryset(request, exclude_parameters)
            if not self.date_hierarchy:
                return queryset
            return bounded_dates(queryset, drilled_period(self.root_queryset, self.date_hierarchy, request.GET))

        def get_results(self, request):
            super().get_results(request)
            if (not self.multi_page or (self.show_all and self.can_show_all)) and by_ids_possible(self.result_list):
                # One page only (or "show all"): read it in the same two steps as any page of a long list,
                # so that a page issues the same queries whatever the size of the register.
                self.result_list = rows_by_ids(self.result_list, 0, self.list_max_show_all)
            if model_admin.page_counts and hasattr(self.result_list, "annotate"):
                # The page's rows are picked by id (rows_by_ids): counting here groups those rows only, in the
                # query that reads them — the same single query whether the page holds rows or none.
                self.result_list = self.result_list.annotate(**{
                    attr: Count(relation, distinct=True) for attr, relation in model_admin.page_counts.items()})

        def _get_deterministic_ordering(self, ordering):
            ordering = super()._get_deterministic_ordering(ordering)
            if model_admin.sort_only_indexed and len(ordering) > 1 and ordering[-1] == "-pk" \
                    and isinstance(ordering[0], str) and not ordering[0].startswith("-") \
                    and ordering[:-1] != list(self.lookup_opts.ordering or ()):
                # An ascending sort breaks ties ascending too: the index on (field, id) read forwards.
                ordering = ordering[:-1] + ["pk"]
            return ordering

    return ScaledChangeList


class ScaledChangelistMixin:
    page_counts = {}
    sort_only_indexed = False

    def get_changelist(self, request, **kwargs):
        return changelist_class(super().get_changelist(request, **kwargs), self)

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        paginator = super().get_paginator(request, queryset, per_page, orphans, allow_empty_first_page)
        # A search is counted from its first page (apps/core/paginator.py).
        paginator.searched = bool(request.GET.get(SEARCH_VAR, "").strip())
        return paginator

    def get_export_queryset(self, request):
        # An export writes the counts too: counted per chunk of rows the export reads (apps/core/export_jobs.py).
        queryset = super().get_export_queryset(request)
        if self.page_counts:
            queryset = queryset.annotate(**{attr: Count(relation, distinct=True)
                                            for attr, relation in self.page_counts.items()})
        return queryset

    def get_sortable_by(self, request):
        sortable = super().get_sortable_by(request)
        if not self.sort_only_indexed:
            return sortable
        indexed = indexed_leading_fields(self.model)
        return [name for name in sortable if ordering_field(self, name) in indexed]


class BoundedDates(list):
    """What ``QuerySet.dates(field, kind)`` returns for the date drill-down, from the first and last date
    only: every year, month or day between them (a period without rows is a link to an empty list)."""

    @classmethod
    def between(cls, first, last, kind):
        if first is None or last is None:
            return cls()
        if isinstance(first, datetime.datetime):
            first, last = first.date(), last.date()
        values = []
        if kind == "year":
            values = [datetime.date(y, 1, 1) for y in range(first.year, last.year + 1)]
        elif kind == "month":
            y, m = first.year, first.month
            while (y, m) <= (last.year, last.month):
                values.append(datetime.date(y, m, 1))
                y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        else:
            day = first
            while day <= last:
                values.append(day)
                day += datetime.timedelta(days=1)
        return cls(values)


class BoundedDateQuerySetMixin:
    """``dates()`` from the first and last date (see BoundedDates); used on the changelist's queryset only."""

    bounds_source = None  # the records whose first and last date bound the drill-down (see drilled_period)

    def aggregate(self, *args, **kwargs):
        # Django's date drill-down first asks the changelist's queryset for Min and Max of the date to pick
        # its level, then for dates(), which needs the same two values: ask the database once per list.
        bounds = set(kwargs) == {"first", "last"} and not args and isinstance(kwargs["first"], Min) \
            and isinstance(kwargs["last"], Max) and kwargs["first"].source_expressions == kwargs["last"].source_expressions
        if not bounds:
            return super().aggregate(*args, **kwargs)
        key = repr(kwargs["first"].source_expressions)
        cache = self.__dict__.setdefault("_date_bounds", {})
        if key not in cache:
            source = self.bounds_source
            cache[key] = source.aggregate(*args, **kwargs) if source is not None else super().aggregate(*args, **kwargs)
        return dict(cache[key])

    def dates(self, field_name, kind, order="ASC"):
        bounds = self.aggregate(first=Min(field_name), last=Max(field_name))  # on self: shares the cache above
        first, last = bounds["first"], bounds["last"]
        values = BoundedDates.between(first, last, kind)
        return values if order == "ASC" else BoundedDates(reversed(values))


def bounded_dates(queryset, bounds_source=None):
    """``queryset`` whose ``dates()`` does not scan the rows (see BoundedDates), bounded by the first and
    last date of ``bounds_source`` when given (else of ``queryset`` itself)."""
    if isinstance(queryset, BoundedDateQuerySetMixin):
        clone = queryset._chain()
    else:
        cls = type(f"Bounded{type(queryset).__name__}", (BoundedDateQuerySetMixin, type(queryset)), {})
        clone = queryset._chain()
        clone.__class__ = cls
    clone.bounds_source = bounds_source
    return clone


def drilled_period(root_queryset, field_name, params):
    """The user's records (``root_queryset``: the scope, before list filters and search) within the year,
    month or day of the drill-down in ``params``, as Django's changelist bounds them; the scope alone when
    nothing is drilled into or the values are not dates (the changelist reports those itself)."""
    year, month, day = (params.get(f"{field_name}__{part}") for part in ("year", "month", "day"))
    if not year:
        return root_queryset
    try:
        start = datetime.datetime(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return root_queryset
    if day:
        end = start + datetime.timedelta(days=1)
    elif month:
        end = (start + datetime.timedelta(days=32)).replace(day=1)
    else:
        end = start.replace(year=start.year + 1)
    field = root_queryset.model._meta.get_field(field_name)
    if isinstance(field, models.DateTimeField):
        if settings.USE_TZ:
            start, end = make_aware(start), make_aware(end)
    else:
        start, end = start.date(), end.date()
    return root_queryset.filter(**{f"{field_name}__gte": start, f"{field_name}__lt": end})

