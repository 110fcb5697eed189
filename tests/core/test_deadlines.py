"""The deadline engine on real dates (docs/DESIGN.md §4; issue 2 item 6)."""
import datetime

import pytest

from apps.core.deadlines import NoRuleInForce, WorkCalendar, add_days, compute_due, rule_in_force
from apps.core.models import DeadlineRule

D = datetime.date
pytestmark = pytest.mark.django_db


def test_working_days_skip_tet_2022():
    # Received Friday 28/01/2022; Tết break 29/01–06/02 (Sat–Sun, all off).
    due = compute_due("letter_processing", D(2022, 1, 28))
    # Working days: 07/02 (1) … 11/02 (5), 14/02 (6) … 18/02 (10).
    assert due.date == D(2022, 2, 18)
    skipped = {day for day, _why in due.skipped}
    assert D(2022, 2, 1) in skipped and D(2022, 2, 4) in skipped
    assert "Tết Nguyên đán" in dict(due.skipped)[D(2022, 2, 1)]


def test_working_days_around_tet_2026():
    # Tết Bính Ngọ 2026: civil servants off 14/02–22/02/2026.
    due = compute_due("denunciation_processing", D(2026, 2, 12))
    # 13/02 (1), then 23/02 (2) … 27/02 (6), 02/03 (7).
    assert due.date == D(2026, 3, 2)


def test_make_up_saturday_2026_01_10_counts_as_working_day():
    assert WorkCalendar.load(D(2026, 1, 1), D(2026, 1, 31)).is_working_day(D(2026, 1, 10))
    # Received Thursday 08/01/2026: 09/01 (1), Sat 10/01 make-up day (2), 12/01 (3) … 16/01 (7).
    due = compute_due("denunciation_processing", D(2026, 1, 8))
    assert due.date == D(2026, 1, 16)
    assert D(2026, 1, 10) not in {day for day, _ in due.skipped}


def test_calendar_days_ending_on_2_september_move_to_next_working_day():
    # 2022: 01/09–04/09 off (Thu–Sun). 10 calendar days from 22/08 ends Thursday 01/09 -> Monday 05/09.
    due = compute_due("complaint_acceptance", D(2022, 8, 22))
    assert due.date == D(2022, 9, 5)
    assert [d for d, _ in due.skipped] == [D(2022, 9, 1), D(2022, 9, 2), D(2022, 9, 3), D(2022, 9, 4)]


def test_calendar_days_start_the_day_after_the_event():
    # Question asked Monday 04/04/2022: 20 days -> Sunday 24/04 -> Monday 25/04.
    due = compute_due("question_answer", D(2022, 4, 4))
    assert due.date == D(2022, 4, 25)


def test_rule_that_changed_on_2026_07_01():
    before = compute_due("complaint_acceptance", D(2026, 6, 30))
    after = compute_due("complaint_acceptance", D(2026, 7, 1))
    assert before.rule.days == 10 and before.rule.day_type == "calendar"
    assert after.rule.days == 7 and after.rule.day_type == "working"
    # 30/06/2026 (Tue) + 10 calendar days = Fri 10/07/2026.
    assert before.date == D(2026, 7, 10)
    # 01/07/2026 (Wed) + 7 working days = Fri 10/07/2026.
    assert after.date == D(2026, 7, 10)
    assert "cần xác minh" in after.explanation
    assert not after.rule.verified and before.rule.verified


def test_notice_before_an_explanation_session_counts_backwards():
    # Session on Monday 12/09/2022: notice due 10 days before = Fri 02/09 (a day off) -> Thu 01/09 also off -> Wed 31/08.
    due = compute_due("explanation_notice", D(2022, 9, 12))
    assert due.date == D(2022, 8, 31)


def test_extensions_add_their_days():
    base = compute_due("denunciation_resolution", D(2022, 3, 1))
    once = compute_due("denunciation_resolution", D(2022, 3, 1), extensions=1)
    twice = compute_due("denunciation_resolution", D(2022, 3, 1), extensions=2)
    assert base.days == 30 and once.days == 60 and twice.days == 90
    assert base.date < once.date < twice.date


def test_explanation_names_rule_start_skipped_days_and_due_date():
    due = compute_due("letter_processing", D(2022, 1, 28))
    text = due.explanation
    assert "10 ngày làm việc" in text and "28/01/2022" in text and "18/02/2022" in text
    assert "TT 05/2021" in text and "chưa xác minh" in text
    assert "Không tính" in text


def test_a_date_before_any_rule_version_has_no_rule():
    DeadlineRule.objects.filter(code="letter_processing").update(effective_from=D(2021, 1, 1))
    with pytest.raises(NoRuleInForce):
        compute_due("letter_processing", D(2020, 12, 31))


def test_rule_in_force_picks_the_latest_version_started():
    rule = rule_in_force("question_answer", D(2026, 3, 1))
    assert rule.effective_from == D(2026, 3, 1) and rule.status == "unverified"


def test_add_days_with_a_plain_calendar():
    cal = WorkCalendar()
    assert add_days(D(2024, 5, 3), 1, "working", cal)[0] == D(2024, 5, 6)  # Fri -> Mon
