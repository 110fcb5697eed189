"""Blank ward report workbooks (docs/WORKBOOK.md), written with the safe spreadsheet writer.

The template is laid out the way the reader expects, with the unit code and the
period filled in and one row per indicator of the form in force for the period.
"""
import io
import zipfile

from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from apps.core import periods
from apps.core.spreadsheet import BOLD, landscape_a4, set_cell, workbook_bytes

from ..models import ConsistencyRule, Indicator
from . import template_aids as aids
from .contract import LETTERS, PETITIONS, SHEET_VALUES

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


def form_data(period):
    """What every template of ``period`` shares: indicators, rules in force and the choice lists (the
    agencies are each council's, see ``ward_template``)."""
    indicators = list(Indicator.objects.for_period(period).order_by("order", "code"))
    rules = [(r.left, r.operator, r.right) for r in ConsistencyRule.objects.in_force(period.end_date)]
    return indicators, rules, aids.template_lists()


# The workbook is an official form read back by the importer: Vietnamese whatever the clerk's language.
@translation.override("vi")
def ward_template(council, period, form=None):
    """The bytes of a blank workbook for ``council`` (a ward) and ``period``; ``form`` is
    ``form_data(period)`` when the caller writes several."""
    indicators, rules, lists = form or form_data(period)
    lists = aids.with_agencies(lists, aids.template_agencies(council, period))
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
    rows = {}
    for row, indicator in enumerate(indicators, start=HEADER_ROW + 2):
        rows[indicator.code] = row
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
    set_cell(ws, last + 3, 1, aids.CHECK_NOTE)
    # Column A is wide enough for the title labels "Mã đơn vị:" and "Kỳ báo cáo:" beside their values.
    for col, width in zip(range(1, 7), (11, 13, 56, 12, 12, 30)):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 2, column=1)
    aids.add_values_aids(ws, HEADER_ROW + 2, last, value_col=5, note_col=6)
    aids.add_check_column(ws, HEADER_ROW, rows, rules, value_col=5, last_row=last)
    ws.print_area = f"A1:F{last + 3}"  # the form as it is signed; the check column stays on screen
    ranges = aids.add_list_sheet(wb, lists)
    _list_sheet(wb, PETITIONS, "DANH SÁCH KIẾN NGHỊ CỬ TRI (nếu có)", lists, ranges)
    _list_sheet(wb, LETTERS, "DANH SÁCH ĐƠN THƯ (nếu có)", lists, ranges)
    wb.active = 0
    return workbook_bytes(wb)


def _list_sheet(wb, spec, title, lists, ranges):
    ws = wb.create_sheet(spec.name, index=len(wb.sheetnames) - 1)  # before the hidden DanhMuc
    set_cell(ws, 1, 1, title).font = Font(bold=True, size=12)
    set_cell(ws, 2, 1, "Ngày ghi theo dạng ngày/tháng/năm, ví dụ 15/03/2022. Mỗi dòng một kiến nghị/đơn. "
                       "Cột có mũi tên: chọn trong danh sách.")
    for col, header in enumerate(spec.columns.values(), start=1):
        cell = set_cell(ws, 3, col, header)
        cell.font, cell.border = BOLD, BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        width = 6 if header == "STT" else 40 if header.startswith("Nội dung") else 18
        ws.column_dimensions[get_column_letter(col)].width = 28 if header.startswith("Cơ quan") else width
    ws.freeze_panes = "A4"
    landscape_a4(ws)
    aids.add_list_sheet_aids(ws, spec.name, list(spec.columns), 3, lists, ranges)


@translation.override("vi")
def templates_zip(councils, period):
    """A zip with one template per ward; the indicators, rules and lists are read once."""
    form = form_data(period)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for council in councils:
            archive.writestr(template_filename(council, period), ward_template(council, period, form))
    return buffer.getvalue()
