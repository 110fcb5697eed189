"""The sổ tiếp công dân in its statutory layout (Mẫu số 03, TT 04/2021/TT-TTCP), written by the safe writer."""
from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from apps.core.spreadsheet import landscape_a4, set_cell, workbook_bytes

from . import confidential
from .choices import VisitHandling

TITLE = "SỔ TIẾP CÔNG DÂN"
FORM_NOTE = "(Mẫu số 03 ban hành kèm theo Thông tư số 04/2021/TT-TTCP ngày 01/10/2021 của Thanh tra Chính phủ)"
# (header, sub-header or None, width)
COLUMNS = [
    ("STT", None, 6),
    ("Ngày tiếp", None, 12),
    ("Họ tên – địa chỉ – CCCD/Hộ chiếu của người được tiếp", None, 36),
    ("Nội dung vụ việc", None, 44),
    ("Phân loại đơn/Số người", None, 16),
    ("Cơ quan đã giải quyết", None, 24),
    ("Hướng xử lý", "Thụ lý", 10),
    ("Hướng xử lý", "Trả lại đơn và hướng dẫn", 14),
    ("Hướng xử lý", "Chuyển đơn", 12),
    ("Theo dõi kết quả", None, 30),
    ("Ghi chú", None, 18),
]
HANDLING_COLUMN = {VisitHandling.ACCEPT: 7, VisitHandling.RETURN_AND_GUIDE: 8, VisitHandling.FORWARD: 9}
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def identity_cell(visit, can_view):
    if can_view or not visit.is_denunciation:
        name, address, id_number = visit.citizen_name, visit.citizen_address, visit.citizen_id_number
    else:
        name = confidential.mask_name(visit.citizen_name)
        address, id_number = confidential.mask_text(visit.citizen_address), confidential.mask_text(visit.citizen_id_number)
    parts = [name, address, f"CCCD: {id_number}" if id_number else ""]
    return "\n".join(p for p in parts if p)


def build_reception_book(visits, council_name, user, request=None):
    """The workbook for ``visits`` (already scoped), masked for users without the permission."""
    can_view = confidential.can_view_identity(user)
    wb = Workbook()
    ws = wb.active
    ws.title = "SoTiepCongDan"
    last = len(COLUMNS)
    set_cell(ws, 1, 1, (council_name or "").upper()).font = Font(bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=4)
    set_cell(ws, 1, 6, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").font = Font(bold=True)
    ws.merge_cells(start_row=1, start_column=6, end_row=1, end_column=last)
    set_cell(ws, 2, 6, "Độc lập – Tự do – Hạnh phúc").font = Font(bold=True)
    ws.merge_cells(start_row=2, start_column=6, end_row=2, end_column=last)
    set_cell(ws, 4, 1, TITLE).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=4, start_column=1, end_row=4, end_column=last)
    set_cell(ws, 5, 1, FORM_NOTE).font = Font(italic=True)
    ws.merge_cells(start_row=5, start_column=1, end_row=5, end_column=last)
    dates = [v.date for v in visits]
    if dates:
        set_cell(ws, 6, 1, f"Từ ngày {min(dates):%d/%m/%Y} đến ngày {max(dates):%d/%m/%Y}")
        ws.merge_cells(start_row=6, start_column=1, end_row=6, end_column=last)
    for row in (1, 2, 4, 5, 6):
        for col in (1, 6):
            ws.cell(row=row, column=col).alignment = CENTER

    header, sub, numbers = 8, 9, 10
    for col, (title, subtitle, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
        if subtitle is None:
            set_cell(ws, header, col, title)
            ws.merge_cells(start_row=header, start_column=col, end_row=sub, end_column=col)
        else:
            set_cell(ws, sub, col, subtitle)
        set_cell(ws, numbers, col, f"({col})")
    set_cell(ws, header, 7, "Hướng xử lý")
    ws.merge_cells(start_row=header, start_column=7, end_row=header, end_column=9)
    for r in (header, sub, numbers):
        for col in range(1, last + 1):
            cell = ws.cell(row=r, column=col)
            cell.font = Font(bold=r != numbers, italic=r == numbers)
            cell.alignment = CENTER
            cell.border = BOX

    row = numbers
    for index, visit in enumerate(visits, start=1):
        row = numbers + index
        values = {
            1: index,
            2: visit.date,
            3: identity_cell(visit, can_view),
            4: visit.content,
            5: f"{visit.get_classification_display()}/{visit.people_count} người",
            6: str(visit.handled_by) if visit.handled_by_id else "",
            10: visit.result,
            11: "; ".join(p for p in [f"Số {visit.register_code}",
                                      "Đoàn đông người" if visit.is_large_group else "",
                                      "Tiếp lần 2 trở lên" if visit.is_repeat else "",
                                      visit.note] if p),
        }
        if visit.handling in HANDLING_COLUMN:
            values[HANDLING_COLUMN[visit.handling]] = "x"
        for col in range(1, last + 1):
            cell = set_cell(ws, row, col, values.get(col))
            cell.border = BOX
            cell.alignment = CENTER if col in (1, 2, 5, 7, 8, 9) else WRAP
    ws.freeze_panes = ws.cell(row=numbers + 1, column=1)
    ws.print_title_rows = f"{header}:{numbers}"
    landscape_a4(ws)
    if can_view and any(v.is_denunciation for v in visits):
        confidential.log_access(user, confidential.EXPORTED, [v for v in visits if v.is_denunciation],
                                request=request)
    return workbook_bytes(wb)


def reception_book_response(request, queryset):
    visits = list(queryset.select_related("council", "handled_by").order_by("council", "date", "register_number"))
    councils = {v.council.name for v in visits}
    council_name = councils.pop() if len(councils) == 1 else "HĐND"
    data = build_reception_book(visits, council_name, request.user, request)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="so-tiep-cong-dan-{timezone.localdate():%Y%m%d}.xlsx"'
    return response
