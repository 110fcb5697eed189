"""Creating recommendations after oversight (kiến nghị sau giám sát), whatever the source: the admin
form and inlines (Recommendation.save) and the register import (RecommendationResource) go through
these functions, so that the default due date and the KN code are decided in one place.
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
