"""Blank ward report workbooks (docs/WORKBOOK.md), written with the safe spreadsheet writer.

The template is laid out the way the reader expects, with the unit code and the
period filled in and one row per indicator of the form in force for the period.
"""
import io
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from apps.core import periods
from apps.core.spreadsheet import BOLD, set_cell, workbook_bytes

from ..models import Indicator
from .contract import LETTERS, PETITIONS, SHEET_LETTERS, SHEET_PETITIONS, SHEET_VALUES

VALUE_HEADERS = ["STT", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"]
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
INPUT = PatternFill("solid", start_color="FFF2CC")
HEADER_ROW = 6


def period_words(period):
    """"6 tháng đầu năm 2022", "Năm 2022": the wording the workbook reader understands."""
    return periods.title_wording(period.year, period.kind)


def template_filename(council, period):
    return f"bao-cao-{period.code}-{council.code}.xlsx"


def ward_template(council, period, indicators=None):
    """The bytes of a blank workbook for ``council`` (a ward) and ``period``."""
    if indicators is None:
        indicators = list(Indicator.objects.for_period(period).order_by("order", "code"))
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_VALUES
    set_cell(ws, 1, 1, council.name.upper()).font = Font(bold=True, size=12)
    set_cell(ws, 2, 1, f"BÁO CÁO KẾT QUẢ HOẠT ĐỘNG {period_words(period).upper()}").font = Font(bold=True, size=12)
    set_cell(ws, 3, 1, "Mã đơn vị:").font = BOLD
    set_cell(ws, 3, 2, council.code)  # text, so the leading zero stays
    set_cell(ws, 3, 3, council.name)
    set_cell(ws, 4, 1, "Kỳ báo cáo:").font = BOLD
    set_cell(ws, 4, 2, period_words(period))
    for col, header in enumerate(VALUE_HEADERS, start=1):
        cell = set_cell(ws, HEADER_ROW, col, header)
        cell.font, cell.border = BOLD, BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        number = set_cell(ws, HEADER_ROW + 1, col, f"({col})")
        number.alignment, number.border = Alignment(horizontal="center"), BOX
        number.font = Font(italic=True, size=9)
    stt = 0
    for row, indicator in enumerate(indicators, start=HEADER_ROW + 2):
        if not indicator.parent_code:
            stt += 1
        values = [stt if not indicator.parent_code else None, indicator.code, indicator.name, indicator.unit, None, None]
        for col, value in enumerate(values, start=1):
            cell = set_cell(ws, row, col, value)
            cell.border = BOX
        ws.cell(row=row, column=5).fill = INPUT
        ws.cell(row=row, column=5).number_format = "#,##0"
        if indicator.parent_code:
            ws.cell(row=row, column=3).alignment = Alignment(indent=2)
    last = HEADER_ROW + 1 + len(indicators)
    set_cell(ws, last + 2, 1, "Ghi chú: ô «Số liệu» để trống nghĩa là không báo cáo (khác với số 0). "
                              "Chỉ ghi số nguyên, không ghi công thức hay chữ.")
    for col, width in zip(range(1, 7), (6, 13, 60, 12, 12, 30)):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 2, column=1)
    _list_sheet(wb, SHEET_PETITIONS, PETITIONS.columns.values(), "DANH SÁCH KIẾN NGHỊ CỬ TRI (nếu có)")
    _list_sheet(wb, SHEET_LETTERS, LETTERS.columns.values(), "DANH SÁCH ĐƠN THƯ (nếu có)")
    return workbook_bytes(wb)


def _list_sheet(wb, name, headers, title):
    ws = wb.create_sheet(name)
    set_cell(ws, 1, 1, title).font = Font(bold=True, size=12)
    set_cell(ws, 2, 1, "Ngày ghi theo dạng ngày/tháng/năm, ví dụ 15/03/2022. Mỗi dòng một kiến nghị/đơn.")
    for col, header in enumerate(headers, start=1):
        cell = set_cell(ws, 3, col, header)
        cell.font, cell.border = BOLD, BOX
        ws.column_dimensions[get_column_letter(col)].width = 40 if header.startswith("Nội dung") else 18
    ws.freeze_panes = "A4"


def templates_zip(councils, period):
    """A zip with one template per ward; the indicators are read once."""
    indicators = list(Indicator.objects.for_period(period).order_by("order", "code"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for council in councils:
            archive.writestr(template_filename(council, period), ward_template(council, period, indicators))
    return buffer.getvalue()
