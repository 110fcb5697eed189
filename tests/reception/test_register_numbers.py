"""Register numbers: unique and gap-free per (council, register, year), also under concurrent saves."""
import datetime
import threading

import pytest
from django.db import IntegrityError, connection, connections, transaction

from apps.core.models import RegisterCounter
from apps.reception.models import Letter, Visit

from .helpers import make_letter, make_visit

D = datetime.date


@pytest.mark.django_db
def test_numbers_run_per_council_register_and_year(ward, other_ward):
    first = make_letter(ward, received_date=D(2022, 1, 5))
    second = make_letter(ward, received_date=D(2022, 6, 5))
    next_year = make_letter(ward, received_date=D(2023, 1, 2))
    other = make_letter(other_ward, received_date=D(2022, 1, 5))
    visit = make_visit(ward, date=D(2022, 1, 5))
    assert (first.register_number, second.register_number) == (1, 2)
    assert (next_year.register_year, next_year.register_number) == (2023, 1)
    assert other.register_number == 1
    assert visit.register_number == 1  # the sổ tiếp công dân has its own sequence
    assert first.register_code == "0001/2022"


@pytest.mark.django_db
def test_a_rolled_back_save_gives_its_number_back(ward):
    make_letter(ward)
    with pytest.raises(IntegrityError):
        with transaction.atomic():
            make_letter(ward, content="Đơn sẽ bị hủy")
            raise IntegrityError("the clerk's save failed after the number was taken")
    assert make_letter(ward).register_number == 2


@pytest.mark.django_db
def test_a_number_given_from_outside_moves_the_counter_on(ward):
    make_letter(ward)
    make_letter(ward, register_number=2)  # the next number, as an import of a register typed in order gives it
    assert make_letter(ward).register_number == 3
    assert RegisterCounter.objects.get(council=ward, register="letter", year=2022).last_number == 3


@pytest.mark.django_db
def test_a_taken_number_is_refused(ward):
    make_letter(ward, register_number=1)
    with pytest.raises(IntegrityError):
        with transaction.atomic():
            make_letter(ward, register_number=1)


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="SQLite serialises write transactions, so there is no race to test; run on PostgreSQL.")
@pytest.mark.django_db(transaction=True)
def test_twenty_clerks_saving_at_once_get_twenty_consecutive_numbers(reference_data, ward):
    """Threads with their own connections save at the same instant (a barrier releases them together)."""
    clerks = 20
    barrier = threading.Barrier(clerks)
    numbers, errors = [], []

    def save(i):
        try:
            barrier.wait(timeout=30)
            letter = Letter.objects.create(
                council_id=ward.pk, received_date=D(2022, 5, 4), sender_name=f"Người gửi {i}",
                content_type="kien_nghi", content=f"Đơn số {i} gửi cùng lúc",
            )
            numbers.append(letter.register_number)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(i,)) for i in range(clerks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert sorted(numbers) == list(range(1, clerks + 1))
    assert Letter.objects.filter(council=ward, register_year=2022).count() == clerks
    assert Visit.objects.count() == 0
