"""Build ward report workbooks (docs/WORKBOOK.md) in memory, with knobs for every drift real files show.

The default is a clean, consistent report of Phường Ka Long for the first half of
2022, laid out like the template:

    row 1   HỘI ĐỒNG NHÂN DÂN ...            (title, merged A1:F1 when merge_title)
    row 2   Mã đơn vị:   | 06748
    row 3   Kỳ báo cáo:  | 6 tháng đầu năm 2022
    row 5   header: STT | Mã chỉ tiêu | Chỉ tiêu | Đơn vị tính | Số liệu | Ghi chú
    row 6   (1) (2) (3) (4) (5) (6)
    row 7…  one row per indicator, values in column E (KH01 is E7)
"""
import io
import json
import struct
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Border, PatternFill, Side

INDICATORS = [
    ("KH01", "Số kỳ họp đã tổ chức", "kỳ họp"),
    ("KH02", "— trong đó kỳ họp thường lệ", "kỳ họp"),
    ("KH03", "— kỳ họp chuyên đề", "kỳ họp"),
    ("KH04", "— kỳ họp giải quyết công việc phát sinh đột xuất", "kỳ họp"),
    ("KH05", "Số nghị quyết đã ban hành", "nghị quyết"),
    ("KH06", "Số lượt đại biểu chất vấn tại kỳ họp", "lượt"),
    ("KH07", "Số phiên họp Thường trực HĐND", "phiên"),
    ("GS01", "Số cuộc giám sát, khảo sát", "cuộc"),
    ("GS02", "— trong đó giám sát chuyên đề", "cuộc"),
    ("GS03", "— giám sát theo nhiệm vụ trọng tâm, thường xuyên", "cuộc"),
    ("GS04", "— khảo sát (kể cả khảo sát đột xuất)", "cuộc"),
    ("GS05", "Số phiên giải trình", "phiên"),
    ("GS06", "Số cuộc tham gia giám sát, khảo sát của cấp trên", "cuộc"),
    ("GS07", "Số kiến nghị sau giám sát", "kiến nghị"),
    ("GS08", "— trong đó đã thực hiện xong", "kiến nghị"),
    ("CT01", "Số cuộc tiếp xúc cử tri", "cuộc"),
    ("CT02", "Số lượt cử tri tham dự", "lượt"),
    ("CT03", "Số ý kiến, kiến nghị của cử tri", "kiến nghị"),
    ("CT04", "— đã giải quyết", "kiến nghị"),
    ("CT05", "— đang giải quyết", "kiến nghị"),
    ("CT06", "— đã giải trình, cung cấp thông tin", "kiến nghị"),
    ("CT07", "— chưa giải quyết", "kiến nghị"),
    ("TD01", "Số buổi tiếp công dân", "buổi"),
    ("TD02", "Số lượt công dân được tiếp", "lượt"),
    ("TD03", "Số người được tiếp", "người"),
    ("TD04", "Số vụ việc", "vụ việc"),
    ("TD05", "Số đoàn đông người", "đoàn"),
    ("DT01", "Tổng số đơn thư tiếp nhận", "đơn"),
    ("DT02", "— đơn khiếu nại", "đơn"),
    ("DT03", "— đơn tố cáo", "đơn"),
    ("DT04", "— đơn kiến nghị, phản ánh", "đơn"),
    ("DT05", "Số đơn đủ điều kiện xử lý", "đơn"),
    ("DT06", "Số đơn đã chuyển cơ quan có thẩm quyền", "đơn"),
    ("DT07", "Số đơn đã hướng dẫn", "đơn"),
    ("DT08", "Số đơn đã nhận văn bản trả lời", "đơn"),
]
KNOWN_CODES = {code for code, _, _ in INDICATORS}

# The consistency rules of the form, as the fixture loads them into ConsistencyRule (no database).
FORM_RULES = [
    (rule["left"], rule["operator"], rule["right"])
    for rule in json.loads((Path(__file__).resolve().parents[2] / "fixtures" / "indicators.json").read_text())["rules"]
]
NAMES = {code: (name, unit) for code, name, unit in INDICATORS}

# Satisfies every consistency rule of docs/WORKBOOK.md.
CONSISTENT_VALUES = {
    "KH01": 3, "KH02": 2, "KH03": 1, "KH04": 0, "KH05": 12, "KH06": 9, "KH07": 6,
    "GS01": 5, "GS02": 2, "GS03": 1, "GS04": 2, "GS05": 2, "GS06": 1, "GS07": 10, "GS08": 7,
    "CT01": 4, "CT02": 420, "CT03": 30, "CT04": 12, "CT05": 8, "CT06": 6, "CT07": 4,
    "TD01": 12, "TD02": 40, "TD03": 46, "TD04": 15, "TD05": 1,
    "DT01": 25, "DT02": 10, "DT03": 3, "DT04": 12, "DT05": 20, "DT06": 11, "DT07": 6, "DT08": 5,
}

HEADERS = {
    "stt": "STT",
    "code": "Mã chỉ tiêu",
    "name": "Chỉ tiêu",
    "unit": "Đơn vị tính",
    "value": "Số liệu",
    "note": "Ghi chú",
}
DEFAULT_ORDER = ["stt", "code", "name", "unit", "value", "note"]

PETITION_HEADERS = [
    ("stt", "STT"), ("content", "Nội dung kiến nghị"), ("field", "Lĩnh vực"),
    ("agency", "Cơ quan giải quyết"), ("forwarded_date", "Ngày chuyển"), ("status", "Tình trạng"),
    ("answer_date", "Ngày trả lời"), ("note", "Ghi chú"),
]
LETTER_HEADERS = [
    ("stt", "STT"), ("received_date", "Ngày nhận"), ("sender", "Người gửi"), ("address", "Địa chỉ"),
    ("letter_type", "Loại đơn"), ("content", "Nội dung đơn"), ("handling", "Hướng xử lý"),
    ("forwarded_agency", "Cơ quan nhận chuyển"), ("status", "Tình trạng"),
]

OMIT = object()  # leave a title label out entirely
FIRST_DATA_ROW = 7  # default layout: header on row 5, column numbers on row 6


class AsText(str):
    """A cell value written as text even though it starts with "=" (openpyxl would make it a formula)."""


def value_cell(code, values=None):
    """The "Số liệu" cell of ``code`` in the default layout, e.g. "E7" for KH01."""
    codes = list(CONSISTENT_VALUES if values is None else values)
    return f"E{FIRST_DATA_ROW + codes.index(code)}"


def put(sheet, row, column, value):
    cell = sheet.cell(row, column, str(value) if isinstance(value, AsText) else value)
    if isinstance(value, AsText):
        cell.data_type = "s"
    return cell
_STYLED = dict(
    fill=PatternFill("solid", start_color="FFF2CC"),
    border=Border(*(Side(style="thin"),) * 4),
)


def ward_workbook(
    *,
    unit_code="06748",
    unit_label="Mã đơn vị:",
    period="6 tháng đầu năm 2022",
    period_label="Kỳ báo cáo:",
    inline_title=False,
    title_gap=0,
    merge_title=False,
    hide_title=False,
    header_row=5,
    first_column=1,
    headers=None,
    order=None,
    column_numbers=True,
    values=None,
    rows=None,
    extra_rows=(),
    formatted_empty_rows=0,
    sheet_name="ChiTieu",
    sheets_before=(),
    petitions=None,
    letters=None,
    petition_headers=None,
    customise=None,
):
    """Return the bytes of a ward workbook.

    unit_code / period: the title values (any cell value; None leaves the value cell empty);
    unit_label / period_label: the label text, or OMIT for no label;
    inline_title: "Mã đơn vị: 06748" in one cell; title_gap: blank cells between label and value;
    merge_title / hide_title: merged title and label cells / hidden title rows and columns;
    header_row / first_column: where the table starts; headers: {key: header text} overrides;
    order: column keys left to right; column_numbers: the "(1) (2) …" line under the header;
    values: {code: cell value} (default CONSISTENT_VALUES), one row per code in that order;
    rows: explicit list of {key: value} rows instead of values; extra_rows: rows appended;
    formatted_empty_rows: blank but styled rows after the table;
    sheets_before: sheet names created before ChiTieu;
    petitions / letters: lists of {key: value} for sheets KienNghi / DonThu;
    customise: callable(workbook) for a last tweak before saving.
    """
    workbook = Workbook()
    first = workbook.active
    if sheets_before:
        first.title = sheets_before[0]
        for name in sheets_before[1:]:
            workbook.create_sheet(name)
        sheet = workbook.create_sheet(sheet_name)
    else:
        first.title = sheet_name
        sheet = first

    _title_block(
        sheet, unit_code, unit_label, period, period_label, inline_title, title_gap, merge_title, hide_title,
    )

    header_texts = {**HEADERS, **(headers or {})}
    order = order or DEFAULT_ORDER
    columns = {key: first_column + offset for offset, key in enumerate(order)}
    for key, column in columns.items():
        sheet.cell(header_row, column, header_texts[key])
    row = header_row + 1
    if column_numbers:
        for offset in range(len(order)):
            sheet.cell(row, first_column + offset, f"({offset + 1})")
        row += 1

    if rows is None:
        rows = []
        for number, (code, value) in enumerate((CONSISTENT_VALUES if values is None else values).items(), 1):
            name, unit = NAMES.get(code, ("Chỉ tiêu khác", "lượt"))
            rows.append({"stt": number, "code": code, "name": name, "unit": unit, "value": value})
    for data in list(rows) + list(extra_rows):
        for key, value in data.items():
            if key in columns and value is not None:
                put(sheet, row, columns[key], value)
        row += 1

    for _ in range(formatted_empty_rows):
        for column in columns.values():
            cell = sheet.cell(row, column)
            cell.fill = _STYLED["fill"]
            cell.border = _STYLED["border"]
        row += 1

    if petitions is not None:
        _list_sheet(workbook, "KienNghi", petition_headers or PETITION_HEADERS, petitions)
    if letters is not None:
        _list_sheet(workbook, "DonThu", LETTER_HEADERS, letters)
    if customise:
        customise(workbook)
    return save(workbook)


def _title_block(sheet, unit_code, unit_label, period, period_label, inline, gap, merge, hide):
    sheet.cell(1, 1, "HỘI ĐỒNG NHÂN DÂN PHƯỜNG KA LONG — BÁO CÁO KẾT QUẢ HOẠT ĐỘNG")
    if merge:
        sheet.merge_cells("A1:F1")
    for row, label, value in ((2, unit_label, unit_code), (3, period_label, period)):
        if label is OMIT:
            continue
        if inline:
            put(sheet, row, 1, f"{label} {value}")
            continue
        put(sheet, row, 1, label)
        value_column = 2 + gap
        if merge:
            # Label merged over A:B and value over the next three columns, as clerks often do.
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
            value_column = 3 + gap
            sheet.merge_cells(start_row=row, start_column=value_column, end_row=row, end_column=value_column + 2)
        if value is not None:
            put(sheet, row, value_column, value)
    if hide:
        sheet.row_dimensions[2].hidden = True
        sheet.row_dimensions[3].hidden = True
        sheet.column_dimensions["B"].hidden = True


def _list_sheet(workbook, name, header_spec, rows):
    sheet = workbook.create_sheet(name)
    sheet.cell(1, 1, f"DANH SÁCH ({name})")
    header_row = 3
    for column, (_, label) in enumerate(header_spec, 1):
        sheet.cell(header_row, column, label)
    for column in range(1, len(header_spec) + 1):
        sheet.cell(header_row + 1, column, f"({column})")
    keys = [key for key, _ in header_spec]
    for offset, data in enumerate(rows):
        for key, value in data.items():
            if key in keys and value is not None:
                put(sheet, header_row + 2 + offset, keys.index(key) + 1, value)
    return sheet


def save(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes(entries, compression=zipfile.ZIP_DEFLATED):
    """A zip with {name: bytes} entries (for bombs, renamed .docx/.ods and other non-workbooks)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_bytes():
    """The skeleton of a Word document (enough to look like one to a zip reader)."""
    return zip_bytes({
        "[Content_Types].xml": (
            b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            b'officedocument.wordprocessingml.document.main+xml"/></Types>'
        ),
        "_rels/.rels": b"<Relationships/>",
        "word/document.xml": b"<w:document/>",
    })


def ods_bytes():
    """The skeleton of a LibreOffice spreadsheet (.ods)."""
    return zip_bytes({
        "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
        "content.xml": b"<office:document-content/>",
        "META-INF/manifest.xml": b"<manifest:manifest/>",
    })


def ole_bytes(stream_names):
    """A minimal OLE compound file (the container of .xls and of encrypted .xlsx).

    One FAT sector and one directory sector holding a root entry and the named
    streams; enough for signature and directory checks, not for Excel.
    """
    sector = 512
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x003E, 3, 0xFFFE, 9, 6)  # minor, major, byte order, shifts
    struct.pack_into("<I", header, 44, 1)  # number of FAT sectors
    struct.pack_into("<I", header, 48, 1)  # first directory sector
    struct.pack_into("<I", header, 56, 4096)  # mini stream cutoff
    struct.pack_into("<IIII", header, 60, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)  # no mini FAT, no DIFAT
    struct.pack_into("<I", header, 76, 0)  # FAT is sector 0
    for offset in range(80, sector, 4):
        struct.pack_into("<I", header, offset, 0xFFFFFFFF)

    fat = bytearray(b"\xff" * sector)
    struct.pack_into("<III", fat, 0, 0xFFFFFFFD, 0xFFFFFFFE, 0xFFFFFFFE)  # FAT sector, directory end

    directory = bytearray()
    for index, (name, kind) in enumerate([("Root Entry", 5)] + [(n, 2) for n in stream_names]):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry[0:len(encoded)] = encoded
        struct.pack_into("<HBB", entry, 64, len(encoded), kind, 1)
        struct.pack_into("<III", entry, 68, 0xFFFFFFFF, 0xFFFFFFFF, 1 if index == 0 and stream_names else 0xFFFFFFFF)
        directory += entry
    directory = directory.ljust(sector * ((len(directory) + sector - 1) // sector), b"\x00")
    return bytes(header + fat + directory)
