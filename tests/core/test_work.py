"""Work, not just records: bulk actions with a count and history, "Việc sắp đến hạn", send_reminders."""
import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from apps.petitions.models import Petition
from tests.reception.helpers import agency, make_petition

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def ward_now():
    """A ward council alive today (after the 2025 reorganisation), and its clerk."""
    from tests.conftest import make_user

    from apps.core.choices import Role
    from apps.core.models import Council

    council = Council.objects.filter(admin_unit__code="06709", admin_unit__valid_from__isnull=False).get()
    user = make_user("mongcai2_t", "06709", Role.WARD)
    user.council_profile.council = council
    user.council_profile.save()
    user.email = "mongcai2@example.invalid"
    user.save()
    return council, user


def petition_due(council, due, **kwargs):
    """A petition whose answer falls due on ``due`` (answer_due is computed; set it afterwards)."""
    p = make_petition(council, received_date=days(-40), **kwargs)
    Petition.objects.filter(pk=p.pk).update(answer_due=due)
    p.refresh_from_db()
    return p


def run_action(client, action, ids, **extra):
    return client.post(reverse("admin:petitions_petition_changelist"),
                       {"action": action, "_selected_action": [str(i) for i in ids], **extra}, follow=True)


def test_bulk_status_change_counts_saves_history_and_refuses_what_the_rules_refuse(client_for, ward_clerk, ward):
    a = make_petition(ward, answer="Đã trả lời bằng văn bản số 12.")
    b = make_petition(ward, answer="Đã trả lời tại kỳ họp.")
    c = make_petition(ward)  # no answer: "Đã giải quyết" is refused by the petition's rule
    client = client_for(ward_clerk)
    response = run_action(client, "bulk_status_da_giai_quyet", [a.pk, b.pk, c.pk])
    text = response.content.decode()
    assert "Đã đổi tình trạng của 2 hồ sơ thành «Đã giải quyết»." in text
    assert "1 hồ sơ không đổi được vì vi phạm quy tắc" in text and "cần có nội dung hoặc ngày trả lời" in text
    assert set(Petition.objects.filter(status="da_giai_quyet").values_list("pk", flat=True)) == {a.pk, b.pk}
    c.refresh_from_db()
    assert c.status == "chua_giai_quyet"
    last = a.history.order_by("-history_date").first()
    assert last.history_user == ward_clerk
    assert last.history_change_reason.startswith("Thao tác hàng loạt: đổi tình trạng")
    assert a.history.count() == 2


def test_bulk_status_leaves_other_councils_records_alone(client_for, ward_clerk, other_ward):
    theirs = make_petition(other_ward, answer="x")
    run_action(client_for(ward_clerk), "bulk_status_da_giai_quyet", [theirs.pk])
    theirs.refresh_from_db()
    assert theirs.status == "chua_giai_quyet"


def test_assign_an_agency_asks_which_then_assigns_with_a_count(client_for, ward_clerk, ward):
    a, b = make_petition(ward), make_petition(ward)
    target = agency()
    client = client_for(ward_clerk)
    page = run_action(client, "bulk_assign_agency", [a.pk, b.pk])
    html = page.content.decode()
    assert "2 hồ sơ đã chọn" in html and target.name in html
    done = run_action(client, "bulk_assign_agency", [a.pk, b.pk], apply="1", agency=str(target.pk))
    assert f"Đã giao 2 hồ sơ cho «{target}»." in done.content.decode()
    assert set(Petition.objects.filter(agency=target).values_list("pk", flat=True)) == {a.pk, b.pk}
    # No agency chosen: asked again, nothing changed.
    again = run_action(client, "bulk_assign_agency", [a.pk], apply="1", agency="")
    assert "Hãy chọn một cơ quan trong danh sách." in again.content.decode()


def test_mark_answered_on_the_typed_date(client_for, ward_clerk, ward):
    a, b = make_petition(ward), make_petition(ward, answered_date=datetime.date(2022, 4, 1))
    response = run_action(client_for(ward_clerk), "bulk_mark_answered", [a.pk, b.pk], done_on="15/04/2022")
    text = response.content.decode()
    assert "Đã ghi ngày trả lời 15/04/2022 cho 1 hồ sơ." in text and "1 hồ sơ đã có ngày, để nguyên." in text
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.answered_date == datetime.date(2022, 4, 15) and b.answered_date == datetime.date(2022, 4, 1)


def test_bulk_actions_on_every_register_that_has_the_fields_and_none_for_leaders(client_for, personas):
    from django.contrib import admin
    from django.test import RequestFactory

    from apps.reception.models import Letter
    from apps.oversight.models import Recommendation

    def actions(user, model):
        request = RequestFactory().get("/")
        request.user = user
        return set(admin.site._registry[model].get_actions(request))

    clerk = actions(personas["secretariat"], Letter)
    assert {"bulk_assign_agency", "bulk_mark_answered", "bulk_status_da_chuyen"} <= clerk
    assert "bulk_assign_agency" in actions(personas["secretariat"], Recommendation)
    assert not any(name.startswith("bulk_") for name in actions(personas["leader"], Petition))


def test_the_delete_action_names_the_records_not_the_register_and_empty_cells_show_a_dash(client_for, superuser,
                                                                                           ward):
    import re

    from apps.reception.models import Letter
    from tests.reception.helpers import make_letter

    letter = make_letter(ward, content="Đơn chưa có hướng xử lý")
    client = client_for(superuser)
    page = client.get(reverse("admin:reception_letter_changelist")).content.decode()
    assert '<option value="delete_selected">Xóa các đơn thư đã chọn</option>' in page
    visits = client.get(reverse("admin:reception_visit_changelist")).content.decode()
    assert '<option value="delete_selected">Xóa các lượt tiếp công dân đã chọn</option>' in visits
    row = re.search(r'<tr>.*?Đơn chưa có hướng xử lý.*?</tr>', page, re.S).group(0)
    assert ">—<" in row and ">-<" not in row
    # The action is Django's own: it asks, then deletes.
    asked = client.post(reverse("admin:reception_letter_changelist"),
                        {"action": "delete_selected", "_selected_action": [letter.pk]})
    assert asked.status_code == 200 and str(letter) in asked.content.decode()
    assert Letter.objects.filter(pk=letter.pk).exists()
    client.post(reverse("admin:reception_letter_changelist"),
                {"action": "delete_selected", "_selected_action": [letter.pk], "post": "yes"})
    assert not Letter.objects.filter(pk=letter.pk).exists()


def test_reminders_page_lists_the_users_items_due_soon_or_overdue(client_for, ward_now, other_ward):
    council, user = ward_now
    late = petition_due(council, days(-3), content="Đề nghị sửa cống khu 2")
    soon = petition_due(council, days(5), content="Đề nghị lắp đèn khu 5")
    later = petition_due(council, days(30), content="Đề nghị mở lớp học khu 6")
    petition_due(council, days(-1), content="Đã trả lời rồi", answered_date=TODAY)
    html = client_for(user).get(reverse("admin:core_reminders")).content.decode()
    assert "Kiến nghị cử tri chờ trả lời" in html and "— 2 (1 quá hạn)" in html
    assert late.code in html and soon.code in html and later.code not in html and "Đã trả lời rồi" not in html
    assert html.index(late.code) < html.index(soon.code)  # earliest first
    wider = client_for(user).get(reverse("admin:core_reminders") + "?days=40").content.decode()
    assert later.code in wider


def test_send_reminders_emails_each_clerk_their_own_items(ward_now, secretariat_clerk, leader):
    council, user = ward_now
    item = petition_due(council, days(2), content="Đề nghị nạo vét kênh")
    secretariat_clerk.email = "vanphong@example.invalid"
    secretariat_clerk.save()
    leader.email = "lanhdao@example.invalid"
    leader.save()
    call_command("send_reminders", "--days", "7", "--base-url", "https://hdnd.example.invalid", stdout=open("/dev/null", "w"))
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"mongcai2@example.invalid"}  # the city's clerk sees no 2026 ward in scope; no leader
    message = by_address["mongcai2@example.invalid"]
    assert "1 việc đến hạn trong 7 ngày" in message.subject
    assert item.code in message.body and f"{days(2):%d/%m/%Y}" in message.body
    assert f"https://hdnd.example.invalid/admin/petitions/petition/{item.pk}/change/" in message.body

    mail.outbox.clear()
    call_command("send_reminders", "--days", "1", stdout=open("/dev/null", "w"))
    assert mail.outbox == []  # nothing due within a day: no mail


def test_ward_clerks_see_no_warnings_about_the_shared_calendar_and_rules(client_for, ward_clerk, secretariat_clerk):
    ward_page = client_for(ward_clerk).get("/admin/").content.decode()
    assert "Lịch nghỉ chính thức" not in ward_page and "Quy tắc thời hạn cần xác minh" not in ward_page
    assert "Việc sắp đến hạn" in ward_page
    assert "Lịch nghỉ chính thức" in client_for(secretariat_clerk).get("/admin/").content.decode()


def test_in_english_the_dashboard_cards_ward_status_and_upload_pages_are_english(client_for, secretariat_clerk):
    client = client_for(secretariat_clerk)
    client.post(reverse("set_language"), {"language": "en", "next": reverse("admin:index")})
    index = client.get(reverse("admin:index")).content.decode()
    assert "Official days off" in index and "Lịch nghỉ chính thức" not in index
    status = client.get(reverse("admin:reports_wardreport_status")).content.decode()
    assert "<th>Code</th><th>Unit</th>" in status or "<th>Code</th>" in status
    assert "Ward reports" in status and "Tải mẫu của tất cả đơn vị" not in status
    upload = client.get(reverse("admin:reports_wardreport_upload")).content.decode()
    assert "Check and preview" in upload and "Kiểm tra và xem trước" not in upload


def test_a_successors_clerk_is_not_reminded_of_the_predecessors_items_they_cannot_change(client_for, ward_now, ward,
                                                                                          secretariat_clerk):
    council, user = ward_now
    own = petition_due(council, days(-2), content="Việc của Móng Cái 2")
    inherited = petition_due(ward, days(-900), content="Việc cũ của Ka Long")  # Ka Long: read-only to this clerk
    html = client_for(user).get(reverse("admin:core_reminders")).content.decode()
    assert own.code in html and "Việc cũ của Ka Long" not in html
    assert client_for(user).get(reverse("admin:petitions_petition_change", args=[inherited.pk])).status_code == 200
    city_page = client_for(secretariat_clerk).get(reverse("admin:core_reminders")).content.decode()
    assert "Việc cũ của Ka Long" in city_page  # the city's secretariat can still act on it


def test_every_register_names_its_council_short_with_the_full_name_on_hover(client_for, secretariat_clerk, ward):
    from django.contrib import admin
    from django.test import RequestFactory

    from apps.core.admin_base import CouncilOwnedAdmin
    from apps.core.council_labels import short_name

    request = RequestFactory().get("/")
    request.user = secretariat_clerk
    for model, model_admin in admin.site._registry.items():
        if isinstance(model_admin, CouncilOwnedAdmin):
            assert "council" not in model_admin.get_list_display(request), model
    assert str(short_name(ward)) == '<span title="HĐND phường Ka Long">P. Ka Long</span>'
    make_petition(ward, content="Kiến nghị của Ka Long")
    page = client_for(secretariat_clerk).get(reverse("admin:petitions_petition_changelist")).content.decode()
    assert '<span title="HĐND phường Ka Long">P. Ka Long</span>' in page
