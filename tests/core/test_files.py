"""Files in Vietnamese: export headings and names, the import preview, import templates on every import page."""
import datetime
import io
import re

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from apps.core.admin_base import CouncilOwnedAdmin
from apps.core.admin_files import dated_file_name, file_slug

pytestmark = pytest.mark.django_db


def xlsx(headers, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def importable_admins(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return [(model, model_admin) for model, model_admin in admin.site._registry.items()
            if isinstance(model_admin, CouncilOwnedAdmin) and model_admin.has_import_permission(request)]


def test_file_names_are_vietnamese_words_and_the_local_date():
    assert file_slug("Kiến nghị cử tri") == "kien-nghi-cu-tri"
    assert file_slug("Sổ xử lý đơn, đơn thư") == "so-xu-ly-don-don-thu"
    assert dated_file_name("Kiến nghị cử tri", "xlsx", datetime.date(2026, 11, 30)) == "kien-nghi-cu-tri-30-11-2026.xlsx"


def test_export_offers_vietnamese_headings_and_names_the_file_in_vietnamese(client_for, secretariat_clerk):
    client = client_for(secretariat_clerk)
    url = reverse("admin:petitions_petition_export")
    page = client.get(url).content.decode()
    assert "Do Đoàn ĐBQH chuyển" in page and "Mã đơn vị" in page
    assert "Forwarded By Na" not in page and "Council (" not in page
    form = client.get(url).context["form"]
    data = {"format": "0", "resource": "0", **{name: "on" for name in form.fields if name.startswith("petitionresource_")}}
    response = client.post(url, data)
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert f"kien-nghi-cu-tri-{timezone.localdate():%d-%m-%Y}.xlsx" in disposition
    headers = [c.value for c in next(load_workbook(io.BytesIO(response.content)).active.iter_rows(max_row=1))]
    assert headers[:3] == ["Mã đơn vị", "Mã kiến nghị", "Cuộc tiếp xúc cử tri"]
    assert "Do Đoàn ĐBQH chuyển" in headers


def test_import_preview_shows_labels_yes_no_and_dd_mm_yyyy(client_for, ward_clerk, ward):
    client = client_for(ward_clerk)
    headers = ["Mã đơn vị", "Mã kiến nghị", "Nguồn kiến nghị", "Ngày tiếp nhận", "Nội dung kiến nghị",
               "Do Đoàn ĐBQH chuyển", "Tình trạng", "Ngày trả lời"]
    data = xlsx(headers, [["06709", "", "Đoàn ĐBQH tỉnh chuyển", datetime.date(2022, 3, 5), "Đề nghị sửa đường khu 3",
                           "Có", "Chưa giải quyết", None]])
    response = client.post(reverse("admin:petitions_petition_import"), {
        "import_file": SimpleUploadedFile("kn.xlsx", data), "format": "0", "resource": "0"})
    assert response.status_code == 200
    html = response.content.decode()
    preview = html[html.index("import-preview"):]
    assert "05/03/2022" in preview and "2022-03-05" not in preview, preview[:5000]
    assert "Có" in preview and "True" not in preview and "False" not in preview
    assert "None" not in preview, preview[:6000]
    assert "Chưa giải quyết" in preview and "chua_giai_quyet" not in preview
    assert response.context.get("confirm_form") is not None  # a valid row: the preview, not the error table

    # A refused row shows what was typed the same way (not "2022-03-05 00:00:00" or "None").
    bad = xlsx(headers, [["06709", "", "", datetime.date(2022, 3, 5), "Đề nghị", "Có", "Chưa giải quyết", None]])
    response = client.post(reverse("admin:petitions_petition_import"), {
        "import_file": SimpleUploadedFile("kn.xlsx", bad), "format": "0", "resource": "0"})
    html = response.content.decode()
    refused = html[html.index("import-preview"):]
    assert "Chọn cuộc tiếp xúc cử tri hoặc ghi nguồn kiến nghị." in refused
    assert '<span class="validation-error-field-label">Nguồn kiến nghị</span>' in refused
    assert "05/03/2022" in refused and "2022-03-05" not in refused and "None" not in refused


@pytest.mark.parametrize("persona", ["secretariat", "ward"])
def test_every_import_page_offers_a_template_with_headings_an_example_and_lists(client_for, personas, persona):
    user = personas[persona]
    client = client_for(user)
    admins = importable_admins(user)
    assert {m._meta.model_name for m, _a in admins} >= {"petition", "letter", "visit", "resolution"}
    for model, model_admin in admins:
        opts = model._meta
        page = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_import")).content.decode()
        template_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_import_template")
        assert template_url in page, opts.model_name
        response = client.get(template_url)
        assert response.status_code == 200, opts.model_name
        assert f"mau-nhap-{file_slug(opts.verbose_name_plural)}.xlsx" in response["Content-Disposition"]
        wb = load_workbook(io.BytesIO(response.content))
        ws = wb.worksheets[0]
        headers = [c.value for c in ws[1]]
        resource = model_admin.get_import_resource_classes(None)[0]()
        expected = [f.column_name for f in resource.get_import_fields() if not f.readonly]
        assert headers == expected, opts.model_name
        assert any(c.value not in (None, "") for c in ws[2]), f"{opts.model_name}: no example row"
        assert wb["DanhMuc"].sheet_state == "hidden"


def test_a_petition_template_lists_statuses_and_yes_no_and_imports_its_example(client_for, ward_clerk, ward):
    from apps.petitions.models import Petition

    client = client_for(ward_clerk)
    response = client.get(reverse("admin:petitions_petition_import_template"))
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    example = dict(zip(headers, [c.value for c in ws[2]]))
    assert example["Mã đơn vị"] == "06709"
    assert example["Tình trạng"] == "Đã giải quyết"
    assert example["Do Đoàn ĐBQH chuyển"] == "Có"
    lists = wb["DanhMuc"]
    named = {lists.cell(1, c).value: [lists.cell(r, c).value for r in range(2, lists.max_row + 1)
                                      if lists.cell(r, c).value] for c in range(1, lists.max_column + 1)}
    assert named["Tình trạng"] == ["Đã giải quyết", "Đang giải quyết", "Đã giải trình, cung cấp thông tin",
                                   "Chưa giải quyết"]
    assert named["Do Đoàn ĐBQH chuyển"] == ["Có", "Không"]
    status_col = headers.index("Tình trạng") + 1
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(status_col)
    rules = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert any(str(dv.sqref).startswith(f"{letter}2:") and "DanhMuc" in dv.formula1 for dv in rules)

    # The template, filled only with its example row, is an import the preview accepts.
    before = Petition.objects.count()
    preview = client.post(reverse("admin:petitions_petition_import"), {
        "import_file": SimpleUploadedFile("mau.xlsx", response.content), "format": "0", "resource": "0"})
    assert preview.status_code == 200
    assert preview.context.get("confirm_form") is not None, re.sub(r"\s+", " ", preview.content.decode())[-3000:]
    assert Petition.objects.count() == before


def test_template_refused_without_import_permission(client_for, leader):
    response = client_for(leader).get(reverse("admin:petitions_petition_import_template"))
    assert response.status_code == 403
