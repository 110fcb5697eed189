"""Changelist paging that does not count a million rows.

A register's changelist needs a row count only to draw its page links. Up to ``EXACT_UP_TO``
rows it counts them (a bounded query: it stops at the bound); past that, on PostgreSQL, it
takes the planner's estimate of the filtered query, shown as "khoảng …" — enough to reach page
500, cheap whatever the table size. Both queries run on every page, so a page issues the same
queries at any size. SQLite, the embedded default for small offices, counts.
"""
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections
from django.db.models.sql.where import WhereNode
from django.utils.functional import cached_property

EXACT_UP_TO = 10_000


class EstimatedCountPaginator(Paginator):
    exact_up_to = EXACT_UP_TO
    estimated = False
    searched = False  # set by the admin (get_paginator) when the list is the result of a search

    @cached_property
    def count(self):
        queryset = self.object_list
        if not hasattr(queryset, "query"):
            return super().count
        unordered = queryset.order_by()
        if connections[queryset.db].vendor != "postgresql":
            return unordered.count()
        # Both queries every time, so that a page costs the same number of queries at any size.
        estimate = planner_estimate(unordered)
        if self.searched:
            # Words are matched through the trigram index, which yields every row holding a common word
            # ("van", "hai": a third of a province) before any is counted, so counting to the bound costs
            # the whole match. The page is found in order instead, from the ordering index. Exact when the
            # matches fit on one page; past that, the planner's estimate.
            first = self.object_list.values_list("pk", flat=True)[: self.per_page + 1].count()
            if first <= self.per_page:
                return first
            self.estimated = True
            return max(first, estimate)
        bounded = unordered[: self.exact_up_to + 1].count()
        if bounded <= self.exact_up_to:
            return bounded
        self.estimated = True
        return max(bounded, estimate)


    def page(self, number):
        """The page's rows in two steps: their ids first (on PostgreSQL an index-only scan of the ordering
        index, which holds the council: page 500 skips 25,000 index entries, not 25,000 rows), then those
        rows with their joins. Two queries whatever the page."""
        queryset = self.object_list
        if not by_ids_possible(queryset):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(rows_by_ids(queryset, bottom, top), number, self)


def by_ids_possible(queryset):
    return hasattr(queryset, "values_list") and not queryset.query.is_sliced and not queryset.query.distinct_fields


def rows_by_ids(queryset, bottom, top):
    """Rows ``bottom:top`` of ``queryset``, in order, in one query: their ids are picked by a subquery that
    reads the ordering index, and only those rows are then read with their joins. The filters and the search
    stay in the subquery only, so the planner reads the page's rows by id. One query whether the page holds
    rows or none (a list of ids read first would be skipped when empty)."""
    page_ids = queryset.values("pk")[bottom:top]
    rows = queryset._chain()
    rows.query.where = WhereNode()
    return rows.filter(pk__in=page_ids)


def planner_estimate(queryset):
    """PostgreSQL's estimate of the rows ``queryset`` returns (EXPLAIN, nothing is read); 0 for a query that
    can match nothing (an unreadable filter value gives ``queryset.none()``, which has no SQL)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return 0
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):  # a driver that does not decode json
        import json

        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])
