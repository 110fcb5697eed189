"""No lost updates in the admin: a record changed by someone else since you opened it is not overwritten.

Two clerks open the same petition; the first saves an answer, the second saves a note. Without a
check the second save writes the whole form back and the answer is gone without a word.

The version of a record is its ``updated_at`` (every register row carries it and every save moves it).
The change form carries the version it was opened at (a hidden input); the form's validation reads
the row again under ``SELECT … FOR UPDATE`` — inside the admin's transaction, so a concurrent save
waits for it — and refuses the save when the version moved, naming who changed what and when from
the record's history. The refused form is shown again with the clerk's own input and the current
version: saving it once more, after reading the message, is a deliberate overwrite.

Rows of an inline (a sitting's resolutions, a recommendation's follow-ups) are records of their own:
each row the page shows carries its version too (``<prefix>-_record_version``, written by the parent's
change form), and a row changed or deleted over a newer version is refused the same way.
"""
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.safestring import mark_safe
from django.utils import timezone
from django.utils.html import format_html

VERSION_FIELD = "_record_version"
MAX_VALUE_LENGTH = 80


def record_version(obj):
    """The version token of ``obj`` (its updated_at, exact to the microsecond), or "" when it has none."""
    value = getattr(obj, "updated_at", None)
    return value.isoformat() if value is not None else ""


def has_version_field(model):
    try:
        model._meta.get_field("updated_at")
    except FieldDoesNotExist:
        return False
    return True


def stale_message(model, pk, posted, visible_fields):
    """The refusal of a save over a newer version (or None when ``posted`` is still the current version).
    Locks the row until the transaction ends, so a concurrent save waits for this one."""
    current = (model._default_manager.select_for_update().filter(pk=pk)
               .values_list("updated_at", flat=True).first())
    current_version = current.isoformat() if current is not None else ""
    if current_version == posted:
        return None, current_version
    account = describe_changes(model, pk, posted, visible_fields)
    return account, current_version


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
        account, current_version = stale_message(self.model, instance.pk, posted, set(form.fields))
        if account is None:
            return
        request._record_version = current_version  # the form comes back carrying the version it was refused on
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
            context["record_version_input"] += inline_version_inputs(request, context.get("inline_admin_formsets"))
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)


INLINE_REFUSAL = (
    "Dòng này đã được người khác sửa sau khi bạn mở trang, nên thay đổi của bạn ở dòng này chưa được lưu (để "
    "không ghi đè lên thay đổi của họ). {account} Hãy xem lại dòng này (vẫn là nội dung bạn vừa nhập); bấm Lưu "
    "lần nữa nếu vẫn muốn ghi đè, hoặc tải lại trang để mở bản mới nhất.")


def inline_version_inputs(request, inline_admin_formsets):
    """Hidden inputs carrying the version of each existing row of the version-checked inlines."""
    inputs = []
    for inline_admin_formset in inline_admin_formsets or ():
        if not getattr(inline_admin_formset.opts, "version_checked", False):
            continue
        for form in inline_admin_formset.formset.initial_forms:
            if form.instance.pk is None:
                continue
            name = form.add_prefix(VERSION_FIELD)
            version = getattr(form, "_refused_version", None)
            if version is None and request.method == "POST":
                version = request.POST.get(name)  # shown again after another error: the version opened
            inputs.append(format_html('<input type="hidden" name="{}" value="{}">', name,
                                      version or record_version(form.instance)))
    return mark_safe("".join(inputs))


def _inline_refusal(form):
    """The refusal of ``form`` (an existing inline row) when the row moved on since the page was opened."""
    posted = form.data.get(form.add_prefix(VERSION_FIELD))
    if posted is None or form.instance.pk is None:
        return None
    model = type(form.instance)
    account, current_version = stale_message(model, form.instance.pk, posted, set(form.fields))
    if account is None:
        return None
    form._refused_version = current_version
    return ValidationError(INLINE_REFUSAL.format(account=account), code="stale_record")


class InlineVersionMixin:
    """For ScopedInline: each existing row changed or deleted is checked against the version it was shown at."""

    version_checked = True

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if not has_version_field(self.model):
            return formset

        class VersionCheckedForm(formset.form):
            def clean(self):
                cleaned = super().clean()
                if self.has_changed():
                    refusal = _inline_refusal(self)
                    if refusal is not None:
                        raise refusal
                return cleaned

        class VersionCheckedFormSet(formset):
            def clean(self):
                super().clean()
                # A deleted row's own errors are ignored by the formset: deleting over a newer version is
                # refused here.
                for form in self.initial_forms:
                    if not (self.can_delete and self._should_delete_form(form)):
                        continue
                    refusal = _inline_refusal(form)
                    if refusal is not None:
                        raise refusal

        VersionCheckedForm.__name__ = formset.form.__name__
        VersionCheckedFormSet.__name__ = formset.__name__
        VersionCheckedFormSet.form = VersionCheckedForm
        return VersionCheckedFormSet
