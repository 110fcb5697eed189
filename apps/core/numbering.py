"""Register numbers: unique and gap-free per (council, register, year).

A number is taken from the ``RegisterCounter`` row, locked with SELECT … FOR UPDATE,
inside the transaction that inserts the record: two clerks saving at the same
instant queue on the counter row, and a save that rolls back gives its number
back (the counter's increment rolls back with it). On SQLite, write transactions
are serialised by the database anyway.

Used by the reception registers (visits, letters), by voter petitions and by oversight
recommendations for their codes. A code is written by ``format_code`` alone (KN-2022-0001), so that
every register and every write path (form, register import, ward workbook) spells it the same way.

A number given from outside (a register import) may only be one the register has already issued
(a row whose record was deleted, or the row itself being re-imported) or the very next one: a jump
would leave a gap, and a huge number would push every later number out of the column's range.
"""
import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

CODE_PREFIX = "KN"  # kiến nghị: voter petitions and recommendations after oversight
CODE_PATTERN = re.compile(r"^([A-Z]+)-(\d{4})-(\d+)$")


def format_code(year, number, prefix=CODE_PREFIX):
    """The code of the ``number``-th record of ``year``: KN-2022-0001."""
    return f"{prefix}-{year}-{number:04d}"


def parse_code(code, prefix=CODE_PREFIX):
    """(year, number) of a code written like ``format_code`` (any number of digits, so that codes
    kept from before, such as KN-2022-001, are read too); None for any other text."""
    match = CODE_PATTERN.match(code or "")
    if match is None or match.group(1) != prefix:
        return None
    return int(match.group(2)), int(match.group(3))


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


def _refuse_beyond(register, year, number, last_number):
    from .models import RegisterCounter

    if number is not None and number > last_number + 1:
        label = RegisterCounter.Register(register).label
        raise ValidationError(
            f"Số thứ tự {number} vượt quá số tiếp theo của {label} năm {year} (số tiếp theo là "
            f"{last_number + 1}): số trong sổ phải liên tục, không được nhảy số. Hãy để trống ô số thứ tự "
            "để hệ thống tự cấp số, hoặc sắp các dòng theo số thứ tự tăng dần rồi nhập lại.",
            code="number_beyond_counter",
        )


def check_given_number(council_id, register, year, number, taken_before=0):
    """Raise ValidationError (Vietnamese) if ``number`` would jump past the register's next number.
    For form and import validation; reserve_number checks again under the counter's lock.
    ``taken_before``: the highest number given by earlier rows of the same import, not written yet."""
    from .models import RegisterCounter

    last = (RegisterCounter.objects.filter(council_id=council_id, register=register, year=year)
            .values_list("last_number", flat=True).first())
    _refuse_beyond(register, year, number, max(last or 0, taken_before or 0))


def next_codes(council_id, register, year, count, prefix=CODE_PREFIX):
    """``count`` consecutive codes (``format_code``) in one locked step."""
    return [format_code(year, number, prefix) for number in next_numbers(council_id, register, year, count)]


def assign_codes(records, register, date_field, prefix=CODE_PREFIX):
    """Codes for new ``records`` (petitions, recommendations) of one ``register``, numbered per council and
    the year of each record's ``date_field``. A record without a code gets the next one (one locked step
    per council and year); a code typed or imported in our format moves the counter past its number.
    Records without a council or that date are left alone. Call inside the write's transaction."""
    pending, typed = {}, {}
    for record in records:
        if not record.code:
            day = getattr(record, date_field)
            if record.council_id and day is not None:
                pending.setdefault((record.council_id, day.year), []).append(record)
        elif record._state.adding:
            parsed = parse_code(record.code, prefix)
            if parsed is not None:
                key = (record.council_id, parsed[0])
                typed[key] = max(typed.get(key, 0), parsed[1])
    for (council_id, year), last in typed.items():
        advance_past(council_id, register, year, last)
    for (council_id, year), group in pending.items():
        for record, code in zip(group, next_codes(council_id, register, year, len(group), prefix)):
            record.code = code


def advance_past(council_id, register, year, number):
    """A code typed by hand or imported (KN-2022-0050): later codes continue after its number. Codes, unlike
    register numbers, are the clerk's to choose, so a jump is kept rather than refused."""
    counter = _locked_counter(council_id, register, year)
    if number > counter.last_number:
        counter.last_number = number
        counter.save(update_fields=["last_number"])


def reserve_numbers(council_id, register, year, numbers):
    """``reserve_number`` for a batch of given numbers in one locked step: taken in ascending order, each
    may be one already issued or the very next one."""
    counter = _locked_counter(council_id, register, year)
    last = counter.last_number
    for number in sorted(numbers):
        _refuse_beyond(register, year, number, last)
        last = max(last, number)
    if last > counter.last_number:
        counter.last_number = last
        counter.save(update_fields=["last_number"])


def reserve_number(council_id, register, year, number):
    """A number given from outside (an import): at most the next one; later numbers continue after it."""
    counter = _locked_counter(council_id, register, year)
    _refuse_beyond(register, year, number, counter.last_number)
    if number > counter.last_number:
        counter.last_number = number
        counter.save(update_fields=["last_number"])
    return number
