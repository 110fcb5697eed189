"""The registers in their statutory form: the sổ tiếp công dân (Mẫu 03 TT 04/2021 until 30/06/2026,
Mẫu 03/TCD NĐ 154/2026 from 01/07/2026) and what Biểu 01/XLD counts on the sổ xử lý đơn."""
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from apps.reception.models import Letter

from ..conftest import council
from .helpers import D, agency, make_letter, make_visit
from .test_import_export import admin_export, confirm, upload, xlsx

pytestmark = pytest.mark.django_db

TT04_HEADERS = ["STT", "Ngày tiếp", "Họ tên – Địa chỉ", "CMND/Hộ chiếu của công dân", "Nội dung vụ việc",
                "Phân loại đơn/Số người", "Cơ quan đã giải quyết", "Hướng xử lý", None, None,
                "Theo dõi kết quả giải quyết", "Ghi chú"]
HANDLING_SUBS = ["Thụ lý để giải quyết", "Trả lại đơn và hướng dẫn",
                 "Chuyển đơn đến cơ quan, tổ chức, đơn vị có thẩm quyền"]


def book(client, visits):
    response = client.post(reverse("admin:reception_visit_changelist"), {
        "action": "export_reception_book", "_selected_action": [v.pk for v in visits]})
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def table(ws):
    values = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(i for i, row in enumerate(values) if row[0] == "STT")
    return values, values[header], values[header + 1], values[header + 2], values[header + 3:]


def test_the_book_before_july_2026_is_mau_03_of_tt_04_2021_column_for_column(client_for, secretariat_clerk, ward):
    make_visit(ward)
    visit = make_visit(ward, date=D(2022, 3, 2), handling="chuyen_don", people_count=6, handled_by=agency(),
                       result="Đã chuyển UBND", citizen_id_number="022085000123")
    wb = book(client_for(secretariat_clerk), [visit])
    assert wb.sheetnames == ["Mau03 TT04"]
    values, header, sub, numbers, rows = table(wb.active)
    flat = [v for row in values for v in row if v is not None]
    assert "SỔ TIẾP CÔNG DÂN" in flat and any("Thông tư số 04/2021/TT-TTCP" in str(v) for v in flat)
    assert header == TT04_HEADERS
    assert sub[7:10] == HANDLING_SUBS
    assert numbers == [f"({n})" for n in range(1, 13)]
    (row,) = rows
    # STT is the visit's number in the register (the second visit of 2022), not a row counter.
    assert row[0] == 2 and row[3] == "022085000123" and row[5] == "Kiến nghị/6 người"
    assert row[9] == "x" and row[7] is None and row[10] == "Đã chuyển UBND"
    assert "Lê Thị Hòa" in row[2] and "Đoàn đông người" in row[11]
    assert not any("CHƯA ĐỐI CHIẾU" in str(v) for v in flat)


def test_from_july_2026_the_book_is_mau_03_tcd_marked_unverified(client_for, superuser):
    mong_cai_2 = council("06709", on_or_before_2025=False)
    before = make_visit(mong_cai_2, date=D(2026, 6, 30), citizen_address="Khu 2")
    after = make_visit(mong_cai_2, date=D(2026, 7, 1), citizen_address="Khu 7", citizen_id_number="022085000999",
                       handling="thu_ly")
    wb = book(client_for(superuser), [before, after])
    assert wb.sheetnames == ["Mau03 TT04", "Mau03-TCD"]
    values, header, sub, numbers, rows = table(wb["Mau03-TCD"])
    flat = [str(v) for row in values for v in row if v is not None]
    assert any("Nghị định số 154/2026/NĐ-CP" in v for v in flat)
    assert any(v.startswith("CHƯA ĐỐI CHIẾU") for v in flat)
    assert len(header) == 13 and numbers[-1] == "(13)"
    assert header[:5] == ["STT", "Ngày tiếp", "Họ và tên", "Địa chỉ", "Số định danh cá nhân/Hộ chiếu"]
    assert sub[8:11] == HANDLING_SUBS
    (row,) = rows
    assert row[0] == 2 and row[2] == "Lê Thị Hòa" and row[3] == "Khu 7" and row[4] == "022085000999" and row[8] == "x"
    assert table(wb["Mau03 TT04"])[4][0][0] == 1


LETTER_XLD = dict(signer_count=7, prior_resolution="da_giai_quyet_lan_dau", respondent="Chủ tịch UBND phường Ka Long",
                  content_type="khieu_nai")


def test_the_letter_register_carries_what_bieu_01_xld_counts_through_export_and_import(client_for, ward_clerk, ward):
    make_letter(ward, **LETTER_XLD)
    make_letter(ward, handling="luu_don", discard_date=D(2027, 3, 1), content="Đơn trùng, lưu")
    client = client_for(ward_clerk)
    data = admin_export(client, "letter")
    ws = load_workbook(io.BytesIO(data)).active
    header = [c.value for c in ws[1]]
    for column in ("Số người đứng tên", "Đã được giải quyết", "Người, cơ quan bị khiếu nại, tố cáo",
                   "Ngày được hủy đơn lưu"):
        assert column in header
    exported = {header[i]: c.value for row in ws.iter_rows(min_row=2) for i, c in enumerate(row)
                if row[header.index("Loại đơn")].value == "Khiếu nại"}
    assert exported["Số người đứng tên"] == 7 and exported["Đã được giải quyết"] == "Đã được giải quyết lần đầu"
    # Round trip: nothing changes; a new row with the columns lands with them.
    before = list(Letter.objects.order_by("pk").values())
    preview = upload(client, "letter", data)
    assert preview.context["result"].totals["skip"] == 2
    confirm(client, "letter", preview)
    assert list(Letter.objects.order_by("pk").values()) == before
    headers = ["Mã đơn vị", "Năm", "Số thứ tự", "Ngày nhận", "Người gửi", "Loại đơn", "Nội dung đơn", "Số người đứng tên",
               "Đã được giải quyết", "Người, cơ quan bị khiếu nại, tố cáo", "Hướng xử lý", "Ngày được hủy đơn lưu"]
    row = ["06709", None, None, D(2022, 5, 2), "Lý Văn Nam", "Tố cáo", "Tố cáo cán bộ địa chính", 3, "Chưa được giải quyết",
           "Cán bộ địa chính phường", "Lưu đơn", D(2027, 5, 2)]
    preview = upload(client, "letter", xlsx(headers, [row]))
    result = preview.context["result"]
    assert not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
    assert not result.has_errors(), [str(e.error) for e in result.base_errors] + [str(e.error) for _n, errs in result.row_errors() for e in errs]
    confirm(client, "letter", preview)
    letter = Letter.objects.get(content="Tố cáo cán bộ địa chính")
    assert (letter.signer_count, letter.prior_resolution, letter.respondent, letter.discard_date) == (
        3, "chua_giai_quyet", "Cán bộ địa chính phường", D(2027, 5, 2))


def test_an_import_row_without_the_signer_column_counts_one_signer(client_for, ward_clerk, ward):
    headers = ["Mã đơn vị", "Năm", "Số thứ tự", "Ngày nhận", "Người gửi", "Loại đơn", "Nội dung đơn"]
    client = client_for(ward_clerk)
    confirm(client, "letter", upload(client, "letter", xlsx(headers, [["06709", None, None, D(2022, 5, 2), "Lý Văn Nam",
                                                                       "Kiến nghị", "Đèn hỏng"]])))
    assert Letter.objects.get(content="Đèn hỏng").signer_count == 1


def test_the_letter_form_shows_the_new_fields(client_for, ward_clerk, ward):
    letter = make_letter(ward, **LETTER_XLD)
    page = client_for(ward_clerk).get(reverse("admin:reception_letter_change", args=[letter.pk])).content.decode()
    for label in ("Số người đứng tên", "Đã được giải quyết trước đó", "Người, cơ quan bị khiếu nại, bị tố cáo",
                  "Ngày được hủy đơn lưu"):
        assert label in page


@pytest.mark.parametrize("values,field,message", [
    (dict(discard_date=D(2027, 1, 1)), "discard_date", "Chỉ đơn có hướng xử lý «Lưu đơn» mới có ngày được hủy."),
    (dict(handling="luu_don", discard_date=D(2022, 2, 1)), "discard_date",
     "Ngày được hủy đơn lưu phải sau ngày nhận đơn."),
    (dict(signer_count=0), "signer_count", "Đơn có người đứng tên thì số người đứng tên phải từ 1 trở lên."),
])
def test_the_new_fields_are_checked(ward, values, field, message):
    letter = Letter(council=ward, received_date=D(2022, 3, 1), sender_name="Trần Văn Bình", content_type="kien_nghi",
                    content="Đề nghị sửa đường.", **values)
    with pytest.raises(ValidationError) as caught:
        letter.full_clean()
    assert caught.value.message_dict[field] == [message]
