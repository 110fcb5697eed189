"""Browser: the secretariat writes its own sections under the summary's figures, saves them, and
finds them in the downloaded docx; the leader reads them; the dashboard names one half-year."""
import io
import os

import pytest
from docx import Document

from .test_summary_builder import make_registers, report

pytestmark = [pytest.mark.browser]

SHOTS = os.environ.get("SUMMARY_SHOTS")  # a folder: screenshots at 1366×768 and the docx, to look at


def shot(page, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"))


def test_the_secretariat_writes_its_sections_and_finds_them_in_the_docx(
        page, live_server, login, secretariat_clerk, leader, city, ward):
    make_registers(city)
    report(ward, "2022-H1", {"KH01": 1, "KH02": 1, "KH05": 3, "CT03": 4, "CT04": 4})
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, live_server, secretariat_clerk)

    page.goto(f"{live_server.url}/admin/reports/summary/?council={city.pk}&period=2022-H1")
    assert page.is_visible("#narrative-form")
    page.fill("#id_assessment", "Hoạt động của HĐND thành phố có nhiều đổi mới.\n"
                                "Công tác giám sát tập trung vào những vấn đề cử tri quan tâm.")
    page.fill("#id_shortcomings", "Một số kiến nghị sau giám sát chậm được giải quyết.")
    page.fill("#id_directions", "Tổ chức kỳ họp thường lệ cuối năm 2022.\nGiám sát chuyên đề về quản lý đất đai.")
    page.locator("#summary-narrative").scroll_into_view_if_needed()
    shot(page, "1-summary-sections-form")
    with page.expect_navigation():
        page.click("#narrative-save")

    assert "Đã lưu phần đánh giá" in page.text_content(".messagelist")
    assert "Giám sát chuyên đề về quản lý đất đai." in page.input_value("#id_directions")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    page.locator("#summary-narrative").scroll_into_view_if_needed()
    shot(page, "2-summary-sections-saved")

    with page.expect_download() as info:
        page.click("#download-docx")
    content = open(info.value.path(), "rb").read()
    if SHOTS:
        with open(os.path.join(SHOTS, "bao-cao-194-2022-H1.docx"), "wb") as handle:
            handle.write(content)
    text = [p.text for p in Document(io.BytesIO(content)).paragraphs]
    assert "VI. ĐÁNH GIÁ CHUNG" in text and "Công tác giám sát tập trung vào những vấn đề cử tri quan tâm." in text

    page.context.clear_cookies()
    login(page, live_server, leader)
    page.goto(f"{live_server.url}/admin/reports/summary/?council={city.pk}&period=2022-H1")
    assert not page.is_visible("#narrative-form")
    assert "Một số kiến nghị sau giám sát chậm được giải quyết." in page.text_content("#summary-narrative")
    page.locator("#summary-narrative").scroll_into_view_if_needed()
    shot(page, "3-summary-sections-leader")

    page.goto(f"{live_server.url}/admin/?period=2022-H1")
    assert "Số liệu 6 tháng đầu năm 2022" in page.text_content("#dashboard-period-title")
    shot(page, "4-dashboard-one-period")
