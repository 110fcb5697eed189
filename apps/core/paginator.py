"""Changelist paging that does not count a million rows.

A register's changelist needs a row count only to draw its page links. Up to ``EXACT_UP_TO``
rows it counts them (a bounded query: it stops at the bound); past that, on PostgreSQL, it
takes the planner's estimate of the filtered query, shown as "khoảng …" — enough to reach page
500, cheap whatever the table size. SQLite, the embedded default for small offices, counts.
"""
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

EXACT_UP_TO = 10_000


class EstimatedCountPaginator(Paginator):
    exact_up_to = EXACT_UP_TO
    estimated = False

    @cached_property
    def count(self):
        queryset = self.object_list
        if not hasattr(queryset, "query"):
            return super().count
        unordered = queryset.order_by()
        bounded = unordered[: self.exact_up_to + 1].count()
        if bounded <= self.exact_up_to or connections[queryset.db].vendor != "postgresql":
            return bounded if bounded <= self.exact_up_to else unordered.count()
        estimate = planner_estimate(unordered)
        self.estimated = True
        return max(bounded, estimate)


def planner_estimate(queryset):
    """PostgreSQL's estimate of the rows ``queryset`` returns (EXPLAIN, nothing is read)."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):  # a driver that does not decode json
        import json

        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])
