"""Days off by rule past the official calendar (Bộ luật Lao động 2019 Điều 112), marked "dự kiến"."""
import csv
import datetime
from pathlib import Path

import pytest
from django.conf import settings

from apps.core.deadlines import WorkCalendar, compute_due, official_calendar_end
from apps.core.holiday_rules import days_off_by_rule, hung_kings_day, lunar_new_year
from apps.core.models import Holiday

D = datetime.date


def official_days_off():
    rows = csv.DictReader((Path(settings.BASE_DIR) / "fixtures" / "holidays.csv").open(encoding="utf-8"))
    return {D.fromisoformat(row["date"]) for row in rows if row["kind"] == "holiday"}


@pytest.mark.parametrize("year", range(2021, 2027))
def test_lunar_dates_match_the_official_calendar(year):
    official = official_days_off()
    assert lunar_new_year(year) in official
    assert hung_kings_day(year) in official


def test_vietnamese_lunar_calendar_is_computed_for_utc_plus_7():
    # Tết 2007 and 2030 fall a day earlier in Vietnam than in China.
    assert lunar_new_year(2007) == D(2007, 2, 17)
    assert lunar_new_year(2030) == D(2030, 2, 2)


@pytest.mark.parametrize("year", range(2021, 2027))
def test_every_day_off_by_rule_was_a_day_off_in_the_official_years(year):
    official = official_days_off()
    by_rule = days_off_by_rule(year)
    assert by_rule and all(day in official for day in by_rule), sorted(set(by_rule) - official)
    # Only the Government's swapped days are missing from the rule (they are decisions, not rules).
    swapped = {day for day in official if day.year == year and day.weekday() < 5} - set(by_rule)
    assert swapped <= {D(2024, 4, 29), D(2025, 5, 2), D(2026, 1, 2), D(2026, 8, 31)}


def test_days_off_by_rule_in_2027():
    days = days_off_by_rule(2027)
    assert days[D(2027, 1, 1)] == "Tết Dương lịch 2027"
    # Mùng 1 Tết Đinh Mùi is Saturday 06/02/2027: break Thursday 04/02 – Wednesday 10/02.
    assert {D(2027, 2, 4), D(2027, 2, 5), D(2027, 2, 8), D(2027, 2, 9), D(2027, 2, 10)} <= set(days)
    assert "Giỗ Tổ Hùng Vương" in days[D(2027, 4, 16)]
    # 1/5/2027 is a Saturday: the day off is given back on Monday 03/05.
    assert "nghỉ bù" in days[D(2027, 5, 3)]
    assert D(2027, 9, 3) in days


@pytest.mark.django_db
def test_official_calendar_ends_on_its_last_decided_day():
    assert official_calendar_end() == D(2026, 9, 2)


@pytest.mark.django_db
def test_a_letter_received_24_december_2026_is_due_8_january_2027():
    due = compute_due("letter_processing", D(2026, 12, 24))
    assert due.date == D(2027, 1, 8)
    assert D(2027, 1, 1) in due.provisional
    assert "01/01/2027 (Tết Dương lịch 2027 — ngày nghỉ dự kiến" in due.explanation
    assert "dự kiến" in due.explanation


@pytest.mark.django_db
def test_a_question_asked_12_december_2026_is_not_due_on_new_years_day():
    due = compute_due("question_answer", D(2026, 12, 12))
    # 20 days end on Friday 01/01/2027, a day off; then the weekend: Monday 04/01/2027.
    assert due.date == D(2027, 1, 4)
    assert "dự kiến" in due.explanation


@pytest.mark.django_db
def test_a_count_across_tet_2027_is_marked_provisional():
    due = compute_due("denunciation_processing", D(2027, 2, 3))
    # Wed 03/02: Thu 04/02 … Wed 10/02 off; 11/02 (1), 12/02 (2), 15–19/02 (3–7).
    assert due.date == D(2027, 2, 19)
    assert "Tết Nguyên đán 2027" in due.explanation and "dự kiến" in due.explanation


@pytest.mark.django_db
def test_a_count_inside_the_official_calendar_is_not_provisional():
    due = compute_due("letter_processing", D(2026, 2, 12))
    assert not due.provisional and "dự kiến" not in due.explanation


@pytest.mark.django_db
def test_the_official_decision_replaces_the_rule_once_entered():
    # The Government decides a swap for 2027: Thursday 31/12/2026 is a day off, and 1/1/2027 too.
    Holiday.objects.create(date=D(2026, 12, 31), kind="holiday", note="Tết Dương lịch 2027: ngày nghỉ hoán đổi")
    Holiday.objects.create(date=D(2027, 1, 1), kind="holiday", note="Tết Dương lịch 2027: nghỉ lễ theo luật")
    calendar = WorkCalendar.load(D(2026, 12, 1), D(2027, 1, 31))
    assert calendar.official_until == D(2027, 1, 1)
    assert not calendar.is_working_day(D(2026, 12, 31))
    due = compute_due("letter_processing", D(2026, 12, 24))
    assert due.date == D(2027, 1, 11)
    assert not due.provisional and "dự kiến" not in due.explanation


@pytest.mark.django_db
def test_the_dashboard_shows_where_the_official_calendar_ends(client_for, secretariat_clerk):
    response = client_for(secretariat_clerk).get("/admin/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Lịch nghỉ chính thức" in text and "02/09/2026" in text
