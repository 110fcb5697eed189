"""TD01–TD05 and DT01–DT08 against hand-counted figures, with records on the period's first and last day."""
import pytest

from apps.core.models import ReportingPeriod
from apps.reception.indicators import count_indicators

from .helpers import D, agency, make_letter, make_session, make_visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def h1(db):
    return ReportingPeriod.objects.from_code("2022-H1")


@pytest.fixture
def registers(ward, other_ward):
    for day in (D(2022, 1, 1), D(2022, 6, 30), D(2021, 12, 31), D(2022, 7, 1)):
        make_session(ward, date=day)
    make_session(other_ward, date=D(2022, 3, 1))

    make_visit(ward, date=D(2022, 1, 1), people_count=1)
    make_visit(ward, date=D(2022, 6, 30), people_count=6, classification="khieu_nai")  # đoàn đông người
    make_visit(ward, date=D(2022, 3, 15), people_count=2, is_repeat=True)  # same case as before
    make_visit(ward, date=D(2021, 12, 31), people_count=9)
    make_visit(ward, date=D(2022, 7, 1), people_count=5)
    make_visit(other_ward, date=D(2022, 3, 1), people_count=7)

    ubnd = agency()
    make_letter(ward, received_date=D(2022, 1, 1), content_type="khieu_nai", handling="chuyen_don",
                forwarded_agency=ubnd, forwarded_date=D(2022, 1, 5), reply_received_date=D(2022, 1, 20))
    make_letter(ward, received_date=D(2022, 6, 30), content_type="to_cao", handling="chuyen_don",
                forwarded_agency=ubnd, forwarded_date=D(2022, 6, 30))
    make_letter(ward, received_date=D(2022, 2, 2), content_type="kien_nghi", handling="huong_dan")
    make_letter(ward, received_date=D(2022, 2, 3), content_type="phan_anh", eligible=False,
                ineligible_reason="Đơn không ký tên", handling="luu_don")
    make_letter(ward, received_date=D(2022, 3, 3), content_type="nhieu_noi_dung")
    make_letter(ward, received_date=D(2021, 12, 31), content_type="khieu_nai")
    make_letter(ward, received_date=D(2022, 7, 1), content_type="to_cao")
    make_letter(other_ward, received_date=D(2022, 3, 1), content_type="to_cao")


def test_reception_indicators_match_the_hand_count(ward, h1, registers):
    assert count_indicators(ward, h1) == {
        "TD01": 2, "TD02": 3, "TD03": 9, "TD04": 2, "TD05": 1,
        "DT01": 5, "DT02": 1, "DT03": 1, "DT04": 3, "DT05": 4, "DT06": 2, "DT07": 1, "DT08": 1,
    }


def test_letter_totals_add_up(ward, other_ward, h1, registers):
    for council in (ward, other_ward):
        values = count_indicators(council, h1)
        assert values["DT01"] == values["DT02"] + values["DT03"] + values["DT04"]
        assert values["DT05"] <= values["DT01"] and values["TD03"] >= values["TD02"]


def test_second_half_and_whole_year(ward, registers):
    h2 = count_indicators(ward, ReportingPeriod.objects.from_code("2022-H2"))
    assert (h2["TD01"], h2["TD02"], h2["TD03"], h2["TD05"], h2["DT01"], h2["DT03"]) == (1, 1, 5, 1, 1, 1)
    year = count_indicators(ward, ReportingPeriod.objects.from_code("2022-Y"))
    assert (year["TD01"], year["TD02"], year["DT01"]) == (3, 4, 6)


def test_indicators_take_a_fixed_number_of_queries(ward, h1, registers, django_assert_num_queries):
    with django_assert_num_queries(3):
        count_indicators(ward, h1)
