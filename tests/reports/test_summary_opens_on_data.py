"""The summary opens on the latest half-year with data for the user's council, never on an empty one."""
import datetime

import pytest
from django.urls import reverse

from apps.core.choices import Role
from apps.reception.models import ReceptionSession

from ..conftest import council, make_user
from .test_summary_builder import report

pytestmark = [pytest.mark.django_db]

TODAY = datetime.date(2026, 11, 30)  # the last half-year that has ended is 2026-H1


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)


def opened_on(client):
    html = client.get(reverse("admin:reports_summary")).content.decode()
    selected = html.split('name="period"', 1)[1].split("selected", 1)[0].rsplit('value="', 1)[1].split('"', 1)[0]
    return selected, html


def test_a_ward_clerk_whose_ward_has_data_only_in_2025_h2_opens_on_2025_h2(client_for):
    ward = council("06709", on_or_before_2025=False)  # Phường Móng Cái 2, from 01/07/2025
    clerk = make_user("mongcai2_t", "06709", Role.WARD)
    clerk.council_profile.council = ward
    clerk.council_profile.save()
    report(ward, "2025-H2", {"KH01": 1, "TD01": 2})

    period, html = opened_on(client_for(clerk))

    assert period == "2025-H2"
    assert 'id="summary-heading"' in html and "6 tháng cuối năm 2025" in html


def test_the_wards_own_registers_count_as_data_too(client_for):
    ward = council("06709", on_or_before_2025=False)
    clerk = make_user("mongcai2_t", "06709", Role.WARD)
    clerk.council_profile.council = ward
    clerk.council_profile.save()
    ReceptionSession.objects.create(council=ward, date=datetime.date(2025, 9, 15))

    assert opened_on(client_for(clerk))[0] == "2025-H2"


def test_a_province_secretariat_opens_on_its_latest_reported_half_year(client_for):
    province = council("22")
    clerk = make_user("tinh_t", "22", Role.SECRETARIAT)
    commune = province.__class__.objects.filter(parent=province, level="xa").select_related("admin_unit").first()
    assert commune is not None
    report(commune, "2025-H2", {"KH01": 1})
    client = client_for(clerk)

    assert opened_on(client)[0] == "2025-H2"

    # A record of the province itself in the first half of 2026 moves it on; the half-year still in
    # progress does not (a clerk reports on a half-year that has ended).
    ReceptionSession.objects.create(council=province, date=datetime.date(2026, 3, 2))
    ReceptionSession.objects.create(council=province, date=datetime.date(2026, 9, 2))
    assert opened_on(client)[0] == "2026-H1"


def test_a_council_with_no_data_opens_on_the_last_half_year_that_ended(client_for):
    clerk = make_user("tinh_t", "22", Role.SECRETARIAT)
    assert opened_on(client_for(clerk))[0] == "2026-H1"


def test_a_recent_council_with_data_only_in_the_current_half_year_opens_on_it(client_for):
    ward = council("06709", on_or_before_2025=False)
    clerk = make_user("mongcai2_t", "06709", Role.WARD)
    clerk.council_profile.council = ward
    clerk.council_profile.save()
    ReceptionSession.objects.create(council=ward, date=datetime.date(2026, 10, 1))

    assert opened_on(client_for(clerk))[0] == "2026-H2"


def test_choosing_a_council_without_a_period_opens_on_that_councils_latest_data(client_for, superuser, ward):
    report(ward, "2022-H1", {"KH01": 1})
    html = client_for(superuser).get(reverse("admin:reports_summary") + f"?council={ward.pk}").content.decode()
    assert "6 tháng đầu năm 2022" in html.split('id="summary-heading"', 1)[1][:200]
