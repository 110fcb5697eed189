"""Core's own admin pages: the background jobs page (see admin_jobs.py) and the search across registers
(see global_search.py)."""
from functools import partial

from django.urls import path, reverse
from django.utils.translation import gettext as _

from . import admin_jobs, admin_reminders
from .global_search import search_view


def urlpatterns(site):
    return [
        path("jobs/", site.admin_view(partial(admin_jobs.jobs_page, site=site)), name="core_jobs"),
        path("jobs/status/", site.admin_view(admin_jobs.jobs_status), name="core_jobs_status"),
        path("jobs/start/", site.admin_view(admin_jobs.start_job), name="core_jobs_start"),
        path("jobs/<int:pk>/retry/", site.admin_view(admin_jobs.retry_job), name="core_jobs_retry"),
        path("jobs/<int:pk>/download/", site.admin_view(admin_jobs.download_job), name="core_jobs_download"),
        path("viec-sap-den-han/", site.admin_view(partial(admin_reminders.reminders_page, site=site)),
             name="core_reminders"),
        path("search/", site.admin_view(partial(search_view, site)), name="search"),
    ]


def app_list_links(request):
    return [("core", _("Công việc nền (xuất tệp lớn, báo cáo)"), reverse("admin:core_jobs")),
            ("core", _("Việc sắp đến hạn"), reverse("admin:core_reminders"))]
