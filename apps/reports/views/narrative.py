"""The secretariat's own sections on the summary page (đánh giá chung, hạn chế, phương hướng).

Everyone who reads the summary sees them; those who may change the council's records write them
(the secretariat for its council and the councils below, a ward clerk for their ward) — never a
leader, nor a successor's clerk reading a predecessor's report. Saved per council and period with
history. A save over a version someone else saved after the form was opened is refused like the
admin's change forms (apps/core/admin_concurrency.py): the clerk's text comes back with a message
naming who changed what, and saving once more is a deliberate overwrite.
"""
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from apps.core.admin_concurrency import VERSION_FIELD, describe_changes, record_version
from apps.core.scoping import may_change

from ..forms import NarrativeForm
from ..models import SummaryNarrative
from ..summary import narrative


def may_write(user, council):
    return (council is not None and user.has_perm("reports.add_summarynarrative")
            and user.has_perm("reports.change_summarynarrative") and may_change(user, council.pk))


def _current(council, period):
    return SummaryNarrative.objects.filter(council=council, period=period).select_related("updated_by").first()


def _stale(form, row, posted):
    account = describe_changes(SummaryNarrative, row.pk, posted, set(narrative.FIELDS)) if row else ""
    form.add_error(None, _(
        "Phần đánh giá đã được người khác lưu sau khi bạn mở trang, nên nội dung của bạn chưa được lưu "
        "(để không ghi đè lên nội dung của họ). %(account)s Nội dung bạn vừa viết vẫn ở các ô bên dưới; "
        "bấm Lưu lần nữa nếu vẫn muốn ghi đè, hoặc tải lại trang để xem bản mới nhất.") % {"account": account})


def save(request, council, period):
    """Save the posted sections: (True, None, None), or (False, bound form with errors, version to post next)."""
    posted = request.POST.get(VERSION_FIELD)
    try:
        with transaction.atomic():
            # Locked until the save ends, so a concurrent save waits and then sees the new version.
            row = SummaryNarrative.objects.select_for_update().filter(council=council, period=period).first()
            version = record_version(row) if row else ""
            if posted is not None and posted != version:
                form = NarrativeForm(request.POST)
                form.is_valid()
                _stale(form, row, posted)
                return False, form, version
            if row is None:
                row = SummaryNarrative(council=council, period=period, created_by=request.user)
            form = NarrativeForm(request.POST, instance=row)
            if not form.is_valid():
                return False, form, posted or version
            row = form.save(commit=False)
            row.updated_by = request.user
            row.save()
    except IntegrityError:
        # Two first saves at the same moment: the other one created the row.
        form = NarrativeForm(request.POST)
        form.is_valid()
        row = _current(council, period)
        _stale(form, row, "")
        return False, form, record_version(row) if row else ""
    return True, None, None


def context(user, summary, council, period, form=None, version=None):
    """What the page shows of the sections: the form for a writer, the text for a reader."""
    row = _current(council, period)
    editable = may_write(user, council)
    if editable and form is None:
        form = NarrativeForm(instance=row)
    if version is None:
        version = record_version(row) if row else ""
    labels = dict(narrative.labels(summary))
    fields = [(labels[name], form[name] if editable else None, narrative.paragraphs(getattr(row, name, "")))
              for name in narrative.FIELDS]
    return {"narrative_editable": editable, "narrative_form": form if editable else None,
            "narrative_fields": fields, "narrative_row": row, "narrative_version": version,
            "narrative_version_field": VERSION_FIELD}
