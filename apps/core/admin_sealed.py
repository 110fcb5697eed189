"""URL lookups that read sealed personal data, or run a regular expression, are refused.

A changelist (and the export page, autocomplete and every view built on the changelist) turns
any query parameter into a filter: ``?sender_name__startswith=Ng`` answers "is there such a
row" even where the column shows ``***``, and a few thousand such questions spell out a name.
So, for every admin built on the base class:

- a lookup that passes through a model's ``IDENTITY_FIELDS`` (a denouncer's name, address, ID
  number; also through a relation, such as a visit's ``letters__sender_name``) is refused unless
  the user holds that model's ``IDENTITY_PERMISSION`` — whatever the record's seal, since the
  lookup itself would tell sealed rows from the others;
- a regular-expression lookup (``regex``, ``iregex``) is refused on every field: nothing in the
  admin offers one, and the database runs whatever pattern it is given (``(`` is an error,
  ``a{99999}`` a denial of service).

Refused means Django's DisallowedModelAdminLookup, logged as Django logs it (the
``django.security.DisallowedModelAdminLookup`` logger, with the request), and answered "400 Bad
Request" with an admin page saying in Vietnamese why, and a link back to the unfiltered list.
Models opt in by their attributes, so core needs no knowledge of the apps that seal data.
"""
import logging

from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.core.exceptions import FieldDoesNotExist
from django.db.models.constants import LOOKUP_SEP
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.log import log_response
from django.utils.translation import gettext as _

REGEX_LOOKUPS = frozenset({"regex", "iregex"})


def reads_sealed_field(model, lookup, user):
    """Whether ``lookup`` (a query parameter of a changelist of ``model``) reads an identity field
    the user may not read."""
    for part in lookup.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        sealed = getattr(model, "IDENTITY_FIELDS", ())
        if part in sealed and not user.has_perm(getattr(model, "IDENTITY_PERMISSION", "")):
            return True
        if not field.is_relation or field.related_model is None:
            return False
        model = field.related_model
    return False


class SealedLookupMixin:
    """Refuses URL lookups on sealed identity fields and regular-expression lookups (see above)."""

    def lookup_allowed(self, lookup, value, request=None):
        if REGEX_LOOKUPS.intersection(lookup.split(LOOKUP_SEP)):
            if request is not None:
                request._refused_lookup = "regex"
            return False
        if request is not None and reads_sealed_field(self.model, lookup, request.user):
            request._refused_lookup = "sealed"
            return False
        return super().lookup_allowed(lookup, value, request)

    def changelist_view(self, request, extra_context=None):
        try:
            return super().changelist_view(request, extra_context)
        except DisallowedModelAdminLookup as refusal:
            return self.lookup_refused(request, refusal)

    def export_action(self, request):
        try:
            return super().export_action(request)
        except DisallowedModelAdminLookup as refusal:
            return self.lookup_refused(request, refusal)

    def lookup_refused(self, request, refusal):
        """The refusal as an admin page (400), logged as Django logs a refused lookup."""
        opts = self.model._meta
        try:
            back = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist", current_app=self.admin_site.name)
        except NoReverseMatch:
            back = reverse("admin:index", current_app=self.admin_site.name)
        if getattr(request, "_refused_lookup", "") == "regex":
            reason = _("Không được lọc danh sách bằng biểu thức chính quy (regex): trang quản trị không dùng cách "
                       "lọc này.")
        else:
            reason = _("Không được lọc hay tìm danh sách theo thông tin nhân thân được bảo mật (họ tên, địa chỉ, "
                       "số định danh của người tố cáo) qua địa chỉ trang: bạn không có quyền xem các thông tin "
                       "này. Lần lọc này đã được ghi lại.")
        response = TemplateResponse(request, "admin/core/lookup_refused.html", {
            **self.admin_site.each_context(request),
            "title": _("Không lọc được danh sách"), "opts": opts, "reason": reason, "back": back,
        }, status=400)
        response.render()
        log_response(str(refusal), exception=refusal, request=request, response=response, level="error",
                     logger=logging.getLogger(f"django.security.{refusal.__class__.__name__}"))
        return response
