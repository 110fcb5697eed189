"""The safe spreadsheet writer: every xlsx the project produces goes through here.

Text is always written as text: a value such as "=HYPERLINK(...)", "+1", "-2" or
"@SUM" is stored as a string cell with Excel's quote prefix, so opening the file
can never run it as a formula, and reading it back gives the same text.
"""
import datetime
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

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
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
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
