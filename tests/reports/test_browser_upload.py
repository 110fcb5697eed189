"""Browser test (issue 5): three workbooks in one upload, one broken; preview, confirm, ward status."""
import pytest

from apps.reports.models import WardReport
from tests.reports.workbooks import CONSISTENT_VALUES, ward_workbook

pytestmark = pytest.mark.browser

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_upload_three_workbooks_one_broken_then_confirm(page, live_server, login, secretariat_clerk):
    files = [
        {"name": "van-ninh.xlsx", "mimeType": XLSX, "buffer": ward_workbook(unit_code="06748")},
        {"name": "tran-phu.xlsx", "mimeType": XLSX, "buffer": ward_workbook(unit_code="06712")},
        {"name": "ka-long-loi.xlsx", "mimeType": XLSX,
         "buffer": ward_workbook(unit_code="06709", values={**CONSISTENT_VALUES, "KH01": 7, "KH05": -1})},
    ]
    login(page, live_server, secretariat_clerk)
    # From the ward report list, through its object tools, to the upload page.
    page.goto(f"{live_server.url}/admin/reports/wardreport/")
    page.click("text=Tải lên báo cáo")
    page.set_input_files("input[type=file][name=files]", files)
    page.click("input[type=submit][value='Kiểm tra và xem trước']")

    good = page.locator("section.wr-file[data-state=ok]")
    broken = page.locator("section.wr-file[data-state=error]")
    good.first.wait_for()
    assert good.count() == 2 and broken.count() == 1
    assert "HĐND xã Vạn Ninh (06748)" in good.nth(0).text_content()
    assert "HĐND phường Trần Phú (06712)" in good.nth(1).text_content()
    errors = broken.locator("ul.wr-errors li")
    assert errors.count() == 2  # every error at once: the value and the failed rule
    text = broken.text_content()
    assert "ka-long-loi.xlsx" in text and "KH05" in text and "số liệu không khớp" in text
    assert WardReport.objects.count() == 0  # nothing written before the confirm

    page.click("input[type=submit][name=confirm]")
    page.locator("text=Đã nhập").first.wait_for()
    assert "Đã nhập 2/3 tệp" in page.text_content("#content-main")
    page.click("text=Tình trạng báo cáo kỳ 2022-H1")
    page.locator("#ward-status").wait_for()
    assert "Đã báo cáo: 2/17" in page.text_content("#ward-status-count")
    assert page.locator("#ward-status tr[data-state=reported]").count() == 2
    assert page.locator("#ward-status tr[data-state=missing]").count() == 15
