"""The shared import plumbing: dates from xlsx cells, reused unit codes, the user's own council."""
import datetime

import pytest

from apps.core.importexport import CouncilCodeWidget, VietnameseDateWidget

D = datetime.date


def test_a_datetime_cell_is_read_as_a_date():
    value = VietnameseDateWidget().clean(datetime.datetime(2022, 4, 15, 0, 0))

    assert value == D(2022, 4, 15) and type(value) is D


def test_a_typed_date_is_read_day_first():
    assert VietnameseDateWidget().clean(" 05/04/2022 ") == D(2022, 4, 5)


def test_a_bad_date_is_a_vietnamese_error():
    with pytest.raises(ValueError, match="không phải là ngày"):
        VietnameseDateWidget().clean("32/13/2022")


@pytest.mark.django_db
def test_a_reused_unit_code_means_the_council_of_the_rows_date(ward, superuser):
    widget = CouncilCodeWidget(date_columns=("Ngày",))

    before = widget.clean("06709", row={"Ngày": D(2022, 4, 15)}, user=superuser)
    after = widget.clean("06709", row={"Ngày": "15/08/2025"}, user=superuser)

    assert before == ward
    assert after != ward and after.admin_unit.code == "06709"


@pytest.mark.django_db
def test_the_date_columns_can_come_from_the_resource(ward, superuser):
    widget = CouncilCodeWidget()

    assert widget.clean("06709", row={"Ngày": D(2022, 4, 15)}, user=superuser, date_columns=("Ngày",)) == ward


@pytest.mark.django_db
def test_councils_are_looked_up_once_per_code(ward, superuser, django_assert_num_queries):
    widget = CouncilCodeWidget(date_columns=("Ngày",))
    widget.clean("06709", row={"Ngày": D(2022, 4, 15)}, user=superuser)

    with django_assert_num_queries(0):
        for day in range(1, 20):
            assert widget.clean("6709", row={"Ngày": D(2022, 4, day)}, user=superuser) == ward


@pytest.mark.django_db
def test_an_empty_code_is_the_users_own_council(ward, ward_clerk):
    assert CouncilCodeWidget().clean("", row={}, user=ward_clerk) == ward


@pytest.mark.django_db
def test_a_code_outside_the_users_councils_is_refused(other_ward, ward_clerk):
    with pytest.raises(ValueError, match="không phải HĐND mà bạn được phép"):
        CouncilCodeWidget().clean("06712", row={}, user=ward_clerk)


@pytest.mark.parametrize("value, expected", [("03", 3), (" 12 ", 12), (7.0, 7), (0, 0), ("", None), (None, None)])
def test_whole_numbers_are_read_from_text_and_numbers(value, expected):
    from apps.core.importexport import WholeNumberWidget

    assert WholeNumberWidget().clean(value) == expected


@pytest.mark.parametrize("value", ["x", "2.5", 2.5, "-1"])
def test_anything_else_is_refused_in_vietnamese_never_rounded(value):
    from apps.core.importexport import WholeNumberWidget

    with pytest.raises(ValueError, match="số"):
        WholeNumberWidget().clean(value)
