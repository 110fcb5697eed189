"""Changelist paging: an exact count for ordinary lists, the planner's estimate past the bound on
PostgreSQL (never a full COUNT(*) of a million rows), shown as "khoảng"."""
import pytest
from django.db import connection
from django.urls import reverse

from apps.core.models import Body
from apps.core.paginator import EstimatedCountPaginator


@pytest.fixture
def bodies(ward):
    return [Body.objects.create(council=ward, name=f"Tổ đại biểu thử {i}", kind="to_dai_bieu") for i in range(12)]


def test_a_short_list_is_counted_exactly(bodies):
    paginator = EstimatedCountPaginator(Body.objects.order_by("pk"), 5)
    assert paginator.count == Body.objects.count() and not paginator.estimated


def test_past_the_bound_postgresql_estimates_and_sqlite_counts(bodies, monkeypatch):
    monkeypatch.setattr(EstimatedCountPaginator, "exact_up_to", 3)
    paginator = EstimatedCountPaginator(Body.objects.order_by("pk"), 5)
    total = Body.objects.count()
    if connection.vendor == "postgresql":
        assert paginator.count >= 4 and paginator.estimated
    else:
        assert not paginator.estimated and paginator.count == total
    assert paginator.page(1).object_list  # the first page is there either way


def test_the_changelist_says_khoang_when_the_count_is_estimated(client_for, secretariat_clerk, bodies, monkeypatch):
    monkeypatch.setattr(EstimatedCountPaginator, "exact_up_to", 3)
    page = client_for(secretariat_clerk).get(reverse("admin:core_body_changelist")).content.decode()
    assert ("khoảng" in page) == (connection.vendor == "postgresql")
