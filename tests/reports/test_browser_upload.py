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
    page.click("text=Tình trạng báo cáo 6 tháng đầu năm 2022")
    page.locator("#ward-status").wait_for()
    assert "Đã báo cáo: 2/17" in page.text_content("#ward-status-count")
    assert page.locator("#ward-status tr[data-state=reported]").count() == 2
    assert page.locator("#ward-status tr[data-state=missing]").count() == 15


SHOTS = "/tmp/shots-workbook"


def test_a_messy_workbook_is_previewed_with_its_corrections_and_an_ambiguous_one_is_refused(
        page, live_server, login, secretariat_clerk):
    """Chị Hoa uploads Vạn Ninh's workbook, written with short forms, and one from Hải Hòa with "Đã" and "KN"."""
    import os

    from apps.reception.models import Letter
    from tests.reports.test_workbook_choices import LETTER, messy

    ambiguous = ward_workbook(unit_code="06742", letters=[{**LETTER, "status": "Đã"}, {**LETTER, "letter_type": "KN"}])
    os.makedirs(SHOTS, exist_ok=True)
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, live_server, secretariat_clerk)
    page.goto(f"{live_server.url}/admin/reports/wardreport/upload/")
    page.set_input_files("input[type=file][name=files]", [
        {"name": "van-ninh-viet-tat.xlsx", "mimeType": XLSX, "buffer": messy()},
        {"name": "hai-hoa-chua-ro.xlsx", "mimeType": XLSX, "buffer": ambiguous},
    ])
    page.click("input[type=submit][value='Kiểm tra và xem trước']")
    good = page.locator("section.wr-file[data-state=ok]")
    good.wait_for()
    corrections = good.locator(".wr-corrections li")
    assert corrections.count() == 5
    assert "Trang tính DonThu, ô I5 (Tình trạng): «Đã chuyển» → «Đã chuyển, chờ trả lời»" in (
        corrections.all_text_contents())
    refused = page.locator("section.wr-file[data-state=error]")
    text = refused.text_content()
    assert "«Đã» chưa rõ là giá trị nào" in text and "«Khiếu nại» hoặc «Kiến nghị»" in text
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    good.scroll_into_view_if_needed()
    page.screenshot(path=f"{SHOTS}/preview-corrections.png")
    refused.scroll_into_view_if_needed()
    page.screenshot(path=f"{SHOTS}/preview-ambiguous.png")

    page.click("input[type=submit][name=confirm]")
    page.locator("text=Đã nhập").first.wait_for()
    assert "Đã nhập 1/2 tệp" in page.text_content("#content-main")
    page.screenshot(path=f"{SHOTS}/result-corrections.png", full_page=True)
    assert sorted(Letter.objects.values_list("status", flat=True)) == ["da_chuyen", "da_huong_dan"]
