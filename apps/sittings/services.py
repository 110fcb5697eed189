"""Writing sittings-register rows, whatever the source: the admin form (save()) and the register
imports (apps/sittings/resources.py) go through ``prepare``, so that a resolution's year and a
question's answer due date are decided in one place; the imports write whole batches through
``create`` / ``update`` (apps/core/bulk.py: rows and history in bulk).
"""
from apps.core import bulk
from apps.core.text import normalise_model_text


def prepare_resolution(resolution, deadline_kwargs=None):
    """The year its number is unique in: the year it was adopted."""
    resolution.fill_year()


def prepare_question(question, deadline_kwargs=None):
    """The written-answer due date, computed again when the question's dates changed since it was
    loaded (``deadline_kwargs``: rules and calendar loaded once by a bulk caller)."""
    if question.asked_date and (question.answer_due is None or question.asked_date != question._loaded_asked_date
                                or question.answered_date != question._loaded_answered_date):
        question.refresh_answer_due(**(deadline_kwargs or {}))


_PREPARE = {"Resolution": prepare_resolution, "Question": prepare_question}


def prepare(record, deadline_kwargs=None):
    """What a sittings record gets before every write: its own rules (above), then NFC text."""
    rule = _PREPARE.get(type(record).__name__)
    if rule is not None:
        rule(record, deadline_kwargs)
    normalise_model_text(record)


def _remember_loaded(records):
    for record in records:
        if hasattr(record, "_loaded_asked_date"):
            record._loaded_asked_date = record.asked_date
            record._loaded_answered_date = record.answered_date


def create(records, user=None, deadline_kwargs=None):
    """Write new records of one register in bulk, with their history, as save() would write each one."""
    created = bulk.create_with_rules(records, user, prepare, lambda objs: None, deadline_kwargs)
    _remember_loaded(created)
    return created


def update(records, user=None, deadline_kwargs=None):
    """Write changed records of one register in bulk, with their history."""
    records = list(records)
    bulk.update_with_rules(records, user, prepare, deadline_kwargs)
    _remember_loaded(records)
