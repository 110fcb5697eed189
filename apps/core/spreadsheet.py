"""The safe spreadsheet writer: every xlsx the project produces goes through here.

Text is always written as text: a value such as "=HYPERLINK(...)", "+1", "-2" or
"@SUM" is stored as a string cell with Excel's quote prefix, so opening the file
can never run it as a formula, and reading it back gives the same text.
"""
import datetime
import io
import weakref
from copy import copy
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, NamedStyle
from openpyxl.styles.fonts import DEFAULT_FONT
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
BOLD = Font(bold=True)


def set_cell(ws, row, column, value):
    """Write one value: numbers stay numbers, dates are dates, text is never a formula."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, bool):
        value = "Có" if value else "Không"
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            from django.utils import timezone

            value = timezone.localtime(value).replace(tzinfo=None)
        cell.value = value
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, (int, float, Decimal)) or value is None:
        cell.value = value
    else:
        text = ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", str(value))
        cell.value = text
        # openpyxl marks "=..." as a formula; force a plain string and add the quote prefix.
        cell.data_type = "s"
        if text.startswith(FORMULA_PREFIXES):
            cell.quotePrefix = True
    return cell


def write_table(ws, headers, rows, start_row=1, widths=None, freeze=True):
    """Write a header row and data rows; return the next free row number."""
    for col, header in enumerate(headers, start=1):
        set_cell(ws, start_row, col, header).font = BOLD
    r = start_row
    for r, row in enumerate(rows, start=start_row + 1):
        for col, value in enumerate(row, start=1):
            set_cell(ws, r, col, value)
    if freeze:
        ws.freeze_panes = ws.cell(row=start_row + 1, column=1)
    autosize(ws, headers, widths)
    return r + 1


def autosize(ws, headers, widths=None, max_width=60):
    for col, header in enumerate(headers, start=1):
        width = (widths or {}).get(header) or min(max_width, max(10, len(str(header)) + 2))
        ws.column_dimensions[get_column_letter(col)].width = width


def landscape_a4(ws):
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4  # (a write-only sheet lacks the constant)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False


def workbook_bytes(wb):
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def dataset_to_xlsx(dataset, title="Sheet1"):
    """A tablib Dataset as safe xlsx bytes (used by every register's export)."""
    wb = Workbook()
    ws = wb.active
    ws.title = (title or "Sheet1")[:31]
    write_table(ws, list(dataset.headers or []), list(dataset))
    for col in range(1, len(dataset.headers or []) + 1):
        ws.column_dimensions[get_column_letter(col)].width = 22
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and "\n" in cell.value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    return workbook_bytes(wb)


# ---------------------------------------------------------------------------
# Streaming (write-only) workbooks: ``Workbook(write_only=True)`` writes each row to disk as it is
# appended, so a sheet of 100 000 cells never exists in memory. The same rule as ``set_cell``:
# text is a string cell, never a formula or an error value.
# ---------------------------------------------------------------------------
STREAM_STYLES = {  # (dates keep the workbook's default font, as cells written by set_cell do)
    "council_date": dict(number_format=DATE_FORMAT, font=copy(DEFAULT_FONT)),
    "council_datetime": dict(number_format=DATETIME_FORMAT, font=copy(DEFAULT_FONT)),
    "council_header": dict(font=Font(bold=True)),
}


def register_stream_styles(wb):
    """Add the named styles the streaming writer uses (once per workbook)."""
    for name, attrs in STREAM_STYLES.items():
        if name not in wb.named_styles:
            wb.add_named_style(NamedStyle(name=name, **attrs))


def _local_naive(value):
    if value.tzinfo is not None:
        from django.utils import timezone

        value = timezone.localtime(value).replace(tzinfo=None)
    return value


# workbook -> {(named style, number format, quote prefix): the style array cells are made with}.
# Assigning ``cell.style = name`` looks the name up in the workbook's list each time (a third of
# the export's time at 100 000 styled cells); a cell built with a ready style array does not.
_STYLE_ARRAYS = weakref.WeakKeyDictionary()


def _styled_cell(ws, value, style=None, number_format=None, quote=False):
    arrays = _STYLE_ARRAYS.setdefault(ws.parent, {})
    key = (style, number_format, quote)
    array = arrays.get(key)
    if array is None:
        model = WriteOnlyCell(ws)
        if style:
            model.style = style
        if number_format:
            model.number_format = number_format
        if quote:
            model.quotePrefix = True
        array = arrays[key] = model._style
    return Cell(ws, row=1, column=1, value=value, style_array=array)


def stream_cell(ws, value, style=None):
    """What to put in a row passed to ``ws.append`` of a write-only sheet for ``value``.

    A plain value when openpyxl writes it as it is (a number, ordinary text, empty); otherwise a
    cell: dates carry the dd/mm/yyyy named style, text that Excel or openpyxl would read as a
    formula or an error value (``=…``, ``+…``, ``-…``, ``@…``, ``#N/A``…) is forced to a string cell,
    with the quote prefix for a formula prefix, and ``style`` (a named style's name) is applied.
    """
    kind = type(value)
    if kind is not str:
        if value is None or kind is int or kind is float or kind is Decimal:
            return value if style is None else _styled_cell(ws, value, style)
        if kind is bool:
            value = "Có" if value else "Không"
        elif isinstance(value, datetime.datetime):
            return _styled_cell(ws, _local_naive(value), style or "council_datetime", style and DATETIME_FORMAT)
        elif isinstance(value, datetime.date):
            return _styled_cell(ws, value, style or "council_date", style and DATE_FORMAT)
        elif isinstance(value, (int, float, Decimal)):
            return value if style is None else _styled_cell(ws, value, style)
    text = ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", str(value))
    quote = text.startswith(FORMULA_PREFIXES)
    if style is None and not quote and text not in ERROR_CODES:
        return text
    cell = _styled_cell(ws, text, style, quote=quote)
    # openpyxl marks "=…" as a formula and "#N/A" as an error value: force a plain string.
    cell.data_type = "s"
    return cell


def stream_row(ws, values, style=None):
    """A row of ``values`` ready for ``ws.append`` (each through ``stream_cell``)."""
    return [stream_cell(ws, value, style) for value in values]


def streaming_sheet(wb, title, widths=(), freeze=None, print_title_rows=None, landscape=True):
    """A new write-only sheet with what must be set before its first row: column widths (a list,
    from column A), frozen panes (a cell such as "A3"), print titles, landscape A4."""
    if not getattr(wb, "write_only", False):
        raise ValueError("streaming_sheet needs a Workbook(write_only=True)")
    register_stream_styles(wb)
    ws = wb.create_sheet((title or "Sheet1")[:31])
    for col, width in enumerate(widths, start=1):
        if width:
            ws.column_dimensions[get_column_letter(col)].width = width
    if freeze:
        ws.freeze_panes = freeze
    if print_title_rows:
        ws.print_title_rows = print_title_rows
    if landscape:
        landscape_a4(ws)
    return ws


def write_table_streaming(wb, title, headers, rows, widths=None, *, caption=None, caption_style=None,
                          header_style="council_header", wrap_style=None, wrap_over=40, freeze=True,
                          landscape=True):
    """A write-only sheet ``title``: an optional caption line, the header row (frozen, repeated on
    every printed page) and ``rows`` streamed one by one (any iterable, e.g. a queryset's
    ``values_list().iterator()``); text longer than ``wrap_over`` characters gets ``wrap_style``.

    ``widths`` is a dict by header (as ``write_table``) or a list from column A; the default width
    follows the header's length. Returns the sheet (already holding its rows).
    """
    if isinstance(widths, dict) or widths is None:
        widths = [(widths or {}).get(h) or min(60, max(10, len(str(h)) + 2)) for h in headers]
    header_row = 2 if caption is not None else 1
    ws = streaming_sheet(wb, title, widths, freeze=f"A{header_row + 1}" if freeze else None,
                         print_title_rows=f"{header_row}:{header_row}", landscape=landscape)
    if caption is not None:
        ws.append([stream_cell(ws, caption, caption_style)])
    ws.append(stream_row(ws, headers, header_style))
    for row in rows:
        if wrap_style is None:
            ws.append([stream_cell(ws, value) for value in row])
        else:
            ws.append([stream_cell(ws, value, wrap_style if isinstance(value, str) and len(value) > wrap_over else None)
                       for value in row])
    return ws
