"""What the blank ward workbook gives a clerk in Excel besides the form: lists, input messages and a
check column (docs/WORKBOOK.md, "Help in Excel").

None of it is part of the contract or read on import:
- lists (data validation, type list) on every column that takes a choice, fed from ranges of the
  hidden, protected sheet ``DanhMuc`` (labels hold commas, and a list written inline may not pass
  255 characters, so no list is written inline);
- an input message on every column of ChiTieu's figures and of KienNghi / DonThu, saying what to type;
- on ChiTieu, a column to the right of the table, after a blank column, whose formulas say for each
  consistency rule whether it holds ("Đúng: …", "Sai: …"). The reader finds its columns by their
  headers and ignores any other column, so this one is never read; it is left out of the print area.
"""
from dataclasses import dataclass, field, replace

from django.utils import translation
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from apps.core.spreadsheet import set_cell

from .contract import SHEET_LETTERS, SHEET_PETITIONS
from .rules import operator_wording, validated_rules

LIST_SHEET = "DanhMuc"
LIST_ROWS = 1000  # rows of KienNghi / DonThu below the header given lists and input messages
CHECK_COLUMN = 8  # H: column G stays blank so the check is visibly outside the form's table
CHECK_HEADER = "Kiểm tra số liệu (tự động, không nhập)"
CHECK_NOTE = (
    "Cột «Kiểm tra số liệu» tự tính theo các quy tắc kiểm tra (Đúng/Sai) để tự soát trước khi gửi; "
    "không nhập vào cột này, hệ thống không đọc cột này khi tải lên."
)
_SYMBOLS = {"=": "=", "<=": "≤", ">=": "≥"}
_CHECK_STYLE = {"font": Font(italic=True, size=10), "fill": PatternFill("solid", start_color="F2F2F2")}
_THIN = Side(style="thin", color="BFBFBF")

# (sheet, column key) -> (title, message) of the input message Excel shows on the cell.
PROMPTS = {
    (SHEET_PETITIONS, "stt"): ("STT", "Số thứ tự 1, 2, 3… (không bắt buộc)."),
    (SHEET_PETITIONS, "content"): ("Nội dung kiến nghị", ("Nội dung kiến nghị của cử tri; mỗi dòng một kiến nghị. "
                                   "Bắt buộc khi dòng có dữ liệu.")),
    (SHEET_PETITIONS, "field"): ("Lĩnh vực", ("Chọn lĩnh vực trong danh sách (bấm mũi tên bên phải ô). Tên không có "
                                 "trong danh mục được giữ ở phần ghi chú để chuyên viên chọn lại.")),
    (SHEET_PETITIONS, "agency"): ("Cơ quan giải quyết", ("Chọn cơ quan trong danh sách. Tên không có trong danh mục "
                                  "được giữ ở phần ghi chú để chuyên viên chọn lại.")),
    (SHEET_PETITIONS, "forwarded_date"): ("Ngày chuyển", "Ngày chuyển kiến nghị, dạng ngày/tháng/năm, ví dụ 15/03/2022."),
    (SHEET_PETITIONS, "status"): ("Tình trạng", ("Chọn trong danh sách. Để trống: «Chưa giải quyết» (hoặc «Đã giải "
                                  "quyết» khi có ngày trả lời).")),
    (SHEET_PETITIONS, "answer_date"): ("Ngày trả lời", ("Ngày cơ quan trả lời, dạng ngày/tháng/năm; không trước "
                                       "ngày chuyển. Bắt buộc khi tình trạng khác «Chưa giải quyết».")),
    (SHEET_PETITIONS, "note"): ("Ghi chú", "Ghi chú thêm (không bắt buộc)."),
    (SHEET_LETTERS, "stt"): ("STT", "Số thứ tự 1, 2, 3… (không bắt buộc). Số vào sổ do hệ thống cấp."),
    (SHEET_LETTERS, "received_date"): ("Ngày nhận", ("Ngày nhận đơn (bắt buộc), dạng ngày/tháng/năm, "
                                       "ví dụ 01/03/2022.")),
    (SHEET_LETTERS, "sender"): ("Người gửi", "Họ tên người gửi. Để trống hoặc ghi «Nặc danh» khi đơn không ghi tên."),
    (SHEET_LETTERS, "address"): ("Địa chỉ", "Địa chỉ người gửi (không bắt buộc)."),
    (SHEET_LETTERS, "letter_type"): ("Loại đơn", "Chọn loại đơn trong danh sách (bắt buộc)."),
    (SHEET_LETTERS, "content"): ("Nội dung đơn", "Tóm tắt nội dung đơn. Bắt buộc khi dòng có dữ liệu."),
    (SHEET_LETTERS, "handling"): ("Hướng xử lý", "Chọn hướng xử lý trong danh sách (không bắt buộc)."),
    (SHEET_LETTERS, "forwarded_agency"): ("Cơ quan nhận chuyển", ("Chọn cơ quan trong danh sách. Tên không có trong "
                                          "danh mục được giữ ở phần ghi chú để chuyên viên chọn lại.")),
    (SHEET_LETTERS, "status"): ("Tình trạng", "Chọn trong danh sách. Để trống: «Chưa xử lý»."),
}
VALUE_PROMPT = ("Số liệu", ("Ghi số nguyên ≥ 0. Để trống nếu không báo cáo (khác với số 0). "
                "Không ghi công thức hay chữ."))
NOTE_PROMPT = ("Ghi chú", "Ghi chú cho chỉ tiêu (không bắt buộc).")


@dataclass
class TemplateLists:
    """The lists of the choice columns, read once per download (or once for a zip of every ward)."""

    lists: dict = field(default_factory=dict)  # list title -> labels, in the order of DanhMuc's columns
    columns: dict = field(default_factory=dict)  # (sheet, key) -> list title
    open_lists: set = field(default_factory=set)  # titles where other text is allowed (kept in the note)


def template_agencies(council, period):
    """The agencies a ward of ``council`` forwards to in ``period``: those of its area (apps/core/agencies.py),
    leaving out those whose unit had ended before the period starts (a district's offices after 2025) or
    begins after it ends."""
    from apps.core.agencies import agencies_of
    from apps.core.models import Agency

    return list(
        Agency.objects.filter(active=True).filter(agencies_of([council.pk]))
        .exclude(admin_unit__valid_to__lt=period.start_date).exclude(admin_unit__valid_from__gt=period.end_date)
        .order_by("level", "name").values_list("name", flat=True)
    )


def with_agencies(lists, agencies):
    """``lists`` with the agency list replaced by ``agencies`` (one council's)."""
    return replace(lists, lists={**lists.lists, "Cơ quan": agencies})


def template_lists(agencies=()):
    """The choice lists in Vietnamese, whatever language the clerk's page is in: the workbook is.
    ``agencies`` is the council's list (``template_agencies``)."""
    from apps.core.models import Field
    from apps.petitions.choices import PetitionStatus
    from apps.reception.choices import LetterContentType, LetterHandling, LetterStatus

    agencies = list(agencies)
    fields = list(Field.objects.order_by("name").values_list("name", flat=True))
    with translation.override("vi"):
        lists = {
            "Lĩnh vực": fields, "Cơ quan": agencies,
            "Tình trạng kiến nghị": [str(label) for label in PetitionStatus.labels],
            "Loại đơn": [str(label) for label in LetterContentType.labels],
            "Hướng xử lý": [str(label) for label in LetterHandling.labels],
            "Tình trạng đơn": [str(label) for label in LetterStatus.labels],
        }
    columns = {
        (SHEET_PETITIONS, "field"): "Lĩnh vực", (SHEET_PETITIONS, "agency"): "Cơ quan",
        (SHEET_PETITIONS, "status"): "Tình trạng kiến nghị", (SHEET_LETTERS, "letter_type"): "Loại đơn",
        (SHEET_LETTERS, "handling"): "Hướng xử lý", (SHEET_LETTERS, "forwarded_agency"): "Cơ quan",
        (SHEET_LETTERS, "status"): "Tình trạng đơn",
    }
    return TemplateLists(lists=lists, columns=columns, open_lists={"Lĩnh vực", "Cơ quan"})


def add_list_sheet(wb, lists):
    """The hidden, protected sheet DanhMuc; returns {list title: "DanhMuc!$A$2:$A$5"}."""
    ws = wb.create_sheet(LIST_SHEET)
    ranges = {}
    for col, (title, labels) in enumerate(lists.lists.items(), start=1):
        set_cell(ws, 1, col, title).font = Font(bold=True)
        for row, label in enumerate(labels, start=2):
            set_cell(ws, row, col, label)
        ws.column_dimensions[get_column_letter(col)].width = 40
        if labels:
            letter = get_column_letter(col)
            # No leading "=": the file format stores formula1 as Excel writes it.
            ranges[title] = f"{quote_sheetname(LIST_SHEET)}!${letter}$2:${letter}${len(labels) + 1}"
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
    return ranges


def _prompted(validation, title, text):
    validation.showInputMessage = True
    validation.promptTitle, validation.prompt = title[:32], text[:255]
    return validation


def add_list_sheet_aids(ws, sheet_name, headers, header_row, lists, ranges):
    """Lists and input messages on the columns of KienNghi or DonThu (``headers``: key -> label, in order)."""
    first, last = header_row + 1, header_row + LIST_ROWS
    for col, key in enumerate(headers, start=1):
        letter = get_column_letter(col)
        title, text = PROMPTS[(sheet_name, key)]
        list_title = lists.columns.get((sheet_name, key))
        if list_title in ranges:
            open_list = list_title in lists.open_lists
            validation = DataValidation(
                type="list", formula1=ranges[list_title], allow_blank=True, showErrorMessage=True,
                errorStyle="warning" if open_list else "stop", errorTitle=title[:32],
                error=("Tên này không có trong danh mục. Chọn «Có/Yes» để giữ tên đã ghi (được ghi vào phần "
                       "ghi chú), hoặc «Không/No» để chọn lại trong danh sách." if open_list else
                       "Giá trị không có trong danh sách. Hãy bấm mũi tên bên phải ô và chọn một giá trị."),
            )
        else:
            validation = DataValidation(allow_blank=True)  # any value: only the input message
        _prompted(validation, title, text).add(f"{letter}{first}:{letter}{last}")
        ws.add_data_validation(validation)


def add_values_aids(ws, first_row, last_row, value_col, note_col):
    """ChiTieu: whole numbers ≥ 0 in "Số liệu", and input messages on it and on "Ghi chú"."""
    value_letter, note_letter = get_column_letter(value_col), get_column_letter(note_col)
    values = DataValidation(
        type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True, showErrorMessage=True,
        errorTitle="Số liệu", error="Chỉ ghi số nguyên không âm (để trống nếu không báo cáo).",
    )
    _prompted(values, *VALUE_PROMPT).add(f"{value_letter}{first_row}:{value_letter}{last_row}")
    notes = _prompted(DataValidation(allow_blank=True), *NOTE_PROMPT)
    notes.add(f"{note_letter}{first_row}:{note_letter}{last_row}")
    ws.add_data_validation(values)
    ws.add_data_validation(notes)


def _quoted(text):
    return '"' + str(text).replace('"', '""') + '"'


def rule_formula(left, op, right, cells):
    """The Excel formula saying whether ``left op right`` holds, on the value cells ``cells`` (code -> "E8").

    Empty text when no cell is filled; "Chưa đủ số liệu: …" while one is empty (the importer checks a
    rule only when every code has a value); "Đúng: …", or "Sai: KH01 (3) phải bằng KH02 + KH03 + KH04 (2)".
    """
    codes = list(left) + list(right)
    listed = ",".join(cells[code] for code in codes)
    left_sum = "+".join(cells[code] for code in left)
    right_sum = "+".join(cells[code] for code in right)
    left_text, right_text = " + ".join(left), " + ".join(right)
    expression = f"{left_text} {_SYMBOLS[op]} {right_text}"
    wrong = (f'{_quoted(f"Sai: {left_text} (")}&({left_sum})&{_quoted(f") phải {operator_wording(op)} {right_text} (")}'
             f'&({right_sum})&")"')
    return (f'=IF(COUNT({listed})=0,"",IF(COUNT({listed})<{len(codes)},'
            f'{_quoted(f"Chưa đủ số liệu: {expression}")},'
            f'IF(({left_sum}){op}({right_sum}),{_quoted(f"Đúng: {expression}")},{wrong})))')


def add_check_column(ws, header_row, rows, rules, value_col, last_row):
    """The check column of ChiTieu: each rule on the row of one of its codes (``rows``: code -> row)."""
    letter = get_column_letter(value_col)
    cells = {code: f"{letter}{row}" for code, row in rows.items()}
    header = set_cell(ws, header_row, CHECK_COLUMN, CHECK_HEADER)
    header.font, header.fill = Font(bold=True, italic=True), _CHECK_STYLE["fill"]
    header.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    by_row = {}
    for left, op, right in validated_rules(rules):
        codes = list(left) + list(right)
        if any(code not in cells for code in codes):
            continue  # a rule on an indicator not in this form
        free = [code for code in codes if rows[code] not in by_row]
        anchor = rows[(free or codes)[0]]
        by_row.setdefault(anchor, []).append(rule_formula(left, op, right, cells))
    for row in range(header_row + 2, last_row + 1):
        cell = ws.cell(row=row, column=CHECK_COLUMN)
        cell.font, cell.fill = _CHECK_STYLE["font"], _CHECK_STYLE["fill"]
        cell.border = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
        cell.alignment = Alignment(vertical="center")
        formulas = by_row.get(row)
        if formulas:
            # A deliberate formula, written past the safe writer (which never lets text become one).
            cell.value = formulas[0] if len(formulas) == 1 else "=" + '&"; "&'.join(f[1:] for f in formulas)
    check = f"{get_column_letter(CHECK_COLUMN)}{header_row + 2}:{get_column_letter(CHECK_COLUMN)}{last_row}"
    top = f"${get_column_letter(CHECK_COLUMN)}{header_row + 2}"
    ws.conditional_formatting.add(check, FormulaRule(
        formula=[f'LEFT({top},3)="Sai"'], font=Font(color="9C0006", bold=True), fill=PatternFill(bgColor="FFC7CE")))
    ws.conditional_formatting.add(check, FormulaRule(
        formula=[f'LEFT({top},4)="Đúng"'], font=Font(color="006100"), fill=PatternFill(bgColor="C6EFCE")))
    ws.column_dimensions[get_column_letter(CHECK_COLUMN - 1)].width = 2
    ws.column_dimensions[get_column_letter(CHECK_COLUMN)].width = 58
    return by_row
