"""Rows of one register file that name the same record: written in batches, a file reads as it would if
each row were saved before the next one is read (django-import-export without batches)."""
import pytest

from apps.petitions.models import Petition
from apps.petitions.resources import PetitionResource
from apps.reception.models import Letter
from apps.reception.resources import LetterResource
from tests.core.test_import_queries import LETTER_HEADERS, PETITION_HEADERS, letter_rows, petition_rows
from tests.reception.helpers import agency
from tests.sittings.xlsx import import_bytes, row_errors, workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def moncai_agency(db):
    return agency()  # UBND thành phố Móng Cái


def test_a_row_with_the_code_of_a_petition_added_above_changes_that_petition(ward_clerk, moncai_agency):
    rows = petition_rows(3)
    rows[0][1] = rows[2][1] = "KN-2022-0007"
    rows[2][4] = "Nội dung ghi lại ở dòng dưới"
    result = import_bytes(PetitionResource, ward_clerk, workbook(PETITION_HEADERS, rows))
    assert not row_errors(result) and not result.has_errors(), (row_errors(result), result.base_errors)
    assert [r.import_type for r in result.rows] == ["new", "new", "update"]
    assert Petition.objects.count() == 2
    petition = Petition.objects.get(code="KN-2022-0007")
    assert petition.content == "Nội dung ghi lại ở dòng dưới"
    assert [h.history_type for h in petition.history.order_by("history_id")] == ["+"]


def test_a_row_naming_a_petition_written_with_an_earlier_batch_changes_it(ward_clerk, moncai_agency):
    rows = petition_rows(502)
    rows[0][1] = rows[501][1] = "KN-2022-0700"
    rows[501][4] = "Nội dung ở dòng 502"
    result = import_bytes(PetitionResource, ward_clerk, workbook(PETITION_HEADERS, rows))
    assert not row_errors(result) and not result.has_errors(), (row_errors(result), result.base_errors)
    assert result.rows[501].import_type == "update" and Petition.objects.count() == 501
    petition = Petition.objects.get(code="KN-2022-0700")
    assert petition.content == "Nội dung ở dòng 502"
    assert sorted(h.history_type for h in petition.history.all()) == ["+", "~"]


def test_two_new_letters_with_the_same_number_refuse_the_file_naming_both_rows(ward_clerk, moncai_agency):
    rows = letter_rows(4)
    rows[0][2] = rows[2][2] = 1  # the year left empty: it comes from the date received, 2022 for both
    rows[1][2], rows[3][2] = 2, 3
    result = import_bytes(LetterResource, ward_clerk, workbook(LETTER_HEADERS, rows))
    errors = row_errors(result)
    assert not result.base_errors, [str(e.error) for e in result.base_errors]
    assert len(errors) == 1 and errors[0].startswith("dòng 3: register_number: Dòng 1 và dòng 3 trùng"), errors
    assert "(2022, 1)" in errors[0]
    assert Letter.objects.count() == 0


def test_two_new_letters_with_the_same_number_in_different_batches_are_named_too(ward_clerk, moncai_agency):
    rows = letter_rows(502)
    for number, row in enumerate(rows, start=1):
        row[2] = number
    rows[501][2] = 2
    result = import_bytes(LetterResource, ward_clerk, workbook(LETTER_HEADERS, rows))
    errors = row_errors(result)
    assert not result.base_errors, [str(e.error) for e in result.base_errors]
    assert len(errors) == 1 and "Dòng 2 và dòng 502 trùng" in errors[0], errors
    assert Letter.objects.count() == 0
