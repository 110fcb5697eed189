"""Help texts name the law in force on the record's date, not a fixed 2015 text.

The deadline rules are versioned data (fixtures/reference.json): the hints before a due date can be
computed are read from the version in force on the record's date (today for a new record), so that
a 2026 clerk is not told a 2022 rule and a 2022 record keeps its 2015 law.
"""
import datetime

from django.urls import reverse

from apps.core.deadlines import rule_basis, rule_hint
from tests.sittings import factories as f

D = datetime.date


def test_the_question_rule_of_2022_cites_the_2015_law_and_that_of_today_the_new_one(db):
    assert rule_basis("question_answer", D(2022, 4, 16)) == "Luật Hoạt động giám sát 2015 Đ.60(4)"
    today_basis = rule_basis("question_answer", D(2026, 11, 30))
    assert "121/2025/QH15" in today_basis and "2015" not in today_basis
    assert "chưa xác minh" in today_basis


def test_a_hint_says_the_days_the_way_of_counting_and_the_law(db):
    hint = rule_hint("explanation_notice", "ngày họp phiên giải trình", on=D(2022, 6, 1))
    assert hint == ("Tính tự động: 10 ngày trước ngày họp phiên giải trình "
                    "(Luật Hoạt động giám sát 2015 Đ.72(2)).")


def test_a_date_before_every_version_of_a_rule_says_there_is_none(db):
    from apps.core.models import DeadlineRule

    DeadlineRule.objects.filter(code="explanation_notice", effective_from__isnull=True).update(
        effective_from=D(2016, 1, 1))
    assert rule_hint("explanation_notice", "ngày họp", on=D(2015, 6, 1)) == (
        "Chưa có quy tắc thời hạn áp dụng cho ngày 01/06/2015.")


def test_the_new_question_form_names_the_law_in_force_today(secretariat_clerk, client_for):
    page = client_for(secretariat_clerk).get(reverse("admin:sittings_question_add")).content.decode()
    assert "Luật 121/2025/QH15" in page
    assert "Luật Hoạt động giám sát 2015" not in page


def test_a_2022_question_answered_at_the_sitting_names_the_2015_law(city, secretariat_clerk, client_for):
    s = f.sitting(city, number=7, start=D(2022, 4, 15), end_date=D(2022, 4, 17))
    q = f.question(city, asked=D(2022, 4, 16), sitting=s, answered_date=D(2022, 4, 16))
    page = client_for(secretariat_clerk).get(reverse("admin:sittings_question_change", args=[q.pk])).content.decode()
    assert "đã trả lời trực tiếp tại kỳ họp" in page
    assert "Luật Hoạt động giám sát 2015 Đ.60(4)" in page


def test_a_letter_forwarded_without_the_agencys_decision_names_the_law_of_its_forwarding_date(
        ward, ward_clerk, client_for):
    from tests.reception.helpers import agency, make_letter

    letter = make_letter(ward, received_date=D(2022, 4, 8), handling="chuyen_don",
                         forwarded_agency=agency(), forwarded_date=D(2022, 4, 12))
    page = client_for(ward_clerk).get(reverse("admin:reception_letter_change", args=[letter.pk])).content.decode()
    assert "Chưa có hạn luật định." in page
    assert ("7 ngày làm việc kể từ sau ngày cơ quan có thẩm quyền giải quyết "
            "(Luật Tiếp công dân 2013 Đ.27(2))") in page
