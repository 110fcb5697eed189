"""CT01–CT07 (docs/WORKBOOK.md) for a council and a reporting period, counted in SQL.

- CT01/CT02: voter meetings whose date is in the period; CT02 sums the voters attending.
- CT03–CT07: petitions received in the period (``received_date``, which defaults to the
  meeting's date). A petition merged into another (``merged_into``) is a duplicate and is
  counted once, as the petition it was merged into. Every petition has exactly one of the
  four statuses, so CT03 = CT04 + CT05 + CT06 + CT07 holds by construction.
"""
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from .choices import PetitionStatus
from .models import Petition, VoterMeeting

CODES = ("CT01", "CT02", "CT03", "CT04", "CT05", "CT06", "CT07")
STATUS_CODES = {
    "CT04": PetitionStatus.RESOLVED,
    "CT05": PetitionStatus.IN_PROGRESS,
    "CT06": PetitionStatus.EXPLAINED,
    "CT07": PetitionStatus.UNRESOLVED,
}


def count_indicators(council, period):
    span = (period.start_date, period.end_date)
    result = VoterMeeting.objects.filter(council=council, date__range=span).aggregate(
        CT01=Count("pk"), CT02=Coalesce(Sum("voters_attending"), 0),
    )
    result.update(Petition.objects.counted().filter(council=council, received_date__range=span).aggregate(
        CT03=Count("pk"),
        **{code: Count("pk", filter=Q(status=status)) for code, status in STATUS_CODES.items()},
    ))
    return {code: int(result[code]) for code in CODES}
