"""The ward report models and the indicator reference data."""
import pytest
from django.db import IntegrityError, transaction

from apps.core.models import ReportingPeriod
from apps.reports import reference
from apps.reports.choices import ReportStatus
from apps.reports.models import ConsistencyRule, Indicator, WardReport, WardReportValue
from apps.reports.selectors import current_reports, reported_values

pytestmark = pytest.mark.django_db


def make_report(council, period, values, status=ReportStatus.CURRENT, sha="a" * 64):
    from django.utils import timezone

    report = WardReport.objects.create(
        council=council, period=period, source_file="ward-reports/x.xlsx", original_filename="x.xlsx",
        sha256=sha, uploaded_at=timezone.now(), status=status,
    )
    WardReportValue.objects.bulk_create(
        WardReportValue(report=report, council=council, indicator_code=code, value=value)
        for code, value in values.items()
    )
    return report


def test_the_form_of_design_section_5_is_loaded_as_data():
    period = ReportingPeriod.objects.from_code("2022-H1")
    codes = list(Indicator.objects.for_period(period).values_list("code", flat=True))
    assert len(codes) == 35 and codes[0] == "KH01" and codes[-1] == "DT08"
    assert Indicator.objects.get(code="KH02").parent_code == "KH01"
    assert ConsistencyRule.objects.in_force(period.end_date).count() == 7
    assert str(ConsistencyRule.objects.get(code="KH01_tong")) == "KH01 = KH02 + KH03 + KH04"


def test_loading_the_reference_data_again_changes_nothing(settings):
    from pathlib import Path

    assert reference.load(Path(settings.BASE_DIR) / "fixtures") == 0


def test_a_new_form_version_is_a_data_change():
    Indicator.objects.filter(code="KH07").update(effective_to="2025-12-31")
    Indicator.objects.create(code="KH08", name="Số cuộc giao ban", unit="cuộc", order=75,
                             effective_from="2026-01-01")
    old = set(Indicator.objects.for_period(ReportingPeriod.objects.from_code("2025-H2")).values_list("code", flat=True))
    new = set(Indicator.objects.for_period(ReportingPeriod.objects.from_code("2026-H1")).values_list("code", flat=True))
    assert "KH07" in old and "KH08" not in old
    assert "KH08" in new and "KH07" not in new


def test_a_ward_has_one_current_report_per_period(ward):
    period = ReportingPeriod.objects.from_code("2022-H1")
    make_report(ward, period, {"KH01": 1})
    with pytest.raises(IntegrityError), transaction.atomic():
        make_report(ward, period, {"KH01": 2})
    make_report(ward, period, {"KH01": 3}, status=ReportStatus.REPLACED)
    assert WardReport.objects.filter(council=ward, period=period).count() == 2


def test_reported_values_keep_empty_apart_from_zero(ward, other_ward, city, django_assert_num_queries):
    period = ReportingPeriod.objects.from_code("2022-H1")
    make_report(ward, period, {"KH01": 0, "KH05": None, "KH06": 4})
    make_report(other_ward, period, {"KH01": 9}, status=ReportStatus.REPLACED)
    with django_assert_num_queries(1):
        values = reported_values([ward, other_ward, city], period)
    assert values == {ward.pk: {"KH01": 0, "KH05": None, "KH06": 4}}
    with django_assert_num_queries(1):
        assert set(current_reports([ward, other_ward, city], period)) == {ward.pk}


def test_report_values_are_scoped_like_their_report(ward, ward_clerk, other_ward_clerk):
    period = ReportingPeriod.objects.from_code("2022-H1")
    make_report(ward, period, {"KH01": 1})
    assert WardReportValue.objects.for_user(ward_clerk).count() == 1
    assert WardReportValue.objects.for_user(other_ward_clerk).count() == 0
    assert WardReport.objects.for_user(other_ward_clerk).count() == 0
