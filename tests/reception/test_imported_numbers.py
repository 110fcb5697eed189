"""Imported register numbers cannot break numbering: a number past the register's next one is refused.

The attack: a ward clerk imports a Ka Long letter numbered 2147483647. It was accepted, the counter
jumped to it, and every later Ka Long letter of that year failed with a server error (integer out of
range); a smaller jump silently left a gap in a register that must be gap-free.
"""
import pytest

from apps.core.models import RegisterCounter
from apps.reception.models import Letter, Visit

from .helpers import D, make_letter
from .test_import_export import LETTER_HEADERS, confirm, upload, xlsx

pytestmark = pytest.mark.django_db


def letter_row(number, content, year=2022):
    return ["06709", year, number, D(year, 5, 2), "Trực tiếp", "Lý Văn Nam", "Khu 1", "Kiến nghị", content,
            None, None, None, None, "Chưa xử lý"]


def row_errors(preview):
    result = preview.context["result"]
    return {row.number: " ".join(m for ms in row.error_dict.values() for m in ms) for row in result.invalid_rows}


def counter(ward, register="letter", year=2022):
    return RegisterCounter.objects.filter(council=ward, register=register, year=year).values_list(
        "last_number", flat=True).first()


def test_the_largest_integer_as_a_register_number_is_refused_and_numbering_goes_on(client_for, ward_clerk, ward):
    make_letter(ward, received_date=D(2022, 1, 5))
    client = client_for(ward_clerk)

    preview = upload(client, "letter", xlsx(LETTER_HEADERS, [letter_row(2147483647, "Số khổng lồ")]))

    errors = row_errors(preview)
    assert "Số thứ tự 2147483647 vượt quá số tiếp theo của Sổ xử lý đơn năm 2022 (số tiếp theo là 2)" in errors[1]
    assert preview.context.get("confirm_form") is None
    assert counter(ward) == 1 and not Letter.objects.filter(content="Số khổng lồ").exists()
    assert make_letter(ward, received_date=D(2022, 6, 1)).register_number == 2


@pytest.mark.parametrize("number", ["99999999999999999999", 10**12, 5])
def test_any_jump_past_the_next_number_is_a_row_error_never_a_server_error(client_for, ward_clerk, ward, number):
    make_letter(ward)
    make_letter(ward)
    preview = upload(client_for(ward_clerk), "letter", xlsx(LETTER_HEADERS, [letter_row(number, "Nhảy số")]))
    assert "số tiếp theo là 3" in row_errors(preview)[1]
    assert counter(ward) == 2


def test_a_register_typed_in_order_is_imported_with_its_own_numbers(client_for, ward_clerk, ward):
    client = client_for(ward_clerk)
    rows = [letter_row(number, f"Đơn số {number}") for number in (1, 2, 3)]
    confirm(client, "letter", upload(client, "letter", xlsx(LETTER_HEADERS, rows)))
    assert list(Letter.objects.filter(council=ward).order_by("register_number")
                .values_list("register_number", "content")) == [(1, "Đơn số 1"), (2, "Đơn số 2"), (3, "Đơn số 3")]
    assert counter(ward) == 3
    assert make_letter(ward).register_number == 4


def test_a_number_already_issued_may_be_used_again_for_its_deleted_record(client_for, ward_clerk, ward):
    first = make_letter(ward)
    make_letter(ward)
    first.delete()
    client = client_for(ward_clerk)
    confirm(client, "letter", upload(client, "letter", xlsx(LETTER_HEADERS, [letter_row(1, "Đơn nhập lại")])))
    assert Letter.objects.get(content="Đơn nhập lại").register_number == 1
    assert counter(ward) == 2


def test_the_model_refuses_a_jump_even_outside_an_import(ward):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="số tiếp theo là 1"):
        Visit.objects.create(council=ward, date=D(2022, 3, 1), citizen_name="Lê Văn A", content="Hỏi đất",
                             register_number=2147483647)
    assert counter(ward, "visit") in (None, 0)
