"""The summary as an xlsx workbook (docs/SUMMARY.md), written only through apps.core.spreadsheet.

Sheet ``TongHop``: indicator names, then the header row (``Mã đơn vị``, ``Đơn vị``, indicator codes,
``Ghi chú``), one row per ward in the period, one for the council, ``Tổng cộng`` (numbers, not
formulas). Then one sheet per register listing the period's records of the council and its wards.

The workbook is write-only (streamed): at seed_demo --scale 50 the lists hold ~22 000 rows, and
openpyxl's ordinary workbook kept ~360 000 cell objects in memory (≈ 11 s, > 100 MiB). A write-only
workbook cannot mix in ordinary sheets, so TongHop is streamed too, row by row in sheet order.
"""
from django.db.models import Q
from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

from apps.core.models import Council
from apps.core.spreadsheet import stream_cell, stream_row, streaming_sheet, workbook_bytes, write_table_streaming
from apps.oversight.models import SupervisionActivity
from apps.petitions.models import Petition
from apps.reception.models import Letter
from apps.sittings.models import Resolution, Sitting

from .builder import NOT_REPORTED, TOTAL_LABEL

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

# Named styles: assigned by name, registered once per workbook (no style objects per cell).
STYLES = {
    "title": dict(font=Font(bold=True, size=13)),
    "subtitle": dict(font=Font(italic=True)),
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


@translation.override("vi")  # an official document: Vietnamese whatever the reader's language
def summary_xlsx(summary, with_lists=True):
    """The workbook as bytes."""
    wb = Workbook(write_only=True)
    _register_styles(wb)
    write_summary_sheet(wb, summary)
    if with_lists:
        council_ids = [summary.council_id] + [w.council_id for w in summary.wards]
        councils = _council_labels(council_ids)
        for spec in LIST_SHEETS:
            write_list_sheet(wb, spec, council_ids, summary.start_date, summary.end_date, councils=councils)
    return workbook_bytes(wb)


def write_summary_sheet(wb, summary):
    """TongHop, streamed in sheet order: title, dates, indicator names, header, wards, council, total."""
    codes = summary.codes
    headers = [HEADER_CODE, HEADER_NAME, *codes, HEADER_NOTE]
    widths = [11, 30, *[8] * len(codes), 24]
    ws = streaming_sheet(wb, SHEET_SUMMARY, widths, freeze=f"C{FIRST_DATA_ROW}",
                         print_title_rows=f"{NAMES_ROW}:{HEADER_ROW}")
    ws.row_dimensions[NAMES_ROW].height = 96  # (row heights too must be set before the row is written)

    whom = summary.council_name.upper() + (" VÀ HĐND CÁC XÃ, PHƯỜNG" if summary.wards else "")
    ws.append([stream_cell(ws, f"TỔNG HỢP KẾT QUẢ HOẠT ĐỘNG {summary.period_label.upper()} – {whom}", "title")])
    note = f"Từ ngày {summary.start_date:%d/%m/%Y} đến ngày {summary.end_date:%d/%m/%Y}"
    if summary.wards:
        note += f"; {len(summary.reported_wards)}/{len(summary.wards)} xã, phường đã báo cáo"
    ws.append([stream_cell(ws, note + ".", "subtitle")])

    # The row of indicator names above the codes (what a reader needs to understand a code).
    names = [definition.name + (f" ({definition.unit})" if definition.unit else "") for definition in summary.indicators]
    ws.append([stream_cell(ws, "Chỉ tiêu"), None, *stream_row(ws, names, "th_name")])
    ws.append(stream_row(ws, headers, "th"))

    for row in summary.table_rows:
        code = row.code if row.kind != "total" else ""
        name = row.name if row.kind != "total" else TOTAL_LABEL
        note = "" if row.reported else NOT_REPORTED
        if row.kind == "council":
            note = "Số liệu từ các sổ theo dõi của HĐND"
        style = "td" if row.kind == "ward" else "td_bold"
        if not row.reported:
            style = "td_missing"
        ws.append(stream_row(ws, [code, name, *[row.value(c) for c in codes], note], style))
    return ws


# ---------------------------------------------------------------------------
# Lists of the period's records (queried here, not in the builder: they are rows, not figures).
# ---------------------------------------------------------------------------
# (sheet, title, model, date field placing a record in the period — the one its register's
#  count_indicators uses —, columns). Columns are field names, checked against the model: a renamed
# field is an error, never a column silently left out of the official list. The sender's identity
# is never listed (Luật Tố cáo 2018 Đ.47: the summary goes upward, identity is not needed there).
LIST_SHEETS = [
    ("KyHop", "DANH SÁCH KỲ HỌP", Sitting, "start_date",
     ["term", "number", "sitting_type", "start_date", "end_date", "venue", "delegates_present", "delegates_total",
      "note"]),
    ("NghiQuyet", "DANH SÁCH NGHỊ QUYẾT", Resolution, "adopted_date",
     ["number", "adopted_date", "kind", "summary", "field", "sitting", "votes_for", "votes_against", "votes_abstain",
      "status", "effective_date"]),
    ("GiamSat", "DANH SÁCH CUỘC GIÁM SÁT, KHẢO SÁT", SupervisionActivity, "fieldwork_start",
     ["title", "activity_type", "conducting_body", "decision_number", "decision_date", "fieldwork_start",
      "fieldwork_end", "report_date", "status", "conclusion"]),
    ("KienNghiCuTri", "DANH SÁCH KIẾN NGHỊ CỬ TRI", Petition, "received_date",
     ["code", "meeting", "received_date", "content", "field", "competence_level", "agency", "forwarded_date",
      "forwarding_document", "answer_due", "answered_date", "status"]),
    ("DonThu", "SỔ XỬ LÝ ĐƠN", Letter, "received_date",
     ["register_year", "register_number", "received_date", "channel", "content_type", "content", "field", "eligible",
      "competence", "handling", "forwarded_agency", "forwarded_date", "reply_due", "reply_received_date", "status"]),
]
IDENTITY = {"sender_name", "sender_address", "sender_id_number", "citizen_name", "citizen_address", "citizen_id_number"}


def list_columns(model, names):
    """The fields named ``names``; an unknown name raises FieldDoesNotExist, and a field that cannot be a
    column (identity, many-to-many, reverse) raises ValueError: both are programming errors."""
    columns = []
    for name in names:
        f = model._meta.get_field(name)
        if name in IDENTITY or f.many_to_many or f.one_to_many or not getattr(f, "concrete", False):
            raise ValueError(f"{model._meta.label}.{name} cannot be a column of the summary's lists.")
        columns.append(f)
    return columns


def value_getters(columns, offset, related):
    """One function per column over a ``values_list`` row whose column values start at ``offset``:
    choice labels from a map built once (not get_FOO_display per cell), related records by their
    ``str`` from ``related`` (field name -> {key: label}, see ``related_labels``), other values as they are."""
    getters = []
    for i, f in enumerate(columns, start=offset):
        if f.choices:
            labels = {key: str(label) for key, label in f.flatchoices}
            getters.append(lambda row, i=i, labels=labels: labels.get(row[i], row[i]))
        elif f.is_relation:
            getters.append(lambda row, i=i, known=related[f.name]: None if row[i] is None else known.get(row[i]))
        else:
            getters.append(lambda row, i=i: row[i])
    return getters


def related_labels(qs, f):
    """{key: str(record)} for the records ``f`` points to from the rows of ``qs`` (one query)."""
    target = f.target_field.attname
    keys = qs.order_by().values(f.attname)
    related = f.related_model._base_manager.filter(**{f"{f.target_field.name}__in": keys})
    return {getattr(obj, target): str(obj) for obj in related.iterator(chunk_size=2000)}


def _council_labels(council_ids):
    return {pk: (code, name) for pk, code, name in
            Council.objects.filter(pk__in=council_ids).values_list("pk", "admin_unit__code", "name")}


def period_filter(model, date_name, start, end):
    """Records whose date is in the period; petitions without a received date go by their meeting's date."""
    model._meta.get_field(date_name)  # FieldDoesNotExist for a renamed date field
    q = Q(**{f"{date_name}__range": (start, end)})
    if model is Petition:
        q |= Q(**{f"{date_name}__isnull": True, "meeting__date__range": (start, end)})
    return q


def write_list_sheet(wb, spec, council_ids, start, end, councils=None):
    """One register's records of the period, streamed from a ``values_list`` query: related records
    are named from one query per foreign key, not one object per row."""
    sheet, title, model, date_name, names = spec
    _register_styles(wb)
    columns = list_columns(model, names)
    headers = ["STT", HEADER_CODE, HEADER_NAME] + [str(f.verbose_name)[:1].upper() + str(f.verbose_name)[1:] for f in columns]
    widths = [6, 11, 26]
    for f in columns:
        widths.append({"DateField": 12, "DateTimeField": 16, "PositiveIntegerField": 10, "IntegerField": 10,
                       "PositiveSmallIntegerField": 10, "TextField": 50}.get(f.get_internal_type(), 22))

    qs = model._default_manager.filter(council_id__in=council_ids).filter(period_filter(model, date_name, start, end))
    if councils is None:
        councils = _council_labels(council_ids)
    getters = value_getters(columns, 1, {f.name: related_labels(qs, f) for f in columns if f.is_relation})
    qs = qs.order_by("council__admin_unit__code", date_name, "pk").values_list("council_id", *[f.attname for f in columns])

    def rows():
        for n, row in enumerate(qs.iterator(chunk_size=2000), start=1):
            yield [n, *councils.get(row[0], ("", "")), *[get(row) for get in getters]]

    return write_table_streaming(wb, sheet, headers, rows(), widths, caption=title, caption_style="title",
                                 header_style="council_header", wrap_style="wrap_top", wrap_over=40)
