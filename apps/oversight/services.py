"""Creating oversight records, whatever the source: the admin form and inlines (save()) and the
register imports (apps/oversight/resources.py) go through these functions, so that a recommendation's
default due date and KN code, and an explanation session's latest notice date, are decided in one place.
"""
from apps.core import bulk, numbering
from apps.core.models import RegisterCounter
from apps.core.text import normalise_model_text

REGISTER = RegisterCounter.Register.RECOMMENDATION


def prepare(recommendation, deadline_kwargs=None):
    """Before every write: the due date from the rule when none was named (it follows its start date
    until the clerk types one), NFC text. ``deadline_kwargs``: rules and calendar loaded once by a bulk caller."""
    recommendation.fill_defaults(**(deadline_kwargs or {}))
    normalise_model_text(recommendation)


def number(recommendations):
    """KN codes for new recommendations without one, by council and year of issue (numbering.assign_codes).
    Call inside the write's transaction."""
    numbering.assign_codes(recommendations, REGISTER, "issued_date")


def create(recommendations, user=None, deadline_kwargs=None):
    """Write new recommendations in bulk, with their history, as save() would write each one."""
    created = bulk.create_with_rules(recommendations, user, prepare, number, deadline_kwargs)
    for rec in created:
        rec.remember_dates()
    return created


def update(recommendations, user=None, deadline_kwargs=None):
    """Write changed recommendations in bulk, with their history."""
    recommendations = list(recommendations)
    bulk.update_with_rules(recommendations, user, prepare, deadline_kwargs)
    for rec in recommendations:
        rec.remember_dates()


def prepare_session(session, deadline_kwargs=None):
    """Before every write of an explanation session: the latest day to send its notice, computed again
    when its date changed since it was loaded; NFC text."""
    if session.held_date and (session.latest_notice_date is None or session.held_date != session._loaded_held_date):
        session.refresh_latest_notice_date(**(deadline_kwargs or {}))
    normalise_model_text(session)


def _sessions_loaded(sessions):
    for session in sessions:
        session._loaded_held_date = session.held_date


def create_sessions(sessions, user=None, deadline_kwargs=None):
    """Write new explanation sessions in bulk, with their history, as save() would."""
    created = bulk.create_with_rules(sessions, user, prepare_session, lambda objs: None, deadline_kwargs)
    _sessions_loaded(created)
    return created


def update_sessions(sessions, user=None, deadline_kwargs=None):
    """Write changed explanation sessions in bulk, with their history."""
    sessions = list(sessions)
    bulk.update_with_rules(sessions, user, prepare_session, deadline_kwargs)
    _sessions_loaded(sessions)
