from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class CouncilAdminSite(admin.AdminSite):
    site_header = _("Quản lý hồ sơ HĐND")
    site_title = _("Quản lý hồ sơ HĐND")
    index_title = _("Bảng điều khiển")
    index_template = "admin/dashboard.html"
    site_url = None  # there is no public site: hide "Xem trang web"
    enable_nav_sidebar = False  # registers are wide tables; the app list is on the dashboard
    # The order a secretariat works in: the four registers, ward reports, then reference data.
    app_order = ["sittings", "oversight", "petitions", "reception", "reports", "core", "auth", "axes"]

    def get_app_list(self, request, app_label=None):
        # Pages that are not a model's changelist (the summary, the ward upload) are listed with
        # their app: apps.<app>.admin_urls.app_list_links(request) -> [(app_label, name, url)].
        from apps.core.registry import app_modules

        apps = super().get_app_list(request, app_label)
        by_label = {app["app_label"]: app for app in apps}
        for module in app_modules("admin_urls"):
            for label, name, url in getattr(module, "app_list_links", lambda r: [])(request):
                if label in by_label and (app_label is None or app_label == label):
                    by_label[label]["models"].insert(0, {
                        "name": name, "object_name": name, "admin_url": url, "view_only": True, "perms": {"view": True},
                    })
        rank = {label: i for i, label in enumerate(self.app_order)}
        return sorted(apps, key=lambda app: (rank.get(app["app_label"], len(rank)), app["name"]))

    def index(self, request, extra_context=None):
        from apps.core.dashboard import dashboard_context

        extra_context = {**(extra_context or {}), **dashboard_context(request)}
        return super().index(request, extra_context)

    def autocomplete_view(self, request):
        from apps.core.admin_choices import CouncilAutocompleteJsonView

        return CouncilAutocompleteJsonView.as_view(admin_site=self)(request)

    def get_urls(self):
        # Apps add their own admin pages through apps.<app>.admin_urls.urlpatterns(site),
        # each view wrapped in site.admin_view (login, staff, CSRF).
        from apps.core.registry import app_modules

        extra = []
        for module in app_modules("admin_urls"):
            extra.extend(module.urlpatterns(self))
        return extra + super().get_urls()
