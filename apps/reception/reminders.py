"""What falls due in the reception registers (see apps.core.reminders); the same tests as the due filters."""
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.reminders import DueSource

from .models import Letter, Visit

SOURCES = [
    DueSource(Letter, "processing_due", ~Q(handling=""), _("Đơn thư chờ xử lý")),
    DueSource(Letter, "forward_due", Q(forwarded_date__isnull=False), _("Đơn tố cáo chờ chuyển")),
    DueSource(Letter, "reply_due", Q(reply_received_date__isnull=False), _("Đơn thư chờ cơ quan thông báo kết quả"),
              select_related=("forwarded_agency",)),
    DueSource(Visit, "answer_due", ~Q(handling=""), _("Lượt tiếp công dân chờ trả lời")),
]
