"""A denouncer's identity: visible to the secretariat and leaders, masked for ward clerks on every surface."""
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.reception import confidential
from apps.reception.models import Letter
from apps.reception.resources import LetterResource

from .helpers import make_letter, make_visit

pytestmark = pytest.mark.django_db

NAME = "Phạm Thị Thanh Hương"
ADDRESS = "Số 7 phố Hòa Bình, khu 2"
CCCD = "022185001234"
MASKED = confidential.MASK  # the whole name, not "Phạm *** *** ***"


@pytest.fixture
def denunciation(ward):
    letter = make_letter(ward, content_type="to_cao", sender_name=NAME, sender_address=ADDRESS,
                         sender_id_number=CCCD, content="Tố cáo cán bộ địa chính nhận tiền khi cấp sổ đỏ.")
    # A change, so that the history has a delta that mentions the identity.
    letter.sender_name = NAME + " "
    letter.sender_address = ADDRESS + ", Ka Long"
    letter.save()
    return letter


@pytest.fixture
def denunciation_visit(ward):
    return make_visit(ward, classification="to_cao", citizen_name=NAME, citizen_address=ADDRESS,
                      citizen_id_number=CCCD, content="Tố cáo việc thu tiền trái phép.")


def page(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200
    return response.content.decode()


def leaks(html):
    return [secret for secret in (NAME, "Phạm", "Thanh Hương", ADDRESS, CCCD) if secret in html]


def test_permission_goes_to_secretariat_and_leader_not_ward_clerks(secretariat_clerk, leader, ward_clerk, superuser):
    assert confidential.can_view_identity(secretariat_clerk)
    assert confidential.can_view_identity(leader)
    assert confidential.can_view_identity(superuser)
    assert not confidential.can_view_identity(ward_clerk)


def test_the_mask_hides_the_whole_name():
    # Not even the family name: in a ward, "Phạm" and the matter are often enough to know who it is.
    assert confidential.mask("Nguyễn Văn An") == "***"
    assert confidential.mask("") == ""


@pytest.mark.parametrize("model", ["letter", "visit"])
def test_changelist_masks_the_denouncer_for_a_ward_clerk(client_for, ward_clerk, denunciation, denunciation_visit, model):
    html = page(client_for(ward_clerk), reverse(f"admin:reception_{model}_changelist"))
    assert leaks(html) == []
    assert MASKED in html


@pytest.mark.parametrize("model", ["letter", "visit"])
def test_changelist_shows_the_denouncer_to_the_secretariat(client_for, secretariat_clerk, denunciation,
                                                           denunciation_visit, model):
    assert NAME in page(client_for(secretariat_clerk), reverse(f"admin:reception_{model}_changelist"))


def test_change_view_never_sends_the_real_identity_to_a_ward_clerk(client_for, ward_clerk, denunciation):
    response = client_for(ward_clerk).get(reverse("admin:reception_letter_change", args=[denunciation.pk]))
    html = response.content.decode()
    assert leaks(html) == []
    assert MASKED in html
    form = response.context["adminform"].form
    assert "sender_name" not in form.fields and "content_type" not in form.fields


def test_ward_clerk_saving_a_denunciation_keeps_the_identity(client_for, ward_clerk, denunciation):
    client = client_for(ward_clerk)
    url = reverse("admin:reception_letter_change", args=[denunciation.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update({"council": denunciation.council_id, "received_date": "01/03/2022", "note": "Đã xem",
                 "channel": "truc_tiep", "competence": "khong_thuoc", "status": "chua_xu_ly", "eligible": "on",
                 "_save": "1"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    denunciation.refresh_from_db()
    assert denunciation.sender_name == NAME and denunciation.note == "Đã xem"


def test_change_view_shows_the_identity_to_the_secretariat(client_for, secretariat_clerk, denunciation):
    html = page(client_for(secretariat_clerk), reverse("admin:reception_letter_change", args=[denunciation.pk]))
    assert NAME in html and CCCD in html


@pytest.mark.parametrize("model", ["letter", "visit"])
def test_history_is_masked_for_a_ward_clerk(client_for, ward_clerk, denunciation, denunciation_visit, model):
    obj = denunciation if model == "letter" else denunciation_visit
    client = client_for(ward_clerk)
    html = page(client, reverse(f"admin:reception_{model}_history", args=[obj.pk]))
    assert leaks(html) == []
    version = obj.history.earliest()
    html = page(client, reverse(f"admin:reception_{model}_simple_history", args=[obj.pk, version.history_id]))
    assert leaks(html) == []
    assert MASKED in html


def test_history_shows_the_changes_to_the_secretariat(client_for, secretariat_clerk, denunciation):
    html = page(client_for(secretariat_clerk), reverse("admin:reception_letter_history", args=[denunciation.pk]))
    assert "Ka Long" in html


@pytest.mark.parametrize("model", ["letter", "visit"])
def test_a_ward_clerk_cannot_find_a_denouncer_by_name(client_for, ward_clerk, denunciation, denunciation_visit, model):
    client = client_for(ward_clerk)
    response = client.get(reverse(f"admin:reception_{model}_changelist"), {"q": "Thanh Hương"})
    assert list(response.context["cl"].result_list) == []
    response = client.get(reverse(f"admin:reception_{model}_changelist"), {"q": CCCD})
    assert list(response.context["cl"].result_list) == []


def test_a_ward_clerk_still_finds_other_letters_by_name(client_for, ward_clerk, ward, denunciation):
    other = make_letter(ward, sender_name="Vũ Thanh Hương", content_type="kien_nghi")
    response = client_for(ward_clerk).get(reverse("admin:reception_letter_changelist"), {"q": "Thanh Hương"})
    assert list(response.context["cl"].result_list) == [other]


def test_the_secretariat_finds_a_denouncer_by_name(client_for, secretariat_clerk, denunciation):
    response = client_for(secretariat_clerk).get(reverse("admin:reception_letter_changelist"), {"q": "Thanh Hương"})
    assert list(response.context["cl"].result_list) == [denunciation]


def test_autocomplete_does_not_find_a_denouncer_for_a_ward_clerk(client_for, ward_clerk, denunciation_visit):
    response = client_for(ward_clerk).get(reverse("admin:autocomplete"), {
        "term": "Hương", "app_label": "reception", "model_name": "letter", "field_name": "visit"})
    assert response.json()["results"] == []


def xlsx_text(data):
    wb = load_workbook(io.BytesIO(data))
    return "\n".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None)


def admin_export(client, model):
    from import_export.forms import SelectableFieldsExportForm

    resource = {"letter": "letterresource", "visit": "visitresource"}[model]
    url = reverse(f"admin:reception_{model}_export")
    form = client.get(url).context["form"]
    data = {"format": "0", "resource": "0"}
    data.update({name: "on" for name in form.fields if name.startswith(resource + "_")})
    response = client.post(url, data)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml"), \
        response.content[:500]
    assert SelectableFieldsExportForm  # the admin's selectable-fields export form
    return xlsx_text(response.content)


@pytest.mark.parametrize("model", ["letter", "visit"])
def test_export_masks_the_denouncer_for_a_ward_clerk(client_for, ward_clerk, denunciation, denunciation_visit, model):
    text = admin_export(client_for(ward_clerk), model)
    assert leaks(text) == []
    assert MASKED in text


@pytest.mark.parametrize("model", ["letter", "visit"])
def test_export_shows_the_denouncer_to_the_secretariat(client_for, secretariat_clerk, denunciation,
                                                       denunciation_visit, model):
    assert NAME in admin_export(client_for(secretariat_clerk), model)


def test_reception_book_is_masked_for_a_ward_clerk(client_for, ward_clerk, denunciation_visit):
    client = client_for(ward_clerk)
    response = client.post(reverse("admin:reception_visit_changelist"), {
        "action": "export_reception_book", "_selected_action": [denunciation_visit.pk]})
    text = xlsx_text(response.content)
    assert leaks(text) == [] and MASKED in text


def test_reception_book_shows_the_denouncer_to_the_secretariat(client_for, secretariat_clerk, denunciation_visit):
    response = client_for(secretariat_clerk).post(reverse("admin:reception_visit_changelist"), {
        "action": "export_reception_book", "_selected_action": [denunciation_visit.pk]})
    assert NAME in xlsx_text(response.content)


def test_reimporting_a_masked_export_keeps_the_real_identity(ward_clerk, denunciation):
    from apps.core.importexport import SafeXLSX

    data = SafeXLSX().export_data(LetterResource(user=ward_clerk).export())
    dataset = SafeXLSX().create_dataset(data)
    result = LetterResource(user=ward_clerk).import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    denunciation.refresh_from_db()
    assert (denunciation.sender_name, denunciation.sender_id_number) == (NAME, CCCD)


def test_unmasked_views_and_exports_are_logged_when_the_audit_log_exists(monkeypatch, client_for, secretariat_clerk,
                                                                        ward_clerk, denunciation):
    calls = []
    monkeypatch.setattr(confidential, "log_sensitive_access",
                        lambda user, action, obj, request=None: calls.append((user, action)))
    client_for(secretariat_clerk).get(reverse("admin:reception_letter_change", args=[denunciation.pk]))
    LetterResource(user=secretariat_clerk).export()
    assert calls == [(secretariat_clerk, "viewed"), (secretariat_clerk, "exported")]
    calls.clear()
    client_for(ward_clerk).get(reverse("admin:reception_letter_change", args=[denunciation.pk]))
    assert calls == []


def test_titles_never_carry_a_name(denunciation, denunciation_visit):
    assert "Phạm" not in str(denunciation) and "Phạm" not in str(denunciation_visit)
    assert str(denunciation).startswith("Đơn số 0001/2022")
    assert datetime.date(2022, 3, 1).strftime("%d/%m/%Y") in str(denunciation_visit)


def test_the_audit_log_records_who_saw_a_denouncer(client_for, secretariat_clerk, ward_clerk, denunciation,
                                                   denunciation_visit):
    audit = pytest.importorskip("apps.core.audit")
    from apps.core.models import SensitiveAccessLog

    assert confidential.log_sensitive_access is audit.log_sensitive_access
    client_for(ward_clerk).get(reverse("admin:reception_letter_change", args=[denunciation.pk]))
    assert not SensitiveAccessLog.objects.exists()
    client = client_for(secretariat_clerk)
    client.get(reverse("admin:reception_letter_change", args=[denunciation.pk]))
    client.post(reverse("admin:reception_visit_changelist"), {
        "action": "export_reception_book", "_selected_action": [denunciation_visit.pk]})
    admin_export(client, "letter")
    rows = list(SensitiveAccessLog.objects.order_by("pk").values_list("username", "action"))
    assert rows == [("vanphong_t", "viewed"), ("vanphong_t", "exported"), ("vanphong_t", "exported")]


def test_an_older_version_from_before_it_was_a_denunciation_is_masked_too(client_for, ward_clerk, ward):
    letter = make_letter(ward, content_type="kien_nghi", sender_name=NAME, sender_id_number=CCCD)
    letter.content_type = "to_cao"
    letter.save()
    first = letter.history.earliest()
    url = reverse("admin:reception_letter_simple_history", args=[letter.pk, first.history_id])
    html = page(client_for(ward_clerk), url)
    assert leaks(html) == []


def test_import_preview_does_not_show_the_stored_identity(client_for, ward_clerk, denunciation):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from apps.core.importexport import SafeXLSX

    dataset = LetterResource(user=ward_clerk).export()
    dataset.append_col(["Đã xem lại"] * len(dataset), header="Ghi chú mới")  # an extra column is ignored
    row = list(dataset[0])
    row[dataset.headers.index("Ghi chú")] = "Ghi chú đổi khi nhập"
    dataset[0] = tuple(row)
    data = SafeXLSX().export_data(dataset)
    client = client_for(ward_clerk)
    response = client.post(reverse("admin:reception_letter_import"), {
        "import_file": SimpleUploadedFile("so.xlsx", data), "format": "0", "resource": "0"})
    html = response.content.decode()
    assert response.context["result"].totals["update"] == 1
    assert leaks(html) == []


def test_a_rule_broken_on_a_masked_field_is_shown_not_a_server_error(client_for, ward_clerk, ward):
    letter = make_letter(ward, content_type="to_cao", sender_name=NAME)
    Letter.objects.filter(pk=letter.pk).update(sender_name="")  # an old row typed without a name
    client = client_for(ward_clerk)
    url = reverse("admin:reception_letter_change", args=[letter.pk])
    response = client.post(url, {"council": ward.pk, "received_date": "01/03/2022", "channel": "truc_tiep",
                                 "content": letter.content, "competence": "khong_thuoc", "eligible": "on",
                                 "status": "chua_xu_ly", "_save": "1"})
    assert response.status_code == 200
    assert "Ghi họ tên người gửi, hoặc đánh dấu đơn nặc danh." in response.content.decode()
