"""Choices typed the way wards write them: short forms and synonyms taken and shown, ambiguous ones refused.

Chị Hoa, the secretariat clerk of Móng Cái, uploads Vạn Ninh's half-year workbook; its clerk wrote
"Đã chuyển" for "Đã chuyển, chờ trả lời", "TC" for "Tố cáo" and "môi trường" for the field.
"""
import pytest
from django.urls import reverse

from apps.petitions.models import Petition
from apps.reception.models import Letter
from apps.reports.importer import WardReportImporter
from apps.reports.models import ImportAttempt, WardReport, WardReportValue
from tests.reports.test_admin_upload import CONFIRM, UPLOAD, token_of, xlsx
from tests.reports.workbooks import ward_workbook

pytestmark = pytest.mark.django_db

LETTER = {"stt": 1, "received_date": "01/03/2022", "sender": "Nguyễn Văn An", "address": "Khu 3",
          "letter_type": "Khiếu nại", "content": "Khiếu nại về bồi thường đất", "handling": "Chuyển đơn",
          "forwarded_agency": "UBND thành phố Móng Cái", "status": "Đã chuyển, chờ trả lời"}
PETITION = {"stt": 1, "content": "Ô nhiễm bãi rác khu 5", "field": "Tài nguyên, môi trường",
            "forwarded_date": "15/03/2022", "status": "Đang giải quyết", "answer_date": "01/04/2022"}


def counts():
    return (WardReport.objects.count(), WardReportValue.objects.count(), Petition.objects.count(),
            Letter.objects.count(), ImportAttempt.objects.filter(outcome="imported").count())


def messy():
    return ward_workbook(
        letters=[{**LETTER, "status": "Đã chuyển"}, {**LETTER, "stt": 2, "letter_type": "TC", "status": "da huong dan",
                                                     "content": "Tố cáo cán bộ địa chính"}],
        petitions=[{**PETITION, "field": "môi trường", "status": "Đang"}],
    )


def test_a_short_form_imports_as_the_full_choice_and_the_preview_lists_each_correction(client_for, secretariat_clerk):
    client = client_for(secretariat_clerk)
    page = client.post(reverse(UPLOAD), {"files": [xlsx("van-ninh.xlsx", messy())]}).content.decode()
    assert "Hợp lệ, sẽ nhập" in page
    assert "Đã hiểu 5 giá trị viết tắt hoặc viết khác theo danh mục" in page
    for line in ("Trang tính DonThu, ô I5 (Tình trạng): «Đã chuyển» → «Đã chuyển, chờ trả lời»",
                 "Trang tính DonThu, ô E6 (Loại đơn): «TC» → «Tố cáo»",
                 "Trang tính DonThu, ô I6 (Tình trạng): «da huong dan» → «Đã hướng dẫn»",
                 "Trang tính KienNghi, ô C5 (Lĩnh vực): «môi trường» → «Tài nguyên, môi trường»",
                 "Trang tính KienNghi, ô F5 (Tình trạng): «Đang» → «Đang giải quyết»"):
        assert line in page, line
    assert counts()[:4] == (0, 0, 0, 0)  # the preview writes nothing

    result = client.post(reverse(CONFIRM), {"token": token_of(client), "confirm": "1"}).content.decode()
    assert "«Đã chuyển» → «Đã chuyển, chờ trả lời»" in result
    first, second = Letter.objects.order_by("register_number")
    assert (first.status, first.content_type) == ("da_chuyen", "khieu_nai")
    assert (second.status, second.content_type) == ("da_huong_dan", "to_cao")
    petition = Petition.objects.get()
    assert petition.field.code == "moi_truong" and petition.status == "dang_giai_quyet"
    assert "ghi trong tệp" not in petition.note  # the field was found, nothing left for the clerk to choose
    assert "«Đã chuyển» → «Đã chuyển, chờ trả lời»" in ImportAttempt.objects.get(outcome="imported").messages


def test_labels_written_in_full_are_not_listed_as_corrections(secretariat_clerk):
    result = WardReportImporter(secretariat_clerk).check(ward_workbook(letters=[LETTER], petitions=[PETITION]), "x.xlsx")
    assert result.ok and result.corrections == []


def test_an_ambiguous_short_form_refuses_the_file_naming_the_candidates_and_writes_nothing(client_for, secretariat_clerk):
    before = counts()
    data = ward_workbook(letters=[{**LETTER, "status": "Đã"}, {**LETTER, "stt": 2, "letter_type": "KN"}])
    page = client_for(secretariat_clerk).post(reverse(UPLOAD), {"files": [xlsx("van-ninh.xlsx", data)]}).content.decode()
    assert "Có 2 lỗi – không nhập" in page
    assert ("Tệp van-ninh.xlsx, trang tính DonThu, ô I5 (Tình trạng): tình trạng «Đã» chưa rõ là giá trị nào: "
            "có thể là «Đã chuyển, chờ trả lời», «Đã hướng dẫn», «Đã nhận văn bản trả lời» hoặc "
            "«Đã thông báo cho công dân». Hãy ghi đầy đủ một trong các giá trị này.") in page
    assert "ô E6 (Loại đơn): loại đơn «KN» chưa rõ là giá trị nào: có thể là «Khiếu nại» hoặc «Kiến nghị»." in page
    assert "Đã hiểu" not in page

    result = WardReportImporter(secretariat_clerk).run(data, "van-ninh.xlsx")
    assert not result.ok and len(result.errors) == 2
    assert counts() == before


def test_an_ambiguous_field_is_an_error_but_an_unknown_one_still_goes_to_the_note(secretariat_clerk):
    from apps.core.models import Field

    Field.objects.create(code="dat_dai_do_thi", name="Đất đai đô thị")
    ambiguous = WardReportImporter(secretariat_clerk).check(
        ward_workbook(petitions=[{**PETITION, "field": "đất"}, {**PETITION, "content": "Khác", "field": "Lĩnh vực lạ"}]),
        "x.xlsx")
    assert ambiguous.errors == [
        ("Tệp x.xlsx, trang tính KienNghi, ô C5 (Lĩnh vực): lĩnh vực «đất» chưa rõ là giá trị nào: có thể là "
        "«Đất đai» hoặc «Đất đai đô thị». Hãy ghi đầy đủ một trong các giá trị này.")]


def test_the_workbook_is_matched_in_vietnamese_when_the_clerks_page_is_in_english(secretariat_clerk):
    from django.utils import translation

    from apps.reception.choices import LetterStatus

    with translation.override("en"):
        if str(LetterStatus.FORWARDED.label) == "Đã chuyển, chờ trả lời":
            pytest.skip("English messages are not compiled (make compilemessages)")
        result = WardReportImporter(secretariat_clerk).check(
            ward_workbook(letters=[{**LETTER, "status": "Đã chuyển"}, {**LETTER, "handling": "Gửi lại"}]), "x.xlsx")
    assert [c.label for c in result.corrections] == ["Đã chuyển, chờ trả lời"]
    assert result.errors == [
        "Tệp x.xlsx, trang tính DonThu, ô G6 (Hướng xử lý): hướng xử lý «Gửi lại» không hợp lệ. Hãy ghi một trong: "
        "«Chuyển đơn», «Hướng dẫn», «Lưu đơn», «Đôn đốc»."]


def test_the_corrections_heading_follows_the_language_switch(client_for, secretariat_clerk):
    from django.conf import settings
    from django.utils import translation

    client = client_for(secretariat_clerk)
    try:
        client.post(reverse("set_language"), {"language": "en", "next": reverse("admin:index")})
        page = client.post(reverse(UPLOAD), {"files": [xlsx("van-ninh.xlsx", messy())]}).content.decode()
    finally:
        translation.activate(settings.LANGUAGE_CODE)  # the test thread keeps the last request's language
    if "Preview of the report files" not in page:
        pytest.skip("English messages are not compiled (make compilemessages)")
    assert "Understood 5 short forms or other spellings of list values (the full values will be imported):" in page
    assert "«Đã chuyển» → «Đã chuyển, chờ trả lời»" in page  # the file's own words stay as written


def test_a_district_agency_on_a_petition_after_the_2025_reform_is_a_row_error(db):
    """Phường Móng Cái 1's 2025-H2 workbook names «UBND thành phố Móng Cái» on a petition forwarded in
    September 2025: there is no district level any more, so the row is refused with a cell error that says
    why, and nothing is imported."""
    row = {**PETITION, "agency": "UBND thành phố Móng Cái", "forwarded_date": "15/09/2025"}
    result = WardReportImporter(None).run(
        ward_workbook(unit_code="06712", period="6 tháng cuối năm 2025", petitions=[row]), "mong-cai-1.xlsx")
    errors = [str(e) for e in result.errors]
    assert any("KienNghi" in e and "là cấp huyện, không còn từ ngày 01/07/2025" in e for e in errors), errors
    assert counts()[2] == 0
