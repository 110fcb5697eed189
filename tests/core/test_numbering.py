"""Register numbers (apps.core.numbering): one counter per council, register and year."""
import pytest
from django.db import transaction

from apps.core.models import RegisterCounter
from apps.core.numbering import next_number, next_numbers, reserve_number

pytestmark = pytest.mark.django_db


def test_a_batch_takes_consecutive_numbers_after_the_last_one(ward):
    with transaction.atomic():
        assert next_number(ward.pk, "letter", 2022) == 1
        assert list(next_numbers(ward.pk, "letter", 2022, 5)) == [2, 3, 4, 5, 6]
        assert next_number(ward.pk, "letter", 2022) == 7
    assert RegisterCounter.objects.get(council=ward, register="letter", year=2022).last_number == 7


def test_an_empty_batch_takes_nothing(ward):
    assert list(next_numbers(ward.pk, "petition", 2022, 0)) == []
    assert next_number(ward.pk, "petition", 2022) == 1


def test_counters_are_separate_per_register_year_and_council(ward, other_ward):
    reserve_number(ward.pk, "visit", 2022, 1)
    assert next_number(ward.pk, "visit", 2022) == 2
    assert next_number(ward.pk, "visit", 2023) == 1
    assert next_number(ward.pk, "letter", 2022) == 1
    assert next_number(other_ward.pk, "visit", 2022) == 1


def test_a_rolled_back_batch_gives_its_numbers_back(ward):
    with pytest.raises(RuntimeError), transaction.atomic():
        next_numbers(ward.pk, "letter", 2022, 3)
        raise RuntimeError
    assert list(next_numbers(ward.pk, "letter", 2022, 2)) == [1, 2]


def test_every_numbered_register_writes_its_codes_one_way(ward):
    from apps.core.numbering import format_code, next_codes, parse_code

    assert format_code(2022, 7) == "KN-2022-0007"
    assert next_codes(ward.pk, "recommendation", 2022, 2) == ["KN-2022-0001", "KN-2022-0002"]
    # Codes kept from before (three digits) are read as well, so that the counter continues after them.
    assert parse_code("KN-2022-003") == (2022, 3) and parse_code("15/NQ-HĐND") is None


