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
    """KN codes for new recommendations without one, from the register counter (one locked step per
    council and year of issue); a code typed or imported in our format moves the counter past it.
    Call inside the write's transaction."""
    pending, typed = {}, {}
    for rec in recommendations:
        if not rec.code and rec.council_id and rec.issued_date:
            pending.setdefault((rec.council_id, rec.issued_date.year), []).append(rec)
        elif rec.code and rec._state.adding:
            parsed = numbering.parse_code(rec.code)
            if parsed is not None:
                key = (rec.council_id, parsed[0])
                typed[key] = max(typed.get(key, 0), parsed[1])
    for (council_id, year), last in typed.items():
        numbering.advance_past(council_id, REGISTER, year, last)
    for (council_id, year), group in pending.items():
        for rec, code in zip(group, numbering.next_codes(council_id, REGISTER, year, len(group))):
            rec.code = code


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
