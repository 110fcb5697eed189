from django.contrib.admin.apps import AdminConfig


class CouncilAdminConfig(AdminConfig):
    default_site = "council.admin_site.CouncilAdminSite"

    def ready(self):
        super().ready()
        # A session is written again at most once a minute (council.middleware.IdleSessionMiddleware),
        # counted from the sign-in.
        from django.contrib.auth.signals import user_logged_in

        from .middleware import IdleSessionMiddleware

        user_logged_in.connect(IdleSessionMiddleware.signed_in, dispatch_uid="idle-session-signed-in")
