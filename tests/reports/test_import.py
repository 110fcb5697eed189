"""Ward workbooks end to end: importer and command, with what lands in (or stays out of) the database.

The reader itself is tested in test_workbook_reader.py; here every tolerance of
issue item 6 must import, and every refusal of item 7 must name the problem and
leave the row counts of every register it touches unchanged.
"""
import unicodedata

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from apps.core import unitcodes
from apps.core.models import ReportingPeriod
from apps.petitions.models import Petition
from apps.reception.models import Letter
from apps.reports.choices import AttemptOutcome, ReportStatus
from apps.reports.importer import WardReportImporter
from apps.reports.models import ImportAttempt, WardReport, WardReportValue
from tests.reports import workbooks as wb
from tests.reports.workbooks import CONSISTENT_VALUES, OMIT, AsText, ward_workbook

pytestmark = pytest.mark.django_db

H1_2022 = "6 tháng đầu năm 2022"


def counts():
    return (WardReport.objects.count(), WardReportValue.objects.count(), Petition.objects.count(),
            Letter.objects.count())


def run(data, user=None, name="baocao.xlsx", **kwargs):
    return WardReportImporter(user, **kwargs).run(data, name)


def report_of(code="06748", period="2022-H1"):
    return WardReport.objects.get(council__admin_unit__code=code, council__admin_unit__valid_from__isnull=True,
                                  period=ReportingPeriod.objects.from_code(period), status=ReportStatus.CURRENT)


def with_formula_without_value(workbook):
    workbook["ChiTieu"]["E7"] = "=1+2"  # openpyxl saves formulas without a cached result


def legacy_headers():
    # "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Số liệu" typed with the TCVN3 (.VnTime) font.
    return {"code": "M· chØ tiªu", "name": "ChØ tiªu", "unit": "§¬n vÞ tÝnh", "value": "Sè liÖu"}


# -- item 6: what real files look like, all must import -------------------------------
TOLERATED = {
    "header_row_anywhere": dict(header_row=14, first_column=3),
    "headers_in_other_case_and_spaces": dict(headers={"code": "  MÃ CHỈ TIÊU ", "value": "số LIỆU"}),
    "headers_in_nfd": dict(headers={k: unicodedata.normalize("NFD", v) for k, v in wb.HEADERS.items()}),
    "columns_in_any_order": dict(order=["value", "note", "code", "stt", "unit", "name"]),
    "no_column_number_line": dict(column_numbers=False),
    "blank_gap_in_title": dict(title_gap=2),
    "merged_title_cells": dict(merge_title=True),
    "hidden_title_rows": dict(hide_title=True),
    "inline_title": dict(inline_title=True),
    "other_sheets_before": dict(sheets_before=["Huong dan", "Bia"]),
    "formatted_empty_rows_after": dict(formatted_empty_rows=3000),
    "numbers_typed_as_text": dict(values={**CONSISTENT_VALUES, "KH01": "03", "KH05": " 12 "}),
    "unit_code_lost_its_zero": dict(unit_code=6748),
}


@pytest.mark.parametrize("knobs", TOLERATED.values(), ids=TOLERATED.keys())
def test_real_world_drift_imports(knobs, secretariat_clerk):
    result = run(ward_workbook(**knobs), secretariat_clerk)
    assert result.ok, result.errors
    report = report_of()
    assert report.values_dict()["KH01"] == 3 and report.values_dict()["KH05"] == 12
    assert report.uploaded_by == secretariat_clerk


def test_an_empty_value_is_stored_as_not_reported_not_zero(secretariat_clerk):
    values = {**CONSISTENT_VALUES, "KH06": None, "KH07": 0}
    assert run(ward_workbook(values=values), secretariat_clerk).ok
    stored = report_of().values_dict()
    assert stored["KH06"] is None and stored["KH07"] == 0
    assert len(stored) == 35


def test_the_report_keeps_file_hash_uploader_and_a_log(secretariat_clerk):
    import hashlib

    data = ward_workbook()
    result = run(data, secretariat_clerk, name="../../Báo cáo Vạn Ninh.xlsx")
    report = report_of()
    assert report.sha256 == hashlib.sha256(data).hexdigest()
    assert report.original_filename == "Báo cáo Vạn Ninh.xlsx"
    assert report.source_file.read() == data
    assert ".." not in report.source_file.name
    assert result.summary().startswith("Tệp Báo cáo Vạn Ninh.xlsx: HĐND xã Vạn Ninh (06748)")
    attempt = ImportAttempt.objects.get()
    assert attempt.outcome == AttemptOutcome.IMPORTED and attempt.user == secretariat_clerk


# -- item 7: refused, with a clear message, nothing written --------------------------------
def _bomb():
    return wb.zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>",
                         "xl/worksheets/sheet1.xml": b"0" * (60 * 1024 * 1024)})


REFUSED = {
    "csv_renamed": (lambda: "Mã đơn vị;06748\nKH01;3\n".encode(), "văn bản/CSV"),
    "old_xls": (lambda: wb.ole_bytes(["Workbook"]), "Excel 97-2003 (.xls)"),
    "encrypted": (lambda: wb.ole_bytes(["EncryptionInfo", "EncryptedPackage"]), "mật khẩu"),
    "truncated": (lambda: ward_workbook()[:3000], "bị hỏng"),
    "zip_bomb": (_bomb, "cấu trúc nén bất thường"),
    "docx_renamed": (wb.docx_bytes, "Word (.docx)"),
    "no_values_sheet": (lambda: ward_workbook(sheet_name="Sheet1"), "không có trang tính ChiTieu"),
    "no_header_row": (lambda: ward_workbook(headers={"code": "Mã số"}), "không tìm thấy dòng tiêu đề"),
    "legacy_encoding": (lambda: ward_workbook(headers=legacy_headers()), "TCVN3"),
    "missing_unit_code": (lambda: ward_workbook(unit_code=None), "Mã đơn vị"),
    "no_unit_label": (lambda: ward_workbook(unit_label=OMIT), 'không tìm thấy ô "Mã đơn vị:"'),
    "unknown_unit_code": (lambda: ward_workbook(unit_code="99999"), "mã đơn vị 99999 không có trong danh mục"),
    "unit_not_a_ward": (lambda: ward_workbook(unit_code="194"), "không phải HĐND xã, phường"),
    "unit_gone_in_that_period": (lambda: ward_workbook(unit_code="06718", period="6 tháng đầu năm 2025"),
                                 "không tồn tại trong kỳ"),
    "period_unreadable": (lambda: ward_workbook(period="Quý 5 năm 2022"), "Kỳ báo cáo"),
    "period_not_in_the_system": (lambda: ward_workbook(period="6 tháng đầu năm 2041"), "chưa có trong danh mục kỳ"),
    "unknown_indicator": (lambda: ward_workbook(values={**CONSISTENT_VALUES, "XX99": 1}),
                          "mã chỉ tiêu XX99 không có trong danh mục"),
    "indicator_twice": (lambda: ward_workbook(extra_rows=[{"code": "KH05", "value": 1}]), "được ghi hai lần"),
    "negative_value": (lambda: ward_workbook(values={**CONSISTENT_VALUES, "KH05": -2}), "KH05"),
    "fraction": (lambda: ward_workbook(values={**CONSISTENT_VALUES, "KH05": 2.5}), "KH05"),
    "text_value": (lambda: ward_workbook(values={**CONSISTENT_VALUES, "KH05": "mười hai"}), "KH05"),
    "excel_error": (lambda: ward_workbook(values={**CONSISTENT_VALUES, "KH05": "#REF!"}), "#REF!"),
    "formula_without_value": (lambda: ward_workbook(customise=with_formula_without_value), "công thức"),
    "failed_consistency_rule": (lambda: ward_workbook(values={**CONSISTENT_VALUES, "KH01": 5}), "KH01"),
}


@pytest.mark.parametrize("build, expected", REFUSED.values(), ids=REFUSED.keys())
def test_broken_workbooks_are_refused_and_write_nothing(build, expected, secretariat_clerk):
    before = counts()
    result = run(build(), secretariat_clerk, name="xa-van-ninh.xlsx")
    assert not result.ok
    text = "\n".join(map(str, result.errors))
    assert expected in text
    assert all(line.startswith("Tệp xa-van-ninh.xlsx") for line in result.errors)
    assert counts() == before
    assert ImportAttempt.objects.get().outcome == AttemptOutcome.REFUSED


def test_a_file_over_the_size_cap_is_refused(secretariat_clerk, settings):
    settings.UPLOAD_MAX_BYTES = 2000
    before = counts()
    result = run(ward_workbook(), secretariat_clerk)
    assert "tệp quá lớn" in result.errors[0] and counts() == before


def test_the_consistency_error_names_the_cells(secretariat_clerk):
    result = run(ward_workbook(values={**CONSISTENT_VALUES, "KH01": 5}), secretariat_clerk)
    assert "trang tính ChiTieu, ô E7 (Số liệu)" in result.errors[0]
    assert "E8, E9, E10" in result.errors[0]


def test_every_error_of_a_workbook_is_reported_at_once(secretariat_clerk):
    values = {**CONSISTENT_VALUES, "KH05": -1, "KH06": "#N/A", "XX01": 2, "DT01": 99}
    result = run(ward_workbook(unit_code="99999", values=values), secretariat_clerk)
    text = "\n".join(map(str, result.errors))
    for fragment in ("KH05", "#N/A", "XX01", "DT01", "99999"):
        assert fragment in text
    assert WardReport.objects.count() == 0


def test_an_unknown_unit_code_is_reported_even_when_the_period_cannot_be_read(secretariat_clerk):
    result = run(ward_workbook(unit_code="06999", period="6 tháng giữa năm 2023"), secretariat_clerk)
    text = "\n".join(map(str, result.errors))
    assert "6 tháng giữa năm 2023" in text
    assert "mã đơn vị 06999 không có trong danh mục" in text
    assert WardReport.objects.count() == 0


def test_a_unit_code_reused_in_2025_is_ambiguous_for_a_period_spanning_the_change():
    before = counts()
    result = run(ward_workbook(unit_code="06709", period="Năm 2025"))
    assert "ứng với nhiều đơn vị" in result.errors[0]
    assert counts() == before


def test_the_reused_code_resolves_to_the_ward_of_the_uploaders_council(secretariat_clerk):
    result = run(ward_workbook(unit_code="06709", period="Năm 2025"), secretariat_clerk)
    assert result.ok, result.errors
    assert result.council.valid_from is None and result.council.parent.code == "194"


# -- scope -------------------------------------------------------------------------------
def test_a_ward_clerk_uploads_their_own_ward(ward_clerk):
    assert run(ward_workbook(unit_code="06709"), ward_clerk).ok
    assert report_of("06709").uploaded_by == ward_clerk


def test_a_ward_clerk_cannot_upload_another_wards_workbook(ward_clerk):
    before = counts()
    result = run(ward_workbook(unit_code="06712"), ward_clerk)
    assert "chỉ được tải lên báo cáo của HĐND phường Ka Long" in result.errors[0]
    assert counts() == before


def test_the_secretariat_cannot_upload_its_own_councils_figures_as_a_ward(secretariat_clerk):
    result = run(ward_workbook(unit_code="194"), secretariat_clerk)
    assert not result.ok and counts() == (0, 0, 0, 0)


def test_a_leader_cannot_upload(leader):
    result = run(ward_workbook(), leader)
    assert "không phải là xã, phường thuộc" in result.errors[0]
    assert counts() == (0, 0, 0, 0)


# -- item 8: the same file twice, another file for the same ward and period ------------------
def test_the_same_file_twice_writes_nothing_and_says_so(secretariat_clerk):
    data = ward_workbook(petitions=[{"content": "Sửa đường liên thôn"}])
    assert run(data, secretariat_clerk).ok
    before = counts()
    result = run(data, secretariat_clerk)
    assert result.ok and result.outcome == AttemptOutcome.UNCHANGED
    assert "không thay đổi" in result.summary()
    assert counts() == before


def test_another_file_for_the_same_ward_needs_confirmation(secretariat_clerk):
    assert run(ward_workbook(), secretariat_clerk).ok
    before = counts()
    result = run(ward_workbook(values={**CONSISTENT_VALUES, "KH05": 13}), secretariat_clerk)
    assert not result.ok and result.needs_confirm
    assert "xác nhận thay thế" in result.notes[0]
    assert [(c.code, c.old, c.new) for c in result.changes] == [("KH05", 12, 13)]
    assert counts() == before


def test_replacing_keeps_the_previous_report_file_and_values(secretariat_clerk):
    first = ward_workbook()
    assert run(first, secretariat_clerk).ok
    old = report_of()
    result = run(ward_workbook(values={**CONSISTENT_VALUES, "KH05": 13}), secretariat_clerk, replace=True)
    assert result.ok and result.outcome == AttemptOutcome.REPLACED
    new = report_of()
    old.refresh_from_db()
    assert old.status == ReportStatus.REPLACED and old.replaced_by == new
    assert old.values_dict()["KH05"] == 12 and new.values_dict()["KH05"] == 13
    assert old.source_file.read() == first
    assert old.history.count() >= 2  # the change of status is in its history
    assert WardReport.objects.count() == 2


def test_a_dry_run_checks_and_writes_nothing(secretariat_clerk):
    result = run(ward_workbook(), secretariat_clerk, dry_run=True)
    assert result.ok and "chạy thử" in result.summary()
    assert counts() == (0, 0, 0, 0) and ImportAttempt.objects.count() == 0


# -- item 9: the optional sheets --------------------------------------------------------------
PETITIONS = [
    {"stt": 1, "content": "Đề nghị sửa chữa tuyến đường liên khu 3", "field": "giao thông",
     "agency": "UBND thành phố Móng Cái", "forwarded_date": "15/03/2022", "status": "Đang giải quyết",
     "answer_date": "01/04/2022"},
    {"stt": 2, "content": AsText("=HYPERLINK(\"http://x\")"), "field": "Lĩnh vực lạ",
     "agency": "Phòng TN&MT", "forwarded_date": "20/03/2022", "status": "Đã giải quyết",
     "answer_date": "10/04/2022"},
]
LETTERS = [
    {"stt": 1, "received_date": "01/03/2022", "sender": "Nguyễn Văn An", "address": "Khu 3",
     "letter_type": "Khiếu nại", "content": "Khiếu nại về bồi thường đất", "handling": "Chuyển đơn",
     "forwarded_agency": "UBND thành phố Móng Cái"},
    {"stt": 2, "received_date": "05/03/2022", "letter_type": "Tố cáo", "content": AsText("=1+1"),
     "handling": "Lưu đơn"},
]


def test_optional_sheets_become_petitions_and_letters_of_that_ward(secretariat_clerk):
    result = run(ward_workbook(petitions=PETITIONS, letters=LETTERS), secretariat_clerk)
    assert result.ok, result.errors
    report = report_of()
    petitions = list(Petition.objects.filter(council=report.council).order_by("code"))
    assert [p.code for p in petitions] == ["KN-2022-0001", "KN-2022-0002"]
    first, second = petitions
    assert first.agency.name == "UBND thành phố Móng Cái" and first.field.code == "giao_thong"
    assert first.status == "dang_giai_quyet" and first.answer_due is not None
    assert second.content == '=HYPERLINK("http://x")'  # text starting with "=" stays text
    assert second.field is None and "Lĩnh vực lạ" in second.note  # nothing lost
    assert second.history.count() == 1
    letters = list(Letter.objects.filter(council=report.council).order_by("register_number"))
    assert [(x.register_year, x.register_number) for x in letters] == [(2022, 1), (2022, 2)]
    assert letters[0].content_type == "khieu_nai" and letters[0].forwarded_agency is not None
    assert letters[1].is_anonymous and letters[1].content == "=1+1"
    assert sorted(report.petition_ids) == sorted(p.pk for p in petitions)
    assert "2 kiến nghị cử tri, 2 đơn thư" in result.summary()


def test_letter_numbers_continue_after_numbers_already_given(secretariat_clerk):
    from apps.core.numbering import next_number

    van_ninh = unitcodes.council_on("06748", ReportingPeriod.objects.from_code("2022-H1").end_date)
    next_number(van_ninh.pk, "letter", 2022)  # a letter entered by hand took number 1
    assert run(ward_workbook(letters=LETTERS[:1]), secretariat_clerk).ok
    assert Letter.objects.get().register_number == 2


def test_a_bad_row_in_an_optional_sheet_refuses_the_whole_workbook(secretariat_clerk):
    bad = [{**LETTERS[0], "letter_type": "Thư khen"}]
    before = counts()
    result = run(ward_workbook(petitions=PETITIONS, letters=bad), secretariat_clerk)
    assert "trang tính DonThu, ô E5 (Loại đơn): loại đơn «Thư khen» không hợp lệ" in result.errors[0]
    assert counts() == before


def test_a_petition_said_to_be_answered_without_an_answer_date_refuses_the_workbook_as_the_form_would(
        secretariat_clerk):
    unanswered = {**PETITIONS[0], "answer_date": None}
    before = counts()
    result = run(ward_workbook(petitions=[unanswered]), secretariat_clerk)
    assert any("trang tính KienNghi, ô G5 (Ngày trả lời): tình trạng «Đang giải quyết» là theo trả lời của cơ quan "
               "nên cần ngày trả lời" in error for error in result.errors), result.errors
    assert counts() == before
    # Not answered yet: «Chưa giải quyết» (or an empty status) needs no date.
    assert run(ward_workbook(petitions=[{**unanswered, "status": "Chưa giải quyết"}]), secretariat_clerk).ok


def test_replacing_does_not_duplicate_petitions_already_imported(secretariat_clerk):
    assert run(ward_workbook(petitions=PETITIONS), secretariat_clerk).ok
    extra = {"content": "Đề nghị lắp đèn chiếu sáng khu 5"}
    changed = ward_workbook(petitions=PETITIONS + [extra], values={**CONSISTENT_VALUES, "KH05": 13})
    result = run(changed, secretariat_clerk, replace=True)
    assert result.ok and result.petitions_created == 1
    assert Petition.objects.count() == 3
    assert len(report_of().petition_ids) == 3


def test_query_count_grows_with_batches_not_rows(secretariat_clerk):
    import math

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.core.scoping import visible_council_ids

    def queries_for(n, unit):
        rows = [{"content": f"Kiến nghị số {i}", "field": "Đất đai", "agency": "UBND thành phố Móng Cái",
                 "forwarded_date": "15/03/2022"} for i in range(n)]
        data = ward_workbook(unit_code=unit, petitions=rows)
        with CaptureQueriesContext(connection) as ctx:
            result = run(data, secretariat_clerk)
        assert result.ok, result.errors[:3]
        sql = [q["sql"] for q in ctx.captured_queries]
        inserts = [q for q in sql if q.startswith("INSERT") or " times: INSERT" in q]  # executemany
        return len(sql) - len(inserts), len(inserts)

    visible_council_ids(secretariat_clerk)  # the scope is computed once per user object; keep it out
    (small_other, small_inserts), (large_other, large_inserts) = queries_for(100, "06748"), queries_for(1000, "06712")
    # Lookups, checks and numbering do not depend on the number of rows at all...
    assert large_other == small_other
    # ...and inserts grow with batches: the database's batch size (SQLite caps the parameters of
    # one statement), petitions and their history rows, plus a few fixed inserts.
    fields = [f for f in Petition._meta.concrete_fields if not f.primary_key]
    batch = min(500, connection.ops.bulk_batch_size(fields, [None] * 1000))
    assert large_inserts <= small_inserts + 2 * math.ceil(1000 / batch), (small_inserts, large_inserts, batch)
    assert large_inserts < 100
    assert Petition.objects.count() == 1100


# -- the command -------------------------------------------------------------------------
def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_command_imports_every_file_and_exits_zero(tmp_path, capsys):
    a = write(tmp_path, "van-ninh.xlsx", ward_workbook())
    b = write(tmp_path, "tran-phu.xlsx", ward_workbook(unit_code="06712"))
    call_command("import_ward_reports", a, b)
    out = capsys.readouterr().out
    assert "Tệp van-ninh.xlsx: HĐND xã Vạn Ninh (06748), 6 tháng đầu năm 2022 — đã nhập: 35/35 chỉ tiêu" in out
    assert "HĐND phường Trần Phú (06712)" in out
    assert WardReport.objects.count() == 2
    assert WardReport.objects.filter(uploaded_by__isnull=True).count() == 2
    call_command("import_ward_reports", a)  # same file again: success, nothing written
    assert "không thay đổi" in capsys.readouterr().out
    assert WardReport.objects.count() == 2


def test_command_processes_all_files_then_fails_with_every_error(tmp_path, capsys):
    good = write(tmp_path, "good.xlsx", ward_workbook())
    bad = write(tmp_path, "bad.xlsx", ward_workbook(unit_code="06712", values={**CONSISTENT_VALUES, "KH01": 9}))
    missing = str(tmp_path / "khong-co.xlsx")
    with pytest.raises(CommandError) as exc:
        call_command("import_ward_reports", bad, missing, good)
    message = str(exc.value)
    assert "Tệp bad.xlsx, trang tính ChiTieu, ô E7 (Số liệu)" in message
    assert "Tệp khong-co.xlsx: không đọc được tệp" in message
    assert WardReport.objects.count() == 1  # the good file after the bad ones is imported


def test_command_refuses_a_second_file_unless_replace(tmp_path):
    call_command("import_ward_reports", write(tmp_path, "a.xlsx", ward_workbook()))
    newer = write(tmp_path, "b.xlsx", ward_workbook(values={**CONSISTENT_VALUES, "KH05": 20}))
    with pytest.raises(CommandError, match="--replace"):
        call_command("import_ward_reports", newer)
    call_command("import_ward_reports", newer, "--dry-run", "--replace")
    assert report_of().values_dict()["KH05"] == 12
    call_command("import_ward_reports", newer, "--replace")
    assert report_of().values_dict()["KH05"] == 20
    assert WardReport.objects.filter(status=ReportStatus.REPLACED).count() == 1


def test_command_runs_as_the_system_but_still_requires_a_ward(tmp_path):
    with pytest.raises(CommandError, match="không phải HĐND xã, phường"):
        call_command("import_ward_reports", write(tmp_path, "tp.xlsx", ward_workbook(unit_code="194")))
    assert counts() == (0, 0, 0, 0)


def test_workbook_with_no_chitieu_but_openpyxl_content_is_refused():
    wb_ = Workbook()
    wb_.active.title = "KienNghi"
    result = run(wb.save(wb_))
    assert "không có trang tính ChiTieu" in result.errors[0]


def test_rows_written_in_batches_read_back_like_rows_saved_one_by_one(secretariat_clerk):
    """The batched insert fills what save() would: defaults, timestamps, due dates, one '+' history row."""
    assert run(ward_workbook(petitions=PETITIONS, letters=LETTERS), secretariat_clerk).ok
    petition = Petition.objects.get(code="KN-2022-0001")
    assert petition.created_at is not None and petition.updated_at is not None
    assert petition.created_by == secretariat_clerk and petition.forwarded_by_na is False
    assert petition.answer == "" and petition.merged_into is None
    record = petition.history.get()
    assert (record.history_type, record.history_user, record.content) == ("+", secretariat_clerk, petition.content)
    assert record.history_date is not None and record.answer_due == petition.answer_due
    letter = Letter.objects.get(register_number=1)
    assert letter.processing_due is not None and letter.history.get().history_type == "+"
    value = WardReportValue.objects.get(indicator_code="KH01")
    assert value.council == report_of().council and value.history.get().value == 3
    # The rows behave like any other: a later save records a change on top of the import.
    petition.answer = "Đã trả lời"
    petition.save()
    assert petition.history.count() == 2


def test_history_rows_of_a_batch_hold_every_value_the_rows_were_written_with(secretariat_clerk):
    """The '+' history rows are copied from the rows just inserted: each tracked value equals the stored one."""
    assert run(ward_workbook(petitions=PETITIONS, letters=LETTERS), secretariat_clerk).ok
    for model in (Petition, Letter, WardReportValue):
        tracked = [f.attname for f in model.history.model.tracked_fields]
        rows = {row["id"]: row for row in model.objects.values(*tracked)}
        history = list(model.history.values(*tracked, "history_type", "history_user_id", "history_date"))
        assert rows and len(history) == len(rows)
        for record in history:
            assert {name: record[name] for name in tracked} == rows[record["id"]]
            assert (record["history_type"], record["history_user_id"]) == ("+", secretariat_clerk.pk)
        assert len({record["history_date"] for record in history}) == 1  # one write, one date


def test_text_with_tabs_newlines_and_backslashes_is_stored_as_written(secretariat_clerk):
    content = "Dòng 1\nDòng 2\tcột\\ngược \\N «trích dẫn»"
    assert run(ward_workbook(petitions=[{"content": content, "note": "a\\tb"}]), secretariat_clerk).ok
    petition = Petition.objects.get()
    assert petition.content == content and petition.note == "a\\tb"
    assert petition.history.get().content == content
