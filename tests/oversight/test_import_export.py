import pytest

from apps.oversight import resources
from apps.oversight.models import ExplanationSession, Recommendation, SupervisionActivity
from tests.sittings import factories as f
from tests.sittings.xlsx import export_bytes, import_bytes, row_errors, workbook

D = f.D


@pytest.fixture
def registers(ward, other_ward, city):
    act = f.activity(ward, "Giám sát công tác quản lý đất đai", D(2022, 5, 10), decision_number="12/QĐ-HĐND",
                     decision_date=D(2022, 5, 1), fieldwork_end=D(2022, 5, 20), report_date=D(2022, 6, 1),
                     conclusion="Cần đẩy nhanh cấp giấy chứng nhận", status="da_ket_luan",
                     supervised_text="Tổ dân phố 3")
    act.supervised_agencies.set([f.agency(), f.agency("Phòng Tài nguyên và Môi trường thành phố Móng Cái")])
    city_act = f.activity(city, "Khảo sát an toàn thực phẩm", D(2022, 3, 1), "khao_sat")
    session = f.explanation(ward, "Chậm giải phóng mặt bằng", D(2022, 6, 20), notice_date=D(2022, 6, 5))
    f.recommendation(ward, act, D(2022, 6, 1), due_date=D(2022, 9, 30))
    f.recommendation(ward, session, D(2022, 6, 20), status="hoan_thanh", done_date=D(2022, 7, 1),
                     result="Đã bồi thường xong")
    f.recommendation(city, city_act, D(2022, 3, 10))
    f.activity(other_ward, "Giám sát công tác quản lý đất đai", D(2022, 5, 10))
    return act


CASES = [
    (resources.SupervisionActivityResource, SupervisionActivity),
    (resources.ExplanationSessionResource, ExplanationSession),
    (resources.RecommendationResource, Recommendation),
]


def snapshot(model):
    return sorted((obj.pk, obj.updated_at) for obj in model.objects.all())


@pytest.mark.django_db
@pytest.mark.parametrize("resource,model", CASES, ids=lambda c: getattr(c, "__name__", ""))
def test_export_then_import_changes_nothing(secretariat_clerk, registers, resource, model):
    before = snapshot(model)
    result = import_bytes(resource, secretariat_clerk, export_bytes(resource, secretariat_clerk))
    assert not row_errors(result), row_errors(result)
    assert result.totals["new"] == 0 and result.totals["update"] == 0, result.totals
    assert snapshot(model) == before


@pytest.mark.django_db
def test_an_edited_export_updates_by_code(ward_clerk, registers):
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(export_bytes(resources.RecommendationResource, ward_clerk)))
    ws = wb.active
    headers = [c.value for c in ws[1]]
    ws.cell(row=2, column=headers.index("Kết quả thực hiện") + 1, value="Đang đo đạc lại")
    out = io.BytesIO()
    wb.save(out)
    before = Recommendation.objects.count()
    result = import_bytes(resources.RecommendationResource, ward_clerk, out.getvalue())
    assert not row_errors(result) and result.totals["update"] == 1
    assert Recommendation.objects.count() == before
    assert Recommendation.objects.filter(result="Đang đo đạc lại").count() == 1


REC_HEADERS = ["Mã đơn vị", "Số hiệu", "Từ cuộc giám sát", "Từ phiên giải trình", "Cơ quan thực hiện",
               "Nội dung kiến nghị", "Ngày kiến nghị", "Hạn thực hiện", "Tình trạng"]
GOOD = ["06709", "", "Giám sát công tác quản lý đất đai", "", "UBND thành phố Móng Cái",
        "Rà soát hồ sơ tồn đọng", "05/06/2022", "30/08/2022", "Đang thực hiện"]


def assert_rejected(model, resource, user, data, *expected):
    before = model.objects.count()
    result = import_bytes(resource, user, data)
    errors = " | ".join(row_errors(result))
    for text in expected:
        assert text in errors, errors
    assert model.objects.count() == before


@pytest.mark.django_db
def test_new_recommendations_import_with_a_code_and_a_default_due(ward_clerk, ward, registers):
    row = list(GOOD)
    row[7] = ""
    result = import_bytes(resources.RecommendationResource, ward_clerk, workbook(REC_HEADERS, [row]))
    assert not row_errors(result), row_errors(result)
    rec = Recommendation.objects.get(content="Rà soát hồ sơ tồn đọng")
    assert rec.council == ward and rec.activity == registers and rec.code == "KN-2022-0003"
    assert rec.due_date == D(2022, 7, 5) and rec.due_from_rule


@pytest.mark.django_db
def test_an_unknown_agency_is_a_row_error(ward_clerk, registers):
    bad = list(GOOD)
    bad[4] = "Sở Không Tồn Tại"
    assert_rejected(Recommendation, resources.RecommendationResource, ward_clerk,
                    workbook(REC_HEADERS, [GOOD, bad]), "Không tìm thấy cơ quan «Sở Không Tồn Tại»")


@pytest.mark.django_db
def test_a_due_date_before_its_start_is_a_row_error(ward_clerk, registers):
    bad = list(GOOD)
    bad[7] = "01/06/2022"
    assert_rejected(Recommendation, resources.RecommendationResource, ward_clerk,
                    workbook(REC_HEADERS, [GOOD, bad]), "Hạn thực hiện không được trước ngày kiến nghị")


@pytest.mark.django_db
def test_a_date_that_is_not_a_date_is_a_row_error(ward_clerk, registers):
    bad = list(GOOD)
    bad[6] = "mùng 5 tháng 6"
    assert_rejected(Recommendation, resources.RecommendationResource, ward_clerk,
                    workbook(REC_HEADERS, [GOOD, bad]), "«mùng 5 tháng 6» không phải là ngày")


ACT_HEADERS = ["Mã đơn vị", "Nội dung giám sát, khảo sát", "Hình thức", "Chủ thể giám sát", "Cơ quan chịu giám sát",
               "Ngày bắt đầu", "Ngày kết thúc"]


@pytest.mark.django_db
def test_activity_rows_check_agencies_and_dates(ward_clerk, registers):
    good = ["06709", "Khảo sát trường học", "Khảo sát", "Ban Kinh tế – Xã hội", "UBND thành phố Móng Cái",
            "01/09/2022", "05/09/2022"]
    unknown = ["06709", "Khảo sát chợ", "Khảo sát", "Ban Kinh tế – Xã hội", "Chợ Không Có", "01/09/2022", ""]
    backwards = ["06709", "Khảo sát bến xe", "Khảo sát", "Ban Kinh tế – Xã hội", "", "10/09/2022", "01/09/2022"]
    assert_rejected(SupervisionActivity, resources.SupervisionActivityResource, ward_clerk,
                    workbook(ACT_HEADERS, [good, unknown, backwards]),
                    "Không tìm thấy cơ quan «Chợ Không Có»", "Ngày kết thúc không được trước ngày bắt đầu")


@pytest.mark.django_db
def test_activity_import_by_a_ward_clerk_lands_in_their_ward(ward_clerk, ward, registers):
    good = ["", "Khảo sát trường học", "Khảo sát", "Ban Kinh tế – Xã hội", "UBND thành phố Móng Cái",
            "01/09/2022", "05/09/2022"]
    result = import_bytes(resources.SupervisionActivityResource, ward_clerk, workbook(ACT_HEADERS, [good]))
    assert not row_errors(result), row_errors(result)
    act = SupervisionActivity.objects.get(title="Khảo sát trường học")
    assert act.council == ward and [a.name for a in act.supervised_agencies.all()] == ["UBND thành phố Móng Cái"]


@pytest.mark.django_db
def test_a_late_explanation_notice_is_a_row_error(ward_clerk, registers):
    headers = ["Mã đơn vị", "Vấn đề giải trình", "Cơ quan tổ chức", "Người giải trình", "Ngày tổ chức",
               "Ngày gửi thông báo"]
    rows = [["06709", "Ô nhiễm kênh", "Thường trực HĐND", "Chủ tịch UBND phường", "20/09/2022", "15/09/2022"]]
    assert_rejected(ExplanationSession, resources.ExplanationSessionResource, ward_clerk, workbook(headers, rows),
                    "chậm nhất ngày 09/09/2022")
