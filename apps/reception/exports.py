"""The sổ tiếp công dân in its statutory layout, written by the safe writer.

Two forms, by the date of the visit:

- until 30/06/2026: Mẫu số 03 ban hành kèm theo Thông tư 04/2021/TT-TTCP, column for column
  (12 columns, "Hướng xử lý" split in three);
- from 01/07/2026 (Luật 136/2025/QH15 amended the citizen reception law): Mẫu số 03/TCD of
  Nghị định 154/2026/NĐ-CP, 13 columns. Its text could not be checked against the decree when
  this was written, so the sheet says so in its title block (UNVERIFIED_NOTE) until a legal
  officer has compared it; docs/reception-book.md says what to compare.

STT is the visit's number in the register (số thứ tự trong sổ), not a row counter, so a
selection of visits prints the numbers the clerk wrote in the book. A selection spanning the
change of form, or several councils, gets one sheet per council and form.
"""
import datetime
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from apps.core.spreadsheet import landscape_a4, set_cell, workbook_bytes

from . import confidential
from .choices import VisitHandling

TITLE = "SỔ TIẾP CÔNG DÂN"
HANDLING = "Hướng xử lý"


@dataclass(frozen=True)
class BookForm:
    code: str
    sheet_prefix: str
    note: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    # (key, header, sub-header or None, width); the "Hướng xử lý" columns share one header.
    columns: tuple
    verified: bool = True


HANDLING_COLUMNS = (
    ("accept", HANDLING, "Thụ lý để giải quyết", 12),
    ("guide", HANDLING, "Trả lại đơn và hướng dẫn", 14),
    ("forward", HANDLING, "Chuyển đơn đến cơ quan, tổ chức, đơn vị có thẩm quyền", 18),
)
HANDLING_KEY = {VisitHandling.ACCEPT: "accept", VisitHandling.RETURN_AND_GUIDE: "guide", VisitHandling.FORWARD: "forward"}

TT04_2021 = BookForm(
    code="TT04-2021", sheet_prefix="Mau03 TT04",
    note="(Mẫu số 03 ban hành kèm theo Thông tư số 04/2021/TT-TTCP ngày 01/10/2021 của Thanh tra Chính phủ)",
    valid_from=None, valid_to=datetime.date(2026, 6, 30),
    columns=(
        ("number", "STT", None, 7),
        ("date", "Ngày tiếp", None, 12),
        ("name_address", "Họ tên – Địa chỉ", None, 30),
        ("id_number", "CMND/Hộ chiếu của công dân", None, 16),
        ("content", "Nội dung vụ việc", None, 40),
        ("classification", "Phân loại đơn/Số người", None, 16),
        ("handled_by", "Cơ quan đã giải quyết", None, 22),
        *HANDLING_COLUMNS,
        ("result", "Theo dõi kết quả giải quyết", None, 28),
        ("note", "Ghi chú", None, 18),
    ),
)

ND154_2026 = BookForm(
    code="ND154-2026", sheet_prefix="Mau03-TCD",
    note="(Mẫu số 03/TCD ban hành kèm theo Nghị định số 154/2026/NĐ-CP, áp dụng từ ngày 01/07/2026)",
    valid_from=datetime.date(2026, 7, 1), valid_to=None, verified=False,
    columns=(
        ("number", "STT", None, 7),
        ("date", "Ngày tiếp", None, 12),
        ("name", "Họ và tên", None, 20),
        ("address", "Địa chỉ", None, 24),
        ("id_number", "Số định danh cá nhân/Hộ chiếu", None, 16),
        ("content", "Nội dung vụ việc", None, 40),
        ("classification", "Phân loại đơn/Số người", None, 16),
        ("handled_by", "Cơ quan đã giải quyết", None, 22),
        *HANDLING_COLUMNS,
        ("result", "Theo dõi kết quả giải quyết", None, 28),
        ("note", "Ghi chú", None, 18),
    ),
)
FORMS = (TT04_2021, ND154_2026)
UNVERIFIED_NOTE = ("CHƯA ĐỐI CHIẾU: bố cục Mẫu 03/TCD (NĐ 154/2026/NĐ-CP) dựng theo mô tả, chưa được đối chiếu "
                   "với văn bản gốc; cán bộ pháp chế cần kiểm tra trước khi dùng làm sổ chính thức.")

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
CENTERED_KEYS = {"number", "date", "classification", "accept", "guide", "forward"}


def form_for(day):
    """The form of the sổ tiếp công dân in force on ``day``."""
    for form in FORMS:
        if (form.valid_from is None or form.valid_from <= day) and (form.valid_to is None or day <= form.valid_to):
            return form
    raise LookupError(day)


def identity(visit, can_view):
    """(name, address, ID number) as this user may see them."""
    return tuple(confidential.shown(visit, field, can_view) for field in visit.IDENTITY_FIELDS)


def row_values(visit, can_view):
    name, address, id_number = identity(visit, can_view)
    values = {
        "number": visit.register_number,
        "date": visit.date,
        "name_address": "\n".join(p for p in (name, address) if p),
        "name": name,
        "address": address,
        "id_number": id_number,
        "content": visit.content,
        "classification": f"{visit.get_classification_display()}/{visit.people_count} người",
        "handled_by": str(visit.handled_by) if visit.handled_by_id else "",
        "result": visit.result,
        "note": "; ".join(p for p in ["Đoàn đông người" if visit.is_large_group else "",
                                      "Tiếp lần 2 trở lên" if visit.is_repeat else "",
                                      visit.note] if p),
    }
    if visit.handling in HANDLING_KEY:
        values[HANDLING_KEY[visit.handling]] = "x"
    return values


def write_sheet(ws, form, visits, council_name, can_view):
    columns = form.columns
    last = len(columns)
    set_cell(ws, 1, 1, (council_name or "").upper()).font = Font(bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=4)
    set_cell(ws, 1, 6, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").font = Font(bold=True)
    ws.merge_cells(start_row=1, start_column=6, end_row=1, end_column=last)
    set_cell(ws, 2, 6, "Độc lập – Tự do – Hạnh phúc").font = Font(bold=True)
    ws.merge_cells(start_row=2, start_column=6, end_row=2, end_column=last)
    set_cell(ws, 4, 1, TITLE).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=4, start_column=1, end_row=4, end_column=last)
    set_cell(ws, 5, 1, form.note).font = Font(italic=True)
    ws.merge_cells(start_row=5, start_column=1, end_row=5, end_column=last)
    dates = [v.date for v in visits]
    if dates:
        set_cell(ws, 6, 1, f"Từ ngày {min(dates):%d/%m/%Y} đến ngày {max(dates):%d/%m/%Y}")
        ws.merge_cells(start_row=6, start_column=1, end_row=6, end_column=last)
    if not form.verified:
        set_cell(ws, 7, 1, UNVERIFIED_NOTE).font = Font(bold=True, color="C00000")
        ws.merge_cells(start_row=7, start_column=1, end_row=7, end_column=last)
    for row in (1, 2, 4, 5, 6, 7):
        for col in (1, 6):
            ws.cell(row=row, column=col).alignment = CENTER

    header, sub, numbers = 9, 10, 11
    handling_cols = []
    for col, (key, title, subtitle, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
        if subtitle is None:
            set_cell(ws, header, col, title)
            ws.merge_cells(start_row=header, start_column=col, end_row=sub, end_column=col)
        else:
            set_cell(ws, sub, col, subtitle)
            handling_cols.append(col)
        set_cell(ws, numbers, col, f"({col})")
    set_cell(ws, header, handling_cols[0], HANDLING)
    ws.merge_cells(start_row=header, start_column=handling_cols[0], end_row=header, end_column=handling_cols[-1])
    for r in (header, sub, numbers):
        for col in range(1, last + 1):
            cell = ws.cell(row=r, column=col)
            cell.font = Font(bold=r != numbers, italic=r == numbers)
            cell.alignment = CENTER
            cell.border = BOX

    for row, visit in enumerate(visits, start=numbers + 1):
        values = row_values(visit, can_view)
        for col, (key, *_rest) in enumerate(columns, start=1):
            cell = set_cell(ws, row, col, values.get(key))
            cell.border = BOX
            cell.alignment = CENTER if key in CENTERED_KEYS else WRAP
    ws.freeze_panes = ws.cell(row=numbers + 1, column=1)
    ws.print_title_rows = f"{header}:{numbers}"
    landscape_a4(ws)


def build_reception_book(visits, user, request=None):
    """The workbook for ``visits`` (already scoped, ordered by council, date, number): one sheet per
    council and form, masked for users without the permission."""
    can_view = confidential.may_see_all(user)
    groups = {}
    for visit in visits:
        groups.setdefault((visit.council, form_for(visit.date)), []).append(visit)
    wb = Workbook()
    wb.remove(wb.active)
    several_councils = len({council for council, _form in groups}) > 1
    for (council, form), rows in groups.items():
        title = form.sheet_prefix + (f" {council.admin_unit.code}" if several_councils else "")
        write_sheet(wb.create_sheet(title[:31]), form, rows, council.name, can_view)
    if not groups:
        form = form_for(timezone.localdate())
        write_sheet(wb.create_sheet(form.sheet_prefix), form, [], "", can_view)
    if can_view and any(confidential.is_sealed(v) for v in visits):
        confidential.log_access(user, confidential.EXPORTED, [v for v in visits if confidential.is_sealed(v)],
                                request=request)
    return workbook_bytes(wb)


def reception_book_response(request, queryset):
    visits = list(queryset.select_related("council__admin_unit", "handled_by")
                  .order_by("council", "date", "register_year", "register_number"))
    data = build_reception_book(visits, request.user, request)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="so-tiep-cong-dan-{timezone.localdate():%Y%m%d}.xlsx"'
    return response
