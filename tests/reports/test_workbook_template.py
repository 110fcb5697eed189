"""The blank ward workbook helps in Excel: lists on every choice column, input messages, and a check
column that says whether each consistency rule holds — and that the upload never reads.

Anh Tuấn, the ward clerk of Ka Long, downloads the template for 2022-H1 and opens it in Excel.
"""
import io
import shutil
import subprocess

import pytest
from django.utils import translation
from openpyxl import load_workbook
from openpyxl.utils import range_boundaries

from apps.core.models import Agency, Field, ReportingPeriod
from apps.petitions.choices import PetitionStatus
from apps.reception.choices import LetterContentType, LetterHandling, LetterStatus
from apps.reports.importer import WardReportImporter
from apps.reports.models import ConsistencyRule
from apps.reports.workbook import read_ward_workbook
from apps.reports.workbook.template import HEADER_ROW, ward_template
from tests.reports.workbooks import CONSISTENT_VALUES, FORM_RULES

pytestmark = pytest.mark.django_db

CHECK = "H"


def ka_long_agencies():
    """Ka Long's area in 2022: its own UBND, the city's offices, the province's departments, central bodies."""
    from apps.core.agencies import agencies_of
    from tests.conftest import council

    return list(Agency.objects.filter(active=True).filter(agencies_of([council("06709").pk]))
                .order_by("level", "name").values_list("name", flat=True))


LIST_COLUMNS = {  # (sheet, header) -> what the list must hold
    ("KienNghi", "Lĩnh vực"): lambda: list(Field.objects.order_by("name").values_list("name", flat=True)),
    ("KienNghi", "Cơ quan giải quyết"): ka_long_agencies,
    ("KienNghi", "Tình trạng"): lambda: list(PetitionStatus.labels),
    ("DonThu", "Loại đơn"): lambda: list(LetterContentType.labels),
    ("DonThu", "Hướng xử lý"): lambda: list(LetterHandling.labels),
    ("DonThu", "Cơ quan nhận chuyển"): ka_long_agencies,
    ("DonThu", "Tình trạng"): lambda: list(LetterStatus.labels),
}


@pytest.fixture
def template(ward):
    return ward_template(ward, ReportingPeriod.objects.from_code("2022-H1"))


def headers(sheet, row=3):
    return {cell.value: cell.column_letter for cell in sheet[row] if cell.value}


def validation_on(sheet, cell):
    found = [dv for dv in sheet.data_validations.dataValidation if cell in dv.sqref]
    assert len(found) == 1, (sheet.title, cell, found)
    return found[0]


def list_values(book, formula):
    sheet_name, cells = formula.split("!")
    assert sheet_name.strip("'") == "DanhMuc"
    min_col, min_row, max_col, max_row = range_boundaries(cells.replace("$", ""))
    assert min_col == max_col
    return [book["DanhMuc"].cell(row, min_col).value for row in range(min_row, max_row + 1)]


def filled(template, values, customise=None):
    book = load_workbook(io.BytesIO(template))
    sheet = book["ChiTieu"]
    for row in sheet.iter_rows(min_row=HEADER_ROW + 2):
        if row[1].value in values:
            row[4].value = values[row[1].value]
    if customise:
        customise(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_every_choice_column_offers_its_list_from_the_hidden_protected_sheet(template):
    book = load_workbook(io.BytesIO(template))
    assert book.sheetnames == ["ChiTieu", "KienNghi", "DonThu", "DanhMuc"]
    assert book["DanhMuc"].sheet_state == "hidden" and book["DanhMuc"].protection.sheet
    for (sheet_name, header), expected in LIST_COLUMNS.items():
        sheet = book[sheet_name]
        letter = headers(sheet)[header]
        rule = validation_on(sheet, f"{letter}4")
        assert rule.type == "list" and rule.allow_blank
        assert f"{letter}1003" in rule.sqref and f"{letter}3" not in rule.sqref  # the rows below the header only
        # Every list is a range: an inline list may not pass 255 characters, and labels hold commas.
        assert not rule.formula1.startswith(('"', "="))
        with translation.override("vi"):  # the workbook is in Vietnamese whatever the page's language
            assert list_values(book, rule.formula1) == [str(label) for label in expected()], (sheet_name, header)
        closed = header not in ("Lĩnh vực", "Cơ quan giải quyết", "Cơ quan nhận chuyển")
        # Other text is allowed (kept in the note) in the open lists: Excel warns there, refuses elsewhere.
        assert rule.errorStyle == ("stop" if closed else "warning")
    # The agencies of a province are far over Excel's 255 characters for a list typed inline.
    assert len(",".join(LIST_COLUMNS[("DonThu", "Cơ quan nhận chuyển")]())) > 255


def test_the_agencies_offered_to_mong_cai_1_in_2025_h2_are_its_own_and_the_provinces_only(ward):
    """Chị Lan, the clerk of Phường Móng Cái 1, downloads the 2025-H2 template: the agency list holds her
    ward's UBND and the province's departments, not the city's offices that ended on 30/06/2025, nor the
    agencies of another province."""
    from apps.core.models import AdminUnit
    from tests.conftest import council

    other = AdminUnit.objects.create(code="01", name="Thành phố Hà Nội", unit_type="tinh")
    Agency.objects.create(name="UBND thành phố Hà Nội", level="tinh", admin_unit=other)
    mong_cai_1 = council("06712", on_or_before_2025=False)
    book = load_workbook(io.BytesIO(ward_template(mong_cai_1, ReportingPeriod.objects.from_code("2025-H2"))))
    for sheet_name, header in (("KienNghi", "Cơ quan giải quyết"), ("DonThu", "Cơ quan nhận chuyển")):
        offered = list_values(book, validation_on(book[sheet_name], f"{headers(book[sheet_name])[header]}4").formula1)
        assert "UBND phường Móng Cái 1 (từ 01/07/2025)" in offered and "UBND tỉnh Quảng Ninh" in offered
        assert "UBND thành phố Móng Cái" not in offered and "Công an thành phố Móng Cái" not in offered
        assert "UBND thành phố Hà Nội" not in offered
        assert "UBND phường Móng Cái 2 (từ 01/07/2025)" not in offered  # a sibling ward is not its area
    # The 2022 template of Ka Long still offers the city's offices, which existed then.
    book = load_workbook(io.BytesIO(ward_template(ward, ReportingPeriod.objects.from_code("2022-H1"))))
    sheet = book["KienNghi"]
    offered = list_values(book, validation_on(sheet, f"{headers(sheet)['Cơ quan giải quyết']}4").formula1)
    assert "UBND thành phố Móng Cái" in offered and "UBND thành phố Hà Nội" not in offered


def test_every_column_tells_in_vietnamese_what_to_type(template):
    book = load_workbook(io.BytesIO(template))
    for sheet_name in ("KienNghi", "DonThu"):
        sheet = book[sheet_name]
        for header, letter in headers(sheet).items():
            rule = validation_on(sheet, f"{letter}4")
            assert rule.showInputMessage and rule.promptTitle == header[:32]
            assert rule.prompt and len(rule.prompt) <= 255
    dates = validation_on(book["KienNghi"], "E10")
    assert "ngày/tháng/năm" in dates.prompt and dates.type is None  # any value: dates typed as text are read too
    values = validation_on(book["ChiTieu"], "E8")
    assert (values.type, values.operator, values.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert "Để trống nếu không báo cáo (khác với số 0)" in values.prompt
    last = book["ChiTieu"].max_row
    assert "E8" in values.sqref and f"E{last}" not in values.sqref  # the figures, not the notes below them
    assert "Ghi chú" == validation_on(book["ChiTieu"], "F20").promptTitle


def test_the_check_column_has_one_formula_per_rule_beside_the_table(template):
    book = load_workbook(io.BytesIO(template))
    sheet = book["ChiTieu"]
    assert [c.value for c in sheet[HEADER_ROW]][:6] == ["STT", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Số liệu",
                                                        "Ghi chú"]  # the contract's columns, in place
    assert sheet[f"G{HEADER_ROW}"].value is None
    assert sheet[f"{CHECK}{HEADER_ROW}"].value == "Kiểm tra số liệu (tự động, không nhập)"
    rows = {sheet.cell(r, 2).value: r for r in range(HEADER_ROW + 2, sheet.max_row + 1) if sheet.cell(r, 2).value}
    formulas = {r: sheet[f"{CHECK}{r}"].value for r in rows.values() if sheet[f"{CHECK}{r}"].value}
    rules = list(ConsistencyRule.objects.in_force(ReportingPeriod.objects.from_code("2022-H1").end_date))
    assert len(formulas) == len(rules) == len(FORM_RULES) == 7
    kh01 = formulas[rows["KH01"]]
    assert kh01.startswith("=IF(COUNT(E8,E9,E10,E11)=0,") and "(E8)=(E9+E10+E11)" in kh01
    assert '"Đúng: KH01 = KH02 + KH03 + KH04"' in kh01 and '"Sai: KH01 ("&(E8)&") phải bằng' in kh01
    assert f"(E{rows['GS02']}+E{rows['GS03']}+E{rows['GS04']})<=(E{rows['GS01']})" in formulas[rows["GS02"]]
    assert sheet.print_area == f"'ChiTieu'!$A$1:$F${sheet.max_row}"  # printed as the form, without the check


def test_the_check_column_is_not_read_on_upload(template, ward_clerk):
    def scribble(book):
        sheet = book["ChiTieu"]
        for row in range(HEADER_ROW + 2, sheet.max_row + 1):  # whatever Excel left there, or the clerk typed
            sheet[f"{CHECK}{row}"] = "Sai: KH01 (7) phải bằng KH02 + KH03 + KH04 (3)" if row % 2 else 999
            sheet[f"G{row}"] = "KH01"

    data = filled(template, CONSISTENT_VALUES, scribble)
    parsed = read_ward_workbook(data, "ka-long.xlsx", rules=FORM_RULES)
    assert parsed.ok, parsed.errors
    assert parsed.values == CONSISTENT_VALUES
    result = WardReportImporter(ward_clerk).check(data, "ka-long.xlsx")
    assert result.ok and result.values == CONSISTENT_VALUES


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_computes_the_checks_keeps_the_lists_and_the_upload_still_reads_only_the_figures(
        template, ward_clerk, tmp_path):
    wrong = {**CONSISTENT_VALUES, "KH01": 7}
    source = tmp_path / "ka-long.xlsx"
    source.write_bytes(filled(template, {k: v for k, v in wrong.items() if k != "CT07"}))
    out = tmp_path / "out"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "xlsx",
                    "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=180)
    saved = (out / "ka-long.xlsx").read_bytes()
    book = load_workbook(io.BytesIO(saved), data_only=True)
    sheet = book["ChiTieu"]
    checks = [sheet[f"{CHECK}{r}"].value for r in range(HEADER_ROW + 2, sheet.max_row + 1)]
    checks = [text for text in checks if text]
    assert "Sai: KH01 (7) phải bằng KH02 + KH03 + KH04 (3)" in checks
    assert "Đúng: GS02 + GS03 + GS04 ≤ GS01" in checks and "Đúng: DT01 = DT02 + DT03 + DT04" in checks
    assert "Chưa đủ số liệu: CT03 = CT04 + CT05 + CT06 + CT07" in checks  # CT07 left empty
    assert sum(1 for text in checks if text.startswith(("Đúng", "Sai", "Chưa"))) == 7
    kinds = [dv.type for dv in book["DonThu"].data_validations.dataValidation]
    assert kinds.count("list") == 4  # the lists survive a save in LibreOffice
    # The cached check texts are not read: the same error as from the template filled in by openpyxl.
    result = WardReportImporter(ward_clerk).check(saved, "ka-long.xlsx")
    assert result.values["KH01"] == 7 and result.values["CT07"] is None
    assert len(result.errors) == 1 and "số liệu không khớp" in result.errors[0] and "KH01" in result.errors[0]
