"""The demo data of both apps, and the dashboard cards built from it."""
import datetime
import random

import pytest
from django.test import RequestFactory
from django.urls import reverse

from apps.core import seed as core_seed
from apps.core.periods import range_of
from apps.core.seed import SeedContext
from apps.petitions import dashboard as petition_cards
from apps.petitions import seed as petition_seed
from apps.petitions.models import Petition, VoterMeeting
from apps.reception import dashboard as reception_cards
from apps.reception import seed as reception_seed
from apps.reception.models import Letter, ReceptionSession, Visit

pytestmark = pytest.mark.django_db
MODELS = [VoterMeeting, Petition, ReceptionSession, Visit, Letter]


@pytest.fixture
def seeded(db):
    ctx = SeedContext(scale=1, rng=random.Random(2022))
    core_seed.seed(ctx)
    petition_seed.seed(ctx)
    reception_seed.seed(ctx)
    return ctx


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_seed_gives_every_register_rows_for_the_city_and_both_wards_in_both_halves(seeded, model):
    date_field = {"Petition": "received_date", "Letter": "received_date"}.get(model.__name__, "date")
    for code in ("194", "06709", "06712"):
        rows = model.objects.filter(council__admin_unit__code=code)
        assert rows.filter(**{f"{date_field}__month__lte": 6}).exists(), code
        assert rows.filter(**{f"{date_field}__month__gte": 7}).exists(), code
        assert model.history.filter(council__admin_unit__code=code).exists(), code


def test_seed_has_overdue_records_denunciations_and_links(seeded):
    assert Letter.objects.overdue().exists() and Petition.objects.overdue().exists()
    assert Letter.objects.filter(content_type="to_cao").exists()
    assert Visit.objects.filter(classification="to_cao").exists()
    assert Letter.objects.exclude(visit=None).exists() and Petition.objects.exclude(merged_into=None).exists()
    numbers = list(Letter.objects.filter(council__admin_unit__code="06709").order_by("register_number")
                   .values_list("register_number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))
    # A letter saved after the seed continues the numbering.
    ward = Letter.objects.filter(council__admin_unit__code="06709").first().council
    letter = Letter.objects.create(council=ward, received_date=datetime.date(2022, 12, 30), sender_name="Mai Văn Tùng", content_type="kien_nghi", content="Đơn mới")
    assert letter.register_number == len(numbers) + 1


def cards_for(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return {c.title: c for c in petition_cards.cards(request) + reception_cards.cards(request)}


def test_ward_clerk_cards_count_only_their_ward(seeded, ward, ward_clerk):
    cards = cards_for(ward_clerk)
    overdue = cards["Đơn thư quá hạn"]
    assert overdue.value == Letter.objects.filter(council=ward).overdue().count() > 0
    assert [label for label, _value, _url in overdue.rows] == [ward.name]
    assert cards["Kiến nghị quá hạn trả lời"].value == Petition.objects.filter(council=ward).overdue().counted().count()
    waiting = Letter.objects.filter(council=ward, content_type="to_cao", handling="").count()
    assert cards["Đơn tố cáo chờ xử lý"].value == waiting > 0
    by_status = cards["Kiến nghị cử tri theo tình trạng"]
    period = by_status.url.split("period=")[1][:7]  # the dashboard's half-year: petitions received in it
    start, end = range_of(period)
    assert sum(v for _l, v, _u in by_status.rows) == by_status.value == Petition.objects.filter(
        council=ward, received_date__range=(start, end)).counted().count() > 0


def test_secretariat_sees_overdue_letters_per_ward(seeded, secretariat_clerk, ward, other_ward):
    rows = {label: value for label, value, _url in cards_for(secretariat_clerk)["Đơn thư quá hạn"].rows}
    assert rows[ward.name] == Letter.objects.filter(council=ward).overdue().count()
    assert rows[other_ward.name] == Letter.objects.filter(council=other_ward).overdue().count()


def test_cards_take_a_fixed_number_of_queries(seeded, secretariat_clerk, django_assert_max_num_queries):
    cards_for(secretariat_clerk)  # the user's scope and permissions are cached on the user
    # Two queries per app, and one for the dashboard's half-year (the latest with data; once per page).
    with django_assert_max_num_queries(5):
        cards_for(secretariat_clerk)


def test_card_links_lead_to_the_filtered_changelist(seeded, client_for, ward_clerk, ward):
    cards = cards_for(ward_clerk)
    client = client_for(ward_clerk)
    _label, value, url = cards["Đơn thư quá hạn"].rows[0]
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["cl"].result_count == value
    response = client.get(cards["Kiến nghị quá hạn trả lời"].url)
    assert response.context["cl"].result_count == cards["Kiến nghị quá hạn trả lời"].value


def test_dashboard_page_shows_the_cards(seeded, client_for, ward_clerk):
    html = client_for(ward_clerk).get(reverse("admin:index")).content.decode()
    assert "Đơn thư quá hạn" in html and "Kiến nghị cử tri theo tình trạng" in html
