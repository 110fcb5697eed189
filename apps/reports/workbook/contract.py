"""The ward report workbook's contract (docs/WORKBOOK.md) as data: sheet names, labels, columns, and
the plain result of reading one (``ParsedWorkbook`` with its ``CellError``s).

The reader (``reader.py``), the blank template (``template.py``) and the importer all take their
names from here, so a change of the form is made once.
"""
from dataclasses import dataclass, field

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

SHEET_VALUES = "ChiTieu"
SHEET_PETITIONS = "KienNghi"
SHEET_LETTERS = "DonThu"

TITLE_ROWS = 10  # the title block lives in the first rows of ChiTieu
MAX_EMPTY_RUN = 50  # stop reading a sheet after this many empty rows (formatted blank rows are common)
MAX_COLUMNS = 40  # the widest table has 9 columns; a row styled out to column XFD must not cost 16k cells

UNIT_LABEL = "Mã đơn vị"
PERIOD_LABEL = "Kỳ báo cáo"
UNIT_CODE_DIGITS = 5  # ward and commune codes; Excel drops the leading zero of "06748"

# Header texts of ChiTieu: key -> header as printed on the template.
VALUE_COLUMNS = {
    "stt": "STT",
    "code": "Mã chỉ tiêu",
    "name": "Chỉ tiêu",
    "unit": "Đơn vị tính",
    "value": "Số liệu",
    "note": "Ghi chú",
}

EXCEL_ERRORS = {
    "#REF!", "#DIV/0!", "#VALUE!", "#N/A", "#NAME?", "#NULL!", "#NUM!",
    "#SPILL!", "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#UNKNOWN!",
}


@dataclass
class CellError:
    sheet: str | None
    cell: str | None  # e.g. "E12"
    row: int | None
    column: str | None  # header name, e.g. "Số liệu"
    message: str  # what is wrong and how to fix it (lazy: Vietnamese, English on an English page)


@dataclass
class ParsedWorkbook:
    filename: str
    sha256: str
    unit_code: str | None = None
    unit_code_cell: str | None = None
    period_code: str | None = None  # "2022-H1" | "2022-H2" | "2022-Y"
    period_cell: str | None = None
    values: dict[str, int | None] = field(default_factory=dict)  # None = not reported, not 0
    value_cells: dict[str, str] = field(default_factory=dict)  # code -> "E12"
    petitions: list[dict] = field(default_factory=list)
    letters: list[dict] = field(default_factory=list)
    list_columns: dict = field(default_factory=dict)  # {"DonThu": {"status": "I", …}}: where each column was read
    errors: list[CellError] = field(default_factory=list)
    # Where ChiTieu's table was read, so that its codes can be checked against the period's form
    # after reading (``reader.restrict_to_codes``) without reading the file again.
    values_sheet: str | None = None
    header_row: int | None = None
    indicator_rows: list = field(default_factory=list)  # (code, row, code cell) of every indicator row
    values_errors: int = 0  # errors[:values_errors] are ChiTieu's own, in reading order

    @property
    def ok(self):
        return not self.errors


def format_error(filename, err):
    """One readable line: "Tệp X, trang tính ChiTieu, ô E12 (Số liệu): ...".

    Lazy: it reads in the language of the page that shows it, and in Vietnamese in the import log
    (written under ``translation.override``). Sheet and column names stay as the workbook has them."""
    parts = [format_lazy(_("Tệp {file}"), file=filename)]
    if err.sheet:
        parts.append(format_lazy(_("trang tính {sheet}"), sheet=err.sheet))
    where = (format_lazy(_("ô {cell}"), cell=err.cell) if err.cell else
             format_lazy(_("dòng {row}"), row=err.row) if err.row else None)
    if where and err.column:
        where = format_lazy("{where} ({column})", where=where, column=err.column)
    elif err.column:
        where = format_lazy(_("cột {column}"), column=err.column)
    if where:
        parts.append(where)
    return format_lazy("{place}: {message}", place=format_lazy(", ".join(["{}"] * len(parts)), *parts),
                       message=err.message)


@dataclass(frozen=True)
class _ListSheet:
    name: str
    columns: dict  # key -> header label; "stt" is read but not returned
    header_key: str  # the column whose header identifies the header row
    date_keys: tuple


PETITIONS = _ListSheet(
    name=SHEET_PETITIONS,
    columns={
        "stt": "STT",
        "content": "Nội dung kiến nghị",
        "field": "Lĩnh vực",
        "agency": "Cơ quan giải quyết",
        "forwarded_date": "Ngày chuyển",
        "status": "Tình trạng",
        "answer_date": "Ngày trả lời",
        "note": "Ghi chú",
    },
    header_key="content",
    date_keys=("forwarded_date", "answer_date"),
)

LETTERS = _ListSheet(
    name=SHEET_LETTERS,
    columns={
        "stt": "STT",
        "received_date": "Ngày nhận",
        "sender": "Người gửi",
        "address": "Địa chỉ",
        "letter_type": "Loại đơn",
        "content": "Nội dung đơn",
        "handling": "Hướng xử lý",
        "forwarded_agency": "Cơ quan nhận chuyển",
        "status": "Tình trạng",
    },
    header_key="content",
    date_keys=("received_date",),
)
