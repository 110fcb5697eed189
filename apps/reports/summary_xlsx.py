"""The summary as an xlsx workbook (DESIGN §6), written only through apps.core.spreadsheet.

Sheet ``TongHop``: indicator names, then the header row (``Mã đơn vị``, ``Đơn vị``, indicator codes,
``Ghi chú``), one row per ward in the period, one for the council, ``Tổng cộng`` (numbers, not
formulas). Then one sheet per register listing the period's records of the council and its wards.
"""
import datetime

from django.apps import apps
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter

from apps.core.spreadsheet import landscape_a4, set_cell, workbook_bytes, write_table

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

# Named styles: assigned by name, registered once per workbook. Setting font/border/fill objects
# cell by cell makes openpyxl hash each of them again, which dominated the export time.
STYLES = {
    "th": dict(font=Font(bold=True), border=BOX, fill=GREY, alignment=WRAP),
    "th_name": dict(font=Font(size=9), border=BOX, fill=GREY, alignment=WRAP),
    "td": dict(border=BOX),
    "td_bold": dict(border=BOX, font=Font(bold=True)),
    "td_missing": dict(border=BOX, fill=MISSING),
    "wrap_top": dict(alignment=Alignment(wrap_text=True, vertical="top")),
}


def _register_styles(wb):
    for name, attrs in STYLES.items():
        if name not in wb.named_styles:
            wb.add_named_style(NamedStyle(name=name, **attrs))


def summary_xlsx(summary, with_lists=True):
    """The workbook as bytes."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_SUMMARY
    _register_styles(wb)
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

    whom = summary.council_name.upper() + (" VÀ HĐND CÁC XÃ, PHƯỜNG" if summary.wards else "")
    set_cell(ws, TITLE_ROW, 1, f"TỔNG HỢP KẾT QUẢ HOẠT ĐỘNG {summary.period_label.upper()} – {whom}").font = Font(bold=True, size=13)
    note = f"Từ ngày {summary.start_date:%d/%m/%Y} đến ngày {summary.end_date:%d/%m/%Y}"
    if summary.wards:
        note += f"; {len(summary.reported_wards)}/{len(summary.wards)} xã, phường đã báo cáo"
    set_cell(ws, TITLE_ROW + 1, 1, note + ".").font = Font(italic=True)

    # The row of indicator names above the codes (what a reader needs to understand a code).
    set_cell(ws, NAMES_ROW, 1, "Chỉ tiêu")
    for col, definition in enumerate(summary.indicators, start=3):
        label = definition.name + (f" ({definition.unit})" if definition.unit else "")
        set_cell(ws, NAMES_ROW, col, label).style = "th_name"
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

    for col in range(1, note_col + 1):
        ws.cell(row=HEADER_ROW, column=col).style = "th"
    for r, row in enumerate(summary.table_rows, start=FIRST_DATA_ROW):
        style = "td" if row.kind == "ward" else "td_bold"
        if not row.reported:
            style = "td_missing"
        for col in range(1, note_col + 1):
            ws.cell(row=r, column=col).style = style

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
# (sheet, title, app label, model, date field placing a record in the period — the one its register's
#  count_indicators uses —, columns). Columns are field names; the sender's identity is never listed
# (Luật Tố cáo 2018 Đ.47: the summary goes upward, identity is not needed there).
LIST_SHEETS = [
    ("KyHop", "DANH SÁCH KỲ HỌP", "sittings", "Sitting", "start_date",
     ["term", "number", "sitting_type", "start_date", "end_date", "venue", "delegates_present", "delegates_total",
      "note"]),
    ("NghiQuyet", "DANH SÁCH NGHỊ QUYẾT", "sittings", "Resolution", "adopted_date",
     ["number", "adopted_date", "kind", "summary", "field", "sitting", "votes_for", "votes_against", "votes_abstain",
      "status", "effective_date"]),
    ("GiamSat", "DANH SÁCH CUỘC GIÁM SÁT, KHẢO SÁT", "oversight", "SupervisionActivity", "fieldwork_start",
     ["title", "activity_type", "conducting_body", "decision_number", "decision_date", "fieldwork_start",
      "fieldwork_end", "report_date", "status", "conclusion"]),
    ("KienNghiCuTri", "DANH SÁCH KIẾN NGHỊ CỬ TRI", "petitions", "Petition", "received_date",
     ["code", "meeting", "received_date", "content", "field", "competence_level", "agency", "forwarded_date",
      "forwarding_document", "answer_due", "answered_date", "status"]),
    ("DonThu", "SỔ XỬ LÝ ĐƠN", "reception", "Letter", "received_date",
     ["register_year", "register_number", "received_date", "channel", "content_type", "content", "field", "eligible",
      "competence", "handling", "forwarded_agency", "forwarded_date", "reply_due", "reply_received_date", "status"]),
]
IDENTITY = {"sender_name", "sender_address", "sender_id_number", "citizen_name", "citizen_address", "citizen_id_number"}


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


def list_columns(model, names):
    """The concrete, non-m2m fields among ``names`` (a register that renames a field shows fewer columns)."""
    columns = []
    for name in names:
        f = _field(model, name)
        if f is None or name in IDENTITY or f.many_to_many or f.one_to_many or not getattr(f, "concrete", False):
            continue
        columns.append(f)
    return columns


def value_getters(columns):
    """One function per column: choice labels from a map built once (not get_FOO_display per cell)."""
    getters = []
    for f in columns:
        if f.choices:
            labels = {key: str(label) for key, label in f.flatchoices}
            getters.append(lambda obj, name=f.attname, labels=labels: labels.get(getattr(obj, name), getattr(obj, name)))
        elif f.is_relation:
            getters.append(lambda obj, name=f.name: None if getattr(obj, name) is None else str(getattr(obj, name)))
        else:
            getters.append(lambda obj, name=f.attname: getattr(obj, name))
    return getters


def cell_value(obj, f):
    return value_getters([f])[0](obj)


def period_filter(model, date_name, start, end):
    """Records whose date is in the period; petitions without a received date go by their meeting's date."""
    from django.db.models import Q

    if _field(model, date_name) is None:
        return None
    q = Q(**{f"{date_name}__range": (start, end)})
    meeting = _field(model, "meeting")
    if model._meta.label == "petitions.Petition" and meeting is not None:
        q |= Q(**{f"{date_name}__isnull": True, "meeting__date__range": (start, end)})
    return q


def write_list_sheet(wb, spec, council_ids, start, end):
    sheet, title, app_label, model_name, date_name, names = spec
    model = _model(app_label, model_name)
    if model is None:
        return None
    _register_styles(wb)
    ws = wb.create_sheet(sheet)
    columns = list_columns(model, names)
    headers = ["STT", HEADER_CODE, HEADER_NAME] + [str(f.verbose_name)[:1].upper() + str(f.verbose_name)[1:] for f in columns]

    qs = model._default_manager.filter(council_id__in=council_ids)
    q = period_filter(model, date_name, start, end)
    if q is not None:
        qs = qs.filter(q)
    related = [f.name for f in columns if f.is_relation]
    qs = qs.select_related("council__admin_unit", *related)
    order = [date_name] if _field(model, date_name) is not None else []
    qs = qs.order_by("council__admin_unit__code", *order, "pk")

    getters = value_getters(columns)

    def rows():
        for n, obj in enumerate(qs.iterator(chunk_size=2000), start=1):
            yield [n, obj.council.admin_unit.code, obj.council.name, *[get(obj) for get in getters]]

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
                cell.style = "wrap_top"
    landscape_a4(ws)
    ws.print_title_rows = "2:2"
    return ws
