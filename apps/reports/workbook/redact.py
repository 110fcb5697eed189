"""A ward workbook without the letter senders' identities, for users who may not see them all.

The DonThu sheet lists letters with the sender's name and address; some are denunciations, whose
sender is sealed (apps.reception.confidential). A user who sees them masked in the register gets
the source file as a copy whose ``Người gửi`` and ``Địa chỉ`` cells hold the mask instead. Every
row, not only the denunciations: the kind column is free text a ward may have typed any way, and
the copy must never be the one place a sealed name survives.
"""
import io

from openpyxl import load_workbook

from apps.reception.confidential import mask

from .cells import _sheet_key, normalise_label
from .contract import LETTERS, MAX_COLUMNS

IDENTITY_KEYS = ("sender", "address")
HEADER_SEARCH_ROWS = 60  # the header row sits under a title block of a few rows


def without_identities(data):
    """The workbook ``data`` (bytes) with every DonThu sender's name and address masked."""
    book = load_workbook(io.BytesIO(data))
    wanted = {normalise_label(LETTERS.columns[key]) for key in IDENTITY_KEYS}
    header_label = normalise_label(LETTERS.columns[LETTERS.header_key])
    for sheet in book.worksheets:
        if _sheet_key(sheet.title) != _sheet_key(LETTERS.name):
            continue
        header_row, columns = _header(sheet, header_label, wanted)
        if header_row is None:
            continue
        for row in sheet.iter_rows(min_row=header_row + 1):
            for cell in row:
                if cell.column in columns and cell.value not in (None, ""):
                    cell.value = mask(cell.value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _header(sheet, header_label, wanted):
    for row in sheet.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS, max_col=MAX_COLUMNS):
        labels = {cell.column: normalise_label(cell.value) for cell in row if cell.value is not None}
        if header_label in labels.values():
            return row[0].row, {column for column, label in labels.items() if label in wanted}
    return None, set()
