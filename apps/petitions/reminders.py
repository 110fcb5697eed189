"""What falls due in the petitions register (see apps.core.reminders)."""
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.reminders import DueSource

from .models import Petition

SOURCES = [
    DueSource(Petition, "answer_due", Q(answered_date__isnull=False), _("Kiến nghị cử tri chờ trả lời"),
              open_q=Q(merged_into__isnull=True)),
]
