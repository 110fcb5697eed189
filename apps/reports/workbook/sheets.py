"""Walking the rows of a sheet (streaming, bounded), finding sheets and header rows, and reading
the optional list sheets (KienNghi, DonThu) into plain dicts."""
import re

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from openpyxl.utils import get_column_letter

from .cells import (
    _cell, _is_blank, _is_column_number_line, _legacy_hint, _sheet_key, _text, detect_legacy_encoding,
    normalise_label, parse_date,
)
from .contract import MAX_COLUMNS, MAX_EMPTY_RUN, CellError

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


# A cell of the sheet XML that is not self-closing, with its reference and its content.
_CELL_RE = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]+)([0-9]+)"[^>]*?(?<!/)>(.*?)</(?:\w+:)?c>', re.S)
_FORMULA_RE = re.compile(rb"<(?:\w+:)?f[\s>/]")


def formula_cells(worksheet, last_row):
    """{"E12", …}: the cells up to ``last_row`` that hold a formula, read from the sheet's XML in the
    archive the workbook already has open (no second parse of the file). None when the archive
    cannot be reached."""
    archive = getattr(worksheet.parent, "_archive", None)
    path = getattr(worksheet, "_worksheet_path", None)
    if archive is None or path is None:
        return None
    with archive.open(path) as stream:
        xml = stream.read()
    found = set()
    for match in _CELL_RE.finditer(xml):
        row = int(match.group(2))
        if row > last_row:
            break
        if _FORMULA_RE.search(match.group(3)):
            found.add(f"{match.group(1).decode()}{row}")
    return found


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
        return None, format_lazy(_("có nhiều trang tính trùng tên {wanted} ({names}). Hãy xóa hoặc đổi tên trang "
                                   "tính thừa."), wanted=wanted, names=names)
    return (matches[0] if matches else None), None


def _read_list_sheet(workbook, spec, rows_out, errors, columns_out=None):
    """Read an optional list sheet (KienNghi, DonThu) into dicts, one per filled row; ``columns_out``
    gets the letter of each column found ({"status": "F"}), so later checks can name a row's cell."""
    worksheet, problem = _find_sheet(workbook, spec.name)
    if problem:
        errors.append(CellError(None, None, None, None, problem))
    if worksheet is None:
        return
    sheet = worksheet.title
    header_label = spec.columns[spec.header_key]
    columns = plan = None
    text_sample = []
    for number, values in _iter_rows(worksheet):
        if columns is None:
            if any(normalise_label(v) == normalise_label(header_label) for v in values):
                columns, duplicates = _map_header(values, spec.columns)
                if columns_out is not None:
                    columns_out.update({key: get_column_letter(index + 1) for key, index in columns.items()})
                for label, first, second in duplicates:
                    errors.append(CellError(
                        sheet, None, number, label,
                        format_lazy(_('dòng tiêu đề có hai cột "{label}" ({first} và {second}). Hãy giữ một cột, '
                                      'xóa cột thừa.'), label=label, first=get_column_letter(first + 1),
                                    second=get_column_letter(second + 1)),
                    ))
            elif len(text_sample) < 200:
                text_sample.extend(str(v) for v in values if isinstance(v, str))
            continue
        if _is_column_number_line(values):
            continue
        if plan is None:
            plan = _row_plan(spec, columns)
        row = _read_list_row(sheet, spec, columns, plan, number, values, errors)
        if row is not None:
            rows_out.append(row)

    if columns is None:
        encoding = detect_legacy_encoding(" ".join(text_sample))
        message = format_lazy(
            _('không tìm thấy dòng tiêu đề có ô "{header}". Dòng tiêu đề phải có các cột: {columns}.{advice}'),
            header=header_label, columns=", ".join(spec.columns.values()),
            advice=_legacy_hint(encoding) if encoding else _(" Hãy dùng đúng mẫu báo cáo."))
        errors.append(CellError(sheet, None, None, header_label, message))


def _row_plan(spec, columns):
    """(key, label, column index or None, is a date) of each column a row is read from, worked out once a
    sheet's header is found."""
    return [(key, label, columns.get(key), key in spec.date_keys) for key, label in spec.columns.items()
            if key != "stt"]


def _read_list_row(sheet, spec, columns, plan, number, values, errors):
    row = {"row": number}
    problems = []
    width = len(values)
    for key, label, index, is_date in plan:
        raw = values[index] if index is not None and index < width else None
        if is_date:
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
            format_lazy(_('dòng {row} có dữ liệu nhưng thiếu "{label}". Hãy ghi nội dung hoặc xóa dòng này.'),
                        row=number, label=label),
        ))
    errors.extend(problems)
    return row
