"""What falls due in the oversight registers (see apps.core.reminders)."""
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.reminders import DueSource

from .choices import RecommendationStatus
from .models import Recommendation

SOURCES = [
    DueSource(Recommendation, "due_date", Q(status__in=[RecommendationStatus.DONE, RecommendationStatus.NOT_DONE]),
              _("Kiến nghị sau giám sát chờ thực hiện"), select_related=("addressee",)),
]
