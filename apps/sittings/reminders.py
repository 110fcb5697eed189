"""What falls due in the sittings registers (see apps.core.reminders)."""
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.reminders import DueSource

from .choices import CommitmentStatus
from .models import Commitment, Question

SOURCES = [
    DueSource(Question, "answer_due", Q(answered_date__isnull=False), _("Chất vấn chờ trả lời bằng văn bản"),
              select_related=("delegate",)),
    DueSource(Commitment, "due_date", Q(status__in=[CommitmentStatus.DONE, CommitmentStatus.NOT_DONE]),
              _("Lời hứa sau chất vấn chờ thực hiện")),
]
