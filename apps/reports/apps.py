from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "apps.reports"
    label = "reports"
    verbose_name = _("Báo cáo")

    def ready(self):
        # The kinds of background job this app offers are known at start-up, in every process.
        from . import jobs  # noqa: F401
