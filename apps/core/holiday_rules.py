"""Days off by rule, for the years the official calendar does not cover yet.

Bộ luật Lao động 2019 Điều 112 khoản 1 names the days off: Tết Dương lịch (1/1), Tết Âm lịch
(5 days), Ngày Chiến thắng (30/4), Ngày Quốc tế lao động (1/5), Quốc khánh (2/9 and a day
before or after it) and Giỗ Tổ Hùng Vương (10/3 âm lịch); khoản 3 gives the day off back on the
next working day when one falls on the weekly rest day. The Government decides each year how
the Tết days and the adjacent day of 2/9 are laid out, and often swaps days; those decisions are
the holiday table (apps.core.models.Holiday), which always wins. What this module gives is
therefore provisional ("dự kiến"): the days the rule alone implies.

The lunar dates (mùng 1 Tết, 10/3 âm lịch) come from the `holidays` package's Vietnamese
lunisolar calendar, computed for UTC+7: it differs from the Chinese calendar in some years
(Tết 2007, 2030, 2053). Checked against the official calendar 2021–2026 in tests/core.

The layout rules below reproduce every official year 2021–2026 apart from the swapped days:
- Tết: the last day of the lunar year and mùng 1–4; a day on Saturday moves to the working day
  before the break, one on Sunday to the working day after it (the practice since 2014);
- 2/9: the adjacent day is the one that joins the break to a weekend (Monday → Tuesday 3/9,
  Tuesday/Wednesday → 1/9, Thursday → Friday 3/9, Friday/Saturday → Thursday/Friday 1/9,
  Sunday → Monday 3/9).
"""
import datetime
from functools import lru_cache

from holidays.calendars.chinese import VIETNAMESE_CALENDAR, _ChineseLunisolar

ONE_DAY = datetime.timedelta(days=1)
BASIS = "Bộ luật Lao động 2019 Điều 112"
ADJACENT_TO_2_SEPTEMBER = {0: 1, 1: -1, 2: -1, 3: 1, 4: -1, 5: -1, 6: 1}
TET_DAY_NAMES = {-1: "ngày cuối năm âm lịch", 0: "mùng 1", 1: "mùng 2", 2: "mùng 3", 3: "mùng 4"}

_LUNAR = _ChineseLunisolar(VIETNAMESE_CALENDAR)


class NoLunarDate(LookupError):
    pass


def lunar_new_year(year):
    """Mùng 1 Tết of ``year`` in the Vietnamese lunar calendar."""
    day, _estimated = _LUNAR.lunar_new_year_date(year)
    if day is None:
        raise NoLunarDate(f"Không có ngày Tết Âm lịch của năm {year} trong lịch âm (1901–2099).")
    return day


def hung_kings_day(year):
    """10/3 âm lịch of ``year``."""
    day, _estimated = _LUNAR.hung_kings_date(year)
    if day is None:
        raise NoLunarDate(f"Không có ngày Giỗ Tổ Hùng Vương năm {year} trong lịch âm (1901–2099).")
    return day


def _is_weekend(day):
    return day.weekday() >= 5


@lru_cache(maxsize=256)
def days_off_by_rule(year):
    """{date: Vietnamese name} of the provisional days off falling in ``year``.

    Tết of ``year + 1`` can begin in the last days of ``year``, hence both lunar years are looked at.
    """
    days = {}

    def add(day, name):
        days.setdefault(day, name)

    def next_free_working_day(day):
        while _is_weekend(day) or day in days:
            day += ONE_DAY
        return day

    def previous_free_working_day(day):
        while _is_weekend(day) or day in days:
            day -= ONE_DAY
        return day

    for lunar_year in (year, year + 1):
        try:
            tet = lunar_new_year(lunar_year)
        except NoLunarDate:
            continue
        name = f"Tết Nguyên đán {lunar_year}"
        tet_days = [tet + ONE_DAY * offset for offset in TET_DAY_NAMES]
        for offset, day in zip(TET_DAY_NAMES, tet_days):
            if not _is_weekend(day):
                add(day, f"{name} ({TET_DAY_NAMES[offset]})")
        for offset, day in zip(TET_DAY_NAMES, tet_days):
            if day.weekday() == 5:
                add(previous_free_working_day(tet_days[0]), f"{name} (nghỉ bù {TET_DAY_NAMES[offset]} trùng thứ Bảy)")
            elif day.weekday() == 6:
                add(next_free_working_day(tet_days[-1]), f"{name} (nghỉ bù {TET_DAY_NAMES[offset]} trùng Chủ nhật)")

    fixed = [(datetime.date(year, 1, 1), f"Tết Dương lịch {year}")]
    try:
        fixed.append((hung_kings_day(year), f"Giỗ Tổ Hùng Vương {year} (10/3 âm lịch)"))
    except NoLunarDate:
        pass
    fixed += [
        (datetime.date(year, 4, 30), f"Ngày Chiến thắng 30/4/{year}"),
        (datetime.date(year, 5, 1), f"Ngày Quốc tế lao động 1/5/{year}"),
    ]
    national_day = datetime.date(year, 9, 2)
    fixed.append((national_day, f"Quốc khánh 2/9/{year}"))
    adjacent = national_day + ONE_DAY * ADJACENT_TO_2_SEPTEMBER[national_day.weekday()]
    fixed.append((adjacent, f"Quốc khánh {year} (ngày liền kề 2/9)"))
    for day, name in fixed:
        if not _is_weekend(day):
            add(day, name)
    for day, name in fixed:
        if _is_weekend(day):
            add(next_free_working_day(day), f"{name} (nghỉ bù)")
    return {day: name for day, name in days.items() if day.year == year}
