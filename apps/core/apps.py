from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    verbose_name = _("Danh mục chung")

    def ready(self):
        # Kinds of background job offered by core, known at start-up in every process.
        from . import export_jobs  # noqa: F401

        # A session is written again at most once a minute (council.middleware.IdleSessionMiddleware),
        # counted from the sign-in.
        from django.contrib.auth.signals import user_logged_in

        from council.middleware import IdleSessionMiddleware

        user_logged_in.connect(IdleSessionMiddleware.signed_in, dispatch_uid="idle-session-signed-in")
