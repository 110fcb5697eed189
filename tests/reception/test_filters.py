"""Overdue / due within 3 days filters on the sổ xử lý đơn, in the admin and as FilterSets; Vietnamese search."""
import datetime
import unicodedata

import pytest
from django.urls import reverse

from apps.reception.filtersets import LetterFilterSet
from apps.reception.models import Letter

from .helpers import agency, make_letter, make_visit

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def due_in(letter, days, field="processing_due"):
    Letter.objects.filter(pk=letter.pk).update(**{field: TODAY + datetime.timedelta(days=days)})
    return letter


@pytest.fixture
def letters(ward):
    return {
        "late": due_in(make_letter(ward, content="quá hạn"), -1),
        "in_two_days": due_in(make_letter(ward, content="còn 2 ngày"), 2),
        "in_three_days": due_in(make_letter(ward, content="còn 3 ngày"), 3),
        "in_five_days": due_in(make_letter(ward, content="còn 5 ngày"), 5),
        "late_but_done": due_in(make_letter(ward, content="đã xử lý", handling="huong_dan"), -4),
    }


def listed(client, **params):
    response = client.get(reverse("admin:reception_letter_changelist"), params)
    assert response.status_code == 200
    return {letter.content for letter in response.context["cl"].result_list}


def test_processing_due_filters_in_the_admin(client_for, ward_clerk, letters):
    client = client_for(ward_clerk)
    assert listed(client, processing_due="overdue") == {"quá hạn"}
    assert listed(client, processing_due="soon") == {"còn 2 ngày", "còn 3 ngày"}
    assert listed(client, processing_due="done") == {"đã xử lý"}
    assert listed(client, quahan="1") == {"quá hạn"}


def test_reply_due_filter_counts_from_the_agencys_resolution(client_for, ward_clerk, ward):
    waiting = make_letter(ward, content="chờ trả lời", handling="chuyen_don", forwarded_agency=agency(),
                          forwarded_date=datetime.date(2022, 3, 1), agency_resolution_date=datetime.date(2022, 3, 1))
    make_letter(ward, content="đã trả lời", handling="chuyen_don", forwarded_agency=agency(),
                forwarded_date=datetime.date(2022, 3, 1), reply_received_date=datetime.date(2022, 3, 8))
    unresolved = make_letter(ward, content="cơ quan chưa giải quyết", handling="chuyen_don", forwarded_agency=agency(),
                             forwarded_date=datetime.date(2022, 3, 1))
    assert waiting.reply_due == datetime.date(2022, 3, 10)  # 7 working days after the resolution of 01/03/2022
    # Without the agency's resolution date there is no legal due date, only the day to chase from.
    assert unresolved.reply_due is None and unresolved.chase_from == datetime.date(2022, 3, 10)
    assert listed(client_for(ward_clerk), reply_due="overdue") == {"chờ trả lời"}


def test_denunciation_outside_competence_has_a_forwarding_deadline(ward):
    letter = make_letter(ward, content_type="to_cao", received_date=datetime.date(2022, 3, 1), competence="khong_thuoc")
    assert letter.forward_due == datetime.date(2022, 3, 8)  # 5 working days (denunciation_forward)
    assert letter.processing_due == datetime.date(2022, 3, 10)  # 7 working days (denunciation_processing)
    other = make_letter(ward, content_type="kien_nghi", received_date=datetime.date(2022, 3, 1))
    assert other.forward_due is None and other.processing_due == datetime.date(2022, 3, 15)  # 10 working days


def test_filterset_matches_the_admin_filters(ward, letters):
    qs = Letter.objects.filter(council=ward)
    assert {l.content for l in LetterFilterSet({"processing_due": "soon"}, queryset=qs).qs} == {"còn 2 ngày",
                                                                                                 "còn 3 ngày"}
    assert {l.content for l in LetterFilterSet({"overdue": "true"}, queryset=qs).qs} == {"quá hạn"}
    assert LetterFilterSet({"period": "2022-H1"}, queryset=qs).qs.count() == 5
    assert LetterFilterSet({"period": "2022-H2"}, queryset=qs).qs.count() == 0


def test_search_finds_a_citizen_whichever_unicode_form(client_for, ward_clerk, ward):
    visit = make_visit(ward, citizen_name="Lê Thị Hòa")
    client = client_for(ward_clerk)
    for typed in ("Lê Thị Hòa", unicodedata.normalize("NFD", "Lê Thị Hòa"), "Lê Thị Hoà", "lê thị hòa", " Thị Hòa "):
        response = client.get(reverse("admin:reception_visit_changelist"), {"q": typed})
        assert list(response.context["cl"].result_list) == [visit], typed


def test_names_are_stored_nfc_and_trimmed(ward):
    letter = make_letter(ward, sender_name="  " + unicodedata.normalize("NFD", "Nguyễn Thị Huệ") + "  ")
    letter.refresh_from_db()
    assert letter.sender_name == "Nguyễn Thị Huệ"


def test_an_unknown_period_in_the_address_says_so_and_lists_every_row(client_for, ward_clerk, ward):
    """Anh Tuấn edits the address by hand to ?period=2025-H9: the petitions list tells him the period is
    not valid, in Vietnamese, and shows his rows unfiltered instead of silently showing none."""
    from tests.reception.helpers import make_petition

    make_petition(ward, content="Kiến nghị về đường khu 5")
    response = client_for(ward_clerk).get(reverse("admin:petitions_petition_changelist"), {"period": "2025-H9"})
    assert response.status_code == 200
    assert [p.content for p in response.context["cl"].result_list] == ["Kiến nghị về đường khu 5"]
    shown = [str(m) for m in response.context["messages"]]
    assert any("Kỳ báo cáo «2025-H9» không hợp lệ" in m and "không lọc theo kỳ" in m for m in shown), shown


@pytest.mark.parametrize("value", ["2022-H9", "abc", "99999-H1", "2022-H1\x00", "-"])
def test_an_unreadable_period_is_a_form_error_and_does_not_filter(ward, letters, value):
    qs = Letter.objects.filter(council=ward)
    filterset = LetterFilterSet({"period": value}, queryset=qs)
    assert not filterset.is_valid() and "period" in filterset.errors
    assert filterset.qs.count() == qs.count() == 5  # not an empty list that reads "nothing in this period"


def test_every_registers_filterset_takes_a_bad_period_the_same_way(ward, letters):
    from apps.core.filtersets import PeriodFilter
    from apps.oversight import filtersets as oversight
    from apps.petitions import filtersets as petitions
    from apps.reception import filtersets as reception
    from apps.sittings import filtersets as sittings

    found = [cls for module in (oversight, petitions, reception, sittings) for cls in vars(module).values()
             if isinstance(cls, type) and isinstance(getattr(cls, "base_filters", {}).get("period"), PeriodFilter)]
    assert len(found) >= 10
    for cls in found:
        filterset = cls({"period": "2022-H9"}, queryset=cls._meta.model.objects.all())
        assert not filterset.is_valid(), cls
        assert "2022-H9" in str(filterset.errors["period"]), cls
        assert filterset.qs.count() == cls._meta.model.objects.count(), cls


def test_the_letter_changelist_says_an_unreadable_period_and_lists_the_rows(client_for, ward_clerk, ward, letters):
    response = client_for(ward_clerk).get(reverse("admin:reception_letter_changelist"), {"period": "2022-H9"})
    assert response.status_code == 200
    assert "Danh sách bên dưới không lọc theo kỳ" in response.content.decode()
    assert response.context["cl"].result_count == 5
