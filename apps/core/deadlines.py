"""The deadline engine (docs/DESIGN.md §4).

Counting follows Bộ luật Dân sự 2015 Đ.147–148: a period in days starts the day
after the event; a calendar-day period ending on a weekend or day off ends on
the next working day. Working days skip weekends and days off, and count
make-up Saturdays (compensatory_workday) as working days.

Usage::

    due = compute_due("letter_processing", received_date)
    due.date, due.explanation
"""
import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from .choices import DayType, HolidayKind
from .holiday_rules import BASIS as HOLIDAY_BASIS
from .holiday_rules import days_off_by_rule

ONE_DAY = datetime.timedelta(days=1)


class NoRuleInForce(LookupError):
    pass


class WorkCalendar:
    """Days off and make-up working days for a date range, loaded in one query.

    The holiday table holds the official decisions; after its last day (``official_until``)
    the days off by rule of Bộ luật Lao động 2019 Điều 112 stand in, marked provisional
    ("dự kiến"), so that a count never runs past the end of the calendar silently.
    """

    def __init__(self, days_off=(), workdays=(), notes=None, official_until=None, by_rule=False):
        self.days_off = set(days_off)
        self.workdays = set(workdays)
        self.notes = notes or {}
        self.official_until = official_until
        self.by_rule = by_rule

    @classmethod
    def load(cls, start, end):
        from .models import Holiday

        days_off, workdays, notes = set(), set(), {}
        for day, kind, note in Holiday.objects.filter(date__range=(start, end)).values_list("date", "kind", "note"):
            (workdays if kind == HolidayKind.COMPENSATORY_WORKDAY else days_off).add(day)
            notes[day] = note
        return cls(days_off, workdays, notes, official_until=official_calendar_end(), by_rule=True)

    def provisional_name(self, day):
        """The name of the day off by rule on ``day`` past the official calendar, else None."""
        if not self.by_rule or (self.official_until is not None and day <= self.official_until):
            return None
        return days_off_by_rule(day.year).get(day)

    def is_provisional(self, day):
        return self.provisional_name(day) is not None

    def is_working_day(self, day):
        if day in self.workdays:
            return True
        if day in self.days_off or self.is_provisional(day):
            return False
        return day.weekday() < 5

    def why_not_working(self, day):
        if day in self.days_off:
            return self.notes.get(day) or "ngày nghỉ"
        name = self.provisional_name(day)
        if name:
            return f"{name} — ngày nghỉ dự kiến theo {HOLIDAY_BASIS}"
        return "thứ Bảy" if day.weekday() == 5 else "Chủ nhật"


def official_calendar_end():
    """The last day the holiday table (the official decisions) covers, or None when it is empty."""
    from django.db.models import Max

    from .models import Holiday

    return Holiday.objects.aggregate(end=Max("date"))["end"]


@dataclass
class DueDate:
    date: datetime.date
    rule: object
    start: datetime.date
    days: int
    skipped: list = field(default_factory=list)
    provisional: list = field(default_factory=list)   # skipped days off that are by rule only

    @property
    def explanation(self):
        rule = self.rule
        lines = [
            f"{rule.name}: {self.days} {rule.get_day_type_display()} {direction_words(rule)} ngày "
            f"{self.start:%d/%m/%Y} ({basis_text(rule)}).",
        ]
        if self.skipped:
            skipped = "; ".join(f"{d:%d/%m/%Y} ({why})" for d, why in self.skipped)
            lines.append(f"Không tính: {skipped}.")
        if self.provisional:
            lines.append(
                "Lịch nghỉ chính thức chưa có các ngày "
                f"{', '.join(f'{d:%d/%m/%Y}' for d in self.provisional)}: hạn dự kiến, "
                "tính lại khi có quyết định nghỉ lễ chính thức."
            )
        lines.append(f"Hạn: {self.date:%d/%m/%Y}.")
        return " ".join(lines)

    def __str__(self):
        return f"{self.date:%d/%m/%Y}"


def basis_text(rule):
    """A rule's legal basis as explanations and help texts cite it, marked when not yet verified."""
    mark = "" if rule.verified else f" — {rule.get_status_display().lower()}"
    return f"{rule.legal_basis}{mark}"


def direction_words(rule):
    return "trước" if rule.direction < 0 else "kể từ sau"


def rule_in_force(code, on, rules=None):
    """The version of rule ``code`` in force on ``on`` (a record uses the rule of its start date)."""
    from .models import DeadlineRule

    candidates = rules if rules is not None else DeadlineRule.objects.filter(code=code)
    best = None
    for rule in candidates:
        if rule.code != code:
            continue
        if rule.effective_from and rule.effective_from > on:
            continue
        if rule.effective_to and rule.effective_to < on:
            continue
        if best is None or (rule.effective_from or datetime.date.min) > (best.effective_from or datetime.date.min):
            best = rule
    if best is None:
        raise NoRuleInForce(f"Không có quy tắc thời hạn «{code}» áp dụng cho ngày {on:%d/%m/%Y}.")
    return best


def add_days(start, days, day_type, calendar, direction=1):
    """Return (due date, skipped days with reasons)."""
    step = ONE_DAY * direction
    skipped = []
    if day_type == DayType.WORKING:
        day, counted = start, 0
        while counted < days:
            day += step
            if calendar.is_working_day(day):
                counted += 1
            else:
                skipped.append((day, calendar.why_not_working(day)))
        return day, skipped
    day = start + step * days
    if direction > 0:
        while not calendar.is_working_day(day):
            skipped.append((day, calendar.why_not_working(day)))
            day += ONE_DAY
    else:
        # A "no later than N days before" limit that lands on a day off moves earlier.
        while not calendar.is_working_day(day):
            skipped.append((day, calendar.why_not_working(day)))
            day -= ONE_DAY
    return day, skipped


def compute_due(code, start, extensions=0, rules=None, calendar=None):
    """Due date for rule ``code`` counted from ``start``, with ``extensions`` granted."""
    if start is None:
        return None
    rule = rule_in_force(code, start, rules)
    days = rule.days + sum((rule.extensions or [])[:extensions])
    if calendar is None:
        span = datetime.timedelta(days=days * 2 + 40)
        lo, hi = (start, start + span) if rule.direction > 0 else (start - span, start)
        calendar = WorkCalendar.load(lo, hi)
    due, skipped, provisional = _counted(calendar, start, days, rule.day_type, rule.direction)
    return DueDate(date=due, rule=rule, start=start, days=days, skipped=skipped, provisional=provisional)


def _counted(calendar, start, days, day_type, direction):
    """``add_days`` and the provisional days it skipped, remembered on the calendar: the rows of a bulk
    write share one calendar and few start dates (a ward's 5,000 petitions, a few dozen days)."""
    memo = calendar.__dict__.setdefault("_counted", {})
    key = (start, days, day_type, direction)
    found = memo.get(key)
    if found is None:
        due, skipped = add_days(start, days, day_type, calendar, direction)
        found = memo[key] = (due, tuple(skipped), tuple(day for day, _why in skipped if calendar.is_provisional(day)))
    return found[0], list(found[1]), list(found[2])


def due_date_or_none(code, start, **kwargs):
    """compute_due(...).date, or None when there is no start or no rule in force."""
    try:
        result = compute_due(code, start, **kwargs)
    except NoRuleInForce:
        return None
    return result.date if result else None


def rule_basis(code, on=None):
    """The legal basis of rule ``code`` in force on ``on`` (today when None), with its verification
    mark, or None when no version applies. Help texts name the law through this, never a fixed text:
    the law in force on a record's date is the one its deadline follows."""
    try:
        return basis_text(rule_in_force(code, on or timezone.localdate()))
    except NoRuleInForce:
        return None


def rule_hint(code, event, on=None):
    """What a due-date field says before its start date is known: the rule in force on ``on`` (the
    record's date, or today for a new record) in words, e.g. «Tính tự động: 20 ngày kể từ sau ngày
    chất vấn (Luật … — chưa xác minh).»"""
    on = on or timezone.localdate()
    try:
        rule = rule_in_force(code, on)
    except NoRuleInForce:
        return f"Chưa có quy tắc thời hạn áp dụng cho ngày {on:%d/%m/%Y}."
    return (f"Tính tự động: {rule.days} {rule.get_day_type_display()} {direction_words(rule)} {event} "
            f"({basis_text(rule)}).")
