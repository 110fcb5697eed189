"""Admin helpers used by the sittings and oversight admins.

They belong in apps/core/admin_base.py once the foundation owner takes them over;
oversight imports them from here (oversight may depend on sittings).
"""
import datetime

from django import forms
from django.contrib.admin.helpers import ActionForm
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from apps.core.admin_base import admin_link
from apps.core.importexport import xlsx_only


def explained_due(due, empty=_("Chưa tính được (thiếu ngày bắt đầu hoặc chưa có quy tắc).")):
    """A computed due date with the deadline engine's explanation and the unverified mark."""
    if due is None:
        return empty
    mark = ""
    if not due.rule.verified:
        mark = format_html(' <span class="due-unverified" title="{}">⚠ {}</span>',
                           _("Quy tắc chưa được cán bộ pháp chế xác minh."), due.rule.get_status_display())
    return format_html("<strong>{}</strong>{}<br><small>{}</small>", f"{due.date:%d/%m/%Y}", mark, due.explanation)


def links(objects):
    """Links to the admin pages of ``objects`` (one per line), or a dash."""
    objects = list(objects)
    if not objects:
        return "—"
    return format_html_join(mark_safe("<br>"), "{}", ((admin_link(o),) for o in objects))


def reverse_links(obj, accessor, limit=20):
    """Links to the records of ``obj.<accessor>`` (a reverse relation, possibly from another app)
    that belong to the same council as ``obj``, which the user already may see."""
    if obj is None or obj.pk is None:
        return "—"
    manager = getattr(obj, accessor, None)
    if manager is None:
        return "—"
    rows = list(manager.filter(council_id=obj.council_id)[: limit + 1])
    more = len(rows) > limit
    html = links(rows[:limit])
    if more:
        html = format_html("{}<br><small>{}</small>", html, _("… và các hồ sơ khác"))
    return html


def short(text, length=90):
    text = text or ""
    return text if len(text) <= length else text[: length - 1] + "…"


class CompactTextMixin:
    """Inline text areas two lines high, so an inline row stays one screen line."""

    compact_fields = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in self.compact_fields and field is not None:
            field.widget.attrs.update(rows=2, cols=50)
        return field


class DoneDateActionForm(ActionForm):
    """The action bar with an optional date: "mark done on …" uses it, empty means today."""

    done_on = forms.DateField(label=_("Ngày"), required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                              widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "size": 10}))


def chosen_date(request):
    """The date typed in the action bar (dd/mm/yyyy), today when empty; None if unreadable."""
    raw = (request.POST.get("done_on") or "").strip()
    if not raw:
        return timezone.localdate()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    return None


class XlsxOnlyMixin:
    def get_import_formats(self):
        return xlsx_only()

    def get_export_formats(self):
        return xlsx_only()
