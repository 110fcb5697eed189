"""CT01–CT07 against hand-counted figures, with records on the period's first and last day."""
import pytest

from apps.core.models import ReportingPeriod
from apps.petitions.indicators import count_indicators
from tests.reception.helpers import D, make_meeting, make_petition

pytestmark = pytest.mark.django_db


@pytest.fixture
def h1(db):
    return ReportingPeriod.objects.from_code("2022-H1")


@pytest.fixture
def registers(ward, other_ward):
    first = make_meeting(ward, date=D(2022, 1, 1), voters_attending=100)
    last = make_meeting(ward, date=D(2022, 6, 30), voters_attending=80)
    before = make_meeting(ward, date=D(2021, 12, 31), voters_attending=500)
    make_meeting(ward, date=D(2022, 7, 1), voters_attending=70)
    make_meeting(other_ward, date=D(2022, 3, 1), voters_attending=60)

    make_petition(ward, meeting=first, received_date=None, status="da_giai_quyet", answer="Đã lắp đèn",
                  answered_date=D(2022, 3, 1))
    make_petition(ward, meeting=first, received_date=None, status="dang_giai_quyet", answer="Đang khảo sát")
    make_petition(ward, meeting=last, received_date=None, status="da_giai_trinh", answer="Đã giải trình")
    kept = make_petition(ward, meeting=last, received_date=None)
    make_petition(ward, meeting=last, received_date=None, merged_into=kept)  # a duplicate, counted once
    make_petition(ward, meeting=before, received_date=None)
    make_petition(ward, received_date=D(2022, 6, 30), source="Đoàn ĐBQH tỉnh chuyển")
    make_petition(other_ward, received_date=D(2022, 3, 1))


def test_petition_indicators_match_the_hand_count(ward, h1, registers):
    assert count_indicators(ward, h1) == {
        "CT01": 2, "CT02": 180, "CT03": 5, "CT04": 1, "CT05": 1, "CT06": 1, "CT07": 2,
    }


def test_statuses_add_up_to_the_total(ward, other_ward, h1, registers):
    for council in (ward, other_ward):
        v = count_indicators(council, h1)
        assert v["CT03"] == v["CT04"] + v["CT05"] + v["CT06"] + v["CT07"]


def test_received_date_defaults_to_the_meeting_date(ward):
    meeting = make_meeting(ward, date=D(2022, 6, 30))
    assert make_petition(ward, meeting=meeting, received_date=None).received_date == D(2022, 6, 30)


def test_indicators_take_a_fixed_number_of_queries(ward, h1, registers, django_assert_num_queries):
    with django_assert_num_queries(2):
        count_indicators(ward, h1)
