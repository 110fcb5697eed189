"""Browser: a leader opens "Báo cáo 6 tháng", changes the period, downloads the xlsx and the docx."""
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from .test_summary_builder import report

pytestmark = [pytest.mark.browser]


def ward_cell(page, unit, code):
    return page.text_content(f'#summary-table tr[data-unit="{unit}"] td[data-code="{code}"]').strip()


def test_a_leader_opens_the_summary_changes_the_period_and_downloads_both_files(
        page, live_server, login, leader, city, ward):
    report(ward, "2022-H1", {"KH05": 7, "CT03": 11})
    report(ward, "2022-H2", {"KH05": 4})
    login(page, live_server, leader)

    page.goto(f"{live_server.url}/admin/reports/summary/")
    assert "Báo cáo 6 tháng" in page.title()
    assert "HĐND thành phố Móng Cái" in page.text_content("#summary-heading")

    page.select_option("#id_period", "2022-H1")
    with page.expect_navigation():
        page.click("#summary-filter input[type=submit]")
    assert "6 tháng đầu năm 2022" in page.text_content("#summary-heading")
    assert ward_cell(page, "06709", "KH05") == "7"
    assert ward_cell(page, "06712", "KH05") == ""  # not reported
    assert page.locator(".summary-charts img").count() == 4

    page.select_option("#id_period", "2022-H2")
    with page.expect_navigation():
        page.click("#summary-filter input[type=submit]")
    assert "6 tháng cuối năm 2022" in page.text_content("#summary-heading")
    assert ward_cell(page, "06709", "KH05") == "4"

    with page.expect_download() as xlsx_info:
        page.click("#download-xlsx")
    xlsx = xlsx_info.value
    assert xlsx.suggested_filename == "bao-cao-6-thang-194-2022-H2.xlsx"
    ws = load_workbook(io.BytesIO(open(xlsx.path(), "rb").read()))["TongHop"]
    ka_long = next(row for row in ws.iter_rows(values_only=True) if row[0] == "06709")
    assert 4 in ka_long

    with page.expect_download() as docx_info:
        page.click("#download-docx")
    docx = docx_info.value
    assert docx.suggested_filename == "bao-cao-6-thang-194-2022-H2.docx"
    text = "\n".join(p.text for p in Document(io.BytesIO(open(docx.path(), "rb").read())).paragraphs)
    assert "Kết quả hoạt động của Hội đồng nhân dân thành phố 6 tháng cuối năm 2022" in text
