"""Read-only admin for the personal-data access log: administrators only (who saw whose identity must itself be kept from clerks)."""
from django.contrib import admin

from .models import SensitiveAccessLog
from .roles import GROUP_NAMES


def is_administrator(user):
    """Superusers and members of the "Quản trị hệ thống" group; nobody else, whatever else they hold."""
    if not (user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_council_is_administrator", None)
    if cached is None:
        cached = user.groups.filter(name=GROUP_NAMES["admin"]).exists()
        user._council_is_administrator = cached
    return cached


@admin.register(SensitiveAccessLog)
class SensitiveAccessLogAdmin(admin.ModelAdmin):
    list_display = ["at", "username", "action", "model", "description", "object_id", "ip_address"]
    list_filter = ["action", "model", "at"]
    search_fields = ["username", "description", "object_id", "ip_address"]
    date_hierarchy = "at"
    list_per_page = 100
    show_full_result_count = False
    readonly_fields = [f.name for f in SensitiveAccessLog._meta.fields]

    def has_module_permission(self, request):
        return is_administrator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user)

    # The log is evidence: nobody adds, edits or deletes rows through the admin.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}

