"""Reporting periods: bounds, codes, wording, the year before, and a council's partial coverage."""
import datetime

import pytest

from apps.core import periods

D = datetime.date


@pytest.mark.parametrize("code, start, end", [
    ("2022-H1", D(2022, 1, 1), D(2022, 6, 30)),
    ("2022-h2", D(2022, 7, 1), D(2022, 12, 31)),
    (" 2025-Y ", D(2025, 1, 1), D(2025, 12, 31)),
    ("2023-Q3", D(2023, 7, 1), D(2023, 9, 30)),
])
def test_a_code_gives_the_days_of_its_period(code, start, end):
    assert periods.range_of(code) == (start, end)


@pytest.mark.parametrize("code", ["", "2022", "2022-H3", "H1-2022", "1999-H1", "abcd-H1"])
def test_an_unreadable_code_is_refused_in_vietnamese(code):
    with pytest.raises(ValueError, match="viết theo dạng 2022-H1"):
        periods.parse_code(code)


def test_the_wording_reads_as_a_report_says_it():
    assert periods.wording(2022, "H1") == "6 tháng đầu năm 2022"
    assert periods.wording(2022, "H2") == "6 tháng cuối năm 2022"
    assert periods.wording(2022, "Y") == "năm 2022"
    assert periods.title_wording(2022, "Y") == "Năm 2022"
    assert periods.wording(2024, "Q4") == "quý IV năm 2024"


@pytest.mark.parametrize("text, code", [
    ("6 tháng đầu năm 2022", "2022-H1"), ("sáu tháng cuối năm 2021", "2021-H2"),
    ("năm 2023", "2023-Y"), ("cả năm 2023", "2023-Y"), ("2022-h1", "2022-H1"), ("quý 1", None),
])
def test_the_wording_reads_back_to_its_code(text, code):
    assert periods.code_from_wording(text) == code


def test_every_wording_reads_back_to_its_code():
    for kind in periods.REPORT_KINDS:
        assert periods.code_from_wording(periods.title_wording(2022, kind).lower()) == f"2022-{kind}"


def test_the_same_period_a_year_earlier():
    assert periods.previous_year(2022, "H1") == (2021, "H1")


def test_the_half_year_of_a_day():
    assert periods.half_year_of(D(2026, 6, 30)) == "2026-H1"
    assert periods.half_year_of(D(2026, 7, 1)) == "2026-H2"


def test_a_council_that_began_mid_year_covers_only_part_of_the_year():
    began = D(2025, 7, 1)
    assert periods.covered_span(D(2025, 1, 1), D(2025, 12, 31), began, None) == (began, D(2025, 12, 31))
    assert periods.coverage_wording(2025, "Y", began, None) == "năm 2025 (từ 01/07/2025 đến 31/12/2025)"
    assert periods.coverage_wording(2025, "H2", began, None) == "6 tháng cuối năm 2025"


def test_a_council_that_ended_mid_year_covers_the_days_until_its_end():
    assert periods.coverage_wording(2025, "Y", None, D(2025, 6, 30)) == "năm 2025 (từ 01/01/2025 đến 30/06/2025)"
    assert periods.coverage_wording(2025, "H1", None, D(2025, 6, 30)) == "6 tháng đầu năm 2025"


def test_a_council_outside_the_period_covers_none_of_it():
    assert periods.covered_span(D(2025, 1, 1), D(2025, 6, 30), D(2025, 7, 1), None) is None
    with pytest.raises(ValueError, match="không hoạt động trong 6 tháng đầu năm 2025"):
        periods.coverage_wording(2025, "H1", D(2025, 7, 1), None)


def test_report_choices_are_newest_first_half_years_before_the_year():
    choices = periods.report_choices(2021, 2022, extra=[(2019, "Y"), (2020, "Q1")])
    assert choices[:3] == [("2022-H1", "6 tháng đầu năm 2022"), ("2022-H2", "6 tháng cuối năm 2022"),
                           ("2022-Y", "Năm 2022")]
    assert choices[-1] == ("2019-Y", "Năm 2019")
    assert "2020-Q1" not in dict(choices)


@pytest.mark.django_db
def test_a_reporting_period_row_takes_its_dates_and_wording_from_the_one_home():
    from apps.core.models import ReportingPeriod
    from tests.conftest import council

    period = ReportingPeriod.objects.from_code("2025-Y")
    assert (period.start_date, period.end_date) == (D(2025, 1, 1), D(2025, 12, 31))
    assert str(period) == "Năm 2025" and period.wording == "năm 2025"
    earlier = period.previous_year()
    assert (earlier.year, earlier.kind, earlier.start_date) == (2024, "Y", D(2024, 1, 1))
    mong_cai_2 = council("06709", on_or_before_2025=False)   # began 01/07/2025
    assert period.coverage_wording(mong_cai_2) == "năm 2025 (từ 01/07/2025 đến 31/12/2025)"
    assert period.coverage_wording(council("194")) == "năm 2025 (từ 01/01/2025 đến 30/06/2025)"   # the city ended 30/06/2025
    assert earlier.coverage_wording(council("194")) == "năm 2024"
