"""Creating rows of the sổ tiếp công dân (visits) and the sổ xử lý đơn (letters), whatever the source:
the admin form (save()), the register imports (VisitResource, LetterResource) and a ward workbook's
DonThu sheet all go through these functions, so that the register year and number, a letter's status
and every due date are decided in one place.
"""
from apps.core import bulk, numbering
from apps.core.text import normalise_model_text

from .choices import LetterStatus


def prepare_visit(visit, deadline_kwargs=None):
    """Before every write: the answer due date (``deadline_kwargs``: rules and calendar loaded once)."""
    visit.compute_deadlines(**(deadline_kwargs or {}))
    normalise_model_text(visit)


def prepare_letter(letter, deadline_kwargs=None):
    """Before every write: the signers (one unless anonymous, when left empty), the status its handling
    implies for a letter still "new", its due dates."""
    letter.fill_signer_count()
    if letter.status == LetterStatus.NEW:
        letter.status = letter.derive_status()
    letter.compute_deadlines(**(deadline_kwargs or {}))
    normalise_model_text(letter)


def prepare(record, deadline_kwargs=None):
    """``prepare_visit`` or ``prepare_letter``, by the record's register."""
    {"visit": prepare_visit, "letter": prepare_letter}[record.register](record, deadline_kwargs)


def number(records):
    """Register year (from the record's date) and number for new records: numbers in one locked step
    per council, register and year; a number typed or imported moves the counter past it.
    Call inside the write's transaction."""
    pending, typed = {}, {}
    for record in records:
        if record.register_year is None:
            record.register_year = getattr(record, record.date_field).year
        key = (record.council_id, record.register, record.register_year)
        if record.register_number is None:
            pending.setdefault(key, []).append(record)
        elif record._state.adding:
            typed.setdefault(key, []).append(record.register_number)
    for (council_id, register, year), numbers in typed.items():
        numbering.reserve_numbers(council_id, register, year, numbers)
    for (council_id, register, year), group in pending.items():
        for record, taken in zip(group, numbering.next_numbers(council_id, register, year, len(group))):
            record.register_number = taken


def create(records, user=None, deadline_kwargs=None):
    """Write new visits or letters (one kind at a time) in bulk, with their history, as save() would."""
    return bulk.create_with_rules(records, user, prepare, number, deadline_kwargs)


def update(records, user=None, deadline_kwargs=None):
    """Write changed visits or letters in bulk, with their history."""
    bulk.update_with_rules(records, user, prepare, deadline_kwargs)
