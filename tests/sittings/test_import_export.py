import io

import pytest
from openpyxl import load_workbook

from apps.sittings import resources
from apps.sittings.models import Question, Resolution, Sitting, StandingMeeting

from . import factories as f
from .xlsx import export_bytes, import_bytes, row_errors, workbook

D = f.D


@pytest.fixture
def registers(ward, other_ward, city):
    s = f.sitting(ward, 3, D(2022, 4, 15), "chuyen_de", end_date=D(2022, 4, 16), delegates_present=20,
                  delegates_total=25)
    f.agenda_item(s)
    old = f.resolution(ward, "05/2021/NQ-HĐND", D(2021, 12, 20), None, kind="quy_pham", field=f.fields_first())
    new = f.resolution(ward, "05/2022/NQ-HĐND", D(2022, 4, 16), s, kind="quy_pham", votes_for=20, votes_against=0,
                       votes_abstain=0, effective_date=D(2022, 5, 1))
    new.replaces.add(old)
    old.status = "bi_thay_the"
    old.save()
    f.resolution(ward, "15/NQ-HĐND", D(2022, 4, 16), s)
    meeting = f.standing_meeting(city, D(2022, 3, 10), "giao_ban", content="Giao ban quý I")
    meeting.participating_councils.set([ward, other_ward])
    f.standing_meeting(ward, D(2022, 3, 12))
    q = f.question(ward, D(2022, 4, 16), sitting=s, mode="truc_tiep", answered_date=D(2022, 5, 2),
                   answer="Đã trả lời bằng văn bản số 12/UBND")
    f.commitment(q, due=D(2022, 9, 30))
    f.question(ward, D(2022, 3, 12), standing_meeting=StandingMeeting.objects.get(council=ward),
               respondent_name="Vũ Thị Hà", respondent_position="Chủ tịch UBND phường")
    f.sitting(other_ward, 3, D(2022, 4, 15))  # same number in another ward: a separate key
    return s


CASES = [
    (resources.SittingResource, Sitting),
    (resources.ResolutionResource, Resolution),
    (resources.StandingMeetingResource, StandingMeeting),
    (resources.QuestionResource, Question),
]


def snapshot(model):
    return sorted((obj.pk, obj.updated_at) for obj in model.objects.all())


@pytest.mark.django_db
@pytest.mark.parametrize("resource,model", CASES, ids=lambda c: getattr(c, "__name__", ""))
def test_export_then_import_changes_nothing(secretariat_clerk, registers, resource, model):
    before = snapshot(model)
    data = export_bytes(resource, secretariat_clerk)
    result = import_bytes(resource, secretariat_clerk, data)
    assert not row_errors(result), row_errors(result)
    assert result.totals["new"] == 0 and result.totals["update"] == 0, result.totals
    assert result.totals["skip"] == model.objects.count()
    assert snapshot(model) == before


@pytest.mark.django_db
def test_the_export_speaks_vietnamese_and_keeps_dates_as_dates(secretariat_clerk, registers):
    wb = load_workbook(io.BytesIO(export_bytes(resources.ResolutionResource, secretariat_clerk)))
    ws = wb.active
    headers = [c.value for c in ws[1]]
    assert headers[:4] == ["Mã đơn vị", "Số nghị quyết", "Ngày thông qua", "Kỳ họp thứ"]
    rows = {r[1]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    row = rows["05/2022/NQ-HĐND"]
    assert row[0] == "06709" and row[2].date() == D(2022, 4, 16) and row[3] == 3
    assert "Quy phạm pháp luật" in row and "05/2021/NQ-HĐND" in row
    assert "id" not in headers


@pytest.mark.django_db
def test_ward_clerk_exports_only_own_rows(ward_clerk, other_ward_clerk, registers):
    ws = load_workbook(io.BytesIO(export_bytes(resources.SittingResource, other_ward_clerk))).active
    assert [r[0] for r in ws.iter_rows(min_row=2, values_only=True)] == ["06712"]


@pytest.mark.django_db
def test_new_rows_are_imported_by_business_keys(ward_clerk, ward, registers):
    data = workbook(
        ["Mã đơn vị", "Số nghị quyết", "Ngày thông qua", "Kỳ họp thứ", "Loại nghị quyết", "Trích yếu", "Lĩnh vực",
         "Hiệu lực", "Thay thế nghị quyết"],
        [["06709", "16/NQ-HĐND", "16/04/2022", 3, "Cá biệt", "Về đặt tên đường", "Giao thông", "Còn hiệu lực", ""],
         ["", "17/NQ-HĐND", D(2022, 4, 16), "Kỳ họp thứ 3", "ca_biet", "Về biên chế", "", "", "15/NQ-HĐND"]],
    )
    result = import_bytes(resources.ResolutionResource, ward_clerk, data)
    assert not row_errors(result), row_errors(result)
    assert result.totals["new"] == 2
    r17 = Resolution.objects.get(council=ward, number="17/NQ-HĐND")
    assert r17.sitting == registers and [r.number for r in r17.replaces.all()] == ["15/NQ-HĐND"]
    assert r17.created_by == ward_clerk


@pytest.mark.django_db
def test_a_row_may_replace_a_resolution_added_by_a_row_above(ward_clerk, ward, registers):
    data = workbook(
        ["Mã đơn vị", "Số nghị quyết", "Ngày thông qua", "Kỳ họp thứ", "Trích yếu", "Thay thế nghị quyết"],
        [["06709", "18/NQ-HĐND", "16/04/2022", 3, "Về phí chợ", ""],
         ["06709", "19/NQ-HĐND", "17/04/2022", 3, "Về phí chợ (thay thế)", "18/NQ-HĐND"]],
    )
    result = import_bytes(resources.ResolutionResource, ward_clerk, data)
    assert not row_errors(result), row_errors(result)
    r19 = Resolution.objects.get(council=ward, number="19/NQ-HĐND")
    assert [r.number for r in r19.replaces.all()] == ["18/NQ-HĐND"]


def assert_rejected(model, resource, user, data, *expected):
    before = model.objects.count()
    result = import_bytes(resource, user, data)
    errors = " | ".join(row_errors(result))
    for text in expected:
        assert text in errors, errors
    assert model.objects.count() == before
    return errors


RES_HEADERS = ["Mã đơn vị", "Số nghị quyết", "Ngày thông qua", "Kỳ họp thứ", "Loại nghị quyết", "Trích yếu"]
GOOD_RES = ["06709", "40/NQ-HĐND", "20/04/2022", "", "Cá biệt", "Một nghị quyết đúng"]


@pytest.mark.django_db
def test_a_resolution_number_already_used_in_that_council_is_a_row_error(ward_clerk, registers):
    data = workbook(RES_HEADERS, [GOOD_RES, ["06709", "15/NQ-HĐND", "20/05/2022", "", "Cá biệt", "Trùng số"]])
    assert_rejected(Resolution, resources.ResolutionResource, ward_clerk, data, "đã được dùng")


@pytest.mark.django_db
def test_a_date_that_is_not_a_date_is_a_row_error(ward_clerk, registers):
    data = workbook(RES_HEADERS, [GOOD_RES, ["06709", "41/NQ-HĐND", "31/02/2022", "", "Cá biệt", "Sai ngày"]])
    assert_rejected(Resolution, resources.ResolutionResource, ward_clerk, data, "«31/02/2022» không phải là ngày")


@pytest.mark.django_db
@pytest.mark.parametrize("votes, message", [
    ("x", "«x» không phải là số"), ("2.5", "«2.5» không phải là số nguyên"), ("-1", "«-1» là số âm"),
])
def test_a_vote_count_that_is_not_a_whole_number_is_a_vietnamese_row_error(ward_clerk, registers, votes, message):
    data = workbook(RES_HEADERS + ["Tán thành"], [GOOD_RES + ["12"], ["06709", "43/NQ-HĐND", "20/04/2022", "", "Cá biệt",
                                                                      "Sai số phiếu", votes]])
    errors = assert_rejected(Resolution, resources.ResolutionResource, ward_clerk, data, message)
    assert "ConversionSyntax" not in errors


@pytest.mark.django_db
def test_a_row_of_another_ward_is_refused(ward_clerk, registers):
    data = workbook(RES_HEADERS, [GOOD_RES, ["06712", "42/NQ-HĐND", "20/04/2022", "", "Cá biệt", "Phường khác"]])
    assert_rejected(Resolution, resources.ResolutionResource, ward_clerk, data, "«06712» không phải HĐND")


Q_HEADERS = ["Mã đơn vị", "Ngày chất vấn", "Đại biểu chất vấn", "Người bị chất vấn", "Chức vụ", "Tại kỳ họp thứ",
             "Tại phiên họp Thường trực ngày", "Hình thức", "Nội dung chất vấn"]


@pytest.mark.django_db
def test_an_unknown_delegate_is_a_row_error(ward_clerk, registers):
    data = workbook(Q_HEADERS, [
        ["06709", "16/04/2022", "Nguyễn Văn An", "Lê Văn Tám", "Phó Chủ tịch UBND", 3, "", "Trực tiếp", "Đúng"],
        ["06709", "16/04/2022", "Hoàng Văn Không Có", "Lê Văn Tám", "Phó Chủ tịch UBND", 3, "", "Trực tiếp", "Sai"],
    ])
    assert_rejected(Question, resources.QuestionResource, ward_clerk, data,
                    "Không tìm thấy đại biểu «Hoàng Văn Không Có» trong HĐND phường Ka Long")


@pytest.mark.django_db
def test_imported_question_gets_its_answer_due(ward_clerk, ward, registers):
    data = workbook(Q_HEADERS, [
        ["06709", "16/04/2022", "Nguyễn Văn An", "Lê Văn Tám", "Phó Chủ tịch UBND", 3, "", "Trực tiếp", "Đúng"]])
    result = import_bytes(resources.QuestionResource, ward_clerk, data)
    assert not row_errors(result)
    assert Question.objects.get(respondent_name="Lê Văn Tám").answer_due == D(2022, 5, 6)


@pytest.mark.django_db
def test_an_answer_before_the_question_is_a_row_error(ward_clerk, registers):
    data = workbook(Q_HEADERS + ["Ngày trả lời"], [
        ["06709", "16/04/2022", "Nguyễn Văn An", "Lê Văn Tám", "Phó Chủ tịch UBND", 3, "", "Trực tiếp", "Sai",
         "01/04/2022"]])
    assert_rejected(Question, resources.QuestionResource, ward_clerk, data, "không được trước ngày chất vấn")


@pytest.mark.django_db
def test_a_sitting_closing_before_it_opens_is_a_row_error(ward_clerk, registers):
    data = workbook(["Mã đơn vị", "Khóa", "Kỳ họp thứ", "Loại kỳ họp", "Ngày khai mạc", "Ngày bế mạc"], [
        ["06709", "Nhiệm kỳ 2021–2026", 8, "Thường lệ", "10/07/2022", "12/07/2022"],
        ["06709", "Nhiệm kỳ 2021–2026", 9, "Thường lệ", "10/12/2022", "08/12/2022"],
    ])
    assert_rejected(Sitting, resources.SittingResource, ward_clerk, data, "Ngày bế mạc không được trước ngày khai mạc")
