import datetime

from django.contrib import admin
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from apps.core.admin_base import CouncilOwnedAdmin, ScopedInline
from apps.core.scoping import may_read_reports, report_wards

from .models import ConsistencyRule, ImportAttempt, Indicator, WardReport, WardReportValue


class WardReportValueInline(ScopedInline):
    model = WardReportValue
    fields = ("indicator_code", "value")
    readonly_fields = ("indicator_code", "value")
    show_change_link = False
    can_delete = False
    ordering = ("indicator_code",)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WardReport)
class WardReportAdmin(CouncilOwnedAdmin):
    # Reports come in through the upload page, not django-import-export: our object tools instead of its buttons.
    change_list_template = "reports/upload_changelist.html"
    import_export_change_list_template = None
    list_display = ("council", "period", "status", "file_link", "uploaded_by", "uploaded_at_display")
    list_select_related = ("council", "council__admin_unit", "period", "uploaded_by")
    list_filter = ("period", "status")
    search_fields = ("council__name", "council__admin_unit__code", "original_filename")
    date_hierarchy = "uploaded_at"
    readonly_fields = ("council", "period", "file_link", "original_filename", "sha256", "uploaded_by",
                       "uploaded_at", "status", "replaced_by_link", "petition_count", "letter_count")
    fields = readonly_fields
    inlines = [WardReportValueInline]

    # Reports come in through the upload page or the command only: every field is read-only, "add"
    # opens the upload page, and a report is never deleted (it is replaced, and both are kept).
    def add_view(self, request, form_url="", extra_context=None):
        from .views.upload import upload_view

        return upload_view(request, self.admin_site)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_import_permission(self, request):
        return False

    @admin.display(description=_("tệp báo cáo"))
    def file_link(self, obj):
        url = reverse("admin:reports_wardreport_file", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.original_filename)

    @admin.display(description=_("tải lên lúc"), ordering="uploaded_at")
    def uploaded_at_display(self, obj):
        from django.utils import timezone

        return f"{timezone.localtime(obj.uploaded_at):%d/%m/%Y %H:%M}"

    @admin.display(description=_("được thay thế bởi"))
    def replaced_by_link(self, obj):
        from apps.core.admin_base import admin_link

        return admin_link(obj.replaced_by)

    @admin.display(description=_("số kiến nghị cử tri đã nhập"))
    def petition_count(self, obj):
        return len(obj.petition_ids or [])

    @admin.display(description=_("số đơn thư đã nhập"))
    def letter_count(self, obj):
        return len(obj.letter_ids or [])


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "unit", "parent_code", "order", "effective_from", "effective_to")
    list_filter = ("effective_from", "effective_to")
    search_fields = ("code", "name")
    ordering = ("order", "code", "effective_from")
    list_per_page = 100


@admin.register(ConsistencyRule)
class ConsistencyRuleAdmin(SimpleHistoryAdmin):
    list_display = ("code", "expression", "effective_from", "effective_to", "note")
    search_fields = ("code", "note")

    @admin.display(description=_("quy tắc"))
    def expression(self, obj):
        return obj.expression


@admin.register(ImportAttempt)
class ImportAttemptAdmin(admin.ModelAdmin):
    """The log of uploads: read-only. A user sees the attempts they made and those for their wards by the
    reports' one rule (apps.core.scoping.report_wards, over every period): a province sees its communes,
    a city its wards, a ward clerk their own ward; a superuser sees every attempt."""

    list_display = ("at", "filename", "council", "period", "outcome", "user", "source")
    list_select_related = ("council", "period", "user")
    list_filter = ("outcome", "source", "period")
    search_fields = ("filename", "sha256")
    date_hierarchy = "at"
    show_full_result_count = False
    readonly_fields = ("at", "filename", "sha256", "user", "council", "period", "report", "source", "outcome",
                       "messages")
    fields = readonly_fields

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        user = request.user
        if user.is_superuser and user.is_active:
            return qs
        if not may_read_reports(user):
            return qs.none()
        wards = report_wards(user, datetime.date.min, datetime.date.max)
        return qs.filter(Q(council__in=wards) | Q(user=user))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
