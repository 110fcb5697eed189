import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.sittings.models import Question, Resolution

from . import factories as f

D = f.D


@pytest.mark.django_db
def test_question_answer_is_due_twenty_days_after_the_question(ward):
    q = f.question(ward, D(2022, 4, 16))
    assert q.answer_due == D(2022, 5, 6)
    due = q.due()
    assert "20 ngày" in due.explanation and "Đ.60" in due.explanation and due.rule.verified


@pytest.mark.django_db
def test_question_due_date_follows_a_changed_question_date(ward):
    q = f.question(ward, D(2022, 4, 16))
    q.asked_date = D(2022, 4, 20)
    q.save()
    assert Question.objects.get(pk=q.pk).answer_due == D(2022, 5, 10)


@pytest.mark.django_db
def test_question_after_the_2026_law_uses_the_unverified_rule(ward):
    q = f.question(ward, D(2026, 3, 2))
    assert q.answer_due is not None and not q.due().rule.verified


@pytest.mark.django_db
def test_question_must_be_at_a_sitting_or_a_standing_meeting_not_both(ward):
    s = f.sitting(ward)
    m = f.standing_meeting(ward)
    q = Question(council=ward, delegate=f.delegate(ward), respondent_name="A", respondent_position="B",
                 asked_date=D(2022, 4, 16), content="x", sitting=s, standing_meeting=m)
    with pytest.raises(ValidationError, match="đúng một nơi"):
        q.full_clean()
    q.standing_meeting = q.sitting = None
    with pytest.raises(ValidationError, match="đúng một nơi"):
        q.full_clean()


@pytest.mark.django_db
def test_an_answer_before_the_question_is_refused(ward):
    q = f.question(ward, D(2022, 4, 16))
    q.answered_date = D(2022, 4, 1)
    with pytest.raises(ValidationError, match="không được trước ngày chất vấn"):
        q.full_clean()


@pytest.mark.django_db
def test_a_commitment_due_before_the_question_is_refused(ward):
    q = f.question(ward, D(2022, 4, 16))
    c = f.commitment(q, due=D(2022, 9, 30))
    assert c.council_id == ward.pk
    c.due_date = D(2022, 4, 1)
    with pytest.raises(ValidationError, match="Hạn thực hiện cam kết"):
        c.full_clean()


@pytest.mark.django_db
def test_resolution_number_is_unique_per_council_within_the_year(ward, other_ward):
    f.resolution(ward, "15/NQ-HĐND", D(2022, 4, 16))
    dup = Resolution(council=ward, number="15/NQ-HĐND", adopted_date=D(2022, 7, 12), summary="Khác")
    with pytest.raises(ValidationError, match="đã được dùng"):
        dup.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        dup.save()
    # Numbering restarts each year (NĐ 30/2020), and another council has its own numbers.
    f.resolution(ward, "15/NQ-HĐND", D(2023, 4, 16))
    f.resolution(other_ward, "15/NQ-HĐND", D(2022, 4, 16))


@pytest.mark.django_db
def test_resolution_replacement_shows_on_both_sides(ward):
    old = f.resolution(ward, "05/2021/NQ-HĐND", D(2021, 7, 1))
    new = f.resolution(ward, "05/2022/NQ-HĐND", D(2022, 7, 1))
    new.replaces.add(old)
    assert list(old.replaced_by.all()) == [new]


@pytest.mark.django_db
def test_sitting_dates_and_attendance_are_checked(ward):
    s = f.sitting(ward)
    s.end_date = D(2022, 4, 1)
    with pytest.raises(ValidationError, match="bế mạc"):
        s.full_clean()
    s.end_date, s.delegates_present, s.delegates_total = None, 30, 25
    with pytest.raises(ValidationError, match="có mặt"):
        s.full_clean()


@pytest.mark.django_db
def test_child_rows_take_their_parent_council(ward):
    s = f.sitting(ward)
    item = f.agenda_item(s)
    assert item.council_id == ward.pk
    assert s.history.count() == 1 and item.history.count() == 1


@pytest.mark.django_db
def test_text_is_stored_nfc(ward):
    import unicodedata

    s = f.sitting(ward, venue=unicodedata.normalize("NFD", "Hội trường phường Hải Hòa"))
    s.refresh_from_db()
    assert s.venue == unicodedata.normalize("NFC", "Hội trường phường Hải Hòa")
