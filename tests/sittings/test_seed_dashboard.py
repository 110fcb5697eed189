import random

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.core import seed as core_seed
from apps.core.seed import SeedContext
from apps.oversight import dashboard as oversight_dashboard
from apps.oversight import seed as oversight_seed
from apps.oversight.models import ExplanationSession, FollowUp, Recommendation, SupervisionActivity
from apps.sittings import dashboard as sittings_dashboard
from apps.sittings import seed as sittings_seed
from apps.sittings.models import AgendaItem, Commitment, Question, Resolution, Sitting, StandingMeeting

from . import factories as f

MODELS = [Sitting, AgendaItem, Resolution, StandingMeeting, Question, Commitment, SupervisionActivity,
          ExplanationSession, Recommendation, FollowUp]


@pytest.fixture
def seeded(db):
    ctx = SeedContext(scale=1, rng=random.Random(2022))
    core_seed.seed(ctx)
    sittings_seed.seed(ctx)
    oversight_seed.seed(ctx)
    return ctx


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_seed_gives_every_model_rows_for_the_city_and_both_wards(seeded, model):
    for code in ("194", "06709", "06712"):
        assert model.objects.filter(council__admin_unit__code=code, council__admin_unit__valid_from__isnull=True).exists()
    for obj in model.objects.all()[:200]:
        try:
            obj.full_clean()
        except ValidationError as exc:  # pragma: no cover - shows which record is wrong
            pytest.fail(f"{model.__name__} {obj.pk}: {exc.messages}")


@pytest.mark.django_db
def test_seed_covers_both_half_years_has_overdue_work_and_is_repeatable(seeded):
    years = {(s.start_date.year, s.start_date.month <= 6) for s in Sitting.objects.all()}
    assert {(2022, True), (2022, False), (2023, True)} <= years
    today = timezone.localdate()
    assert Recommendation.objects.exclude(status="hoan_thanh").filter(due_date__lt=today).exists()
    assert Question.objects.filter(answered_date__isnull=True, answer_due__lt=today).exists()
    counts = [m.objects.count() for m in MODELS]
    sittings_seed.seed(seeded)
    oversight_seed.seed(seeded)
    assert [m.objects.count() for m in MODELS] == counts


@pytest.mark.django_db
def test_seed_links_recommendations_to_what_followed_them_up(seeded):
    assert FollowUp.objects.filter(explanation_session__isnull=False).exists() or \
        FollowUp.objects.filter(question__isnull=False).exists()


def request_for(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


@pytest.mark.django_db
def test_dashboard_cards_are_scoped_and_link_to_filtered_lists(ward_clerk, ward, other_ward):
    today = timezone.localdate()
    act = f.activity(ward, "Khảo sát gần đây", today, "khao_sat")
    f.recommendation(ward, act, today - f.datetime.timedelta(days=60), due_date=today - f.datetime.timedelta(days=1))
    f.recommendation(ward, act, today - f.datetime.timedelta(days=60), due_date=today + f.datetime.timedelta(days=3))
    other = f.activity(other_ward, "Của phường khác", today, "chuyen_de")
    f.recommendation(other_ward, other, today - f.datetime.timedelta(days=60), due_date=today - f.datetime.timedelta(days=9))
    f.sitting(ward, 1, today)
    f.question(ward, today - f.datetime.timedelta(days=40), sitting_number=2)
    request = request_for(ward_clerk)
    with CaptureQueriesContext(connection) as ctx:
        cards = {c.title: c for c in sittings_dashboard.cards(request) + oversight_dashboard.cards(request)}
    assert len(ctx.captured_queries) <= 12
    overdue = cards["Kiến nghị sau giám sát quá hạn"]
    # The ward clerk works for one council: the list is that council's, as the card counts.
    assert overdue.value == 1 and overdue.url.endswith(f"/admin/oversight/recommendation/?due=overdue&council={ward.pk}")
    assert "1 kiến nghị sắp đến hạn" in overdue.note
    # The ward's latest half-year with data is the current one: both period cards count it.
    assert cards["Giám sát, khảo sát"].value == 1
    assert cards["Giám sát, khảo sát"].rows[0][0] == "Khảo sát"
    assert cards["Kỳ họp và nghị quyết"].value >= 1
    assert cards["Chất vấn quá hạn trả lời bằng văn bản"].value == 1


@pytest.mark.django_db
def test_leader_sees_the_cards_of_every_ward(leader, ward, other_ward):
    today = timezone.localdate()
    for council in (ward, other_ward):
        act = f.activity(council, "Giám sát", today, "chuyen_de")
        f.recommendation(council, act, today - f.datetime.timedelta(days=60), due_date=today - f.datetime.timedelta(days=1))
    cards = {c.title: c for c in oversight_dashboard.cards(request_for(leader))}
    assert cards["Kiến nghị sau giám sát quá hạn"].value == 2
