"""What a clerk sees around a register import: the template to fill and the preview before confirming.

The template is the resource's own import columns (so it can never drift from what the import reads):
one heading row, one example row, and in a column that takes a choice (a status, Có/Không, a field of
work, an agency) an Excel list — data validation — fed from a hidden sheet ``DanhMuc``. Values go
through the safe writer (apps.core.spreadsheet.set_cell).
"""
import datetime

from django.utils import timezone
from import_export.resources import Diff
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from .importexport import ChoiceWidget, CouncilCodeWidget, NameWidget, VietnameseDateWidget, YesNoWidget
from .scoping import home_council
from .spreadsheet import DATE_FORMAT, autosize, set_cell, workbook_bytes

TEMPLATE_ROWS = 1000  # lists apply to this many rows below the headings
LIST_LIMIT = 500      # longer lists (e.g. every agency of a province) are left to typing
YES, NO = "Có", "Không"


def preview_text(value):
    """A value as the preview shows it: dd/mm/yyyy, Có/Không, empty for nothing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        elif value.time() == datetime.time(0):
            return f"{value:%d/%m/%Y}"  # an xlsx date cell read back
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    return value


class PreviewDiff(Diff):
    """The import preview in the clerk's terms (django-import-export compares raw rendered values,
    showing True/False/None and ISO dates)."""

    # Diff reads values through Diff._read_field_values by name, so both readings are replaced here.
    def __init__(self, resource, instance, new):
        super().__init__(resource, instance, new)
        self.left = [preview_text(value) for value in self.left]

    def compare_with(self, resource, instance):
        super().compare_with(resource, instance)
        self.right = [preview_text(value) for value in self.right]


def choices_of(widget, user):
    """The list a column takes, or None for a free column."""
    if isinstance(widget, ChoiceWidget):
        return [str(label) for _value, label in widget.choices.choices]
    if isinstance(widget, YesNoWidget):
        return [YES, NO]
    if isinstance(widget, NameWidget):
        qs = widget.get_queryset(None, None, user=user) if hasattr(widget, "get_queryset") else widget.model.objects
        if hasattr(widget.model, "active"):
            qs = qs.filter(active=True)
        names = list(qs.order_by(widget.field).values_list(widget.field, flat=True)[:LIST_LIMIT + 1])
        return names if len(names) <= LIST_LIMIT else None
    return None


def example_of(field, widget, user, key_fields, options):
    """A value that shows how the column is filled."""
    if isinstance(widget, CouncilCodeWidget):
        council = home_council(user)
        return council.code if council is not None else ""
    if field.attribute in key_fields:
        return ""  # the register number: empty means a new record, numbered on save
    if options:
        return options[0]
    if isinstance(widget, VietnameseDateWidget):
        # A day in the life of the user's council (a council dissolved in 2025 takes no later records).
        council = home_council(user)
        day = timezone.localdate()
        if council is not None and council.valid_to is not None and council.valid_to < day:
            day = council.valid_to
        return day
    if widget.__class__.__name__ in ("WholeNumberWidget", "IntegerWidget"):
        return 1
    if widget.__class__.__name__.endswith(("Widget",)) and getattr(widget, "model", None) is not None:
        return ""  # a record of the council named on the row: left to the clerk
    return f"(ví dụ) {field.column_name}"


def template_workbook(resource, user, title):
    """The xlsx bytes of a blank import template for ``resource``."""
    fields = [f for f in resource.get_import_fields() if not f.readonly and f.column_name]
    key_fields = {resource.fields[k].attribute for k in resource.get_import_id_fields() if k in resource.fields}
    key_fields.discard("council")
    wb = Workbook()
    ws = wb.active
    ws.title = "DuLieu"
    lists = wb.create_sheet("DanhMuc")
    lists.sheet_state = "hidden"
    headers = [f.column_name for f in fields]
    list_column = 0
    for col, field in enumerate(fields, start=1):
        set_cell(ws, 1, col, field.column_name).font = Font(bold=True)
        options = choices_of(field.widget, user)
        value = example_of(field, field.widget, user, key_fields, options)
        cell = set_cell(ws, 2, col, value)
        if isinstance(value, datetime.date):
            cell.number_format = DATE_FORMAT
        letter = get_column_letter(col)
        if isinstance(field.widget, VietnameseDateWidget):
            ws.cell(row=1, column=col).comment = Comment("Ngày viết theo dạng dd/mm/yyyy.", "HĐND")
        if options:
            list_column += 1
            list_letter = get_column_letter(list_column)
            set_cell(lists, 1, list_column, field.column_name)
            for r, option in enumerate(options, start=2):
                set_cell(lists, r, list_column, option)
            rule = DataValidation(
                type="list", allow_blank=True, showErrorMessage=True, showInputMessage=True,
                formula1=f"={quote_sheetname(lists.title)}!${list_letter}$2:${list_letter}${len(options) + 1}",
                promptTitle=field.column_name[:32], prompt="Chọn trong danh sách."[:255],
                errorTitle=field.column_name[:32], error="Giá trị không có trong danh sách; hãy chọn trong danh sách.",
            )
            rule.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            ws.add_data_validation(rule)
    autosize(ws, headers, widths={h: 24 for h in headers})
    ws.freeze_panes = "A2"
    wb.active = 0
    return workbook_bytes(wb)
