"""The reception admins' identity masking: one mixin for the sổ tiếp công dân and the sổ xử lý đơn."""
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.admin_base import CouncilOwnedAdmin, ScopedFormFieldsMixin, admin_link
from apps.core.admin_history import WordsHistoryHelper
from apps.core.admin_sealed import SealedLookupMixin
from apps.core.scoping import visible_council_ids
from apps.core.text import SEALED_SEARCH_COLUMN

from . import confidential
from .models import IdentityGrant


class MaskingHistoryHelper(WordsHistoryHelper):
    """History deltas with identity fields masked (every version, whatever its content type)."""

    def __init__(self, model, record, hidden_fields, **kwargs):
        super().__init__(model, record, **kwargs)
        self.hidden_fields = hidden_fields

    def format_delta_change(self, change):
        formatted = super().format_delta_change(change)
        if change.field in self.hidden_fields:
            import dataclasses

            return dataclasses.replace(formatted, old=confidential.MASK, new=confidential.MASK)
        return formatted


class IdentityMaskingAdmin(CouncilOwnedAdmin):
    """Masks a denouncer's identity for users who may not see it (apps.reception.confidential).

    The real value never reaches the HTML: on a sealed record the identity fields leave the
    form and are replaced by read-only masked values, and the fields that decide the seal are
    locked; the changelist shows masked columns; the search does not look inside sealed
    identities; history deltas are masked and a version that would unseal the record cannot be
    restored; exports are masked by the resource. Unmasked views are logged.
    """

    seal_fields = ()  # the fields whose change could lift the seal (locked while the identity is hidden)

    def hide_identity(self, request, obj):
        if obj is None or confidential.can_view_identity(request.user, obj):
            return False
        # In the history form view, a version recorded before the record was sealed is masked too:
        # the live record decides (see history_form_view).
        return confidential.is_sealed(obj) or getattr(request, "_mask_identity", False)

    # -- change / history form views ---------------------------------------------
    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.hide_identity(request, obj):
            return fieldsets
        swapped = []
        for name, options in fieldsets:
            fields = [f"{f}_masked" if f in self.model.IDENTITY_FIELDS else f for f in options["fields"]]
            swapped.append((name, {**options, "fields": fields}))
        return swapped

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if self.hide_identity(request, obj):
            readonly += [f"{f}_masked" for f in self.model.IDENTITY_FIELDS] + list(self.seal_fields)
        return readonly

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        if self.hide_identity(request, obj):
            exclude += list(self.model.IDENTITY_FIELDS)  # the real values never enter the form
        return exclude

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = getattr(response, "context_data", {}).get("original") if hasattr(response, "context_data") else None
        if obj is not None and confidential.is_sealed(obj) and confidential.can_view_identity(request.user, obj):
            confidential.log_access(request.user, confidential.VIEWED, obj, request=request)
        return response

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        cl = getattr(response, "context_data", None) and response.context_data.get("cl")
        if cl is not None:
            can_view = confidential.viewer(request.user, self.model)
            shown = [obj for obj in cl.result_list if confidential.is_sealed(obj) and can_view(obj)]
            if shown:
                confidential.log_access(request.user, confidential.VIEWED, shown, request=request)
        return response

    def history_view(self, request, object_id, extra_context=None):
        self.check_history_scope(request, object_id)
        live = self.model._default_manager.filter(pk=object_id).first()
        request._identity_visible = bool(live) and confidential.can_view_identity(request.user, live)
        response = super().history_view(request, object_id, extra_context)
        if live is not None and request._identity_visible and confidential.is_sealed(live):
            confidential.log_access(request.user, confidential.VIEWED, live, request=request)
        return response

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Scoped by the base class; here: a version is masked when the live record is sealed for the
        # user, and such a record cannot be restored to a version that is not sealed (that would
        # show its identity to the very user it is hidden from).
        self.check_history_scope(request, object_id, version_id)
        live = self.model._default_manager.filter(pk=object_id).first()
        hidden = bool(live) and confidential.is_sealed(live) and not confidential.can_view_identity(request.user, live)
        request._mask_identity = hidden
        history = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        version = history.filter(history_id=version_id).first()
        version = version.instance if version is not None else None
        if request.method == "POST" and hidden and version is not None and not confidential.is_sealed(version):
            from django.contrib import messages
            from django.shortcuts import redirect

            self.message_user(request, _(
                "Không khôi phục được phiên bản này: hồ sơ đang được bảo mật danh tính người tố cáo, phiên bản cũ "
                "thì không. Đề nghị người có quyền xem danh tính người tố cáo thực hiện."), messages.ERROR)
            return redirect("admin:%s_%s_history" % (self.model._meta.app_label, self.model._meta.model_name),
                            object_id)
        response = super().history_form_view(request, object_id, version_id, extra_context)
        sealed = (live is not None and confidential.is_sealed(live)) or (version and confidential.is_sealed(version))
        if sealed and live is not None and confidential.can_view_identity(request.user, live):
            confidential.log_access(request.user, confidential.VIEWED, live, request=request)
        return response

    def get_historical_record_context_helper(self, request, historical_record):
        visible = getattr(request, "_identity_visible", None)
        if visible is None:
            visible = confidential.may_see_all(request.user)
        return MaskingHistoryHelper(self.model, historical_record, () if visible else self.model.IDENTITY_FIELDS)

    # -- search: sealed identities are folded apart and searched only with the permission -----
    def get_search_columns(self, request):
        columns = super().get_search_columns(request)
        if confidential.may_see_all(request.user):
            columns = [*columns, SEALED_SEARCH_COLUMN]
        return columns

    def get_export_resource_kwargs(self, request, **kwargs):
        kwargs = super().get_export_resource_kwargs(request, **kwargs)
        kwargs["request"] = request  # the export is logged with the client's address
        return kwargs

    # -- changelist columns -------------------------------------------------------
    def identity_column(self, request, field, label):
        can_view = confidential.viewer(request.user, self.model)

        def column(obj):
            return confidential.shown(obj, field, can_view)

        column.short_description = label
        column.__name__ = f"{field}_column"
        return column


def masked_display(field, description):
    @admin.display(description=description)
    def method(self, obj):
        return confidential.mask(getattr(obj, field))

    return method


@admin.register(IdentityGrant)
class IdentityGrantAdmin(SealedLookupMixin, ScopedFormFieldsMixin, admin.ModelAdmin):
    """Per-record grants: the person handling a denunciation may see that record's identity.

    Only users who may see every identity (the permission) read them; of those, only users who may
    change the reception registers (the secretariat, not read-only leaders) grant or withdraw them,
    and only on records of their councils, to users of those councils.
    """

    list_display = ["user", "record_link", "reason", "granted_by", "granted_at"]
    list_select_related = ["user", "letter", "visit", "granted_by"]
    autocomplete_fields = ["letter", "visit"]
    fields = ["user", "letter", "visit", "reason"]
    search_fields = ["user__username", "reason"]
    list_per_page = 50
    show_full_result_count = False

    def _manages(self, request, action):
        opts = self.model._meta
        return confidential.may_see_all(request.user) and request.user.has_perm(
            f"{opts.app_label}.{action}_{opts.model_name}")

    def has_module_permission(self, request):
        return self._manages(request, "view")

    def has_view_permission(self, request, obj=None):
        return self._manages(request, "view")

    def has_add_permission(self, request):
        return self._manages(request, "add")

    def has_change_permission(self, request, obj=None):
        return self._manages(request, "change")

    def has_delete_permission(self, request, obj=None):
        return self._manages(request, "delete")

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        ids = visible_council_ids(request.user)
        if ids is None:
            return qs
        return qs.filter(Q(letter__council_id__in=ids) | Q(visit__council_id__in=ids))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            users = get_user_model().objects.filter(is_active=True, is_staff=True)
            ids = visible_council_ids(request.user)
            if ids is not None:
                users = users.filter(council_profile__council_id__in=ids)
            kwargs["queryset"] = users.order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        obj.granted_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("hồ sơ"))
    def record_link(self, obj):
        return admin_link(obj.record)
