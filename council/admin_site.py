from django.contrib import admin
from django.contrib.admin.actions import delete_selected
from django.utils.translation import gettext_lazy as _


@admin.action(permissions=["delete"], description=_("Xóa các %(verbose_name)s đã chọn"))
def delete_selected_records(modeladmin, request, queryset):
    # Django names the action by the plural, which here is often the register's name («Sổ xử lý đơn»):
    # a clerk deletes letters, not registers. Vietnamese nouns take no plural, so the singular reads right.
    return delete_selected(modeladmin, request, queryset)


class CouncilAdminSite(admin.AdminSite):
    site_header = _("Quản lý hồ sơ HĐND")
    site_title = _("Quản lý hồ sơ HĐND")
    index_title = _("Bảng điều khiển")
    index_template = "admin/dashboard.html"
    site_url = None  # there is no public site: hide "Xem trang web"
    empty_value_display = "—"  # one mark for "nothing entered", as in the history and the exports
    enable_nav_sidebar = False  # registers are wide tables; the app list is on the dashboard
    # The order a secretariat works in: the four registers, ward reports, then reference data.
    app_order = ["sittings", "oversight", "petitions", "reception", "reports", "core", "auth", "axes"]

    def __init__(self, name="admin"):
        super().__init__(name)
        self._actions = {"delete_selected": delete_selected_records}
        self._global_actions = self._actions.copy()

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
