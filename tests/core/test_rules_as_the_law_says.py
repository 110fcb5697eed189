"""Deadline rules read as the law says: the agency's 7 working days, oral answers, complaint
acceptance from 01/07/2026, no rule version before it took effect, Luật 136/2025/QH15."""
import datetime
import re

import pytest
from django.urls import reverse

from apps.core.deadlines import compute_due, rule_in_force
from apps.core.models import DeadlineRule
from apps.reception.models import Letter
from tests.reception.helpers import agency, make_letter, make_petition
from tests.sittings import factories as f

pytestmark = pytest.mark.django_db
D = datetime.date


# -- agency_informs_council -------------------------------------------------------------
def test_a_forwarded_letter_has_a_chase_from_date_but_no_legal_due_date_until_the_resolution(ward):
    letter = make_letter(ward, handling="chuyen_don", forwarded_agency=agency(), forwarded_date=D(2022, 3, 1))
    assert letter.chase_from == D(2022, 3, 10) and letter.reply_due is None
    letter.agency_resolution_date = D(2022, 3, 15)
    letter.save()
    # Luật Tiếp công dân Đ.27(2): 7 working days from the resolution, 15/03 -> 24/03/2022.
    assert letter.reply_due == D(2022, 3, 24)
    assert "kể từ sau ngày 15/03/2022" in letter.reply_deadline().explanation


def test_the_overdue_filter_follows_the_legal_due_date_not_the_chase_from_date(client_for, ward_clerk, ward):
    make_letter(ward, content="chưa rõ ngày giải quyết", handling="chuyen_don", forwarded_agency=agency(),
                forwarded_date=D(2022, 3, 1))
    make_letter(ward, content="quá hạn luật định", handling="chuyen_don", forwarded_agency=agency(),
                forwarded_date=D(2022, 3, 1), agency_resolution_date=D(2022, 3, 2))
    assert set(Letter.objects.overdue().values_list("content", flat=True)) >= {"quá hạn luật định"}
    assert not Letter.objects.overdue().filter(content="chưa rõ ngày giải quyết").exists()
    response = client_for(ward_clerk).get(reverse("admin:reception_letter_changelist"), {"reply_due": "overdue"})
    assert {letter.content for letter in response.context["cl"].result_list} == {"quá hạn luật định"}


def test_the_letter_page_names_the_chase_from_date_as_such(client_for, ward_clerk, ward):
    letter = make_letter(ward, handling="chuyen_don", forwarded_agency=agency(), forwarded_date=D(2022, 3, 1))
    page = client_for(ward_clerk).get(reverse("admin:reception_letter_change", args=[letter.pk])).content.decode()
    assert "đôn đốc từ ngày" in page.lower() and "10/03/2022" in page
    assert "không phải hạn luật định" in page
    assert "Ghi ngày cơ quan giải quyết khi biết" in page


def test_a_resolution_date_before_forwarding_is_refused_with_a_clear_message(ward):
    from django.core.exceptions import ValidationError

    letter = make_letter(ward, handling="chuyen_don", forwarded_agency=agency(), forwarded_date=D(2022, 3, 1))
    letter.agency_resolution_date = D(2022, 2, 20)
    with pytest.raises(ValidationError) as error:
        letter.full_clean()
    assert "không được trước ngày chuyển đơn" in str(error.value.message_dict["agency_resolution_date"])


# -- questions ----------------------------------------------------------------------------
def test_a_question_answered_orally_at_the_sitting_has_no_written_answer_deadline(ward):
    sitting = f.sitting(ward, number=7, start=D(2022, 7, 12), end_date=D(2022, 7, 13))
    question = f.question(ward, asked=D(2022, 7, 12), sitting=sitting)
    assert question.answer_due == D(2022, 8, 1)
    question.answered_date = D(2022, 7, 13)
    question.answer = "Trả lời trực tiếp tại phiên chất vấn."
    question.save()
    assert question.answer_due is None and question.due() is None


def test_a_question_answered_after_the_sitting_keeps_its_deadline(ward):
    sitting = f.sitting(ward, number=8, start=D(2022, 7, 12), end_date=D(2022, 7, 13))
    question = f.question(ward, asked=D(2022, 7, 12), sitting=sitting, answered_date=D(2022, 7, 25),
                          answer="Trả lời bằng văn bản.")
    assert question.answer_due == D(2022, 8, 1)


# -- complaints -----------------------------------------------------------------------------
def test_complaint_acceptance_from_1_july_2026_covers_first_and_second_instance_alike():
    first = compute_due("complaint_acceptance", D(2026, 7, 1))
    second = compute_due("complaint_second_acceptance", D(2026, 7, 1))
    assert (first.rule.days, first.rule.day_type) == (second.rule.days, second.rule.day_type) == (7, "working")
    assert first.date == second.date == D(2026, 7, 10)
    before = compute_due("complaint_second_acceptance", D(2026, 6, 30))
    assert (before.rule.days, before.rule.day_type) == (10, "calendar")


def test_the_calendar_versus_working_days_conflict_is_stated_in_the_rule():
    note = rule_in_force("complaint_acceptance", D(2022, 1, 1)).note
    assert "Điều 27" in note and "Thông tư 07/2013/TT-TTCP Điều 5" in note and "ngày làm việc" in note


# -- versions in time ------------------------------------------------------------------------
def test_a_2022_petition_does_not_cite_a_2025_resolution(ward):
    for code in ("petition_answer", "na_petition_answer"):
        assert "72/2025" not in compute_due(code, D(2022, 3, 10)).explanation
    assert "NQLT 72/2025" in compute_due("na_petition_answer", D(2025, 8, 1)).explanation
    petition = make_petition(ward, forwarded_date=D(2022, 3, 15), agency=agency())
    assert "72/2025" not in petition.answer_deadline().explanation


def test_no_rule_version_applies_before_the_instrument_it_cites_was_made():
    for rule in DeadlineRule.objects.all():
        years = [int(y) for y in re.findall(r"\b(?:\d+/|Luật [^,(]* )(20\d\d)\b", rule.legal_basis)]
        if not years:
            continue
        start = rule.effective_from or D(2021, 1, 1)
        assert start >= D(max(years), 1, 1) or max(years) <= 2021, (rule.code, rule.legal_basis, rule.effective_from)


@pytest.mark.parametrize("code", [
    "reception_answer", "agency_informs_council", "inform_citizen", "denunciation_processing",
    "denunciation_forward", "denunciation_resolution", "complaint_acceptance", "complaint_first_instance",
    "complaint_first_instance_remote", "complaint_second_acceptance", "complaint_second_instance",
    "complaint_second_instance_remote",
])
def test_rules_of_the_laws_amended_on_1_july_2026_have_a_version_from_that_day(code):
    before, after = rule_in_force(code, D(2026, 6, 30)), rule_in_force(code, D(2026, 7, 1))
    assert after.effective_from == D(2026, 7, 1) and before.effective_to == D(2026, 6, 30)
    assert not after.verified  # unverified or reported until a legal officer confirms it
