"""Read one ward report workbook (DESIGN §5) into plain Python values.

Pure module: no models, no database. The importer resolves unit codes, periods
and indicators against the database; this module only reads the file, as
tolerantly as real ward files require, and collects every problem as a
Vietnamese ``CellError`` so the clerk sees all of them at once.

Things are found by content, not by fixed cell addresses: the sheet by a
normalised name, the title block by its labels, the table by its header texts.
"""
import hashlib
import io
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from apps.core import periods
from apps.core.text import nfc, normalise_unit_code, strip_diacritics
from apps.core.uploads import UploadRejected, check_xlsx_bytes, safe_filename

logger = logging.getLogger(__name__)

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

# Consistency rules of DESIGN §5 as data: (left codes, operator, right codes), the same
# shape as the ConsistencyRule model (left, operator, right), whose rows may be passed
# instead. Each side is the sum of its codes; a rule is checked only when every code
# has a value.
DEFAULT_RULES = [
    (["KH01"], "=", ["KH02", "KH03", "KH04"]),
    (["GS02", "GS03", "GS04"], "<=", ["GS01"]),
    (["GS08"], "<=", ["GS07"]),
    (["CT03"], "=", ["CT04", "CT05", "CT06", "CT07"]),
    (["DT01"], "=", ["DT02", "DT03", "DT04"]),
    (["DT05"], "<=", ["DT01"]),
    (["TD03"], ">=", ["TD02"]),
]

_OPERATORS = {
    "=": (lambda left, right: left == right, "bằng"),
    "<=": (lambda left, right: left <= right, "nhỏ hơn hoặc bằng"),
    ">=": (lambda left, right: left >= right, "lớn hơn hoặc bằng"),
}


@dataclass
class CellError:
    sheet: str | None
    cell: str | None  # e.g. "E12"
    row: int | None
    column: str | None  # header name, e.g. "Số liệu"
    message: str  # Vietnamese: what is wrong and how to fix it


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
    errors: list[CellError] = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    def error_lines(self):
        return [format_error(self.filename, err) for err in self.errors]


def format_error(filename, err):
    """One readable line: "Tệp X, sheet ChiTieu, ô E12 (Số liệu): ..."."""
    parts = [f"Tệp {filename}"]
    if err.sheet:
        parts.append(f"sheet {err.sheet}")
    where = f"ô {err.cell}" if err.cell else f"dòng {err.row}" if err.row else None
    if where and err.column:
        where += f" ({err.column})"
    elif err.column:
        where = f"cột {err.column}"
    if where:
        parts.append(where)
    return ", ".join(parts) + ": " + err.message


# --- text helpers -----------------------------------------------------------

_SPACES = re.compile(r"\s+")


def normalise_label(value):
    """Compare headers and labels without case, spacing, Unicode form or a trailing colon."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    text = unicodedata.normalize("NFC", text.casefold())
    return _SPACES.sub(" ", text).strip().rstrip(":").strip()


def _sheet_key(name):
    # Sheet names are compared loosely: "Chi tieu", "CHITIEU", "Chỉ tiêu" all find ChiTieu.
    return strip_diacritics(name).replace(" ", "")


def _is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _cell(row_number, column_index):
    """Column index is 0-based into the row tuple."""
    return f"{get_column_letter(column_index + 1)}{row_number}"


def _at(values, index):
    if index is None or index >= len(values):
        return None
    return values[index]


def _quote(value):
    text = str(value).strip()
    return f'"{text[:80]}…"' if len(text) > 80 else f'"{text}"'


# --- legacy font encodings ----------------------------------------------------

# TCVN3 (ABC) maps Vietnamese letters onto Latin-1 code points: "Mã chỉ tiêu" reads
# "M· chØ tiªu", "đơn vị" "®¬n vÞ". These code points never occur in Unicode Vietnamese
# and are not used by VNI either (VNI shares ñ, æ, ö… so those prove nothing).
_TCVN3_ONLY = set("¡¢£¤¥¦§¨ª¬\xad®µ¶·¸¹¼½¾ÇÎÐ×Þßçî÷þ")
# VNI writes a base letter followed by a separate mark: "Maõ chæ tieâu", "ñôn vò" (đơn vị).
# These pairs never occur in Unicode Vietnamese.
_VNI_PAIRS = re.compile(r"[aeoAEO][âÂ]|[aAeEiIoOuUyY][õÕ]|[aA][êÊ]|(?<![A-Za-z])[ñÑ]")


def detect_legacy_encoding(text):
    """'TCVN3', 'VNI' or None for text typed with an old Vietnamese font encoding."""
    text = text or ""
    tcvn3 = sum(1 for ch in text if ch in _TCVN3_ONLY)
    vni = len(_VNI_PAIRS.findall(text))
    if max(tcvn3, vni) < 2:
        return None
    return "TCVN3" if tcvn3 >= vni else "VNI"


_UNIKEY_NAMES = {"TCVN3": "TCVN3 (ABC)", "VNI": "VNI Windows"}  # as listed in Unikey's converter


def _legacy_hint(encoding):
    return (
        f" Chữ trong tệp dường như được gõ bằng bảng mã cũ {encoding} (phông .Vn…/VNI-…), không "
        "phải Unicode. Hãy chuyển mã sang Unicode: sao chép (Ctrl+C) vùng dữ liệu, mở Unikey > "
        f'Công cụ chuyển mã (Ctrl+Shift+F6), chọn Nguồn "{_UNIKEY_NAMES[encoding]}", Đích "Unicode", '
        'đánh dấu "Chuyển mã clipboard", bấm "Chuyển mã", dán (Ctrl+V) lại vào sheet rồi lưu tệp '
        "và tải lên lại."
    )


# --- values ---------------------------------------------------------------

_DIGITS = re.compile(r"\d+")
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+")  # one separator kind only


def parse_count(value):
    """(whole number >= 0 or None, problem or None) for a "Số liệu" cell.

    None means the cell is empty: not reported, which is different from 0.
    """
    fix = "Hãy nhập số nguyên không âm (để trống nếu không báo cáo, ghi 0 nếu bằng 0)."
    if _is_blank(value):
        return None, None
    if isinstance(value, bool):
        return None, f"ô chứa giá trị đúng/sai ({value}), không phải số. {fix}"
    if isinstance(value, (datetime, date, time)):
        return None, f"ô chứa ngày/giờ, không phải số (kiểm tra định dạng ô). {fix}"
    if isinstance(value, str):
        text = value.strip()
        if text.upper() in EXCEL_ERRORS:
            return None, (
                f"ô có lỗi công thức {text.upper()}. Hãy sửa công thức hoặc nhập số trực tiếp."
            )
        if _DIGITS.fullmatch(text):
            return int(text), None
        if _THOUSANDS.fullmatch(text):
            return int(re.sub(r"[.,]", "", text)), None
        if re.fullmatch(r"-\s*\d+(?:[.,]\d+)?", text):
            return None, f"giá trị {_quote(text)} là số âm. {fix}"
        if re.fullmatch(r"\d+[.,]\d+", text):
            return None, f"giá trị {_quote(text)} không phải số nguyên. {fix}"
        return None, f"giá trị {_quote(text)} không phải là số. {fix}"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None, f"giá trị không phải là số. {fix}"
        if not value.is_integer():
            return None, f"giá trị {_number_text(value)} không phải số nguyên. {fix}"
        value = int(value)
    if isinstance(value, int):
        if value < 0:
            return None, f"giá trị {value} là số âm. {fix}"
        return value, None
    return None, f"giá trị {_quote(value)} không phải là số. {fix}"


def _number_text(value):
    return f"{value:g}".replace(".", ",")


def parse_unit_code(value):
    """(normalised code or None, problem or None). 6748, 6748.0 and "6748" all give "06748"; "194" stays "194"."""
    fix = f"Hãy ghi mã đơn vị hành chính {UNIT_CODE_DIGITS} chữ số, ví dụ 06748."
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        value = str(value)
    if isinstance(value, str):
        text = value.strip()
        # "06748 - Phường Ka Long" and "06748 (Ka Long)" are fine: the name is just a reminder.
        match = re.fullmatch(r"(\d+)(?:\s*[-–(,:].*)?", text, re.S)
        if match and len(match.group(1)) <= UNIT_CODE_DIGITS:
            return normalise_unit_code(match.group(1)), None
        return None, f"mã đơn vị {_quote(text)} không hợp lệ. {fix}"
    return None, f"mã đơn vị {_quote(value)} không hợp lệ. {fix}"


def parse_period(value):
    """(period code like "2022-H1" or None, problem or None)."""
    code = periods.code_from_wording(normalise_label(value).rstrip(".").strip())
    if code is not None:
        return code, None
    return None, (
        f"kỳ báo cáo {_quote(value)} không đọc được. Hãy ghi một trong: "
        '"6 tháng đầu năm 2022", "6 tháng cuối năm 2022", "Năm 2022" (với năm báo cáo).'
    )


_DATE_TEXT = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_date(value):
    """(date or None, problem or None). Accepts date cells and text dd/mm/yyyy."""
    fix = "Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 15/03/2022."
    if _is_blank(value):
        return None, None
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if isinstance(value, str):
        text = value.strip()
        match = _DATE_TEXT.fullmatch(text)
        day_month_year = match.groups() if match else None
        if not match:
            iso = _ISO_DATE.fullmatch(text)
            day_month_year = (iso.group(3), iso.group(2), iso.group(1)) if iso else None
        if day_month_year:
            day, month, year = (int(part) for part in day_month_year)
            try:
                return date(year, month, day), None
            except ValueError:
                pass
        return None, f"ngày {_quote(text)} không đọc được. {fix}"
    return None, f"giá trị {_quote(value)} không phải là ngày. {fix}"


def _text(value):
    """Free text of a list sheet: NFC, stripped. "=abc" typed as text stays text."""
    if _is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.strftime("%d/%m/%Y") if value.time() == time() else value.strftime("%d/%m/%Y %H:%M")
    elif isinstance(value, date):
        value = value.strftime("%d/%m/%Y")
    return nfc(str(value))


_COLUMN_NUMBER = re.compile(r"\(\s*(\d{1,2})\s*\)|(\d{1,2})")


def _is_column_number_line(values):
    """The "(1) (2) (3) …" line printed under the header of Vietnamese forms.

    The numbers must run 1, 2, 3 … so that a data row holding only small numbers
    (an STT and a value without a code) is not mistaken for it; bare numbers need
    three in a row, parenthesised ones two.
    """
    numbers, parenthesised = [], False
    for value in values:
        if _is_blank(value):
            continue
        if isinstance(value, int) and not isinstance(value, bool):
            numbers.append(value)
            continue
        match = _COLUMN_NUMBER.fullmatch(value.strip()) if isinstance(value, str) else None
        if not match:
            return False
        parenthesised = parenthesised or match.group(1) is not None
        numbers.append(int(match.group(1) or match.group(2)))
    consecutive = all(b == a + 1 for a, b in zip(numbers, numbers[1:]))
    return consecutive and len(numbers) >= (2 if parenthesised else 3)


def _iter_rows(worksheet):
    """Yield (row number, values) of non-empty rows, streaming.

    After MAX_EMPTY_RUN consecutive empty rows it looks ahead in the sheet's XML
    (cheap: no cell objects) and stops only when no cell below holds a value, so
    thousands of formatted blank rows cost almost nothing and nothing typed further
    down is ever dropped.
    """
    # The <dimension> tag is written by the producing program and is often wrong; without
    # it openpyxl reads to the real end of the sheet data instead of trusting it.
    worksheet.reset_dimensions()
    empty_run, look_ahead_done = 0, False
    rows = worksheet.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True)
    for number, values in enumerate(rows, start=1):
        if all(_is_blank(v) for v in values):
            empty_run += 1
            if empty_run >= MAX_EMPTY_RUN and not look_ahead_done:
                look_ahead_done = True
                if _last_row_with_value(worksheet) <= number:
                    return
            continue
        empty_run = 0
        yield number, values


# In the sheet XML: a row start tag (with its number) or the start of a cell value.
_TOKEN_RE = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"|<(?:\w+:)?(?:v|is)[\s>]')


def _last_row_with_value(worksheet):
    """The last row number whose XML holds a cell value (<v> or an inline string), 0 if none."""
    archive = getattr(worksheet.parent, "_archive", None)
    path = getattr(worksheet, "_worksheet_path", None)
    if archive is None or path is None:
        return 10**9  # cannot look ahead: read on
    last = current = 0
    tail = b""
    with archive.open(path) as stream:
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            for match in _TOKEN_RE.finditer(data):
                if match.group(1) is not None:
                    current = int(match.group(1))
                elif current:
                    last = max(last, current)
            # Overlap so that a tag cut by the chunk boundary is seen whole next time;
            # tokens seen twice are harmless (row numbers only grow).
            tail = data[-512:]
    return last


def _map_header(values, columns):
    """(key -> column index, duplicated header labels) for a header row."""
    wanted = {normalise_label(label): key for key, label in columns.items()}
    found, duplicates = {}, []
    for index, value in enumerate(values):
        key = wanted.get(normalise_label(value))
        if key is None:
            continue
        if key in found:
            duplicates.append((columns[key], found[key], index))
        else:
            found[key] = index
    return found, duplicates


def _find_sheet(workbook, wanted):
    """(worksheet or None, error message or None); names compared loosely."""
    matches = [ws for ws in workbook.worksheets if _sheet_key(ws.title) == _sheet_key(wanted)]
    exact = [ws for ws in matches if ws.title == wanted]
    if exact:
        return exact[0], None
    if len(matches) > 1:
        names = ", ".join(ws.title for ws in matches)
        return None, f"có nhiều sheet trùng tên {wanted} ({names}). Hãy xoá hoặc đổi tên sheet thừa."
    return (matches[0] if matches else None), None


# --- the reader -------------------------------------------------------------

UNREADABLE = (
    "không đọc được nội dung tệp (tệp hỏng hoặc không đúng định dạng .xlsx). Hãy mở tệp bằng "
    'Excel, "Lưu thành .xlsx" rồi tải lên lại.'
)


def read_ward_workbook(data, filename, known_codes=None, rules=None):
    """Read a ward workbook; never raises for a bad file, every problem is in ``errors``.

    ``known_codes``: indicator codes in force for the period (None = do not check).
    ``rules``: consistency rules in the DEFAULT_RULES shape, or ConsistencyRule rows
    (None = DEFAULT_RULES, [] = no checks).
    """
    name = safe_filename(filename)
    result = ParsedWorkbook(filename=name, sha256=hashlib.sha256(data or b"").hexdigest())
    try:
        check_xlsx_bytes(data, name)
    except UploadRejected as rejected:
        result.errors.append(CellError(None, None, None, None, rejected.reason))
        return result

    known = {str(code).strip().upper() for code in known_codes} if known_codes is not None else None
    rules = _validated_rules(rules)  # a bad rule is a programming error, not a bad file: raise here
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on malformed files
        logger.warning("Cannot open workbook %s", name, exc_info=True)
        result.errors.append(CellError(None, None, None, None, UNREADABLE))
        return result
    try:
        reader = _ValuesSheetReader(result, known)
        reader.read(workbook)
        if reader.has_empty_cells_to_explain:
            _explain_empty_cells(data, reader)
        # ChiTieu's errors top to bottom (title block first), then the cross-cell checks.
        result.errors.sort(key=lambda err: (err.row is not None, err.row or 0))
        if reader.sheet is not None:
            result.errors.extend(check_consistency(result.values, result.value_cells, rules, sheet=reader.sheet))
        _read_list_sheet(workbook, PETITIONS, result.petitions, result.errors)
        _read_list_sheet(workbook, LETTERS, result.letters, result.errors)
    except Exception:
        logger.warning("Cannot read workbook %s", name, exc_info=True)
        result.errors.append(CellError(None, None, None, None, UNREADABLE))
    finally:
        workbook.close()
    return result


class _ValuesSheetReader:
    """One streaming pass over ChiTieu: title block, header row, indicator rows."""

    def __init__(self, result, known_codes):
        self.result = result
        self.known_codes = known_codes
        self.sheet = None
        self.columns = None  # key -> 0-based column index, once the header row is found
        self.header_row = None
        self.text_sample = []  # for the legacy-encoding hint when no header is found
        self.code_rows = {}  # code -> row number, to name both rows of a duplicate
        self.title = {}  # "unit" / "period" -> (label row, label column index, value, value cell)
        self.empty_value_cells = []  # (code, row, cell): maybe a formula without a cached value
        self.last_row = 0

    def error(self, cell, row, column, message):
        self.result.errors.append(CellError(self.sheet, cell, row, column, message))

    @property
    def has_empty_cells_to_explain(self):
        missing_title = any(entry[2] is None for entry in self.title.values())
        return self.sheet is not None and (self.empty_value_cells or missing_title)

    def read(self, workbook):
        worksheet, problem = _find_sheet(workbook, SHEET_VALUES)
        if worksheet is None:
            found = ", ".join(workbook.sheetnames) or "(không có)"
            self.result.errors.append(
                CellError(
                    None, None, None, None,
                    problem
                    or f"không có sheet {SHEET_VALUES} (các sheet trong tệp: {found}). Hãy dùng đúng "
                    f"mẫu báo cáo, hoặc đổi tên sheet số liệu thành {SHEET_VALUES}.",
                )
            )
            return
        self.sheet = worksheet.title
        for number, values in _iter_rows(worksheet):
            self.last_row = number
            if number <= TITLE_ROWS:
                self.read_title_cells(number, values)
            if self.columns is None:
                self.look_for_header(number, values)
            elif not _is_column_number_line(values):
                self.read_indicator_row(number, values)
        self.finish()

    def read_title_cells(self, number, values):
        for index, value in enumerate(values):
            if not isinstance(value, str):
                continue
            for key, label in (("unit", UNIT_LABEL), ("period", PERIOD_LABEL)):
                if key in self.title:
                    continue
                head, colon, tail = value.partition(":")
                if normalise_label(head) != normalise_label(label):
                    continue
                if colon and tail.strip():  # "Mã đơn vị: 06748" in one cell
                    self.title[key] = (number, index, tail.strip(), _cell(number, index))
                    continue
                # Otherwise the value is the next non-empty cell to the right (merged cells
                # and blank spacer columns in between read as empty).
                entry = (number, index, None, None)
                for right in range(index + 1, len(values)):
                    if _is_blank(values[right]):
                        continue
                    if not _is_title_label(values[right]):  # "Mã đơn vị: | | Kỳ báo cáo: …"
                        entry = (number, index, values[right], _cell(number, right))
                    break
                self.title[key] = entry

    def look_for_header(self, number, values):
        if not any(normalise_label(v) == normalise_label(VALUE_COLUMNS["code"]) for v in values):
            if len(self.text_sample) < 200:
                self.text_sample.extend(str(v) for v in values if isinstance(v, str))
            return
        self.columns, duplicates = _map_header(values, VALUE_COLUMNS)
        self.header_row = number
        for label, first, second in duplicates:
            self.error(
                None, number, label,
                f'dòng tiêu đề có hai cột "{label}" ({get_column_letter(first + 1)} và '
                f"{get_column_letter(second + 1)}). Hãy giữ một cột, xoá cột thừa.",
            )
        if "value" not in self.columns:
            headers = ", ".join(_quote(v) for v in values if not _is_blank(v))
            self.error(
                None, number, VALUE_COLUMNS["value"],
                f'dòng tiêu đề (dòng {number}) không có cột "{VALUE_COLUMNS["value"]}" '
                f"(các cột tìm thấy: {headers}). Hãy dùng đúng mẫu báo cáo.",
            )

    def read_indicator_row(self, number, values):
        if "value" not in self.columns:
            return
        code_index, value_index = self.columns["code"], self.columns["value"]
        code_cell, value_cell = _cell(number, code_index), _cell(number, value_index)
        raw_code, raw_value = _at(values, code_index), _at(values, value_index)
        code = normalise_code(raw_code)
        code_label, value_label = VALUE_COLUMNS["code"], VALUE_COLUMNS["value"]

        if code is None or not looks_like_code(code):
            # Section headings ("I. KỲ HỌP") and footers ("Người lập biểu") have no code and no value.
            if _is_blank(raw_value):
                return
            if code is None:
                self.error(
                    code_cell, number, code_label,
                    f"dòng {number} có số liệu ({value_cell}) nhưng không có mã chỉ tiêu. "
                    "Hãy ghi mã chỉ tiêu theo mẫu (ví dụ KH01) hoặc xoá số liệu.",
                )
            else:
                self.error(
                    code_cell, number, code_label,
                    f"mã chỉ tiêu {_quote(raw_code)} không hợp lệ. Hãy ghi đúng mã theo mẫu (ví dụ KH01).",
                )
            return
        if self.known_codes is not None and code not in self.known_codes:
            self.error(
                code_cell, number, code_label,
                f"mã chỉ tiêu {code} không có trong danh mục chỉ tiêu của kỳ báo cáo. Hãy kiểm tra "
                "lại mã, hoặc tải mẫu báo cáo mới nhất.",
            )
            return
        if code in self.code_rows:
            first = self.code_rows[code]
            self.error(
                code_cell, number, code_label,
                f"chỉ tiêu {code} được ghi hai lần: dòng {first} (ô {_cell(first, code_index)}) và "
                f"dòng {number} (ô {code_cell}). Hãy giữ một dòng.",
            )
            return
        self.code_rows[code] = number
        self.result.value_cells[code] = value_cell
        value, problem = parse_count(raw_value)
        if problem:
            self.error(value_cell, number, value_label, f"chỉ tiêu {code}: {problem}")
            return
        self.result.values[code] = value
        if value is None:
            self.empty_value_cells.append((code, number, value_cell))

    def finish(self):
        if self.columns is None:
            message = (
                f'không tìm thấy dòng tiêu đề bảng (ô "{VALUE_COLUMNS["code"]}"). Dòng tiêu đề phải '
                "có các cột: " + ", ".join(VALUE_COLUMNS.values()) + "."
            )
            encoding = detect_legacy_encoding(" ".join(self.text_sample))
            if encoding:
                message += _legacy_hint(encoding)
            else:
                message += " Hãy dùng đúng mẫu báo cáo."
            self.error(None, None, VALUE_COLUMNS["code"], message)
        elif "value" in self.columns and not self.code_rows:
            self.error(
                None, self.header_row, VALUE_COLUMNS["code"],
                "bảng không có dòng chỉ tiêu nào (không có mã chỉ tiêu dưới dòng tiêu đề). "
                "Hãy điền số liệu vào mẫu báo cáo.",
            )
        self.finish_title("unit", UNIT_LABEL)
        self.finish_title("period", PERIOD_LABEL)

    def finish_title(self, key, label):
        if key not in self.title:
            self.error(
                None, None, label,
                f'không tìm thấy ô "{label}:" trong {TITLE_ROWS} dòng đầu. Hãy ghi "{label}:" '
                "và giá trị ở ô bên phải, như trong mẫu báo cáo.",
            )
            return
        row, index, value, value_cell = self.title[key]
        if value is None:
            return  # reported after the formula check, which may explain why it is empty
        parse = parse_unit_code if key == "unit" else parse_period
        parsed, problem = parse(value)
        if problem:
            self.error(value_cell, row, label, problem)
        elif key == "unit":
            self.result.unit_code, self.result.unit_code_cell = parsed, value_cell
        else:
            self.result.period_code, self.result.period_cell = parsed, value_cell


def _is_title_label(value):
    head = str(value).partition(":")[0]
    return normalise_label(head) in (normalise_label(UNIT_LABEL), normalise_label(PERIOD_LABEL))


def normalise_code(value):
    """' kh01 ' -> 'KH01'; None when blank."""
    if _is_blank(value):
        return None
    return _SPACES.sub("", nfc(str(value))).upper()


def looks_like_code(code):
    # Indicator codes are short ASCII letter+digit codes; anything else in the code column
    # (a heading, a footnote, a signature line) is not an indicator row.
    return bool(re.fullmatch(r"[A-Z][A-Z0-9._-]{0,15}", code)) and any(ch.isdigit() for ch in code)


def _explain_empty_cells(data, reader):
    """Report empty title cells, and empty cells that are really uncomputed formulas.

    Some programs (openpyxl, some exporters) save formulas without their results;
    with data_only=True those cells read as empty. Only when such a cell matters do
    we open the file a second time, with formulas, to tell the two cases apart.
    """
    advice = (
        "ô chứa công thức nhưng chưa có giá trị đã tính (tệp được lưu bởi chương trình không "
        "tính công thức). Hãy mở tệp bằng Excel, lưu lại rồi tải lên lại, hoặc nhập số trực tiếp."
    )
    formulas = set()
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            worksheet = workbook[reader.sheet]
            worksheet.reset_dimensions()
            for row in worksheet.iter_rows(min_row=1, max_row=max(reader.last_row, 1), max_col=MAX_COLUMNS):
                for cell in row:
                    if getattr(cell, "data_type", None) == "f":
                        formulas.add(cell.coordinate)
        finally:
            workbook.close()
    except Exception:  # the first pass succeeded; if this one fails, report what we know
        logger.warning("Cannot read formulas of %s", reader.result.filename, exc_info=True)

    for code, row, cell in reader.empty_value_cells:
        if cell in formulas:
            reader.result.values.pop(code, None)
            reader.error(cell, row, VALUE_COLUMNS["value"], f"chỉ tiêu {code}: {advice}")

    for key, label in (("unit", UNIT_LABEL), ("period", PERIOD_LABEL)):
        entry = reader.title.get(key)
        if entry is None or entry[2] is not None:
            continue
        row, index, _, _ = entry
        formula_cells = [
            _cell(row, right) for right in range(index, MAX_COLUMNS) if _cell(row, right) in formulas
        ]
        if formula_cells:
            reader.error(formula_cells[0], row, label, advice)
        else:
            reader.error(
                _cell(row, index), row, label,
                f'ô bên phải "{label}:" đang trống. Hãy ghi '
                + ("mã đơn vị hành chính 5 chữ số, ví dụ 06748." if key == "unit"
                   else 'kỳ báo cáo, ví dụ "6 tháng đầu năm 2022".'),
            )


def check_consistency(values, value_cells, rules=None, sheet=SHEET_VALUES):
    """Errors for failed consistency rules; a rule with any code not reported is skipped."""
    errors = []
    for left_codes, op, right_codes in _validated_rules(rules):
        codes = list(left_codes) + list(right_codes)
        if any(values.get(code) is None for code in codes):
            continue
        left = sum(values[code] for code in left_codes)
        right = sum(values[code] for code in right_codes)
        holds, wording = _OPERATORS[op]
        if holds(left, right):
            continue

        def side(side_codes):
            cells = ", ".join(value_cells.get(code, "?") for code in side_codes)
            return f"{'+'.join(side_codes)} ({cells})"

        first_cell = value_cells.get(codes[0])
        errors.append(
            CellError(
                sheet, first_cell, _row_of(first_cell), VALUE_COLUMNS["value"],
                f"số liệu không khớp: {side(left_codes)} = {left} nhưng {side(right_codes)} = "
                f"{right}; {'+'.join(left_codes)} phải {wording} {'+'.join(right_codes)}. "
                "Hãy kiểm tra lại các ô này.",
            )
        )
    return errors


def _validated_rules(rules):
    parts = [_rule_parts(rule) for rule in (DEFAULT_RULES if rules is None else rules)]
    for left, op, right in parts:
        if op not in _OPERATORS or not left or not right:
            raise ValueError(f"Invalid consistency rule: {left!r} {op!r} {right!r}")
    return parts


def _rule_parts(rule):
    """(left, op, right) from a DEFAULT_RULES tuple or a ConsistencyRule-like object."""
    if hasattr(rule, "operator"):
        return list(rule.left), rule.operator, list(rule.right)
    left, op, right = rule
    return list(left), op, list(right)


def _row_of(cell):
    match = re.search(r"\d+$", cell or "")
    return int(match.group()) if match else None


# --- optional list sheets -----------------------------------------------------

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


def _read_list_sheet(workbook, spec, rows_out, errors):
    """Read an optional list sheet (KienNghi, DonThu) into dicts, one per filled row."""
    worksheet, problem = _find_sheet(workbook, spec.name)
    if problem:
        errors.append(CellError(None, None, None, None, problem))
    if worksheet is None:
        return
    sheet = worksheet.title
    header_label = spec.columns[spec.header_key]
    columns = None
    text_sample = []
    for number, values in _iter_rows(worksheet):
        if columns is None:
            if any(normalise_label(v) == normalise_label(header_label) for v in values):
                columns, duplicates = _map_header(values, spec.columns)
                for label, first, second in duplicates:
                    errors.append(CellError(
                        sheet, None, number, label,
                        f'dòng tiêu đề có hai cột "{label}" ({get_column_letter(first + 1)} và '
                        f"{get_column_letter(second + 1)}). Hãy giữ một cột, xoá cột thừa.",
                    ))
            elif len(text_sample) < 200:
                text_sample.extend(str(v) for v in values if isinstance(v, str))
            continue
        if _is_column_number_line(values):
            continue
        row = _read_list_row(sheet, spec, columns, number, values, errors)
        if row is not None:
            rows_out.append(row)

    if columns is None:
        message = (
            f'không tìm thấy dòng tiêu đề có ô "{header_label}". Dòng tiêu đề phải có các cột: '
            + ", ".join(spec.columns.values()) + "."
        )
        encoding = detect_legacy_encoding(" ".join(text_sample))
        message += _legacy_hint(encoding) if encoding else " Hãy dùng đúng mẫu báo cáo."
        errors.append(CellError(sheet, None, None, header_label, message))


def _read_list_row(sheet, spec, columns, number, values, errors):
    row = {"row": number}
    problems = []
    for key, label in spec.columns.items():
        if key == "stt":
            continue
        index = columns.get(key)
        raw = _at(values, index)
        if key in spec.date_keys:
            row[key], problem = parse_date(raw)
            if problem:
                problems.append(CellError(sheet, _cell(number, index), number, label, problem))
        else:
            row[key] = _text(raw)
    # A row with only its STT (templates come pre-numbered) is an empty row.
    if all(row[key] is None for key in row if key != "row") and not problems:
        return None
    if row[spec.header_key] is None:
        label = spec.columns[spec.header_key]
        index = columns[spec.header_key]
        problems.append(CellError(
            sheet, _cell(number, index), number, label,
            f'dòng {number} có dữ liệu nhưng thiếu "{label}". Hãy ghi nội dung hoặc xoá dòng này.',
        ))
    errors.extend(problems)
    return row
