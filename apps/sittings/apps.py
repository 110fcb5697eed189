from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SittingsConfig(AppConfig):
    name = "apps.sittings"
    label = "sittings"
    verbose_name = _("Kỳ họp")
