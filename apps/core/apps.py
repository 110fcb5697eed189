from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    verbose_name = _("Danh mục chung")

    def ready(self):
        # Kinds of background job offered by core, known at start-up in every process.
        from . import export_jobs  # noqa: F401
