"""URLs of the reports pages in the admin (``urlpatterns(site)``) and their links in the app list.

Found by ``council.admin_site`` through ``apps.core.registry`` (``<app>.admin_urls``).
"""
from functools import partial

from django.urls import path, reverse
from django.utils.translation import gettext as _

from apps.core.scoping import may_read_reports

from .views import summary, upload, wards


def urlpatterns(site):
    return [
        path("reports/wardreport/upload/", site.admin_view(partial(upload.upload_view, site=site)),
             name="reports_wardreport_upload"),
        path("reports/wardreport/upload/confirm/", site.admin_view(partial(upload.confirm_view, site=site)),
             name="reports_wardreport_upload_confirm"),
        path("reports/wardreport/status/", site.admin_view(partial(wards.status_view, site=site)),
             name="reports_wardreport_status"),
        path("reports/wardreport/template/", site.admin_view(wards.template_view),
             name="reports_wardreport_template"),
        path("reports/wardreport/<int:pk>/file/", site.admin_view(wards.file_view), name="reports_wardreport_file"),
        path("reports/summary/", site.admin_view(partial(summary.summary_page, site=site)), name="reports_summary"),
        path("reports/summary/xlsx/", site.admin_view(partial(summary.summary_file, fmt="xlsx")),
             name="reports_summary_xlsx"),
        path("reports/summary/docx/", site.admin_view(partial(summary.summary_file, fmt="docx")),
             name="reports_summary_docx"),
    ]


def app_list_links(request):
    """The report pages, listed first under «Báo cáo» in the app list and on the dashboard."""
    links = []
    if may_read_reports(request.user):
        links.append(("reports", _("Báo cáo 6 tháng (tổng hợp, xuất Excel / Word)"), reverse("admin:reports_summary")))
    if request.user.has_perm("reports.view_wardreport"):
        links.append(("reports", _("Tình trạng báo cáo của xã, phường"), reverse("admin:reports_wardreport_status")))
    if request.user.has_perm("reports.add_wardreport"):
        links.append(("reports", _("Tải lên báo cáo của xã, phường (nhiều tệp)"), reverse("admin:reports_wardreport_upload")))
    return list(reversed(links))
