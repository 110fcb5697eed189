"""KH01–KH07 (docs/WORKBOOK.md) for one council and one reporting period, counted in SQL.

Dates that place a record in the period (both ends inclusive):
- KH01–KH04: the sitting's opening date (start_date), by sitting type;
- KH05: the resolution's adoption date;
- KH06: questions asked at a sitting (lượt chất vấn), by asked date; questions put at a
  standing-committee meeting are not counted here;
- KH07: standing-committee meetings of every kind, giao ban with the ward councils included.

Four queries, whatever the volume.
"""
from django.db.models import Count, Q

from .choices import SittingType
from .models import Question, Resolution, Sitting, StandingMeeting

CODES = ("KH01", "KH02", "KH03", "KH04", "KH05", "KH06", "KH07")


def count_indicators(council, period):
    start, end = period.start_date, period.end_date
    sittings = Sitting.objects.filter(council=council, start_date__range=(start, end)).aggregate(
        KH01=Count("pk"),
        KH02=Count("pk", filter=Q(sitting_type=SittingType.REGULAR)),
        KH03=Count("pk", filter=Q(sitting_type=SittingType.THEMATIC)),
        KH04=Count("pk", filter=Q(sitting_type=SittingType.URGENT)),
    )
    result = dict(sittings)
    result["KH05"] = Resolution.objects.filter(council=council, adopted_date__range=(start, end)).count()
    result["KH06"] = Question.objects.filter(
        council=council, sitting__isnull=False, asked_date__range=(start, end)).count()
    result["KH07"] = StandingMeeting.objects.filter(council=council, date__range=(start, end)).count()
    return {code: result[code] for code in CODES}
