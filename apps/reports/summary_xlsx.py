"""The summary as an xlsx workbook (DESIGN §6), written only through apps.core.spreadsheet.

Sheet ``TongHop``: indicator names, then the header row (``Mã đơn vị``, ``Đơn vị``, indicator codes,
``Ghi chú``), one row per ward in the period, one for the council, ``Tổng cộng`` (numbers, not
formulas). Then one sheet per register listing the period's records of the council and its wards.
"""
import datetime

from django.apps import apps
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from apps.core.spreadsheet import BOLD, landscape_a4, set_cell, workbook_bytes, write_table

from .summary import NOT_REPORTED, TOTAL_LABEL

SHEET_SUMMARY = "TongHop"
HEADER_CODE = "Mã đơn vị"
HEADER_NAME = "Đơn vị"
HEADER_NOTE = "Ghi chú"
TITLE_ROW, NAMES_ROW, HEADER_ROW = 1, 3, 4
FIRST_DATA_ROW = HEADER_ROW + 1

THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
GREY = PatternFill("solid", fgColor="EEEEEE")
MISSING = PatternFill("solid", fgColor="FFF3CD")
WRAP = Alignment(wrap_text=True, vertical="center", horizontal="center")


def summary_xlsx(summary, with_lists=True):
    """The workbook as bytes."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_SUMMARY
    write_summary_sheet(ws, summary)
    if with_lists:
        council_ids = [summary.council_id] + [w.council_id for w in summary.wards]
        for spec in LIST_SHEETS:
            write_list_sheet(wb, spec, council_ids, summary.start_date, summary.end_date)
    return workbook_bytes(wb)


def write_summary_sheet(ws, summary):
    codes = summary.codes
    headers = [HEADER_CODE, HEADER_NAME, *codes, HEADER_NOTE]
    note_col = len(headers)

    set_cell(ws, TITLE_ROW, 1, f"TỔNG HỢP KẾT QUẢ HOẠT ĐỘNG {summary.period_label.upper()} – "
                               f"{summary.council_name.upper()} VÀ HĐND CÁC XÃ, PHƯỜNG").font = Font(bold=True, size=13)
    set_cell(ws, TITLE_ROW + 1, 1, f"Từ ngày {summary.start_date:%d/%m/%Y} đến ngày {summary.end_date:%d/%m/%Y}; "
                                   f"{len(summary.reported_wards)}/{len(summary.wards)} xã, phường đã báo cáo.").font = Font(italic=True)

    # The row of indicator names above the codes (what a reader needs to understand a code).
    set_cell(ws, NAMES_ROW, 1, "Chỉ tiêu")
    for col, definition in enumerate(summary.indicators, start=3):
        label = definition.name + (f" ({definition.unit})" if definition.unit else "")
        cell = set_cell(ws, NAMES_ROW, col, label)
        cell.alignment, cell.font, cell.border, cell.fill = WRAP, Font(size=9), BOX, GREY
    ws.row_dimensions[NAMES_ROW].height = 96

    rows = []
    for row in summary.table_rows:
        code = row.code if row.kind != "total" else ""
        name = row.name if row.kind != "total" else TOTAL_LABEL
        note = "" if row.reported else NOT_REPORTED
        if row.kind == "council":
            note = "Số liệu từ các sổ theo dõi của HĐND"
        rows.append([code, name, *[row.value(c) for c in codes], note])
    write_table(ws, headers, rows, start_row=HEADER_ROW, freeze=False)

    last = FIRST_DATA_ROW + len(rows) - 1
    for r in range(HEADER_ROW, last + 1):
        for col in range(1, note_col + 1):
            ws.cell(row=r, column=col).border = BOX
    for col in range(1, note_col + 1):
        ws.cell(row=HEADER_ROW, column=col).fill = GREY
        ws.cell(row=HEADER_ROW, column=col).alignment = WRAP
    for r, row in enumerate(summary.table_rows, start=FIRST_DATA_ROW):
        if row.kind != "ward":
            for col in range(1, note_col + 1):
                ws.cell(row=r, column=col).font = BOLD
        if not row.reported:
            for col in range(1, note_col + 1):
                ws.cell(row=r, column=col).fill = MISSING

    ws.column_dimensions["A"].width = 11
    ws.column_dimensions["B"].width = 30
    for col in range(3, note_col):
        ws.column_dimensions[get_column_letter(col)].width = 8
    ws.column_dimensions[get_column_letter(note_col)].width = 24
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=3)
    landscape_a4(ws)
    ws.print_title_rows = f"{NAMES_ROW}:{HEADER_ROW}"


# ---------------------------------------------------------------------------
# Lists of the period's records (queried lazily here, not in the builder: they are
# rows, not figures). Columns are chosen from the model's fields by name, so a
# register that names a field differently simply shows fewer columns.
# ---------------------------------------------------------------------------
# (sheet, sheet title, app label, model, date fields tried in order, columns tried in order)
LIST_SHEETS = [
    ("KyHop", "DANH SÁCH KỲ HỌP", "sittings", "Sitting",
     ["start_date", "date", "opened_on"],
     ["term", "number", "sitting_type", "kind", "start_date", "end_date", "venue", "delegates_present",
      "delegates_total", "note"]),
    ("NghiQuyet", "DANH SÁCH NGHỊ QUYẾT", "sittings", "Resolution",
     ["adopted_on", "adoption_date", "adopted_date", "date", "signed_on"],
     ["number", "adopted_on", "adoption_date", "kind", "summary", "title", "field", "sitting", "votes_for",
      "votes_against", "votes_abstain", "status"]),
    ("GiamSat", "DANH SÁCH CUỘC GIÁM SÁT, KHẢO SÁT", "oversight", "SupervisionActivity",
     ["start_date", "fieldwork_start", "decision_date", "report_date", "date"],
     ["title", "topic", "activity_type", "kind", "body", "conducting_body", "decision_number", "decision_date",
      "start_date", "fieldwork_start", "end_date", "fieldwork_end", "report_date", "status", "conclusion"]),
    ("KienNghiCuTri", "DANH SÁCH KIẾN NGHỊ CỬ TRI", "petitions", "Petition",
     ["received_on", "received_date", "date", "meeting__date", "forwarded_on", "created_at"],
     ["meeting", "received_on", "received_date", "content", "field", "competence", "competence_level",
      "agency", "responsible_agency", "forwarded_on", "forwarded_date", "answer_due", "answered_on",
      "answer_date", "status"]),
    ("DonThu", "SỔ XỬ LÝ ĐƠN", "reception", "Letter",
     ["received_on", "received_date", "date"],
     ["register_number", "number", "received_on", "received_date", "channel", "sender_name", "senders", "sender",
      "address", "sender_address", "content_type", "letter_type", "content", "summary", "field", "handling",
      "forwarded_agency", "agency", "forwarded_on", "forwarded_date", "reply_due", "replied_on",
      "reply_received_on", "status"]),
]

SKIP_NAMES = {"sender_name", "senders", "sender", "address", "sender_address"}  # shown only when not confidential


def _model(app_label, model_name):
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except Exception:
        return None


def _date_field(model, candidates):
    for name in candidates:
        if "__" in name:
            head, tail = name.split("__", 1)
            rel = _field(model, head)
            if rel is not None and rel.is_relation and _field(rel.related_model, tail) is not None:
                return name
        elif (f := _field(model, name)) is not None and f.get_internal_type() in ("DateField", "DateTimeField"):
            return name
    return None


def list_columns(model, candidates):
    """The concrete, non-m2m fields among the candidates, each once."""
    columns, seen = [], set()
    for name in candidates:
        f = _field(model, name)
        if f is None or name in seen or f.many_to_many or f.one_to_many or not getattr(f, "concrete", False):
            continue
        if name in SKIP_NAMES and getattr(model, "CONFIDENTIAL_EXPORT", False):
            continue
        seen.add(name)
        columns.append(f)
    return columns


def cell_value(obj, f):
    if f.choices:
        return getattr(obj, f"get_{f.name}_display")()
    if f.is_relation:
        related = getattr(obj, f.name)
        return str(related) if related is not None else None
    value = getattr(obj, f.name)
    if isinstance(value, datetime.datetime):
        return value
    return value


def write_list_sheet(wb, spec, council_ids, start, end):
    sheet, title, app_label, model_name, date_candidates, candidates = spec
    model = _model(app_label, model_name)
    if model is None:
        return None
    ws = wb.create_sheet(sheet)
    date_name = _date_field(model, date_candidates)
    columns = list_columns(model, candidates)
    headers = ["STT", HEADER_CODE, HEADER_NAME] + [str(f.verbose_name)[:1].upper() + str(f.verbose_name)[1:] for f in columns]

    qs = model._default_manager.filter(council_id__in=council_ids)
    if date_name:
        field = _field(model, date_name.split("__")[0]) if "__" not in date_name else None
        if field is not None and field.get_internal_type() == "DateTimeField":
            qs = qs.filter(**{f"{date_name}__date__range": (start, end)})
        else:
            qs = qs.filter(**{f"{date_name}__range": (start, end)})
    related = [f.name for f in columns if f.is_relation]
    qs = qs.select_related("council__admin_unit", *related)
    order = [date_name] if date_name else []
    qs = qs.order_by("council__admin_unit__code", *order, "pk")

    def rows():
        for n, obj in enumerate(qs.iterator(chunk_size=2000), start=1):
            yield [n, obj.council.admin_unit.code, obj.council.name, *[cell_value(obj, f) for f in columns]]

    set_cell(ws, 1, 1, title).font = Font(bold=True, size=13)
    write_table(ws, headers, rows(), start_row=2)
    widths = {"STT": 6, HEADER_CODE: 11, HEADER_NAME: 26}
    for col, (header, f) in enumerate(zip(headers, [None, None, None, *columns]), start=1):
        width = widths.get(header)
        if width is None:
            internal = f.get_internal_type() if f is not None else ""
            width = {"DateField": 12, "DateTimeField": 16, "PositiveIntegerField": 10, "IntegerField": 10,
                     "PositiveSmallIntegerField": 10, "TextField": 50}.get(internal, 22)
        ws.column_dimensions[get_column_letter(col)].width = width
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            if isinstance(cell.value, str) and len(cell.value) > 40:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    landscape_a4(ws)
    ws.print_title_rows = "2:2"
    return ws
