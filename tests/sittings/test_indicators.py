import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.models import ReportingPeriod
from apps.sittings.indicators import count_indicators

from . import factories as f

D = f.D


@pytest.fixture
def h1():
    return ReportingPeriod.objects.from_code("2022-H1")


@pytest.fixture
def fixed_data(ward, other_ward):
    # Sittings: first day and last day of 2022-H1 count; the days just outside do not.
    s1 = f.sitting(ward, 1, D(2022, 1, 1), "thuong_le")
    s2 = f.sitting(ward, 2, D(2022, 6, 30), "chuyen_de")
    f.sitting(ward, 3, D(2022, 3, 15), "dot_xuat")
    f.sitting(ward, 4, D(2022, 4, 20), "thuong_le")
    f.sitting(ward, 5, D(2021, 12, 31), "thuong_le")
    s6 = f.sitting(ward, 6, D(2022, 7, 1), "chuyen_de")
    f.sitting(other_ward, 1, D(2022, 3, 1), "thuong_le")
    # Resolutions: by adoption date.
    f.resolution(ward, "01/NQ-HĐND", D(2022, 1, 1), s1)
    f.resolution(ward, "02/NQ-HĐND", D(2022, 6, 30), s2)
    f.resolution(ward, "03/2022/NQ-HĐND", D(2022, 6, 30), s2, kind="quy_pham")
    f.resolution(ward, "20/NQ-HĐND", D(2021, 12, 31))
    f.resolution(ward, "04/NQ-HĐND", D(2022, 7, 1), s6)
    f.resolution(other_ward, "01/NQ-HĐND", D(2022, 3, 1))
    # Questions: only those asked at a sitting count (lượt).
    f.question(ward, D(2022, 1, 1), sitting=s1)
    f.question(ward, D(2022, 1, 1), sitting=s1, respondent_name="Lê Thị Chi")
    f.question(ward, D(2022, 6, 30), sitting=s2)
    f.question(ward, D(2022, 7, 1), sitting=s6)
    meeting = f.standing_meeting(ward, D(2022, 5, 5))
    f.question(ward, D(2022, 5, 5), standing_meeting=meeting)
    # Standing meetings: every kind, giao ban included.
    f.standing_meeting(ward, D(2022, 1, 1), "giao_ban")
    f.standing_meeting(ward, D(2022, 6, 30))
    f.standing_meeting(ward, D(2021, 12, 31))
    f.standing_meeting(ward, D(2022, 7, 1))
    f.standing_meeting(other_ward, D(2022, 2, 2))


@pytest.mark.django_db
def test_sitting_indicators_match_the_hand_count(ward, h1, fixed_data):
    assert count_indicators(ward, h1) == {
        "KH01": 4, "KH02": 2, "KH03": 1, "KH04": 1, "KH05": 3, "KH06": 3, "KH07": 3,
    }


@pytest.mark.django_db
def test_sitting_indicators_of_the_next_half_year(ward, fixed_data):
    h2 = ReportingPeriod.objects.from_code("2022-H2")
    assert count_indicators(ward, h2) == {
        "KH01": 1, "KH02": 0, "KH03": 1, "KH04": 0, "KH05": 1, "KH06": 1, "KH07": 1,
    }


@pytest.mark.django_db
def test_sitting_indicators_are_zero_for_an_empty_council(city, h1, fixed_data):
    assert set(count_indicators(city, h1).values()) == {0}


@pytest.mark.django_db
def test_sitting_indicators_hold_the_consistency_rule_and_use_four_queries(ward, h1, fixed_data):
    with CaptureQueriesContext(connection) as ctx:
        values = count_indicators(ward, h1)
    assert len(ctx.captured_queries) == 4
    assert values["KH01"] == values["KH02"] + values["KH03"] + values["KH04"]
