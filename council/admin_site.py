from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class CouncilAdminSite(admin.AdminSite):
    site_header = _("Quản lý hồ sơ HĐND")
    site_title = _("Quản lý hồ sơ HĐND")
    index_title = _("Bảng điều khiển")
    index_template = "admin/dashboard.html"

    def index(self, request, extra_context=None):
        from apps.core.dashboard import dashboard_context

        extra_context = {**(extra_context or {}), **dashboard_context(request)}
        return super().index(request, extra_context)

    def get_urls(self):
        # Apps add their own admin pages through apps.<app>.admin_urls.urlpatterns(site),
        # each view wrapped in site.admin_view (login, staff, CSRF).
        from apps.core.registry import app_modules

        extra = []
        for module in app_modules("admin_urls"):
            extra.extend(module.urlpatterns(self))
        return extra + super().get_urls()
