"""Numbers agree: on fixed data (register rows through the real models, ward reports), the page,
the xlsx TongHop cells and the docx sentences state the same figures as the Summary."""
import datetime
import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from apps.core.models import ReportingPeriod
from apps.reports.summary import build_summary
from apps.reports.summary.docx import summary_docx
from apps.reports.summary.wording import so
from apps.reports.summary.xlsx import summary_xlsx

from .test_summary_admin import cells, page_url
from .test_summary_admin import pytestmark as admin_marks
from .test_summary_builder import make_registers, report, tonghop

pytestmark = admin_marks

D = datetime.date


@pytest.fixture
def fixed_data(city, ward, other_ward):
    make_registers(city)
    report(ward, "2022-H1", {"KH01": 2, "KH02": 2, "KH03": 0, "KH04": 0, "KH05": 9, "GS01": 4, "GS05": 1,
                             "CT03": 14, "DT01": None})
    report(other_ward, "2022-H1", {"KH01": 1, "KH02": 1, "KH05": 3, "GS01": 0, "CT03": 6, "DT01": 2})
    return build_summary(city, ReportingPeriod.objects.from_code("2022-H1"))


def test_the_registers_are_counted_for_the_council(fixed_data):
    own = fixed_data.council_row.values
    assert (own["KH01"], own["KH02"], own["KH03"], own["KH04"], own["KH05"]) == (3, 2, 1, 0, 12)
    assert (own["GS01"], own["GS02"], own["GS03"], own["GS04"], own["GS05"]) == (5, 2, 1, 2, 2)
    assert fixed_data.total("KH05") == 12 + 9 + 3
    assert fixed_data.total("DT01") == 2 + (own["DT01"] or 0)


def test_page_xlsx_and_docx_state_the_same_figures(fixed_data, city, leader, client_for):
    summary = fixed_data
    html = client_for(leader).get(page_url(council=city.pk, period="2022-H1")).content.decode()
    _header, sheet = tonghop(summary_xlsx(summary))
    for unit, row in [("06709", summary.wards[0]), ("194", summary.council_row), ("total", summary.totals)]:
        row = next(r for r in summary.table_rows if (r.code or "total") == unit)
        on_screen = cells(html, unit)
        in_sheet = sheet["Tổng cộng" if unit == "total" else unit]
        for code in summary.codes:
            value = row.value(code)
            assert on_screen[code] == ("" if value is None else str(value)), (unit, code)
            assert in_sheet[code] == value, (unit, code)

    doc = Document(io.BytesIO(summary_docx(summary, with_charts=False)))
    text = "\n".join(p.text for p in doc.paragraphs)
    own = summary.own
    assert f"tổ chức thành công {so(own('KH01'))} kỳ họp ({so(own('KH02'))} kỳ họp thường lệ, " \
           f"{so(own('KH03'))} kỳ họp chuyên đề), ban hành {so(own('KH05'))} nghị quyết" in text
    assert "tổ chức thành công 03 kỳ họp (02 kỳ họp thường lệ, 01 kỳ họp chuyên đề), ban hành 12 nghị quyết" in text
    assert "05 cuộc giám sát, khảo sát, trong đó: 02 cuộc giám sát chuyên đề, 01 cuộc giám sát theo nhiệm vụ " \
           "trọng tâm, thường xuyên, 02 cuộc khảo sát đột xuất; tổ chức 02 phiên giải trình" in text
    assert f"Có {so(2)}/{so(17)} HĐND xã, phường đã gửi báo cáo" in text
    assert f"HĐND các xã, phường đã tổ chức {so(3)} kỳ họp, ban hành {so(12)} nghị quyết" in text
    annex = next(t for t in doc.tables if t.rows[0].cells[0].text == "STT")
    header = [c.text for c in annex.rows[0].cells]
    total_row = [c.text for c in annex.rows[-1].cells]
    assert total_row[1] == "Tổng cộng"
    assert total_row[header.index(summary.indicator("KH05").short_name)] == str(summary.total("KH05")) == "24"


def test_record_text_that_looks_like_a_formula_stays_text_in_the_lists(fixed_data):
    from apps.sittings.models import Resolution

    for i, text in enumerate(["+84 912 345 678", "-x", "@x"], start=20):
        Resolution.objects.create(council_id=fixed_data.council_id, number=f"{i}/NQ-HĐND",
                                  adopted_date=D(2022, 2, 1), summary=text)
    ws = load_workbook(io.BytesIO(summary_xlsx(fixed_data)))["NghiQuyet"]
    header = [c.value for c in ws[2]]
    col = header.index("Trích yếu") + 1
    found = {ws.cell(row=r, column=col).value: ws.cell(row=r, column=col).data_type for r in range(3, ws.max_row + 1)}
    for text in ["=1+2", "+84 912 345 678", "-x", "@x"]:
        assert found[text] == "s"
    assert len(found) == 15  # 12 of the period + 3 added here; not the 2021 one
    date_col = header.index("Ngày thông qua") + 1
    assert isinstance(ws.cell(row=3, column=date_col).value, datetime.datetime)
    assert ws.freeze_panes == "A3"


def test_the_list_sheets_are_there(fixed_data):
    wb = load_workbook(io.BytesIO(summary_xlsx(fixed_data)))
    assert wb.sheetnames[:3] == ["TongHop", "KyHop", "NghiQuyet"]
    assert wb["KyHop"].max_row == 2 + 3
    assert reverse("admin:reports_summary")
