"""Browser test (issue 4): a ward clerk registers a walk-in citizen and the letter handed in, forwards it,
and sees the reply deadline on the letter and the overdue filter pick it up."""
import datetime

import pytest

from apps.reception.models import Letter, Visit

pytestmark = pytest.mark.browser


def pick(page, field, term, option):
    """Choose in an autocomplete (select2) field."""
    page.click(f"#id_{field} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", term)
    page.click(f".select2-results__option:has-text('{option}')")


@pytest.fixture
def ward_clerk(reference_data):
    """The clerk of Phường Móng Cái 2 (06709 since 01/07/2025): a walk-in of recent weeks belongs to a
    council that exists today, not to Ka Long, which ended on 30/06/2025."""
    from django.contrib.auth import get_user_model

    from apps.core import roles
    from apps.core.choices import Role
    from apps.core.models import StaffProfile
    from tests.conftest import council

    user = get_user_model().objects.create_user("mongcai2_t", password="pw-Strong-2022", is_staff=True)
    StaffProfile.objects.create(user=user, council=council("06709", on_or_before_2025=False), role=Role.WARD)
    user.groups.add(roles.group_for(Role.WARD))
    return user


def test_ward_clerk_registers_a_walk_in_forwards_the_letter_and_sees_it_overdue(page, live_server, login, ward_clerk):
    # Work dated this year belongs to the council in office now: the clerk of 06709 is Móng Cái 2's
    # (Ka Long ended on 30/06/2025 and refuses later dates).
    from apps.core.models import StaffProfile

    from ..conftest import council

    StaffProfile.objects.filter(user=ward_clerk).update(council=council("06709", on_or_before_2025=False))
    ward_clerk = type(ward_clerk).objects.get(pk=ward_clerk.pk)
    today = datetime.date.today()
    received = today - datetime.timedelta(days=40)
    forwarded = today - datetime.timedelta(days=30)
    login(page, live_server, ward_clerk)

    # 1. The walk-in citizen, in the sổ tiếp công dân.
    page.goto(f"{live_server.url}/admin/reception/visit/add/")
    page.fill("#id_date", f"{received:%d/%m/%Y}")
    page.fill("#id_citizen_name", "  Hoàng Văn Thắng ")
    page.fill("#id_citizen_address", "Số 12 đường Hùng Vương, khu 3, phường Ka Long")
    page.fill("#id_citizen_id_number", "022087004321")
    page.fill("#id_content", "Kiến nghị sửa chữa cống thoát nước bị vỡ trước nhà.")
    page.select_option("#id_classification", "kien_nghi")
    page.select_option("#id_handling", "chuyen_don")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    visit = Visit.objects.get(citizen_name="Hoàng Văn Thắng")
    assert visit.council_id == ward_clerk.council_profile.council_id and visit.register_number == 1
    assert "0001/" in page.text_content("#result_list")

    # 2. The letter the citizen handed in, linked to the visit, forwarded to the ward's People's Committee
    #    (the city's committee ended with the city on 30/06/2025: it is no longer offered).
    page.goto(f"{live_server.url}/admin/reception/letter/add/")
    page.fill("#id_received_date", f"{received:%d/%m/%Y}")
    pick(page, "visit", "Hoàng Văn Thắng", "Lượt tiếp số 0001")
    page.fill("#id_sender_name", "Hoàng Văn Thắng")
    page.fill("#id_sender_address", "Số 12 đường Hùng Vương, khu 3, phường Ka Long")
    page.select_option("#id_content_type", "kien_nghi")
    page.fill("#id_content", "Đề nghị sửa chữa cống thoát nước bị vỡ trước nhà số 12 Hùng Vương.")
    page.select_option("#id_handling", "chuyen_don")
    pick(page, "forwarded_agency", "Móng Cái 2", "UBND phường Móng Cái 2")
    page.fill("#id_forwarded_date", f"{forwarded:%d/%m/%Y}")
    page.fill("#id_forwarding_document", "45/HĐND-TCD")
    page.fill("#id_agency_resolution_date", f"{forwarded:%d/%m/%Y}")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    letter = Letter.objects.get(visit=visit)
    assert letter.status == "da_chuyen" and letter.reply_due is not None and letter.reply_due < today
    # 3. The reply deadline, with how it was computed, on the letter's page.
    reply_box = page.locator(".field-reply_due_display")
    assert f"{letter.reply_due:%d/%m/%Y}" in reply_box.text_content()
    assert "7 ngày làm việc" in reply_box.text_content() and "quá hạn" in reply_box.text_content()
    # The visit's page links to the letter (the other side of the link).
    page.goto(f"{live_server.url}/admin/reception/visit/{visit.pk}/change/")
    assert page.locator(f"a[href$='/admin/reception/letter/{letter.pk}/change/']").count() == 1

    # 4. The overdue filter on the sổ xử lý đơn.
    Letter.objects.create(council=letter.council, received_date=today, sender_name="Vũ Thị Lan",
                          content_type="phan_anh", content="Đèn đường khu 5 không sáng.")
    page.goto(f"{live_server.url}/admin/reception/letter/")
    assert page.locator("#result_list tbody tr").count() == 2
    page.click("#changelist-filter a[href*='reply_due=overdue']")
    page.wait_for_url("**reply_due=overdue**")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1 and "0001/" in rows.first.text_content()
    page.goto(f"{live_server.url}/admin/reception/letter/?reply_due=soon")
    assert page.locator("#result_list tbody tr").count() == 0
