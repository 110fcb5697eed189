"""The admin pages of ward reports: upload → preview → confirm, status, templates and files."""
import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from apps.core.models import ReportingPeriod
from apps.petitions.models import Petition
from apps.reports.preview import SESSION_KEY, TMP_DIR
from apps.reports.choices import ReportStatus
from apps.reports.models import WardReport, WardReportValue
from apps.reports.workbook import read_ward_workbook
from tests.reports.workbooks import CONSISTENT_VALUES, ward_workbook

pytestmark = pytest.mark.django_db

UPLOAD = "admin:reports_wardreport_upload"
CONFIRM = "admin:reports_wardreport_upload_confirm"
STATUS = "admin:reports_wardreport_status"


def xlsx(name, data):
    return SimpleUploadedFile(name, data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def three_files():
    return [
        xlsx("van-ninh.xlsx", ward_workbook(unit_code="06748", petitions=[{"content": "Sửa cống thoát nước"}])),
        xlsx("tran-phu.xlsx", ward_workbook(unit_code="06712")),
        xlsx("ka-long-loi.xlsx", ward_workbook(unit_code="06709", values={**CONSISTENT_VALUES, "KH01": 7})),
    ]


def preview(client, files):
    response = client.post(reverse(UPLOAD), {"files": files})
    assert response.status_code == 200
    return response


def token_of(client):
    pending = client.session[SESSION_KEY]
    assert len(pending) == 1
    return next(iter(pending))


def test_preview_shows_good_files_and_every_error_and_writes_nothing(client_for, secretariat_clerk):
    client = client_for(secretariat_clerk)
    response = preview(client, three_files())
    page = response.content.decode()
    assert page.count("Hợp lệ, sẽ nhập") == 2
    assert "HĐND xã Vạn Ninh (06748)" in page and "HĐND phường Trần Phú (06712)" in page
    assert "Tệp ka-long-loi.xlsx, trang tính ChiTieu, ô E7 (Số liệu): số liệu không khớp" in page
    assert "1 kiến nghị cử tri, 0 đơn thư" in page
    assert WardReport.objects.count() == 0 and Petition.objects.count() == 0
    # The bytes wait in shared storage, not in process memory; the session holds only paths.
    token = token_of(client)
    stored = [path for path, _name in client.session[SESSION_KEY][token]["files"]]
    assert all(path.startswith(f"{TMP_DIR}/{token}/") and default_storage.exists(path) for path in stored)


def test_confirm_imports_the_good_files_and_cleans_up(client_for, secretariat_clerk):
    client = client_for(secretariat_clerk)
    preview(client, three_files())
    token = token_of(client)
    stored = [path for path, _name in client.session[SESSION_KEY][token]["files"]]
    response = client.post(reverse(CONFIRM), {"token": token, "confirm": "1"})
    page = response.content.decode()
    assert "Đã nhập <strong>2</strong>/3 tệp" in page
    # The link to the period's status page names the period in words, not its code.
    assert "Tình trạng báo cáo 6 tháng đầu năm 2022</a>" in page and "2022-H1</a>" not in page
    assert WardReport.objects.count() == 2 and WardReportValue.objects.count() == 70
    assert Petition.objects.count() == 1
    assert not any(default_storage.exists(path) for path in stored)
    assert client.session[SESSION_KEY] == {}
    status = client.get(reverse(STATUS), {"period": "2022-H1"}).content.decode()
    assert "Đã báo cáo: <strong>2/17</strong>" in status
    # The same confirm twice does nothing more.
    again = client.post(reverse(CONFIRM), {"token": token, "confirm": "1"}, follow=True)
    assert "Phiên xem trước đã hết hạn" in again.content.decode()
    assert WardReport.objects.count() == 2


def test_confirm_revalidates_from_storage(client_for, secretariat_clerk):
    """Whatever happened since the preview (another clerk imported the ward), the confirm checks again."""
    from apps.reports.importer import WardReportImporter

    client = client_for(secretariat_clerk)
    preview(client, [xlsx("van-ninh.xlsx", ward_workbook())])
    assert WardReportImporter(None).run(ward_workbook(values={**CONSISTENT_VALUES, "KH05": 1}), "khac.xlsx").ok
    page = client.post(reverse(CONFIRM), {"token": token_of(client)}).content.decode()
    assert "Đã nhập <strong>0</strong>/1 tệp" in page and "cần xác nhận thay thế" in page
    assert WardReport.objects.get().original_filename == "khac.xlsx"


def test_replacing_needs_the_box_ticked(client_for, secretariat_clerk):
    client = client_for(secretariat_clerk)
    preview(client, [xlsx("v1.xlsx", ward_workbook())])
    client.post(reverse(CONFIRM), {"token": token_of(client)})
    page = preview(client, [xlsx("v2.xlsx", ward_workbook(values={**CONSISTENT_VALUES, "KH05": 15}))]).content.decode()
    assert "Đã có báo cáo – cần xác nhận thay thế" in page
    assert 'name="replace" value="0"' in page and "1 chỉ tiêu thay đổi" in page
    client.post(reverse(CONFIRM), {"token": token_of(client), "replace": ["0"]})
    current = WardReport.objects.get(status=ReportStatus.CURRENT)
    assert current.original_filename == "v2.xlsx" and current.values_dict()["KH05"] == 15
    assert WardReport.objects.get(status=ReportStatus.REPLACED).values_dict()["KH05"] == 12


def test_cancel_discards_the_preview(client_for, secretariat_clerk):
    client = client_for(secretariat_clerk)
    preview(client, [xlsx("v1.xlsx", ward_workbook())])
    token = token_of(client)
    client.post(reverse(CONFIRM), {"token": token, "cancel": "1"})
    assert WardReport.objects.count() == 0 and client.session[SESSION_KEY] == {}


def test_a_ward_clerk_may_upload_only_their_own_ward(client_for, ward_clerk):
    client = client_for(ward_clerk)
    page = preview(client, [xlsx("ka-long.xlsx", ward_workbook(unit_code="06709")),
                            xlsx("tran-phu.xlsx", ward_workbook(unit_code="06712"))]).content.decode()
    assert "chỉ được tải lên báo cáo của HĐND phường Ka Long" in page
    client.post(reverse(CONFIRM), {"token": token_of(client)})
    assert list(WardReport.objects.values_list("council__admin_unit__code", flat=True)) == ["06709"]


def test_an_empty_and_a_renamed_file_get_clear_messages(client_for, secretariat_clerk):
    client = client_for(secretariat_clerk)
    page = preview(client, [xlsx("rong.xlsx", b""), xlsx("bang.xlsx", b"a;b;c\n1;2;3\n")]).content.decode()
    assert "Tệp rong.xlsx: tệp rỗng" in page
    assert "Tệp bang.xlsx: đây là tệp văn bản/CSV" in page


def test_a_leader_cannot_open_the_upload_page(client_for, leader):
    assert client_for(leader).get(reverse(UPLOAD)).status_code == 403


def test_the_status_page_shows_every_ward_of_the_council(client_for, secretariat_clerk, django_assert_max_num_queries):
    from apps.reports.importer import WardReportImporter

    WardReportImporter(None).run(ward_workbook(), "a.xlsx")
    WardReportImporter(None, replace=True).run(ward_workbook(values={**CONSISTENT_VALUES, "KH05": 1}), "b.xlsx")
    client = client_for(secretariat_clerk)
    client.get(reverse(STATUS), {"period": "2022-H1"})
    with django_assert_max_num_queries(16):
        page = client.get(reverse(STATUS), {"period": "2022-H1"}).content.decode()
    assert page.count('data-state="missing"') == 16
    assert page.count('data-state="replaced"') == 1
    assert "Đã báo cáo (có thay thế)" in page and "Chưa báo cáo" in page


def test_a_ward_clerk_sees_only_their_ward_on_the_status_page(client_for, ward_clerk):
    page = client_for(ward_clerk).get(reverse(STATUS), {"period": "2022-H1"}).content.decode()
    assert "Phường Ka Long" in page.replace("HĐND phường", "Phường") and "Trần Phú" not in page
    assert "Đã báo cáo: <strong>0/1</strong>" in page


def test_the_template_is_filled_in_and_reads_back(client_for, secretariat_clerk, ward):
    client = client_for(secretariat_clerk)
    response = client.get(reverse("admin:reports_wardreport_template"), {"period": "2022-H1", "ward": ward.pk})
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-2022-H1-06709.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["ChiTieu"]
    assert (sheet["A3"].value, sheet["B3"].value) == ("Mã đơn vị:", "06709")
    assert (sheet["A4"].value, sheet["B4"].value) == ("Kỳ báo cáo:", "6 tháng đầu năm 2022")
    assert [c.value for c in sheet[6]][:6] == ["STT", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"]
    assert sheet["G6"].value is None and sheet["H6"].value == "Kiểm tra số liệu (tự động, không nhập)"
    assert sheet["B8"].value == "KH01" and sheet["E8"].value is None
    assert {"KienNghi", "DonThu"} <= set(book.sheetnames)
    # A ward fills in the template and it imports as it is.
    for row in sheet.iter_rows(min_row=8):
        if row[1].value in CONSISTENT_VALUES:
            row[4].value = CONSISTENT_VALUES[row[1].value]
    buffer = io.BytesIO()
    book.save(buffer)
    parsed = read_ward_workbook(buffer.getvalue(), "x.xlsx")
    assert parsed.ok and parsed.unit_code == "06709" and parsed.period_code == "2022-H1"
    assert parsed.values == CONSISTENT_VALUES
    empty = read_ward_workbook(response.content, "mau.xlsx")
    assert empty.ok and set(empty.values.values()) == {None}


def test_the_zip_holds_a_template_for_every_ward(client_for, secretariat_clerk):
    response = client_for(secretariat_clerk).get(reverse("admin:reports_wardreport_template"), {"period": "2022-H1"})
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert len(names) == 17 and "bao-cao-2022-H1-06748.xlsx" in names


def test_a_ward_clerk_cannot_download_another_wards_template(client_for, ward_clerk, other_ward):
    response = client_for(ward_clerk).get(reverse("admin:reports_wardreport_template"),
                                          {"period": "2022-H1", "ward": other_ward.pk})
    assert response.status_code == 404


def test_report_files_are_served_only_within_scope(client_for, ward_clerk, other_ward_clerk):
    from apps.reports.importer import WardReportImporter

    data = ward_workbook(unit_code="06709")
    report = WardReportImporter(ward_clerk).run(data, "ka-long.xlsx").report
    url = reverse("admin:reports_wardreport_file", args=[report.pk])
    response = client_for(ward_clerk).get(url)
    # A ward clerk gets a copy without the senders' identities (tests/reports/test_source_files.py).
    assert response.status_code == 200
    assert read_ward_workbook(response.content, "ka-long.xlsx").unit_code == "06709"
    assert client_for(other_ward_clerk).get(url).status_code == 404


def test_the_changelist_links_the_pages(client_for, secretariat_clerk):
    page = client_for(secretariat_clerk).get(reverse("admin:reports_wardreport_changelist")).content.decode()
    for name in (UPLOAD, STATUS, "admin:reports_wardreport_template"):
        assert reverse(name) in page


def test_the_dashboard_card_counts_reported_wards(client_for, secretariat_clerk, settings):
    from apps.reports.dashboard import cards
    from apps.reports.importer import WardReportImporter

    WardReportImporter(None).run(ward_workbook(), "a.xlsx")
    request = type("R", (), {"user": secretariat_clerk, "GET": {}})()
    card = cards(request, period=ReportingPeriod.objects.from_code("2022-H1"))[0]
    assert card.value == "1/17" and reverse(STATUS) in card.url


def test_the_dashboard_card_falls_back_to_the_latest_half_year_with_wards(client_for, secretariat_clerk):
    from apps.reports.importer import WardReportImporter

    WardReportImporter(None).run(ward_workbook(period="6 tháng đầu năm 2025"), "a.xlsx")
    page = client_for(secretariat_clerk).get(reverse("admin:index")).content.decode()
    # The city's wards ended on 30/06/2025: the card shows 6 tháng đầu năm 2025, not an empty current period.
    assert "Số liệu 6 tháng đầu năm 2025" in page and "Xã, phường đã báo cáo" in page and "1/16" in page


def test_a_new_upload_removes_previews_nobody_confirmed_for_a_day(client_for, secretariat_clerk, monkeypatch):
    import datetime

    from django.core.files.base import ContentFile
    from django.utils import timezone

    stale = default_storage.save(f"{TMP_DIR}/abandoned/ka-long.xlsx", ContentFile(b"x"))
    fresh = default_storage.save(f"{TMP_DIR}/recent/tran-phu.xlsx", ContentFile(b"y"))
    real = default_storage.get_modified_time
    monkeypatch.setattr(default_storage, "get_modified_time", lambda name: (
        timezone.now() - datetime.timedelta(days=2) if name == stale else real(name)))

    preview(client_for(secretariat_clerk), three_files())

    assert not default_storage.exists(stale)
    assert default_storage.exists(fresh)
