"""Creating voter petitions, whatever the source: the admin form (Petition.save), the register import
(PetitionResource) and a ward workbook's KienNghi sheet all go through these functions, so that the
received date, the answer due date, the text's normal form and the KN code are decided in one place.
"""
from django.utils import timezone

from apps.core import bulk, numbering
from apps.core.models import RegisterCounter
from apps.core.text import normalise_model_text

REGISTER = RegisterCounter.Register.PETITION


def prepare(petition, deadline_kwargs=None):
    """What a petition gets before every write: a received date (the meeting's, else today), its
    answer due date (``deadline_kwargs``: rules and calendar loaded once by a bulk caller), NFC text."""
    if petition.received_date is None:
        petition.received_date = petition.meeting.date if petition.meeting_id else timezone.localdate()
    petition.compute_deadlines(**(deadline_kwargs or {}))
    normalise_model_text(petition)


def number(petitions):
    """KN codes for new petitions without one, by council and year of receipt (numbering.assign_codes).
    Call inside the write's transaction."""
    numbering.assign_codes(petitions, REGISTER, "received_date")


def create(petitions, user=None, deadline_kwargs=None):
    """Write new petitions in bulk, with their history, exactly as save() would write each one."""
    return bulk.create_with_rules(petitions, user, prepare, number, deadline_kwargs)


def update(petitions, user=None, deadline_kwargs=None):
    """Write changed petitions in bulk, with their history (due dates follow their start dates)."""
    bulk.update_with_rules(petitions, user, prepare, deadline_kwargs)
