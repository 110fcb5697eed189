"""What falls due in the oversight registers (see apps.core.reminders)."""
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.reminders import DueSource

from .choices import RECOMMENDATION_CLOSED
from .models import Recommendation

SOURCES = [
    DueSource(Recommendation, "due_date", Q(status__in=RECOMMENDATION_CLOSED),
              _("Kiến nghị sau giám sát chờ thực hiện"), select_related=("addressee",)),
]
