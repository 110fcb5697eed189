from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .admin_sealed import SealedLookupMixin
from .admin_carryover import CarryOverActionMixin
from .admin_base import CouncilOwnedAdmin, ScopedFormFieldsMixin, ScopedInline, VietnameseSearchMixin
from .admin_councils import CouncilAutocompleteMixin
from .admin_history import HistoryInWordsMixin
from .models import (
    AdminUnit, Agency, Body, Council, DeadlineRule, Delegate, Field, Holiday, Membership,
    ReportingPeriod, StaffProfile, Term,
)
from .resources import BodyResource, DelegateResource


class ReferenceAdmin(SealedLookupMixin,
                     CouncilAutocompleteMixin, VietnameseSearchMixin, ScopedFormFieldsMixin, admin.ModelAdmin):
    """Shared reference data: everyone with view permission reads it, administrators edit it."""

    list_per_page = 50
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER


class SuccessorInline(admin.TabularInline):
    model = AdminUnit.successors.through
    fk_name = "from_adminunit"
    extra = 0
    verbose_name = _("đơn vị kế thừa")
    verbose_name_plural = _("đơn vị kế thừa")
    autocomplete_fields = ["to_adminunit"]


@admin.register(AdminUnit)
class AdminUnitAdmin(ReferenceAdmin):
    list_display = ["code", "name", "unit_type", "parent", "valid_from", "valid_to", "successor_list"]
    list_select_related = ["parent"]
    list_filter = ["unit_type", "valid_to"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]
    exclude = ["successors"]
    inlines = [SuccessorInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("successors")

    @admin.display(description=_("đơn vị kế thừa"))
    def successor_list(self, obj):
        return ", ".join(str(s) for s in obj.successors.all()) or "—"


@admin.register(Council)
class CouncilAdmin(CarryOverActionMixin, ReferenceAdmin):
    list_display = ["name", "unit_code", "level", "parent", "valid_from_display", "valid_to_display"]
    list_select_related = ["admin_unit", "parent"]
    list_filter = ["level"]
    search_fields = ["name", "admin_unit__code", "admin_unit__name"]
    autocomplete_fields = ["admin_unit", "parent"]

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    @admin.display(description=_("mã đơn vị"), ordering="admin_unit__code")
    def unit_code(self, obj):
        return obj.admin_unit.code

    @admin.display(description=_("hiệu lực từ"))
    def valid_from_display(self, obj):
        return obj.admin_unit.valid_from or "—"

    @admin.display(description=_("hiệu lực đến"))
    def valid_to_display(self, obj):
        return obj.admin_unit.valid_to or "—"


@admin.register(Term)
class TermAdmin(ReferenceAdmin):
    list_display = ["name", "council", "start_date", "end_date"]
    list_select_related = ["council"]
    search_fields = ["name", "council__name"]

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)


class MembershipInline(ScopedInline):
    model = Membership
    fields = ["body", "role", "start_date", "end_date"]


@admin.register(Body)
class BodyAdmin(CouncilOwnedAdmin):
    list_display = ["name", "kind", "council"]
    list_select_related = ["council"]
    list_filter = ["kind"]
    search_fields = ["name"]
    resource_classes = [BodyResource]  # by council code and name, never by database id


@admin.register(Delegate)
class DelegateAdmin(CouncilOwnedAdmin):
    list_display = ["full_name", "position", "council", "term", "is_full_time", "active"]
    list_select_related = ["council", "term"]
    list_filter = ["is_full_time", "active"]
    search_fields = ["full_name", "position", "constituency"]
    inlines = [MembershipInline]
    resource_classes = [DelegateResource]  # by council code, term name and full name, never by database id


@admin.register(Agency)
class AgencyAdmin(ReferenceAdmin):
    list_display = ["name", "short_name", "level", "admin_unit", "active"]
    list_select_related = ["admin_unit"]
    list_filter = ["level", "active"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["admin_unit"]


@admin.register(Field)
class FieldAdmin(ReferenceAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ReferenceAdmin):
    list_display = ["__str__", "code_display", "start_date", "end_date"]
    list_filter = ["kind", "year"]
    search_fields = ["year"]

    @admin.display(description=_("mã kỳ"))
    def code_display(self, obj):
        return obj.code


@admin.register(Holiday)
class HolidayAdmin(ReferenceAdmin):
    list_display = ["date", "weekday", "kind", "note"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["note"]

    @admin.display(description=_("thứ"))
    def weekday(self, obj):
        return ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"][obj.date.weekday()]


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(VietnameseSearchMixin, HistoryInWordsMixin, SimpleHistoryAdmin):
    list_display = ["name", "days", "day_type", "extensions", "legal_basis", "status_display",
                    "effective_from", "effective_to", "code"]
    show_facets = admin.ShowFacets.NEVER
    list_filter = ["status", "day_type", "code"]
    search_fields = ["name", "code", "legal_basis"]
    list_per_page = 50

    @admin.display(description=_("tình trạng xác minh"), ordering="status")
    def status_display(self, obj):
        css = "" if obj.verified else "rule-unverified"
        return format_html('<span class="{}">{}</span>', css, obj.get_status_display())


class StaffProfileInline(ScopedFormFieldsMixin, admin.StackedInline):
    model = StaffProfile
    can_delete = False
    extra = 0
    max_num = 1
    autocomplete_fields = ["council"]


User = get_user_model()
admin.site.unregister(User) if admin.site.is_registered(User) else None


@admin.register(User)
class CouncilUserAdmin(UserAdmin):
    inlines = [StaffProfileInline]
    list_display = ["username", "first_name", "last_name", "role", "council", "is_active", "is_superuser"]
    list_select_related = ["council_profile__council"]
    list_filter = ["is_active", "is_superuser", "council_profile__role", "groups"]

    @admin.display(description=_("vai trò"))
    def role(self, obj):
        profile = getattr(obj, "council_profile", None)
        return profile.get_role_display() if profile else "—"

    @admin.display(description=_("HĐND"))
    def council(self, obj):
        profile = getattr(obj, "council_profile", None)
        return profile.council if profile else "—"

from . import admin_audit  # noqa: E402,F401  (registers the personal-data access log)
