"""The semi-annual summary (docs/SUMMARY.md): ONE builder that the page, the xlsx and the docx read.

``build_summary(council, period)`` returns a plain ``Summary`` (dataclasses, no querysets), so
every output states the same figures and the renderers can be tested on a hand-built one.

Sources:
- indicator definitions in force for the period: ``apps.reports.models.Indicator``;
- the council's own figures: the registers' ``count_indicators(council, period)``
  (``apps.<app>.indicators``, imported by name in ``REGISTER_INDICATORS``), merged;
- each ward's reported figures: ``apps.reports.selectors.reported_values``;
- the wards: ``council.wards_in(period)`` (a query over the unit's validity, never a list).

The number of queries does not depend on the number of wards or records.
"""
import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext

from apps.core import periods, unitcodes
from apps.core.models import ReportingPeriod
from apps.oversight import indicators as oversight_indicators
from apps.petitions import indicators as petitions_indicators
from apps.reception import indicators as reception_indicators
from apps.sittings import indicators as sittings_indicators

from .. import selectors
from . import narrative

# The registers whose counts make the council's own row: imported by name, so that a renamed or
# missing module fails at start-up instead of leaving KH01–KH07 blank in an official report.
REGISTER_INDICATORS = (sittings_indicators, oversight_indicators, petitions_indicators, reception_indicators)

TOTAL_LABEL = "Tổng cộng"
NOT_REPORTED = "Chưa báo cáo"


@dataclass(frozen=True)
class IndicatorDef:
    code: str
    name: str
    unit: str = ""
    order: int = 0

    @property
    def short_name(self):
        """The name without the '— trong đó' dash used for sub-indicators."""
        return self.name.lstrip("—–- ").strip()

    @property
    def is_breakdown(self):
        return self.name.lstrip().startswith(("—", "–", "-"))


@dataclass
class SummaryRow:
    code: str                       # admin-unit code ("" for the total row)
    name: str
    values: dict                    # indicator code -> int | None (None = not reported / not counted)
    council_id: int | None = None
    kind: str = "ward"              # "ward" | "council" | "total"
    reported: bool = True

    def value(self, code):
        return self.values.get(code)


@dataclass
class PreviousPeriod:
    """The same period a year earlier, where data exists."""

    code: str
    label: str
    own: dict                       # the council's own counts
    ward_totals: dict               # sums of the wards' reported values
    reported_count: int = 0

    def total(self, code):
        own, wards = self.own.get(code), self.ward_totals.get(code)
        if own is None and wards is None:
            return None
        return (own or 0) + (wards or 0)


@dataclass
class Summary:
    council_name: str
    council_code: str
    period_code: str
    period_year: int
    period_kind: str
    start_date: datetime.date
    end_date: datetime.date
    indicators: list                # [IndicatorDef] in report order
    wards: list                     # [SummaryRow], one per ward in the period, by unit code
    council_row: SummaryRow
    council_id: int | None = None
    parent_name: str = ""           # the council above (for "Nơi nhận")
    previous: PreviousPeriod | None = None
    # The period as this council's report says it; for a council that existed during only part of
    # it (formed or dissolved on 01/07/2025): "năm 2025 (từ 01/07/2025 đến 31/12/2025)".
    period_words: str = ""
    # Figures the report names that are not indicators of the form (e.g. how many surveys were ad hoc).
    details: dict = field(default_factory=dict)
    # What the secretariat wrote itself ({field: text}; ``narrative`` module), placed after the figures.
    narrative: dict = field(default_factory=dict)
    generated_on: datetime.date = field(default_factory=datetime.date.today)

    # -- derived -------------------------------------------------------------------
    @property
    def period_label(self):
        return self.period_words or periods.wording(self.period_year, self.period_kind)

    @property
    def codes(self):
        return [d.code for d in self.indicators]

    @property
    def rows(self):
        """Wards then the council itself: the rows summed into the total."""
        return [*self.wards, self.council_row]

    @property
    def totals(self):
        return SummaryRow(code="", name=TOTAL_LABEL, kind="total",
                          values={code: sum_values(row.value(code) for row in self.rows) for code in self.codes})

    @property
    def table_rows(self):
        return [*self.rows, self.totals]

    @property
    def not_reported(self):
        return [row for row in self.wards if not row.reported]

    @property
    def reported_wards(self):
        return [row for row in self.wards if row.reported]

    def own(self, code):
        """The council's own figure (0 when its registers counted nothing)."""
        return self.council_row.value(code) or 0

    def total(self, code):
        return self.totals.value(code)

    def ward_total(self, code):
        return sum_values(row.value(code) for row in self.wards)

    def indicator(self, code):
        for definition in self.indicators:
            if definition.code == code:
                return definition
        return None


def sum_values(values):
    """Sum of the non-empty values; None when every one is empty (not the same as 0)."""
    present = [v for v in values if v is not None]
    return sum(present) if present else None


# ---------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------
def indicator_definitions(period):
    """The indicators in force for the period (the form version the wards filled in), one query."""
    from ..models import Indicator

    return [
        IndicatorDef(code=i.code, name=i.name, unit=i.unit, order=i.order)
        for i in Indicator.objects.for_period(period).order_by("order", "code")
    ]


def council_counts(council, period):
    """The council's own figures: every register's count_indicators, merged."""
    merged = {}
    for module in REGISTER_INDICATORS:
        merged.update(module.count_indicators(council, period) or {})
    return merged


def ward_values(wards, period):
    """{council_id: {code: int|None}} for the wards that reported in the period."""
    if not wards or period.pk is None:
        return {}
    return selectors.reported_values(wards, period)


# ---------------------------------------------------------------------------
# The builder
# ---------------------------------------------------------------------------
def build_summary(council, period, *, with_previous=True):
    # The days of the period the council existed (all of them, but for a council formed or
    # dissolved during it); ValueError when it did not exist at all then.
    start, end = covered_days(council, period)
    definitions = indicator_definitions(period)
    codes = [d.code for d in definitions]

    wards = list(council.wards_in(period))
    reported = ward_values(wards, period)
    ward_rows = [
        SummaryRow(
            code=w.admin_unit.code, name=w.name, council_id=w.pk, kind="ward",
            reported=w.pk in reported,
            values={code: (reported.get(w.pk) or {}).get(code) for code in codes},
        )
        for w in wards
    ]
    own = council_counts(council, period)
    council_row = SummaryRow(code=council.admin_unit.code, name=council.name, council_id=council.pk,
                             kind="council", values={code: own.get(code) for code in codes})

    previous = None
    if with_previous:
        previous = build_previous(council, period, codes)

    parent = council.parent.name if council.parent_id else ""
    return Summary(
        council_name=council.name, council_code=council.admin_unit.code, council_id=council.pk,
        parent_name=parent, period_code=period.code, period_year=period.year, period_kind=period.kind,
        start_date=start, end_date=end, indicators=definitions,
        wards=ward_rows, council_row=council_row, previous=previous, period_words=period.coverage_wording(council),
        details=oversight_indicators.count_details(council, period),
        narrative=narrative.texts_for(council, period),
    )


def covered_days(council, period):
    span = periods.covered_span(period.start_date, period.end_date, council.valid_from, council.valid_to)
    if span is None:
        raise ValueError(gettext("%(council)s không tồn tại trong %(period)s; hãy chọn kỳ khác.") % {
            "council": council.name, "period": period.wording})
    return span


def build_previous(council, period, codes):
    prev = period.previous_year()
    own = council_counts(council, prev)
    wards = list(council.wards_in(prev)) if prev.pk is not None else []
    reported = ward_values(wards, prev)
    ward_totals = {code: sum_values((values or {}).get(code) for values in reported.values()) for code in codes}
    own = {code: own.get(code) for code in codes}
    if not any(own.values()) and not reported:
        return None  # no data a year earlier: nothing to compare with
    if periods.covered_span(prev.start_date, prev.end_date, council.valid_from, council.valid_to) is None:
        return None  # the council did not exist a year earlier
    return PreviousPeriod(code=prev.code, label=prev.coverage_wording(council), own=own,
                          ward_totals=ward_totals, reported_count=len(reported))


def resolve(council_code, period_code):
    """(council, period) from codes, for the command: raises ValueError with a Vietnamese message."""
    from apps.core.models import Council

    year, kind = periods.parse_code(period_code)
    if not 2015 <= year <= datetime.date.today().year + 1:
        raise ValueError(f"Kỳ báo cáo «{period_code}» nằm ngoài khoảng có dữ liệu (từ năm 2015 đến năm nay).")
    start, end = periods.bounds(year, kind)
    code = str(council_code or "").strip()
    if not code:
        raise ValueError("Chưa nhập mã đơn vị (--council).")
    code, found = unitcodes.councils_with_code(code, Council.objects.select_related("parent"))
    try:
        # A code reused in 2025 means, for a period spanning the change, the council the period ends with.
        council = unitcodes.council_during(code, start, end, found, several="last")
    except unitcodes.UnitCodeError:
        known = f" Mã này là của {unitcodes.lifetimes(found)}; hãy chọn kỳ báo cáo trong thời gian đó." if found else ""
        raise ValueError(f"Không có HĐND nào mang mã đơn vị «{code}» trong kỳ {periods.wording(year, kind)}.{known}") from None
    period = ReportingPeriod.objects.from_code(periods.code_of(year, kind))
    return council, period
