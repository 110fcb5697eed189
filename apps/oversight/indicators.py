"""GS01–GS08 (docs/WORKBOOK.md) for one council and one reporting period, counted in SQL.

The activity types map onto the codes so that GS02 + GS03 + GS04 ≤ GS01 always holds:

- GS01 "Số cuộc giám sát, khảo sát": every activity the council (its HĐND, Thường trực,
  Ban or Tổ đại biểu) conducted itself — all types except "tham gia giám sát, khảo sát của
  cấp trên";
- GS02 giám sát chuyên đề; GS03 giám sát theo nhiệm vụ trọng tâm, thường xuyên;
  GS04 khảo sát and khảo sát đột xuất. The other own types (giám sát giải quyết KNTC,
  giám sát kiến nghị cử tri, tái giám sát) count in GS01 only;
- GS06 participation in a higher level's supervision or survey, counted separately and
  never in GS01;
- GS05 explanation sessions held (held date in the period);
- GS07 recommendations issued in the period (issued date); GS08 those of them whose status
  is "hoàn thành" now ("hoàn thành một phần" is not done).

An activity belongs to the period of its start date (fieldwork_start). Three queries.
"""
from django.db.models import Count, Q

from .choices import ActivityType, RecommendationStatus
from .models import ExplanationSession, Recommendation, SupervisionActivity

CODES = ("GS01", "GS02", "GS03", "GS04", "GS05", "GS06", "GS07", "GS08")
OWN = ~Q(activity_type=ActivityType.HIGHER_LEVEL)
# The code each activity type counts in besides GS01 (GS06: instead of GS01); a type left out
# counts in GS01 only. count_indicators and the summary's chart both read this mapping.
TYPE_CODE = {
    ActivityType.THEMATIC: "GS02",
    ActivityType.FOCUS: "GS03",
    ActivityType.SURVEY: "GS04",
    ActivityType.URGENT_SURVEY: "GS04",
    ActivityType.HIGHER_LEVEL: "GS06",
}


def types_of(code):
    return [t for t, c in TYPE_CODE.items() if c == code]


def own_only_types():
    """The council's own activity types counted in GS01 and in no other code."""
    return [t for t in ActivityType if t not in TYPE_CODE]


def count_indicators(council, period):
    start, end = period.start_date, period.end_date
    result = SupervisionActivity.objects.filter(council=council, fieldwork_start__range=(start, end)).aggregate(
        GS01=Count("pk", filter=OWN),
        **{code: Count("pk", filter=Q(activity_type__in=types_of(code))) for code in ("GS02", "GS03", "GS04", "GS06")},
    )
    result["GS05"] = ExplanationSession.objects.filter(council=council, held_date__range=(start, end)).count()
    result.update(Recommendation.objects.filter(council=council, issued_date__range=(start, end)).aggregate(
        GS07=Count("pk"), GS08=Count("pk", filter=Q(status=RecommendationStatus.DONE)),
    ))
    return {code: result[code] for code in CODES}


def count_details(council, period):
    """What the report names beyond the form's codes: how many of GS04's surveys were ad hoc
    ("khảo sát đột xuất"), and the council's own activities by type ({type value: count}, every
    type present), counted on the same activities as GS01–GS06. One query."""
    start, end = period.start_date, period.end_date
    counted = dict(SupervisionActivity.objects.filter(council=council, fieldwork_start__range=(start, end))
                   .order_by().values_list("activity_type").annotate(n=Count("pk")).values_list("activity_type", "n"))
    by_type = {str(t): counted.get(t, 0) for t in ActivityType}
    return {"urgent_surveys": by_type[ActivityType.URGENT_SURVEY], "activities_by_type": by_type}
