import datetime

import pytest
from django.utils import timezone

from apps.oversight.filtersets import RecommendationFilterSet
from apps.oversight.models import Recommendation
from apps.sittings.filtersets import SittingFilterSet
from apps.sittings.models import Sitting
from tests.sittings import factories as f

D = f.D


@pytest.mark.django_db
def test_recommendation_filterset_by_due_state_and_period(ward_clerk, ward, other_ward):
    today = timezone.localdate()
    act = f.activity(ward, "Giám sát", today - datetime.timedelta(days=90))
    late = f.recommendation(ward, act, today - datetime.timedelta(days=60), due_date=today - datetime.timedelta(days=2))
    f.recommendation(ward, act, today - datetime.timedelta(days=60), due_date=today + datetime.timedelta(days=30))
    f.recommendation(other_ward, f.activity(other_ward, "Khác", today - datetime.timedelta(days=90)),
                     today - datetime.timedelta(days=60), due_date=today - datetime.timedelta(days=2))
    scoped = Recommendation.objects.for_user(ward_clerk)
    assert list(RecommendationFilterSet({"due": "overdue"}, queryset=scoped).qs) == [late]


@pytest.mark.django_db
def test_sitting_filterset_by_period_includes_both_ends(ward):
    for i, day in enumerate([D(2021, 12, 31), D(2022, 1, 1), D(2022, 6, 30), D(2022, 7, 1)], start=1):
        f.sitting(ward, i, day)
    qs = SittingFilterSet({"period": "2022-H1"}, queryset=Sitting.objects.all()).qs
    assert sorted(s.start_date for s in qs) == [D(2022, 1, 1), D(2022, 6, 30)]
    # An unreadable period is a form error and filters nothing out (as Django's admin does), not an empty list.
    bad = SittingFilterSet({"period": "2022-X9"}, queryset=Sitting.objects.all())
    assert not bad.is_valid() and bad.qs.count() == 4
