"""TD01–TD05 and DT01–DT08 (docs/WORKBOOK.md) for a council and a reporting period, counted in SQL.

- TD01: reception sessions held in the period. TD02: visits (lượt tiếp) in the period;
  TD03: people received (sum of the number of people of each visit); TD04: cases (vụ việc) —
  a visit about a matter already received before (``is_repeat``) is the same case and is not
  counted again; TD05: đoàn đông người (visits of 5 people or more).
- DT01–DT08: letters received in the period. DT01 = DT02 + DT03 + DT04 holds by construction:
  every letter has one content type, and a letter with several contents (nhiều nội dung) is
  counted in DT04 together with kiến nghị and phản ánh (it is neither a pure complaint nor a
  pure denunciation, and counting it once keeps the total right).
  DT05: eligible for processing; DT06: handling «chuyển đơn»; DT07: handling «hướng dẫn»;
  DT08: a written reply has been received.
"""
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from .choices import LetterContentType as T
from .choices import LetterHandling
from .models import LARGE_GROUP, Letter, ReceptionSession, Visit

CODES = ("TD01", "TD02", "TD03", "TD04", "TD05",
         "DT01", "DT02", "DT03", "DT04", "DT05", "DT06", "DT07", "DT08")


def count_indicators(council, period):
    span = (period.start_date, period.end_date)
    result = {"TD01": ReceptionSession.objects.filter(council=council, date__range=span).count()}
    result.update(Visit.objects.filter(council=council, date__range=span).aggregate(
        TD02=Count("pk"),
        TD03=Coalesce(Sum("people_count"), 0),
        TD04=Count("pk", filter=Q(is_repeat=False)),
        TD05=Count("pk", filter=Q(people_count__gte=LARGE_GROUP)),
    ))
    result.update(Letter.objects.filter(council=council, received_date__range=span).aggregate(
        DT01=Count("pk"),
        DT02=Count("pk", filter=Q(content_type=T.COMPLAINT)),
        DT03=Count("pk", filter=Q(content_type=T.DENUNCIATION)),
        DT04=Count("pk", filter=Q(content_type__in=[T.PETITION, T.FEEDBACK, T.MIXED])),
        DT05=Count("pk", filter=Q(eligible=True)),
        DT06=Count("pk", filter=Q(handling=LetterHandling.FORWARD)),
        DT07=Count("pk", filter=Q(handling=LetterHandling.GUIDE)),
        DT08=Count("pk", filter=Q(reply_received_date__isnull=False)),
    ))
    return {code: int(result[code]) for code in CODES}
