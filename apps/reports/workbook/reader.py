"""Read one ward report workbook (docs/WORKBOOK.md) into plain Python values.

No models, no database: the importer resolves unit codes, periods and indicators against the
database; this module only reads the file, as tolerantly as real ward files require, and collects
every problem as a Vietnamese ``CellError`` so the clerk sees all of them at once.

Things are found by content, not by fixed cell addresses: the sheet by a normalised name, the
title block by its labels, the table by its header texts.
"""
import hashlib
import io
import logging

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from apps.core.uploads import UploadRejected, check_xlsx_bytes, safe_filename

from .cells import (
    _at, _cell, _is_blank, _is_column_number_line, _is_title_label, _legacy_hint, _quote, detect_legacy_encoding,
    looks_like_code, normalise_code, normalise_label, parse_count, parse_period, parse_unit_code,
)
from .contract import (
    LETTERS, MAX_COLUMNS, PERIOD_LABEL, PETITIONS, SHEET_VALUES, TITLE_ROWS, UNIT_LABEL, VALUE_COLUMNS,
    CellError, ParsedWorkbook,
)
from .rules import check_consistency, validated_rules
from .sheets import _find_sheet, _iter_rows, _map_header, _read_list_sheet, formula_cells

logger = logging.getLogger(__name__)

UNREADABLE = _(
    "không đọc được nội dung tệp (tệp hỏng hoặc không đúng định dạng .xlsx). Hãy mở tệp bằng "
    'Excel, "Lưu thành .xlsx" rồi tải lên lại.'
)


def read_ward_workbook(data, filename, known_codes=None, rules=None):
    """Read a ward workbook; never raises for a bad file, every problem is in ``errors``.

    ``known_codes``: indicator codes in force for the period (None = do not check).
    ``rules``: consistency rules as (left, operator, right) or ConsistencyRule rows (None = no checks).
    """
    name = safe_filename(filename)
    result = ParsedWorkbook(filename=name, sha256=hashlib.sha256(data or b"").hexdigest())
    try:
        check_xlsx_bytes(data, name)
    except UploadRejected as rejected:
        result.errors.append(CellError(None, None, None, None, rejected.reason))
        return result

    known = {str(code).strip().upper() for code in known_codes} if known_codes is not None else None
    rules = validated_rules(rules)  # a bad rule is a programming error, not a bad file: raise here
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on malformed files
        logger.warning("Cannot open workbook %s", name, exc_info=True)
        result.errors.append(CellError(None, None, None, None, UNREADABLE))
        return result
    try:
        reader = _ValuesSheetReader(result)
        reader.read(workbook)
        if reader.has_empty_cells_to_explain:
            _explain_empty_cells(data, reader, workbook)
        # ChiTieu's errors top to bottom (title block first), then the cross-cell checks.
        result.errors.sort(key=_reading_order)
        result.values_errors, result.values_sheet, result.header_row = len(result.errors), reader.sheet, reader.header_row
        if known is not None:
            restrict_to_codes(result, known)
        if reader.sheet is not None:
            result.errors.extend(check_consistency(result.values, result.value_cells, rules, sheet=reader.sheet))
        for spec, rows in ((PETITIONS, result.petitions), (LETTERS, result.letters)):
            _read_list_sheet(workbook, spec, rows, result.errors, result.list_columns.setdefault(spec.name, {}))
    except Exception:
        logger.warning("Cannot read workbook %s", name, exc_info=True)
        result.errors.append(CellError(None, None, None, None, UNREADABLE))
    finally:
        workbook.close()
    return result


NO_INDICATOR_ROWS = _(
    "bảng không có dòng chỉ tiêu nào (không có mã chỉ tiêu dưới dòng tiêu đề). Hãy điền số liệu vào mẫu báo cáo."
)


def _reading_order(err):
    return (err.row is not None, err.row or 0)


def restrict_to_codes(parsed, known_codes):
    """Refuse ChiTieu's rows whose code is not in ``known_codes`` (the form in force for the period),
    on what was read: the file is not read again. Each such row gets one error on its code cell
    instead of any other problem of that row, and its value is dropped."""
    known = {str(code).strip().upper() for code in known_codes}
    unknown = [(code, row, cell) for code, row, cell in parsed.indicator_rows if code not in known]
    if not unknown:
        return parsed
    rows = {row for _code, row, _cell in unknown}
    columns = (VALUE_COLUMNS["code"], VALUE_COLUMNS["value"])
    own = [err for err in parsed.errors[:parsed.values_errors] if not (err.row in rows and err.column in columns)]
    for code, row, cell in unknown:
        own.append(CellError(
            parsed.values_sheet, cell, row, VALUE_COLUMNS["code"],
            format_lazy(_("mã chỉ tiêu {code} không có trong danh mục chỉ tiêu của kỳ báo cáo. Hãy kiểm tra "
                          "lại mã, hoặc tải mẫu báo cáo mới nhất."), code=code),
        ))
        parsed.values.pop(code, None)
        parsed.value_cells.pop(code, None)
    parsed.indicator_rows = [entry for entry in parsed.indicator_rows if entry[0] in known]
    if not parsed.indicator_rows:
        own.append(CellError(parsed.values_sheet, None, parsed.header_row, VALUE_COLUMNS["code"], NO_INDICATOR_ROWS))
    own.sort(key=_reading_order)
    parsed.errors = own + parsed.errors[parsed.values_errors:]
    parsed.values_errors = len(own)
    return parsed


class _ValuesSheetReader:
    """One streaming pass over ChiTieu: title block, header row, indicator rows."""

    def __init__(self, result):
        self.result = result
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
            found = ", ".join(workbook.sheetnames) or _("(không có)")
            self.result.errors.append(
                CellError(
                    None, None, None, None,
                    problem
                    or format_lazy(_("không có trang tính {sheet} (các trang tính trong tệp: {found}). Hãy dùng đúng "
                                     "mẫu báo cáo, hoặc đổi tên trang tính số liệu thành {sheet}."),
                                   sheet=SHEET_VALUES, found=found),
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
                format_lazy(_('dòng tiêu đề có hai cột "{label}" ({first} và {second}). Hãy giữ một cột, xóa cột thừa.'),
                            label=label, first=get_column_letter(first + 1), second=get_column_letter(second + 1)),
            )
        if "value" not in self.columns:
            headers = ", ".join(_quote(v) for v in values if not _is_blank(v))
            self.error(
                None, number, VALUE_COLUMNS["value"],
                format_lazy(_('dòng tiêu đề (dòng {row}) không có cột "{column}" '
                              "(các cột tìm thấy: {headers}). Hãy dùng đúng mẫu báo cáo."),
                            row=number, column=VALUE_COLUMNS["value"], headers=headers),
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
                    format_lazy(_("dòng {row} có số liệu ({cell}) nhưng không có mã chỉ tiêu. "
                                  "Hãy ghi mã chỉ tiêu theo mẫu (ví dụ KH01) hoặc xóa số liệu."),
                                row=number, cell=value_cell),
                )
            else:
                self.error(
                    code_cell, number, code_label,
                    format_lazy(_("mã chỉ tiêu {code} không hợp lệ. Hãy ghi đúng mã theo mẫu (ví dụ KH01)."),
                                code=_quote(raw_code)),
                )
            return
        self.result.indicator_rows.append((code, number, code_cell))
        if code in self.code_rows:
            first = self.code_rows[code]
            self.error(
                code_cell, number, code_label,
                format_lazy(_("chỉ tiêu {code} được ghi hai lần: dòng {first} (ô {first_cell}) và "
                              "dòng {row} (ô {cell}). Hãy giữ một dòng."),
                            code=code, first=first, first_cell=_cell(first, code_index), row=number, cell=code_cell),
            )
            return
        self.code_rows[code] = number
        self.result.value_cells[code] = value_cell
        value, problem = parse_count(raw_value)
        if problem:
            self.error(value_cell, number, value_label, format_lazy(_("chỉ tiêu {code}: {problem}"),
                                                                    code=code, problem=problem))
            return
        self.result.values[code] = value
        if value is None:
            self.empty_value_cells.append((code, number, value_cell))

    def finish(self):
        if self.columns is None:
            encoding = detect_legacy_encoding(" ".join(self.text_sample))
            message = format_lazy(
                _('không tìm thấy dòng tiêu đề bảng (ô "{code}"). Dòng tiêu đề phải có các cột: {columns}.{advice}'),
                code=VALUE_COLUMNS["code"], columns=", ".join(VALUE_COLUMNS.values()),
                advice=_legacy_hint(encoding) if encoding else _(" Hãy dùng đúng mẫu báo cáo."))
            self.error(None, None, VALUE_COLUMNS["code"], message)
        elif "value" in self.columns and not self.code_rows:
            self.error(None, self.header_row, VALUE_COLUMNS["code"], NO_INDICATOR_ROWS)
        self.finish_title("unit", UNIT_LABEL)
        self.finish_title("period", PERIOD_LABEL)

    def finish_title(self, key, label):
        if key not in self.title:
            self.error(
                None, None, label,
                format_lazy(_('không tìm thấy ô "{label}:" trong {rows} dòng đầu. Hãy ghi "{label}:" '
                              "và giá trị ở ô bên phải, như trong mẫu báo cáo."), label=label, rows=TITLE_ROWS),
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


def _explain_empty_cells(data, reader, workbook):
    """Report empty title cells, and empty cells that are really uncomputed formulas.

    Some programs (openpyxl, some exporters) save formulas without their results;
    with data_only=True those cells read as empty. Only when such a cell matters do
    we look for formulas, in the sheet's XML of the archive already open; a workbook
    whose archive cannot be reached that way is opened a second time, with formulas.
    """
    advice = _(
        "ô chứa công thức nhưng chưa có giá trị đã tính (tệp được lưu bởi chương trình không "
        "tính công thức). Hãy mở tệp bằng Excel, lưu lại rồi tải lên lại, hoặc nhập số trực tiếp."
    )
    try:
        formulas = formula_cells(workbook[reader.sheet], max(reader.last_row, 1))
    except Exception:  # a malformed sheet XML: fall back to openpyxl's reading of it
        logger.warning("Cannot scan formulas of %s", reader.result.filename, exc_info=True)
        formulas = None
    if formulas is None:
        formulas = _formula_cells_by_openpyxl(data, reader)
    _report_empty_cells(reader, formulas, advice)


def _formula_cells_by_openpyxl(data, reader):
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
    return formulas


def _report_empty_cells(reader, formulas, advice):
    for code, row, cell in reader.empty_value_cells:
        if cell in formulas:
            reader.result.values.pop(code, None)
            reader.error(cell, row, VALUE_COLUMNS["value"], format_lazy(_("chỉ tiêu {code}: {problem}"),
                                                                        code=code, problem=advice))

    for key, label in (("unit", UNIT_LABEL), ("period", PERIOD_LABEL)):
        entry = reader.title.get(key)
        if entry is None or entry[2] is not None:
            continue
        row, index = entry[0], entry[1]
        formula_cells = [
            _cell(row, right) for right in range(index, MAX_COLUMNS) if _cell(row, right) in formulas
        ]
        if formula_cells:
            reader.error(formula_cells[0], row, label, advice)
        else:
            reader.error(
                _cell(row, index), row, label,
                format_lazy(_('ô bên phải "{label}:" đang trống. Hãy ghi mã đơn vị hành chính 5 chữ số, ví dụ 06748.')
                            if key == "unit" else
                            _('ô bên phải "{label}:" đang trống. Hãy ghi kỳ báo cáo, ví dụ "6 tháng đầu năm 2022".'),
                            label=label),
            )
