"""English where the switch promises it: the summary page with its own sections, the upload
preview and result pages, and the reports card and period heading of the dashboard."""
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from apps.reports.choices import AttemptOutcome
from apps.reports.models import ImportAttempt

from .test_admin_upload import xlsx
from .workbooks import ward_workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client_for, secretariat_clerk):
    client = client_for(secretariat_clerk)
    client.post(reverse("set_language"), {"language": "en", "next": reverse("admin:index")})
    yield client
    translation.activate(settings.LANGUAGE_CODE)  # the test thread keeps the last request's language


def test_the_summary_page_and_its_sections_are_in_english(english, city):
    html = english.get(reverse("admin:reports_summary") + f"?council={city.pk}&period=2022-H1").content.decode()

    for text in ("Half-year report", "Show the report", "Download the summary table (xlsx)",
                 "Download the report (docx)", "Unit code", "Not reported", "Charts",
                 "The secretariat's assessment", "General assessment", "Shortcomings and their causes",
                 "Directions and tasks for", "Save the assessment", "Reported: <strong>0/17</strong>",
                 "Voter petitions by status, per unit", "HĐND thành phố Móng Cái – first half of 2022"):
        assert text in html, text
    for text in ("Xem báo cáo", "Tải bảng tổng hợp", "Mã đơn vị", "Chưa báo cáo", "Biểu đồ", "Đánh giá chung",
                 "Lưu phần đánh giá", "Đã báo cáo:",
                 "6 tháng đầu năm", "6 tháng cuối năm"):
        assert text not in html, text


def test_saving_the_sections_says_so_in_english(english, city):
    response = english.post(reverse("admin:reports_summary") + f"?council={city.pk}&period=2022-H1",
                            {"assessment": "Tốt.", "shortcomings": "", "directions": ""}, follow=True)
    assert "The assessment of the first half of 2022 report was saved." in response.content.decode()


def test_the_upload_preview_and_result_pages_are_in_english(english):
    preview = english.post(reverse("admin:reports_wardreport_upload"),
                           {"files": [xlsx("a.xlsx", ward_workbook())]}).content.decode()
    assert "Preview of the report files" in preview and "Valid, will be imported" in preview
    assert "Confirm import" in preview and "Cancel" in preview and "Indicator" in preview
    assert "Xác nhận nhập" not in preview and "Hợp lệ, sẽ nhập" not in preview and "Đã kiểm tra" not in preview
    token = preview.split('name="token" value="', 1)[1].split('"', 1)[0]

    result = english.post(reverse("admin:reports_wardreport_upload_confirm"),
                          {"token": token, "confirm": "1"}).content.decode()
    assert "Import results" in result and "Imported <strong>1</strong>/1 file(s)." in result
    assert "indicators with figures" in result and "Upload other files" in result
    assert "Kết quả nhập báo cáo" not in result and "Đã nhập" not in result and "chỉ tiêu có số liệu" not in result
    # The import log is kept in Vietnamese whatever language the clerk reads the pages in.
    logged = ImportAttempt.objects.filter(outcome=AttemptOutcome.IMPORTED).get().messages
    assert "đã nhập: 35/35 chỉ tiêu có số liệu" in logged and "imported" not in logged


def test_the_dashboard_period_and_reports_card_are_in_english(english):
    html = english.get(reverse("admin:index") + "?period=2022-H1").content.decode()
    assert "Figures for first half of 2022 (01/01/2022 – 30/06/2022)" in html
    assert "6 tháng đầu năm" not in html and "6 tháng cuối năm" not in html
    assert "Communes and wards reported" in html and "Sittings and resolutions" in html
    assert "To follow up (as of today" in html and "Half-year report (summary, Excel / Word export)" in html
    assert "Xã, phường đã báo cáo" not in html and "Số liệu 6 tháng" not in html


def test_the_upload_form_and_the_ward_status_page_are_in_english(english):
    form = english.get(reverse("admin:reports_wardreport_upload")).content.decode()
    assert "Report files (.xlsx)" in form and "Choose one or more files at once" in form
    assert "Các tệp báo cáo" not in form and "Chọn một hoặc nhiều tệp" not in form

    status = english.get(reverse("admin:reports_wardreport_status") + "?period=2022-H1").content.decode()
    assert "Commune and ward reports: status" in status
    assert "Tình trạng báo cáo của xã, phường" not in status
    assert "Reported: <strong>0/17</strong> units" in status
    assert "First half of 2022" in status and "6 tháng đầu năm" not in status and "6 tháng cuối năm" not in status


def test_a_corrected_short_form_is_named_in_the_pages_language():
    from django.utils import translation

    from apps.reports.results import Correction

    correction = Correction(sheet="KienNghi", cell="I5", row=5, column="Tình trạng", typed="Đã chuyển",
                            label="Đã chuyển, chờ trả lời")
    with translation.override("en"):
        assert correction.line() == "Sheet KienNghi, cell I5 (Tình trạng): «Đã chuyển» → «Đã chuyển, chờ trả lời»"
    with translation.override("vi"):
        assert correction.line().startswith("Trang tính KienNghi, ô I5 (Tình trạng)")
