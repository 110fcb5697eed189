"""One rule for "my wards" in the reports (apps.core.scoping.report_wards): the status page, the
templates, the dashboard, the summary and the ward importer agree, for a city and for a province."""
import datetime

import pytest
from django.urls import reverse

from apps.core.choices import Role
from apps.core.models import ReportingPeriod
from apps.core.scoping import report_wards
from apps.reports.importer import WardReportImporter
from apps.reports.selectors import wards_for
from tests.conftest import make_user
from tests.reports.workbooks import ward_workbook

D = datetime.date
pytestmark = pytest.mark.django_db



@pytest.fixture
def province_clerk(db):
    return make_user("tinh_t", "22", Role.SECRETARIAT)


@pytest.fixture
def province_leader(db):
    return make_user("tinh_ld_t", "22", Role.LEADER)


def codes(councils):
    return {c.admin_unit.code for c in councils}


def test_a_provinces_wards_are_its_communes_never_a_district_level_council(province_clerk, province_leader):
    after = report_wards(province_clerk, D(2025, 7, 1), D(2025, 12, 31))
    assert codes(after) and all(c.valid_from == D(2025, 7, 1) for c in after)
    assert "194" not in codes(report_wards(province_clerk, D(2025, 1, 1), D(2025, 12, 31)))
    assert report_wards(province_clerk, D(2022, 1, 1), D(2022, 6, 30)) == []
    assert codes(report_wards(province_leader, D(2025, 7, 1), D(2025, 12, 31))) == codes(after)


def test_a_city_sees_its_wards_and_a_ward_clerk_only_their_own(secretariat_clerk, ward_clerk, ward):
    city_wards = report_wards(secretariat_clerk, D(2022, 1, 1), D(2022, 6, 30))
    assert len(city_wards) == 17 and "06709" in codes(city_wards)
    assert report_wards(ward_clerk, D(2022, 1, 1), D(2022, 6, 30)) == [ward]
    assert report_wards(ward_clerk, D(2025, 7, 1), D(2025, 12, 31)) == []  # Ka Long ended 30/06/2025


def test_the_status_page_and_the_selector_read_the_same_rule(client, province_clerk):
    period = ReportingPeriod.objects.from_code("2025-H2")
    assert codes(wards_for(province_clerk, period)) == codes(report_wards(province_clerk, period.start_date,
                                                                           period.end_date))
    client.force_login(province_clerk)
    page = client.get(reverse("admin:reports_wardreport_status") + "?period=2025-H2").content.decode()
    assert "HĐND phường Móng Cái 2" in page and "HĐND thành phố Móng Cái" not in page


def test_the_importer_takes_the_same_wards_for_a_province(province_clerk):
    later = WardReportImporter(province_clerk).run(ward_workbook(unit_code="06709", period="6 tháng cuối năm 2025"),
                                                   "mong-cai-2.xlsx")
    assert later.ok, later.errors
    assert later.council.name == "HĐND phường Móng Cái 2"
    earlier = WardReportImporter(province_clerk).run(ward_workbook(unit_code="06709", period="6 tháng đầu năm 2022"),
                                                     "ka-long.xlsx")
    assert not earlier.ok
    assert "không phải là xã, phường thuộc HĐND tỉnh Quảng Ninh" in earlier.errors[0]


def test_leaders_read_but_do_not_upload(province_leader):
    result = WardReportImporter(province_leader).run(ward_workbook(unit_code="06709", period="6 tháng cuối năm 2025"),
                                                     "mong-cai-2.xlsx")
    assert not result.ok


def test_the_import_log_shows_each_user_the_attempts_for_their_wards(client_for, province_clerk, secretariat_clerk,
                                                                     ward_clerk, ward, other_ward, superuser):
    from apps.reports.choices import AttemptOutcome
    from apps.reports.models import ImportAttempt
    from tests.conftest import council

    mong_cai_2 = council("06709", on_or_before_2025=False)
    for filename, place in (("mong-cai-2.xlsx", mong_cai_2), ("ka-long.xlsx", ward), ("tran-phu.xlsx", other_ward)):
        ImportAttempt.objects.create(filename=filename, council=place, outcome=AttemptOutcome.IMPORTED)
    seen = {}
    for user in (province_clerk, secretariat_clerk, ward_clerk, superuser):
        page = client_for(user).get(reverse("admin:reports_importattempt_changelist"))
        assert page.status_code == 200
        seen[user.username] = {name for name in ("mong-cai-2.xlsx", "ka-long.xlsx", "tran-phu.xlsx")
                               if name in page.content.decode()}
    # The province's communes since 01/07/2025; the city's wards before are the city's to report on.
    assert seen[province_clerk.username] == {"mong-cai-2.xlsx"}
    assert seen[secretariat_clerk.username] == {"ka-long.xlsx", "tran-phu.xlsx"}
    assert seen[ward_clerk.username] == {"ka-long.xlsx"}
    assert seen[superuser.username] == {"mong-cai-2.xlsx", "ka-long.xlsx", "tran-phu.xlsx"}
    # A foreign attempt cannot be opened by its address either.
    foreign = ImportAttempt.objects.get(filename="tran-phu.xlsx")
    page = client_for(ward_clerk).get(reverse("admin:reports_importattempt_change", args=[foreign.pk]))
    assert page.status_code == 302 and "tran-phu.xlsx" not in page.content.decode()


def test_a_clerk_sees_the_attempts_they_made_even_when_refused(client_for, ward_clerk, other_ward):
    from apps.reports.choices import AttemptOutcome
    from apps.reports.models import ImportAttempt

    ImportAttempt.objects.create(filename="nham-phuong.xlsx", council=other_ward, user=ward_clerk,
                                 outcome=AttemptOutcome.REFUSED)
    ImportAttempt.objects.create(filename="khong-doc-duoc.xlsx", user=ward_clerk, outcome=AttemptOutcome.REFUSED)
    page = client_for(ward_clerk).get(reverse("admin:reports_importattempt_changelist")).content.decode()
    assert "nham-phuong.xlsx" in page and "khong-doc-duoc.xlsx" in page
