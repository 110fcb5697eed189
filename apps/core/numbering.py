"""Register numbers: unique and gap-free per (council, register, year).

A number is taken from the ``RegisterCounter`` row, locked with SELECT … FOR UPDATE,
inside the transaction that inserts the record: two clerks saving at the same
instant queue on the counter row, and a save that rolls back gives its number
back (the counter's increment rolls back with it). On SQLite, write transactions
are serialised by the database anyway.

Used by the reception registers (visits, letters) and by petitions for their KN-yyyy-nnnn codes.
"""
from django.db import IntegrityError, transaction


def _locked_counter(council_id, register, year):
    from .models import RegisterCounter

    qs = RegisterCounter.objects.select_for_update()
    try:
        return qs.get(council_id=council_id, register=register, year=year)
    except RegisterCounter.DoesNotExist:
        pass
    try:
        # A savepoint, so that losing the race to create the row does not break the outer transaction.
        with transaction.atomic():
            RegisterCounter.objects.create(council_id=council_id, register=register, year=year, last_number=0)
    except IntegrityError:
        pass  # another clerk created it first; its row is now committed and lockable
    return qs.get(council_id=council_id, register=register, year=year)


def next_numbers(council_id, register, year, count):
    """Take ``count`` consecutive numbers in one locked step (a batch import). Call it inside the
    transaction that saves the records; returns the range of numbers taken (empty for count 0)."""
    if count <= 0:
        return range(0)
    counter = _locked_counter(council_id, register, year)
    first = counter.last_number + 1
    counter.last_number += count
    counter.save(update_fields=["last_number"])
    return range(first, counter.last_number + 1)


def next_number(council_id, register, year):
    """Take the next number. Call it inside the transaction that saves the record."""
    return next_numbers(council_id, register, year, 1)[0]


def reserve_number(council_id, register, year, number):
    """A number given by hand (or by an import): later numbers continue after it."""
    counter = _locked_counter(council_id, register, year)
    if number > counter.last_number:
        counter.last_number = number
        counter.save(update_fields=["last_number"])
    return number
