"""The ward report reader (docs/WORKBOOK.md) and the upload checks in front of it.

Pure tests: no database. Every workbook is built in memory (see workbooks.py).
"""
import datetime
import io
import time
import unicodedata
import zipfile
from types import SimpleNamespace

import openpyxl
import pytest

from apps.core import uploads
from apps.core.uploads import UploadRejected, check_xlsx_bytes, safe_filename
from apps.reports.workbook import (
    CellError,
    check_consistency,
    detect_legacy_encoding,
    format_error,
    read_ward_workbook,
)

from .workbooks import (
    CONSISTENT_VALUES,
    FORM_RULES,
    KNOWN_CODES,
    OMIT,
    AsText,
    docx_bytes,
    ods_bytes,
    ole_bytes,
    save,
    value_cell,
    ward_workbook,
    zip_bytes,
)


def nfd(text):
    return unicodedata.normalize("NFD", text)


def read(data, filename="ka-long.xlsx", **kwargs):
    kwargs.setdefault("known_codes", KNOWN_CODES)
    kwargs.setdefault("rules", FORM_RULES)
    return read_ward_workbook(data, filename, **kwargs)


def lines(parsed):
    # As the importer shows them (apps/reports/validation.py).
    return [format_error(parsed.filename, err) for err in parsed.errors]


def only_error(parsed):
    assert len(parsed.errors) == 1, lines(parsed)
    return lines(parsed)[0]


def with_values(**changes):
    return {**CONSISTENT_VALUES, **changes}


# --- the clean template -------------------------------------------------------

def test_it_reads_a_clean_template():
    data = ward_workbook()
    parsed = read(data)

    assert parsed.errors == []
    assert parsed.ok
    assert parsed.unit_code == "06748"
    assert parsed.unit_code_cell == "B2"
    assert parsed.period_code == "2022-H1"
    assert parsed.period_cell == "B3"
    assert parsed.values == CONSISTENT_VALUES
    assert parsed.value_cells["KH01"] == "E7"
    assert parsed.value_cells["DT08"] == "E41"
    assert parsed.petitions == [] and parsed.letters == []
    assert parsed.filename == "ka-long.xlsx"
    assert len(parsed.sha256) == 64


def test_the_same_bytes_give_the_same_fingerprint():
    data = ward_workbook()
    assert read(data).sha256 == read(data, filename="other-name.xlsx").sha256
    assert read(data).sha256 != read(ward_workbook(values=with_values(KH05=13))).sha256


# --- tolerances ---------------------------------------------------------------

def test_it_finds_the_header_row_anywhere_in_the_sheet():
    parsed = read(ward_workbook(header_row=20, first_column=3))

    assert parsed.errors == []
    assert parsed.values == CONSISTENT_VALUES
    assert parsed.value_cells["KH01"] == "G22"  # column C + 4, header 20, numbers 21


def test_it_matches_headers_in_nfd_upper_case_and_with_extra_spaces():
    headers = {
        "stt": " stt ",
        "code": nfd("  MÃ   CHỈ TIÊU "),
        "name": nfd("chỉ tiêu"),
        "unit": "ĐƠN VỊ\nTÍNH",
        "value": nfd("Số  liệu:"),
        "note": "GHI CHÚ",
    }
    parsed = read(ward_workbook(headers=headers))

    assert parsed.errors == []
    assert parsed.values == CONSISTENT_VALUES


def test_it_accepts_columns_in_another_order():
    parsed = read(ward_workbook(order=["code", "value", "name", "stt", "note", "unit"]))

    assert parsed.errors == []
    assert parsed.values == CONSISTENT_VALUES
    assert parsed.value_cells["KH01"] == "B7"


def test_it_needs_only_the_code_and_value_columns():
    parsed = read(ward_workbook(order=["code", "value"]))

    assert parsed.errors == []
    assert parsed.values == CONSISTENT_VALUES


def test_the_column_number_line_is_optional():
    with_line = read(ward_workbook(column_numbers=True))
    without_line = read(ward_workbook(column_numbers=False))

    assert with_line.errors == [] and without_line.errors == []
    assert with_line.values == without_line.values == CONSISTENT_VALUES
    assert without_line.value_cells["KH01"] == "E6"


def test_merged_blank_and_hidden_title_cells_are_fine():
    parsed = read(ward_workbook(merge_title=True, title_gap=2, hide_title=True))

    assert parsed.errors == []
    assert parsed.unit_code == "06748"
    assert parsed.unit_code_cell == "E2"  # label merged A:B, two blank columns, value merged E:G
    assert parsed.period_code == "2022-H1"


def test_the_title_value_may_share_the_label_cell():
    parsed = read(ward_workbook(inline_title=True))

    assert parsed.errors == []
    assert (parsed.unit_code, parsed.unit_code_cell) == ("06748", "A2")
    assert (parsed.period_code, parsed.period_cell) == ("2022-H1", "A3")


def test_title_labels_are_matched_without_case_colon_or_unicode_form():
    parsed = read(ward_workbook(unit_label=nfd("MÃ ĐƠN VỊ"), period_label=nfd("kỳ  báo cáo :")))

    assert parsed.errors == []
    assert parsed.unit_code == "06748"
    assert parsed.period_code == "2022-H1"


@pytest.mark.parametrize(
    "text, code",
    [
        ("6 tháng đầu năm 2022", "2022-H1"),
        (nfd("6 THÁNG  ĐẦU NĂM 2022"), "2022-H1"),
        ("6 tháng cuối năm 2022", "2022-H2"),
        ("Năm 2022", "2022-Y"),
        ("cả năm 2023", "2023-Y"),
        ("2022-H1", "2022-H1"),
        ("2022-h2", "2022-H2"),
    ],
)
def test_it_reads_the_period_in_the_ways_clerks_write_it(text, code):
    parsed = read(ward_workbook(period=text))

    assert parsed.errors == []
    assert parsed.period_code == code


def test_other_sheets_before_chitieu_are_fine():
    parsed = read(ward_workbook(sheets_before=["Hướng dẫn", "Sheet1"]))

    assert parsed.errors == []
    assert parsed.values == CONSISTENT_VALUES


def test_the_sheet_name_is_matched_without_case_or_spaces():
    parsed = read(ward_workbook(sheet_name=" chi tieu "))

    assert parsed.errors == []
    assert parsed.values == CONSISTENT_VALUES


def test_thousands_of_formatted_empty_rows_after_the_table_are_fast():
    data = ward_workbook(formatted_empty_rows=5000)

    started = time.perf_counter()
    parsed = read(data)
    elapsed = time.perf_counter() - started

    assert parsed.errors == []
    assert parsed.values == CONSISTENT_VALUES
    assert elapsed < 2.0


def test_a_row_typed_far_below_a_long_gap_is_read_not_dropped():
    def far_row(workbook):
        sheet = workbook["ChiTieu"]
        sheet.cell(sheet.max_row + 300, 2, "KH99")
        sheet.cell(sheet.max_row, 5, 4)

    parsed = read(ward_workbook(formatted_empty_rows=200, customise=far_row), known_codes=set(CONSISTENT_VALUES))

    assert any("KH99" in error.message for error in parsed.errors)


def test_numbers_typed_as_text_are_read_as_numbers():
    values = with_values(KH05="03", KH06=" 12 ", CT02="1.234", TD04="1,234", KH07=6.0)
    parsed = read(ward_workbook(values=values))

    assert parsed.errors == []
    assert parsed.values["KH05"] == 3
    assert parsed.values["KH06"] == 12
    assert parsed.values["CT02"] == 1234
    assert parsed.values["TD04"] == 1234
    assert parsed.values["KH07"] == 6


@pytest.mark.parametrize("typed", [6748, 6748.0, "6748", " 06748 ", "06748 - Phường Ka Long"])
def test_a_unit_code_that_lost_its_leading_zero_is_padded(typed):
    parsed = read(ward_workbook(unit_code=typed))

    assert parsed.errors == []
    assert parsed.unit_code == "06748"


def test_an_empty_value_means_not_reported_which_is_not_zero():
    parsed = read(ward_workbook(values=with_values(KH06=None, KH07=0)))

    assert parsed.errors == []
    assert parsed.values["KH06"] is None
    assert parsed.values["KH07"] == 0
    assert parsed.value_cells["KH06"] == "E12"


def test_a_rule_is_not_checked_when_one_of_its_indicators_is_not_reported():
    parsed = read(ward_workbook(values=with_values(KH01=9, KH03=None)))

    assert parsed.errors == []


def test_section_headings_footers_and_lower_case_codes_are_fine():
    rows = [
        {"stt": "I", "name": "HOẠT ĐỘNG KỲ HỌP"},
        {"stt": 1, "code": " kh01 ", "name": "Số kỳ họp", "value": 1},
        {"stt": 2, "code": "KH02", "value": 1},
    ]
    footer = [{}, {"code": "NGƯỜI LẬP BIỂU", "value": None}, {"code": "(Ký, ghi rõ họ tên)"}]
    parsed = read(ward_workbook(rows=rows, extra_rows=footer))

    assert parsed.errors == []
    assert parsed.values == {"KH01": 1, "KH02": 1}


# --- list sheets --------------------------------------------------------------

def test_it_reads_the_petitions_sheet():
    petitions = [
        {
            "stt": 1,
            "content": nfd("  Đề nghị sửa đường liên thôn  "),
            "field": "Giao thông",
            "agency": "UBND phường",
            "forwarded_date": datetime.datetime(2022, 3, 15),
            "status": "Đang giải quyết",
            "answer_date": "20/04/2022",
        },
        {"stt": 2},  # pre-numbered template row, nothing else: skipped
        {"stt": 3, "content": AsText("=abc là nội dung gõ dạng văn bản"), "answer_date": datetime.date(2022, 5, 2)},
    ]
    parsed = read(ward_workbook(petitions=petitions))

    assert parsed.errors == []
    assert parsed.petitions == [
        {
            "row": 5,
            "content": "Đề nghị sửa đường liên thôn",
            "field": "Giao thông",
            "agency": "UBND phường",
            "forwarded_date": datetime.date(2022, 3, 15),
            "status": "Đang giải quyết",
            "answer_date": datetime.date(2022, 4, 20),
            "note": None,
        },
        {
            "row": 7,
            "content": "=abc là nội dung gõ dạng văn bản",
            "field": None,
            "agency": None,
            "forwarded_date": None,
            "status": None,
            "answer_date": datetime.date(2022, 5, 2),
            "note": None,
        },
    ]
    assert unicodedata.is_normalized("NFC", parsed.petitions[0]["content"])


def test_it_reads_the_letters_sheet():
    letters = [
        {
            "stt": 1,
            "received_date": "05/01/2022",
            "sender": "Nguyễn Văn A",
            "address": "Khu 3, phường Ka Long",
            "letter_type": "Khiếu nại",
            "content": "Khiếu nại về bồi thường đất",
            "handling": "Chuyển đơn",
            "forwarded_agency": "UBND thành phố",
            "status": "Đang giải quyết",
        },
    ]
    parsed = read(ward_workbook(letters=letters))

    assert parsed.errors == []
    expected = {key: value for key, value in letters[0].items() if key != "stt"}
    assert parsed.letters == [{"row": 5, **expected, "received_date": datetime.date(2022, 1, 5)}]


def test_it_reads_five_thousand_petitions():
    petitions = [
        {"stt": n, "content": f"Kiến nghị số {n}", "field": "Đất đai", "forwarded_date": datetime.date(2022, 3, 1)}
        for n in range(1, 5001)
    ]
    parsed = read(ward_workbook(petitions=petitions))

    assert parsed.errors == []
    assert len(parsed.petitions) == 5000
    assert parsed.petitions[-1]["content"] == "Kiến nghị số 5000"
    assert parsed.petitions[-1]["row"] == 5004


def test_an_unreadable_date_or_a_row_without_content_is_an_error_naming_the_cell():
    petitions = [
        {"stt": 1, "content": "Sửa đường", "forwarded_date": "31/02/2022"},
        {"stt": 2, "field": "Đất đai", "status": "Chưa giải quyết"},
        {"stt": 3, "content": "Điện chiếu sáng", "answer_date": 44600},
    ]
    parsed = read(ward_workbook(petitions=petitions))

    assert lines(parsed) == [
        'Tệp ka-long.xlsx, trang tính KienNghi, ô E5 (Ngày chuyển): ngày "31/02/2022" không đọc được. '
        "Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 15/03/2022.",
        'Tệp ka-long.xlsx, trang tính KienNghi, ô B6 (Nội dung kiến nghị): dòng 6 có dữ liệu nhưng thiếu '
        '"Nội dung kiến nghị". Hãy ghi nội dung hoặc xóa dòng này.',
        'Tệp ka-long.xlsx, trang tính KienNghi, ô G7 (Ngày trả lời): giá trị "44600" không phải là ngày. '
        "Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 15/03/2022.",
    ]


def test_a_list_sheet_without_its_header_row_is_an_error():
    headers = [("stt", "STT"), ("content", "Nội dung"), ("field", "Lĩnh vực")]
    parsed = read(ward_workbook(petitions=[{"content": "x"}], petition_headers=headers))

    message = only_error(parsed)
    assert message.startswith("Tệp ka-long.xlsx, trang tính KienNghi, cột Nội dung kiến nghị: ")
    assert 'không tìm thấy dòng tiêu đề có ô "Nội dung kiến nghị"' in message


# --- refusals before parsing ------------------------------------------------

def test_a_csv_renamed_to_xlsx_is_refused_as_text():
    parsed = read("STT,Mã chỉ tiêu,Số liệu\n1,KH01,3\n".encode("utf-8"), filename="bao-cao.xlsx")

    message = only_error(parsed)
    assert message.startswith("Tệp bao-cao.xlsx: ")
    assert "văn bản/CSV" in message
    assert "không phải tệp Excel" in message


def test_an_html_table_saved_as_excel_is_named():
    message = only_error(read(b"<html><body><table><tr><td>1</td></tr></table></body></html>"))

    assert "trang web (HTML)" in message


def test_an_old_xls_file_is_refused_with_save_as_advice():
    parsed = read(ole_bytes(["Workbook", "\x05SummaryInformation"]), filename="bao-cao.xls")

    message = only_error(parsed)
    assert message.startswith("Tệp bao-cao.xls: ")
    assert "Excel 97-2003 (.xls)" in message
    assert "Lưu thành .xlsx" in message


def test_a_password_protected_workbook_is_refused_as_encrypted():
    parsed = read(ole_bytes(["EncryptionInfo", "EncryptedPackage"]))

    message = only_error(parsed)
    assert "mật khẩu" in message
    assert "gỡ mật khẩu" in message
    assert ".xls)" not in message


def test_a_truncated_upload_is_refused_as_incomplete():
    data = ward_workbook()
    parsed = read(data[: len(data) // 2])

    assert "tệp bị hỏng hoặc tải lên không trọn vẹn" in only_error(parsed)


def test_a_corrupted_entry_is_refused_as_damaged():
    data = bytearray(ward_workbook())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    # Flip bytes in the middle of the sheet's compressed data: a CRC or inflate error.
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + info.compress_size // 2, start + info.compress_size // 2 + 8):
        data[offset] ^= 0xFF

    assert "tệp bị hỏng hoặc tải lên không trọn vẹn" in only_error(read(bytes(data)))


def test_an_empty_file_is_refused():
    assert "tệp rỗng" in only_error(read(b""))


def test_a_file_over_the_size_cap_is_refused():
    data = ward_workbook()
    with pytest.raises(UploadRejected) as caught:
        check_xlsx_bytes(data, "lon.xlsx", max_bytes=2048)

    assert str(caught.value).startswith("Tệp lon.xlsx: tệp quá lớn")
    assert "giới hạn là 2 KB" in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_the_size_cap_defaults_to_ten_megabytes_or_the_setting():
    expected = uploads.DEFAULT_MAX_BYTES
    try:
        from django.conf import settings

        expected = getattr(settings, "UPLOAD_MAX_BYTES", expected)
    except Exception:  # Django settings not configured in this run
        pass
    assert uploads.default_max_bytes() == expected


def workbook_parts(**extra):
    """Enough of a package to pass the content-type check, plus ``extra`` entries."""
    return {
        "[Content_Types].xml": (
            b'<Types><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            b'officedocument.spreadsheetml.sheet.main+xml"/></Types>'
        ),
        "xl/workbook.xml": b"<workbook/>",
        **extra,
    }


def test_a_zip_bomb_entry_is_refused_from_the_central_directory():
    bomb = zip_bytes(workbook_parts(**{"xl/worksheets/sheet1.xml": b"\0" * (20 * 1024 * 1024)}))
    assert len(bomb) < 100_000

    message = only_error(read(bomb))
    assert "cấu trúc nén bất thường" in message
    assert "xl/worksheets/sheet1.xml" in message


def test_a_zip_with_too_many_entries_is_refused():
    parts = workbook_parts(**{f"xl/media/image{n}.png": b"x" for n in range(uploads.MAX_ZIP_ENTRIES)})

    message = only_error(read(zip_bytes(parts)))
    assert "cấu trúc nén bất thường" in message
    assert f"tối đa {uploads.MAX_ZIP_ENTRIES}" in message


def test_a_zip_that_inflates_beyond_the_total_limit_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_TOTAL_UNCOMPRESSED", 100_000)

    message = only_error(read(ward_workbook(formatted_empty_rows=2000)))
    assert "giải nén ra" in message


def test_a_renamed_word_document_is_refused():
    message = only_error(read(docx_bytes(), filename="bao-cao.xlsx"))

    assert "tệp Word (.docx)" in message


def test_a_renamed_libreoffice_spreadsheet_is_refused():
    message = only_error(read(ods_bytes(), filename="bao-cao.xlsx"))

    assert "OpenDocument" in message
    assert "Lưu thành .xlsx" in message


def test_a_plain_zip_is_not_a_workbook():
    message = only_error(read(zip_bytes({"notes.txt": b"hello"})))

    assert "không phải tệp Excel" in message


def test_random_binary_data_is_not_a_workbook():
    message = only_error(read(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))))

    assert "không phải tệp Excel (.xlsx)" in message


def test_a_package_openpyxl_cannot_open_gives_a_message_not_a_traceback():
    broken = zip_bytes(workbook_parts(**{"xl/workbook.xml": b"this is not xml"}))

    assert "không đọc được nội dung tệp" in only_error(read(broken))


def test_xml_entity_attacks_in_a_sheet_are_refused_by_defusedxml():
    # openpyxl streams worksheets through defusedxml's iterparse (whole parts such as
    # workbook.xml go through lxml with entity resolution off).
    assert openpyxl.DEFUSEDXML is True
    with zipfile.ZipFile(io.BytesIO(ward_workbook())) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    sheet = entries["xl/worksheets/sheet1.xml"]
    entries["xl/worksheets/sheet1.xml"] = (
        b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
        + sheet.replace(b"<v>3</v>", b"<v>&lol2;</v>", 1)
    )

    assert "không đọc được nội dung tệp" in only_error(read(zip_bytes(entries)))


def test_the_check_refuses_to_run_without_defusedxml(monkeypatch):
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)

    with pytest.raises(RuntimeError, match="defusedxml"):
        check_xlsx_bytes(ward_workbook(), "x.xlsx")


def test_upload_rejections_name_the_file_without_its_path():
    with pytest.raises(UploadRejected) as caught:
        check_xlsx_bytes(b"a,b\n1,2\n", "C:\\Users\\clerk\\Báo cáo.xlsx")

    assert caught.value.filename == "Báo cáo.xlsx"
    assert str(caught.value).startswith("Tệp Báo cáo.xlsx: ")
    assert not caught.value.reason.startswith("Tệp")


# --- refusals while reading ChiTieu -----------------------------------------

def test_a_workbook_without_chitieu_lists_the_sheets_found():
    parsed = read(ward_workbook(sheet_name="Số liệu", sheets_before=["Bìa"]))

    assert only_error(parsed) == (
        "Tệp ka-long.xlsx: không có trang tính ChiTieu (các trang tính trong tệp: Bìa, Số liệu). Hãy dùng đúng "
        "mẫu báo cáo, hoặc đổi tên trang tính số liệu thành ChiTieu."
    )


def test_a_sheet_without_a_header_row_is_refused():
    parsed = read(ward_workbook(headers={"code": "Mã số"}))

    message = only_error(parsed)
    assert message.startswith("Tệp ka-long.xlsx, trang tính ChiTieu, cột Mã chỉ tiêu: ")
    assert 'không tìm thấy dòng tiêu đề bảng (ô "Mã chỉ tiêu")' in message
    assert "TCVN3" not in message


def test_a_header_row_without_the_value_column_is_refused():
    parsed = read(ward_workbook(headers={"value": "Kết quả"}))

    message = only_error(parsed)
    assert message.startswith("Tệp ka-long.xlsx, trang tính ChiTieu, dòng 5 (Số liệu): ")
    assert '"Kết quả"' in message


def test_text_in_the_old_tcvn3_encoding_gets_a_conversion_hint():
    tcvn3 = {"code": "M· chØ tiªu", "value": "Sè liÖu", "name": "ChØ tiªu", "unit": "§¬n vÞ tÝnh"}
    parsed = read(ward_workbook(headers=tcvn3, unit_label="M· ®¬n vÞ:", period_label="Kú b¸o c¸o:"))

    header_error = [line for line in lines(parsed) if "dòng tiêu đề" in line]
    assert len(header_error) == 1
    assert "bảng mã cũ TCVN3" in header_error[0]
    assert "Unikey" in header_error[0] and "Chuyển mã" in header_error[0] and "Unicode" in header_error[0]


def test_text_in_the_old_vni_encoding_gets_a_conversion_hint():
    vni = {"code": "Maõ chæ tieâu", "value": "Soá lieäu"}
    parsed = read(ward_workbook(headers=vni, unit_label="Maõ ñôn vò:"))

    assert any("bảng mã cũ VNI" in line for line in lines(parsed))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("M· chØ tiªu", "TCVN3"),
        ("Sè liÖu  M· ®¬n vÞ", "TCVN3"),
        ("Maõ chæ tieâu", "VNI"),
        ("Soá lieäu Maõ ñôn vò", "VNI"),
        ("Mã chỉ tiêu", None),
        ("Người gửi, Địa chỉ, Nội dung đơn, Hướng xử lý, Cơ quan nhận chuyển, Tình trạng", None),
        ("", None),
    ],
)
def test_the_legacy_encoding_detector(text, expected):
    assert detect_legacy_encoding(text) == expected


def test_a_missing_unit_code_label_is_refused():
    parsed = read(ward_workbook(unit_label=OMIT))

    assert only_error(parsed) == (
        'Tệp ka-long.xlsx, trang tính ChiTieu, cột Mã đơn vị: không tìm thấy ô "Mã đơn vị:" trong 10 dòng đầu. '
        'Hãy ghi "Mã đơn vị:" và giá trị ở ô bên phải, như trong mẫu báo cáo.'
    )
    assert parsed.unit_code is None


def test_an_empty_unit_code_cell_is_refused():
    parsed = read(ward_workbook(unit_code=None))

    message = only_error(parsed)
    assert message.startswith("Tệp ka-long.xlsx, trang tính ChiTieu, ô A2 (Mã đơn vị): ")
    assert 'ô bên phải "Mã đơn vị:" đang trống' in message


@pytest.mark.parametrize("typed", ["Ka Long", "067480", -5, 6748.5])
def test_an_invalid_unit_code_is_refused(typed):
    message = only_error(read(ward_workbook(unit_code=typed)))

    assert message.startswith("Tệp ka-long.xlsx, trang tính ChiTieu, ô B2 (Mã đơn vị): mã đơn vị ")
    assert "5 chữ số" in message


def test_an_unreadable_period_is_quoted():
    parsed = read(ward_workbook(period="Quý 3/2022"))

    message = only_error(parsed)
    assert message.startswith(
        'Tệp ka-long.xlsx, trang tính ChiTieu, ô B3 (Kỳ báo cáo): kỳ báo cáo "Quý 3/2022" không đọc được.'
    )
    assert '"6 tháng đầu năm 2022"' in message
    assert parsed.period_code is None


def test_an_empty_period_is_refused():
    message = only_error(read(ward_workbook(period=None)))

    assert message.startswith("Tệp ka-long.xlsx, trang tính ChiTieu, ô A3 (Kỳ báo cáo): ")


def test_an_unknown_indicator_is_refused():
    parsed = read(ward_workbook(extra_rows=[{"code": "XX99", "value": 1}]))

    assert only_error(parsed) == (
        "Tệp ka-long.xlsx, trang tính ChiTieu, ô B42 (Mã chỉ tiêu): mã chỉ tiêu XX99 không có trong danh mục "
        "chỉ tiêu của kỳ báo cáo. Hãy kiểm tra lại mã, hoặc tải mẫu báo cáo mới nhất."
    )


def test_unknown_indicators_are_not_checked_without_a_catalogue():
    parsed = read(ward_workbook(extra_rows=[{"code": "XX99", "value": 1}]), known_codes=None)

    assert parsed.errors == []
    assert parsed.values["XX99"] == 1


def test_an_indicator_given_twice_names_both_rows():
    parsed = read(ward_workbook(extra_rows=[{"code": "KH05", "value": 4}]))

    assert only_error(parsed) == (
        "Tệp ka-long.xlsx, trang tính ChiTieu, ô B42 (Mã chỉ tiêu): chỉ tiêu KH05 được ghi hai lần: "
        "dòng 11 (ô B11) và dòng 42 (ô B42). Hãy giữ một dòng."
    )


def test_a_value_without_an_indicator_code_is_refused():
    message = only_error(read(ward_workbook(extra_rows=[{"name": "Chỉ tiêu thêm", "value": 5}])))

    assert message.startswith("Tệp ka-long.xlsx, trang tính ChiTieu, ô B42 (Mã chỉ tiêu): dòng 42 có số liệu (E42)")


def test_every_bad_value_is_reported_at_once_naming_its_cell():
    values = with_values(KH05=-1, KH06=2.5, KH07="abc", GS05="-", GS06="2,5", TD04="-3", TD05=True)
    parsed = read(ward_workbook(values=values))

    assert lines(parsed) == [
        f"Tệp ka-long.xlsx, trang tính ChiTieu, ô {value_cell(code)} (Số liệu): chỉ tiêu {code}: {problem} "
        "Hãy nhập số nguyên không âm (để trống nếu không báo cáo, ghi 0 nếu bằng 0)."
        for code, problem in [
            ("KH05", "giá trị -1 là số âm."),
            ("KH06", "giá trị 2,5 không phải số nguyên."),
            ("KH07", 'giá trị "abc" không phải là số.'),
            ("GS05", 'giá trị "-" không phải là số.'),
            ("GS06", 'giá trị "2,5" không phải số nguyên.'),
            ("TD04", 'giá trị "-3" là số âm.'),
            ("TD05", "ô chứa giá trị đúng/sai (True), không phải số."),
        ]
    ]
    assert value_cell("KH05") == "E11"
    assert "KH05" not in parsed.values


@pytest.mark.parametrize("error", ["#REF!", "#DIV/0!", "#VALUE!", "#N/A", "#NAME?", "#NULL!", "#NUM!"])
def test_an_excel_error_value_is_refused_naming_the_cell(error):
    parsed = read(ward_workbook(values=with_values(KH05=error)))

    assert only_error(parsed) == (
        f"Tệp ka-long.xlsx, trang tính ChiTieu, ô E11 (Số liệu): chỉ tiêu KH05: ô có lỗi công thức {error}. "
        "Hãy sửa công thức hoặc nhập số trực tiếp."
    )


def test_a_formula_without_a_cached_value_is_refused():
    # openpyxl saves formulas without computing them: exactly the case to detect.
    parsed = read(ward_workbook(values=with_values(KH05="=1+2", KH06=None)))

    message = only_error(parsed)
    assert message.startswith("Tệp ka-long.xlsx, trang tính ChiTieu, ô E11 (Số liệu): chỉ tiêu KH05: ô chứa công thức")
    assert "mở tệp bằng Excel, lưu lại" in message
    assert "KH05" not in parsed.values
    assert parsed.values["KH06"] is None  # a really empty cell stays "not reported"


def test_a_title_formula_without_a_cached_value_is_refused():
    message = only_error(read(ward_workbook(unit_code='="06748"')))

    assert message.startswith("Tệp ka-long.xlsx, trang tính ChiTieu, ô B2 (Mã đơn vị): ô chứa công thức")


# --- consistency rules --------------------------------------------------------

RULE_FAILURES = [
    ({"KH01": 4}, "E7", "KH01 (E7) = 4 nhưng KH02+KH03+KH04 (E8, E9, E10) = 3; KH01 phải bằng KH02+KH03+KH04."),
    (
        {"GS01": 4}, "E15",
        "GS02+GS03+GS04 (E15, E16, E17) = 5 nhưng GS01 (E14) = 4; GS02+GS03+GS04 phải nhỏ hơn hoặc bằng GS01.",
    ),
    ({"GS08": 11}, "E21", "GS08 (E21) = 11 nhưng GS07 (E20) = 10; GS08 phải nhỏ hơn hoặc bằng GS07."),
    (
        {"CT07": 5}, "E24",
        "CT03 (E24) = 30 nhưng CT04+CT05+CT06+CT07 (E25, E26, E27, E28) = 31; "
        "CT03 phải bằng CT04+CT05+CT06+CT07.",
    ),
    (
        {"DT02": 9}, "E34",
        "DT01 (E34) = 25 nhưng DT02+DT03+DT04 (E35, E36, E37) = 24; DT01 phải bằng DT02+DT03+DT04.",
    ),
    ({"DT05": 26}, "E38", "DT05 (E38) = 26 nhưng DT01 (E34) = 25; DT05 phải nhỏ hơn hoặc bằng DT01."),
    ({"TD03": 39}, "E31", "TD03 (E31) = 39 nhưng TD02 (E30) = 40; TD03 phải lớn hơn hoặc bằng TD02."),
]


@pytest.mark.parametrize("changes, first_cell, detail", RULE_FAILURES, ids=[left[0] for left, _, _ in FORM_RULES])
def test_each_failed_consistency_rule_names_its_cells(changes, first_cell, detail):
    parsed = read(ward_workbook(values=with_values(**changes)))

    assert only_error(parsed) == (
        f"Tệp ka-long.xlsx, trang tính ChiTieu, ô {first_cell} (Số liệu): số liệu không khớp: {detail} "
        "Hãy kiểm tra lại các ô này."
    )


def test_the_form_has_the_seven_rules_of_the_design():
    assert len(FORM_RULES) == 7
    assert FORM_RULES[0] == (["KH01"], "=", ["KH02", "KH03", "KH04"])


def test_consistency_rules_may_be_model_like_objects():
    rule = SimpleNamespace(left=["A1"], operator=">=", right=["B1", "B2"])
    errors = check_consistency({"A1": 1, "B1": 1, "B2": 1}, {"A1": "E5", "B1": "E6", "B2": "E7"}, [rule])

    assert len(errors) == 1
    assert errors[0].cell == "E5" and errors[0].row == 5
    assert "A1 (E5) = 1 nhưng B1+B2 (E6, E7) = 2" in errors[0].message


def test_no_rules_means_no_consistency_check():
    parsed = read(ward_workbook(values=with_values(KH01=9)), rules=[])

    assert parsed.errors == []


def test_an_unknown_rule_operator_is_a_programming_error():
    with pytest.raises(ValueError):
        check_consistency({"A": 1, "B": 1}, {}, [(["A"], "<", ["B"])])
    with pytest.raises(ValueError):
        read(ward_workbook(), rules=[(["KH01"], "==", ["KH02"])])


def test_every_error_of_every_sheet_is_reported_at_once_in_reading_order():
    parsed = read(
        ward_workbook(
            unit_code=None,
            values=with_values(KH01=4, KH06="abc"),
            petitions=[{"content": "Sửa đường", "forwarded_date": "hôm qua"}],
        )
    )

    assert [(err.sheet, err.cell) for err in parsed.errors] == [
        ("ChiTieu", "A2"),  # empty unit code
        ("ChiTieu", "E12"),  # KH06 not a number
        ("ChiTieu", "E7"),  # KH01 != KH02 + KH03 + KH04
        ("KienNghi", "E5"),  # unreadable date
    ]


# --- formatting -------------------------------------------------------------

def test_format_error_builds_one_readable_line():
    assert format_error("a.xlsx", CellError("ChiTieu", "E12", 12, "Số liệu", "sai.")) == (
        "Tệp a.xlsx, trang tính ChiTieu, ô E12 (Số liệu): sai."
    )
    assert format_error("a.xlsx", CellError("ChiTieu", None, 5, "Số liệu", "sai.")) == (
        "Tệp a.xlsx, trang tính ChiTieu, dòng 5 (Số liệu): sai."
    )
    assert format_error("a.xlsx", CellError(None, None, None, None, "sai.")) == "Tệp a.xlsx: sai."


# --- safe_filename ------------------------------------------------------------

@pytest.mark.parametrize(
    "name, expected",
    [
        ("bao-cao.xlsx", "bao-cao.xlsx"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\báo cáo.xlsx", "báo cáo.xlsx"),
        ("/var/tmp/x.xlsx", "x.xlsx"),
        ("C:\\Users\\clerk\\Desktop\\BC 6 tháng.xlsx", "BC 6 tháng.xlsx"),
        (nfd("Báo cáo Hải Hòa.xlsx"), "Báo cáo Hải Hòa.xlsx"),
        ("bao\x00cao\r\n\t.xlsx", "baocao.xlsx"),
        ("hoa-don\u202exslx.exe", "hoa-donxslx.exe"),
        ("  ..an.xlsx  ", "an.xlsx"),
        ("..", "tep-tai-len.xlsx"),
        ("", "tep-tai-len.xlsx"),
        (None, "tep-tai-len.xlsx"),
        ("a:b?.xlsx", "ab.xlsx"),
    ],
)
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


def test_safe_filename_limits_the_length_and_keeps_the_extension():
    name = safe_filename("Báo cáo " * 100 + ".xlsx")

    assert len(name.encode("utf-8")) <= uploads.MAX_FILENAME_BYTES
    assert name.endswith(".xlsx")
    assert name.startswith("Báo cáo")
    assert unicodedata.is_normalized("NFC", safe_filename(nfd("Hòa.xlsx")))


def test_an_uploaded_workbook_is_named_by_its_safe_name():
    parsed = read_ward_workbook(b"", "../../tmp/ka-long.xlsx")

    assert parsed.filename == "ka-long.xlsx"
    assert lines(parsed)[0].startswith("Tệp ka-long.xlsx: tệp rỗng")


def test_the_builder_round_trips_through_openpyxl():
    # Guard for the tests themselves: a built workbook opens and has the expected sheets.
    workbook = openpyxl.load_workbook(io.BytesIO(ward_workbook(petitions=[], letters=[])))
    assert workbook.sheetnames == ["ChiTieu", "KienNghi", "DonThu"]
    assert save(workbook)[:2] == b"PK"


def test_a_column_number_line_of_plain_numbers_is_skipped_but_a_numbered_row_without_code_is_not():
    numbers_line = [{"stt": 1, "code": 2, "name": 3, "unit": 4, "value": 5, "note": 6}]
    rows = numbers_line + [{"stt": 1, "code": "KH01", "value": 1}, {"stt": 2, "value": 3}]
    parsed = read(ward_workbook(rows=rows, column_numbers=False))

    assert parsed.values == {"KH01": 1}
    assert only_error(parsed).startswith(
        "Tệp ka-long.xlsx, trang tính ChiTieu, ô B8 (Mã chỉ tiêu): dòng 8 có số liệu (E8) nhưng không có mã chỉ tiêu."
    )
