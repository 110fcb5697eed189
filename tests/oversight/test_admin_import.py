"""The admin import flow: upload -> preview (dry run) -> confirm, scoped to the clerk."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.oversight.models import Recommendation
from apps.sittings.models import Resolution
from tests.sittings import factories as f
from tests.sittings.xlsx import workbook

D = f.D


def upload(client, app, model, data):
    return client.post(reverse(f"admin:{app}_{model}_import"), {
        "import_file": SimpleUploadedFile("so.xlsx", data), "format": "0", "resource": "0"})


def admin_export(client, app, model):
    url = reverse(f"admin:{app}_{model}_export")
    form = client.get(url).context["form"]
    data = {"format": "0", "resource": "0"}
    data.update({name: "on" for name in form.fields if name.endswith(tuple(form.fields)) and "resource_" in name})
    response = client.post(url, data)
    assert response.status_code == 200
    return response.content


@pytest.mark.django_db
def test_ward_clerk_previews_then_confirms_a_recommendation_import(client_for, ward_clerk, ward):
    act = f.activity(ward, "Giám sát công tác quản lý đất đai", D(2022, 5, 10))
    data = workbook(
        ["Mã đơn vị", "Số hiệu", "Từ cuộc giám sát", "Cơ quan thực hiện", "Nội dung kiến nghị", "Ngày kiến nghị",
         "Hạn thực hiện", "Tình trạng"],
        [["", "", act.title, "UBND thành phố Móng Cái", "Rà soát hồ sơ tồn đọng", "05/06/2022", "30/08/2022",
          "Đang thực hiện"]],
    )
    client = client_for(ward_clerk)
    preview = upload(client, "oversight", "recommendation", data)
    assert preview.status_code == 200
    assert not Recommendation.objects.exists()  # the preview is a dry run
    form = preview.context["confirm_form"]
    response = client.post(reverse("admin:oversight_recommendation_process_import"), {**form.initial, "resource": "0"})
    assert response.status_code == 302
    rec = Recommendation.objects.get()
    assert rec.council == ward and rec.activity == act and rec.created_by == ward_clerk


@pytest.mark.django_db
def test_a_bad_file_shows_vietnamese_row_errors_and_offers_no_confirm(client_for, ward_clerk, ward):
    f.resolution(ward, "15/NQ-HĐND", D(2022, 4, 16))
    data = workbook(["Mã đơn vị", "Số nghị quyết", "Ngày thông qua", "Trích yếu"],
                    [["06709", "15/NQ-HĐND", "20/05/2022", "Trùng số"], ["06709", "16/NQ-HĐND", "32/05/2022", "Sai"]])
    preview = upload(client_for(ward_clerk), "sittings", "resolution", data)
    text = preview.content.decode()
    assert "đã được dùng" in text and "không phải là ngày" in text
    assert preview.context.get("confirm_form") is None
    assert Resolution.objects.count() == 1


@pytest.mark.django_db
def test_admin_export_reimports_with_no_change(client_for, secretariat_clerk, ward):
    act = f.activity(ward, "Giám sát an toàn thực phẩm", D(2022, 5, 10))
    f.recommendation(ward, act, D(2022, 6, 1))
    client = client_for(secretariat_clerk)
    data = admin_export(client, "oversight", "recommendation")
    preview = upload(client, "oversight", "recommendation", data)
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["new"] == 0 and result.totals["update"] == 0 and result.totals["skip"] == 1


@pytest.mark.django_db
def test_leader_cannot_import(client_for, leader):
    response = client_for(leader).get(reverse("admin:oversight_recommendation_import"))
    assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["sittings_agendaitem", "sittings_commitment", "oversight_followup"])
def test_child_rows_have_no_import_or_export_by_database_id(client_for, secretariat_clerk, name):
    client = client_for(secretariat_clerk)
    assert client.get(reverse(f"admin:{name}_import")).status_code == 403
    assert client.get(reverse(f"admin:{name}_export")).status_code == 403
    assert b"/import/" not in client.get(reverse(f"admin:{name}_changelist")).content
