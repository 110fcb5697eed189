"""No lost updates in the admin: a record changed by someone else since you opened it is not overwritten.

Two clerks open the same petition; the first saves an answer, the second saves a note. Without a
check the second save writes the whole form back and the answer is gone without a word.

The version of a record is its ``updated_at`` (every register row carries it and every save moves it).
The change form carries the version it was opened at (a hidden input); the form's validation reads
the row again under ``SELECT … FOR UPDATE`` — inside the admin's transaction, so a concurrent save
waits for it — and refuses the save when the version moved, naming who changed what and when from
the record's history. The refused form is shown again with the clerk's own input and the current
version: saving it once more, after reading the message, is a deliberate overwrite.
"""
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils import timezone
from django.utils.html import format_html

VERSION_FIELD = "_record_version"
MAX_VALUE_LENGTH = 80


def record_version(obj):
    """The version token of ``obj`` (its updated_at, exact to the microsecond), or "" when it has none."""
    value = getattr(obj, "updated_at", None)
    return value.isoformat() if value is not None else ""


def _shown(value):
    text = "—" if value in (None, "") else str(value)
    return text if len(text) <= MAX_VALUE_LENGTH else text[: MAX_VALUE_LENGTH - 1] + "…"


def describe_changes(model, pk, since, visible_fields):
    """A Vietnamese account of the changes made to record ``pk`` after version ``since``, from its
    history: who saved it and when, and each changed field the user sees on the form (old → new)."""
    history = getattr(model, model._meta.simple_history_manager_attribute, None) if hasattr(
        model._meta, "simple_history_manager_attribute") else None
    if history is None:
        return ""
    rows = history.filter(**{model._meta.pk.attname: pk}).order_by("-history_date", "-history_id")
    latest = rows.first()
    if latest is None:
        return ""
    opened = next((row for row in rows[:50] if record_version(row) == since), None)
    when = timezone.localtime(latest.history_date).strftime("%H:%M:%S ngày %d/%m/%Y")
    who = latest.history_user.get_username() if latest.history_user_id else "người khác"
    parts = []
    hidden = 0
    if opened is not None:
        for change in latest.diff_against(opened).changes:
            if change.field not in visible_fields:
                hidden += 1
                continue
            try:
                label = model._meta.get_field(change.field).verbose_name
            except FieldDoesNotExist:
                label = change.field
            parts.append(f"{label}: «{_shown(change.old)}» → «{_shown(change.new)}»")
    text = f"{who} đã lưu lúc {when}"
    if parts:
        text += ". Đã thay đổi: " + "; ".join(parts)
    if hidden:
        text += f" (và {hidden} trường bạn không xem được)"
    return text + "."


class OptimisticLockAdminMixin:
    """For CouncilOwnedAdmin: refuses a change form saved over a newer version of the record."""

    change_form_template = "admin/core/change_form_versioned.html"

    def _version_field_exists(self):
        try:
            self.model._meta.get_field("updated_at")
        except FieldDoesNotExist:
            return False
        return True

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or not self._version_field_exists():
            return form
        model_admin = self

        class VersionCheckedForm(form):
            def clean(self):
                cleaned = super().clean()
                model_admin.check_record_version(request, self)
                return cleaned

        VersionCheckedForm.__name__ = form.__name__
        return VersionCheckedForm

    def check_record_version(self, request, form):
        """Raise ValidationError when the record moved on since the version posted with the form."""
        posted = request.POST.get(VERSION_FIELD)
        instance = form.instance
        if posted is None or instance.pk is None:
            return  # a form posted without the version (a script) is checked by nothing else; see tests
        # Locks the row until the admin's transaction ends, so a concurrent save waits for this one.
        current = (self.model._default_manager.select_for_update().filter(pk=instance.pk)
                   .values_list("updated_at", flat=True).first())
        current_version = current.isoformat() if current is not None else ""
        if current_version == posted:
            return
        request._record_version = current_version  # the form comes back carrying the version it was refused on
        account = describe_changes(self.model, instance.pk, posted, set(form.fields))
        raise ValidationError(
            "Hồ sơ này đã được người khác sửa sau khi bạn mở nó, nên thay đổi của bạn chưa được lưu (để "
            f"không ghi đè lên thay đổi của họ). {account} Hãy xem lại các ô bên dưới (vẫn là nội dung bạn "
            "vừa nhập); bấm Lưu lần nữa nếu vẫn muốn ghi nội dung của bạn đè lên, hoặc tải lại trang để "
            "mở bản mới nhất.",
            code="stale_record",
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and self._version_field_exists():
            version = getattr(request, "_record_version", None)
            if version is None:
                # Re-shown after another error: keep the version the clerk opened, not the current one.
                version = request.POST.get(VERSION_FIELD) if request.method == "POST" else None
            context["record_version_input"] = format_html(
                '<input type="hidden" name="{}" value="{}">', VERSION_FIELD, version or record_version(obj))
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)
