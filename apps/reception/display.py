"""Admin display helpers for computed deadlines (shared with apps.petitions)."""
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from apps.core.admin_base import due_badge

SOON_DAYS = 3


def deadline_html(due, stored, done):
    """The stored due date as a badge, with how the engine computed it and the rule's verification mark."""
    if stored is None and due is None:
        return "—"
    badge = due_badge(stored or due.date, done, SOON_DAYS)
    if due is None:
        return badge
    mark = ""
    if not due.rule.verified:
        mark = format_html(' <strong class="rule-unverified">[{}: {}]</strong>', _("quy tắc"),
                           due.rule.get_status_display().lower())
    return format_html('{}{}<br><small class="due-explanation">{}</small>', badge, mark, due.explanation)
