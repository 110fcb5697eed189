"""Bulk work on a register's selected records (admin actions), for every CouncilOwnedAdmin.

Offered where the register has the field and the clerk may change records:
- change the status (``status`` with choices, editable in the form): one action per status;
- assign an agency (the foreign key to core.Agency: ``agency``, ``forwarded_agency``, ``addressee``),
  chosen on a confirmation page;
- mark answered on a date (``answered_date`` or ``reply_received_date``), the date typed in the
  action bar (empty: today), unless the register already has its own "mark" action.

Each record is checked (model rules: lifetimes, dates) and saved one by one, so each gets its own
history entry with the user and a reason; a record the rules refuse is left as it was and counted.
"""
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

AGENCY_FIELDS = ("agency", "forwarded_agency", "addressee")
ANSWER_FIELDS = ("answered_date", "reply_received_date")


def model_field(model, names, check=lambda f: True):
    for name in names:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if check(field):
            return field
    return None


def save_each(request, objects, change, reason):
    """Apply ``change(obj)`` (returns False to leave obj alone) and save each obj under the model's rules.
    Returns (changed, unchanged, refused, first_error)."""
    changed = unchanged = refused = 0
    first_error = ""
    for obj in objects:
        if change(obj) is False:
            unchanged += 1
            continue
        if hasattr(obj, "updated_by_id"):
            obj.updated_by = request.user
        obj._change_reason = reason
        try:
            with transaction.atomic():
                obj.full_clean(validate_unique=False)
                obj.save()
        except ValidationError as error:
            refused += 1
            first_error = first_error or f"{obj}: {'; '.join(error.messages)}"
            continue
        changed += 1
    return changed, unchanged, refused, first_error


def report(model_admin, request, text, unchanged, refused, first_error):
    if unchanged:
        text += " " + _("%(n)d hồ sơ đã như vậy, để nguyên.") % {"n": unchanged}
    if refused:
        text += " " + _("%(n)d hồ sơ không đổi được vì vi phạm quy tắc (ví dụ %(error)s).") % {
            "n": refused, "error": first_error}
    model_admin.message_user(request, text, messages.WARNING if refused else messages.SUCCESS)


def status_action(field, value, label):
    def action(model_admin, request, queryset):
        def change(obj):
            if getattr(obj, field.name) == value:
                return False
            setattr(obj, field.name, value)

        reason = _("Thao tác hàng loạt: đổi %(field)s thành «%(label)s»") % {"field": field.verbose_name, "label": label}
        changed, unchanged, refused, error = save_each(request, queryset, change, reason)
        text = _("Đã đổi %(field)s của %(n)d hồ sơ thành «%(label)s».") % {
            "field": field.verbose_name, "n": changed, "label": label}
        report(model_admin, request, text, unchanged, refused, error)

    action.allowed_permissions = ("change",)
    return action


def agency_action(field):
    def action(model_admin, request, queryset):
        from .admin_base import scoped_queryset

        agencies = scoped_queryset(field.related_model, request.user)
        if hasattr(field.related_model, "active"):
            agencies = agencies.filter(active=True)
        chosen = None
        if request.POST.get("apply"):
            chosen = agencies.filter(pk=request.POST.get("agency") or None).first() if (
                request.POST.get("agency") or "").isdigit() else None
            if chosen is not None:
                def change(obj):
                    if getattr(obj, field.attname) == chosen.pk:
                        return False
                    setattr(obj, field.name, chosen)

                reason = _("Thao tác hàng loạt: giao %(field)s «%(agency)s»") % {
                    "field": field.verbose_name, "agency": chosen}
                changed, unchanged, refused, error = save_each(request, queryset, change, reason)
                text = _("Đã giao %(n)d hồ sơ cho «%(agency)s».") % {"n": changed, "agency": chosen}
                report(model_admin, request, text, unchanged, refused, error)
                return None
            model_admin.message_user(request, _("Hãy chọn một cơ quan trong danh sách."), messages.ERROR)
        opts = model_admin.model._meta
        context = {
            **model_admin.admin_site.each_context(request),
            "title": _("Giao %(field)s cho các hồ sơ đã chọn") % {"field": field.verbose_name},
            "opts": opts, "objects": list(queryset[:200]), "count": queryset.count(),
            "agencies": agencies.order_by("name"), "field": field,
            "selected": request.POST.getlist("_selected_action"), "select_across": request.POST.get("select_across"),
            "action": request.POST.get("action"), "index": request.POST.get("index", 0),
        }
        return TemplateResponse(request, "admin/core/bulk_agency.html", context)

    action.allowed_permissions = ("change",)
    return action


def answered_action(field):
    def action(model_admin, request, queryset):
        from .admin_base import mark_on_chosen_date

        def mark(obj, day):
            setattr(obj, field.name, day)
            obj._change_reason = _("Thao tác hàng loạt: ghi %(field)s") % {"field": field.verbose_name}

        mark_on_chosen_date(
            model_admin, request, queryset,
            pending=lambda qs, day: qs.filter(**{f"{field.name}__isnull": True}),
            mark=mark,
            done_message=lambda n, day: _("Đã ghi %(field)s %(day)s cho %(n)d hồ sơ.") % {
                "field": field.verbose_name, "day": f"{day:%d/%m/%Y}", "n": n},
            skipped_message=_("%(n)d hồ sơ đã có ngày, để nguyên."),
        )

    action.allowed_permissions = ("change",)
    return action


class BulkWorkMixin:
    """Adds the bulk actions above to a register's changelist."""

    @property
    def action_form(self):
        """The action bar with a date field, for "mark answered on …" (empty: today)."""
        from .admin_base import DoneDateActionForm

        return DoneDateActionForm

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.has_change_permission(request):
            return actions
        readonly = set(self.get_readonly_fields(request))
        status = model_field(self.model, ["status"], lambda f: f.choices and f.editable and f.name not in readonly)
        if status is not None:
            for value, label in status.choices:
                name = f"bulk_status_{value}"
                description = gettext_lazy("Đổi %(field)s thành «%(label)s»") % {"field": status.verbose_name,
                                                                                   "label": label}
                actions[name] = (status_action(status, value, label), name, description)
        agency = model_field(self.model, AGENCY_FIELDS, lambda f: isinstance(f, models.ForeignKey)
                             and f.related_model._meta.label == "core.Agency" and f.name not in readonly)
        if agency is not None:
            actions["bulk_assign_agency"] = (agency_action(agency), "bulk_assign_agency",
                                             _("Giao %(field)s cho các hồ sơ đã chọn…") % {"field": agency.verbose_name})
        answered = model_field(self.model, ANSWER_FIELDS, lambda f: f.name not in readonly)
        if answered is not None and not any(name.startswith("mark_") for name in actions):
            actions["bulk_mark_answered"] = (
                answered_action(answered), "bulk_mark_answered",
                _("Ghi %(field)s (ngày ở ô «Ngày»; để trống: hôm nay)") % {
                    "field": answered.verbose_name})
        return actions
