"""Bounded work: a workbook of a million rows is refused while it is inflated, before anything parses it.

The attack: a ward clerk uploads a workbook of 8 MB holding a million rows (as a ward report, or as a
letter import). It passed every upload check and held a worker until it was killed.
"""
import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.core.uploads import UploadRejected, check_upload, check_xlsx_bytes
from apps.reception.models import Letter
from apps.reports.models import WardReport

from ..reports.workbooks import ward_workbook
from .helpers import import_preview, preview_files, xlsx_bytes

SHEET_ROWS = 1_048_576  # every row an Excel sheet can hold

CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = ('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="KienNghi" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                 'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')


def million_row_workbook(rows=SHEET_ROWS):
    """A real .xlsx (openpyxl reads it) of ``rows`` rows, a few MB: under the size cap and the zip limits."""
    body = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>Sua duong</t></is></c></row>' % (i, i)
                    for i in range(1, rows + 1))
    sheet = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             + body + b"</sheetData></worksheet>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def huge_workbook():
    return million_row_workbook()


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def test_a_workbook_of_every_excel_row_is_refused_within_seconds(huge_workbook, settings):
    assert len(huge_workbook) < settings.UPLOAD_MAX_BYTES  # passes the size cap and the zip limits
    started = time.monotonic()
    with pytest.raises(UploadRejected) as refused:
        check_upload(upload("kien-nghi.xlsx", huge_workbook))
    assert time.monotonic() - started < 5
    assert "Tệp kien-nghi.xlsx: tệp có quá nhiều dòng (hơn 10.000 dòng" in str(refused.value)


def test_the_row_limit_is_a_setting(settings):
    data = xlsx_bytes([["Tên"]] + [[f"Ban {i}"] for i in range(30)])
    settings.UPLOAD_MAX_ROWS = 31
    check_xlsx_bytes(data, "ban.xlsx")  # 31 rows: accepted
    settings.UPLOAD_MAX_ROWS = 30
    with pytest.raises(UploadRejected, match="giới hạn là 30 dòng"):
        check_xlsx_bytes(data, "ban.xlsx")


def test_rows_are_counted_across_read_chunks_without_counting_a_tag_twice():
    from apps.core.uploads import _RowCounter

    counter = _RowCounter(max_rows=100)
    text = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i) for i in range(1, 51))
    tail = b""
    for start in range(0, len(text), 7):  # tags cut at every possible place
        tail = counter.feed(tail, text[start:start + 7])
    counter.feed(tail, b"", final=True)
    assert (counter.rows, counter.cells) == (50, 50)


def test_a_ward_clerk_uploading_a_huge_ward_report_gets_the_row_limit_and_nothing_is_read(
        client_for, ward_clerk, settings):
    settings.UPLOAD_MAX_ROWS = 60
    data = ward_workbook(unit_code="06709", petitions=[{"content": f"Kiến nghị {i}"} for i in range(80)])
    response = client_for(ward_clerk).post(reverse("admin:reports_wardreport_upload"),
                                           {"files": [upload("ka-long.xlsx", data)]})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tệp ka-long.xlsx: tệp có quá nhiều dòng (hơn 60 dòng" in page
    assert "Hợp lệ, sẽ nhập" not in page
    assert WardReport.objects.count() == 0


def test_a_ward_clerk_importing_a_huge_letter_register_gets_the_row_limit(client_for, ward_clerk, settings):
    settings.UPLOAD_MAX_ROWS = 40
    rows = [["Mã đơn vị", "Ngày nhận", "Người gửi", "Loại đơn", "Nội dung đơn"]]
    rows += [["06709", "05/01/2022", f"Người gửi {i}", "Kiến nghị", "Đèn đường hỏng"] for i in range(50)]
    before, files_before = Letter.objects.count(), preview_files()

    response = import_preview(client_for(ward_clerk), Letter, xlsx_bytes(rows), "don-thu.xlsx")

    assert response.status_code == 200
    errors = " ".join(str(e) for e in response.context["form"].errors.get("import_file", []))
    assert "Tệp don-thu.xlsx: tệp có quá nhiều dòng (hơn 40 dòng" in errors
    assert response.context.get("confirm_form") is None
    assert preview_files() == files_before and Letter.objects.count() == before


def test_the_size_cap_has_one_message_on_every_upload_path(client_for, ward_clerk, settings):
    settings.UPLOAD_MAX_BYTES = 4096
    data = xlsx_bytes([["Tên"]] + [[f"Ban {i} " + "x" * 100] for i in range(200)])
    client = client_for(ward_clerk)
    register = import_preview(client, Letter, data, "don-thu.xlsx")
    ward = client.post(reverse("admin:reports_wardreport_upload"), {"files": [upload("don-thu.xlsx", data)]})
    with pytest.raises(UploadRejected) as direct:
        check_upload(upload("don-thu.xlsx", data))
    message = str(direct.value)
    assert message.startswith("Tệp don-thu.xlsx: tệp quá lớn (")
    assert message in " ".join(str(e) for e in register.context["form"].errors["import_file"])
    assert message in ward.content.decode()
