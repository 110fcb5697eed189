"""Register imports write in batches: a file of 500 rows costs no more queries than one of 50, plus a
constant (existing rows found by business key per batch, lookups cached, numbers taken in blocks,
rows and history written in bulk)."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.models import Body, Delegate
from apps.core.resources import BodyResource, DelegateResource
from apps.oversight.models import ExplanationSession, Recommendation, SupervisionActivity
from apps.oversight.resources import (
    ExplanationSessionResource, RecommendationResource, SupervisionActivityResource,
)
from apps.petitions.models import Petition
from apps.petitions.resources import PetitionResource
from apps.reception.models import Letter, Visit
from apps.reception.resources import LetterResource, VisitResource
from apps.sittings.models import Question, Resolution, Sitting, StandingMeeting
from apps.sittings.resources import QuestionResource, ResolutionResource, SittingResource, StandingMeetingResource
from tests.reception.helpers import D, agency
from tests.sittings import factories as f
from tests.sittings.xlsx import import_bytes, row_errors, workbook

pytestmark = pytest.mark.django_db

CONSTANT = 10  # queries that do not depend on the number of rows (counters per year, sequences, caches)

PETITION_HEADERS = ["Mã đơn vị", "Mã kiến nghị", "Nguồn kiến nghị", "Ngày tiếp nhận", "Nội dung kiến nghị",
                    "Cơ quan giải quyết", "Ngày chuyển", "Tình trạng"]
LETTER_HEADERS = ["Mã đơn vị", "Năm", "Số thứ tự", "Ngày nhận", "Nguồn đơn", "Người gửi", "Loại đơn",
                  "Nội dung đơn", "Hướng xử lý", "Cơ quan nhận chuyển", "Ngày chuyển", "Tình trạng"]
VISIT_HEADERS = ["Mã đơn vị", "Năm", "Số thứ tự", "Ngày tiếp", "Họ và tên", "Nội dung vụ việc", "Phân loại",
                 "Số người"]
RECOMMENDATION_HEADERS = ["Mã đơn vị", "Số hiệu", "Từ cuộc giám sát", "Cơ quan thực hiện", "Nội dung kiến nghị",
                          "Ngày kiến nghị", "Tình trạng"]


def petition_rows(n, start=0):
    return [["06709", None, "MTTQ tổng hợp", D(2022, 3, 1 + i % 28), f"Kiến nghị số {i}", "UBND thành phố Móng Cái",
             D(2022, 4, 1 + i % 28), "Chưa giải quyết"] for i in range(n)]


def letter_rows(n, start=0):
    return [["06709", None, None, D(2022, 2, 1 + i % 28), "Bưu chính", f"Người gửi {i}", "Khiếu nại",
             f"Đơn số {i}", "Chuyển đơn", "UBND thành phố Móng Cái", D(2022, 3, 1 + i % 28), "Chưa xử lý"]
            for i in range(n)]


def visit_rows(n, start=0):
    return [["06709", None, None, D(2022, 5, 1 + i % 28), f"Công dân {i}", f"Vụ việc {i}", "Kiến nghị", 1 + i % 7]
            for i in range(n)]


def recommendation_rows(n, start=0):
    return [["06709", None, "Giám sát đất đai", "UBND thành phố Móng Cái", f"Kiến nghị sau giám sát {i}",
             D(2022, 6, 1 + i % 28), "Đang thực hiện"] for i in range(n)]


BODY_HEADERS = ["Mã đơn vị", "Tên cơ quan", "Loại"]
DELEGATE_HEADERS = ["Mã đơn vị", "Khóa", "Họ và tên", "Chức vụ, nơi công tác", "Hoạt động chuyên trách",
                    "Đang là đại biểu"]
SITTING_HEADERS = ["Mã đơn vị", "Khóa", "Kỳ họp thứ", "Loại kỳ họp", "Ngày khai mạc", "Ngày bế mạc", "Địa điểm"]
QUESTION_HEADERS = ["Mã đơn vị", "Ngày chất vấn", "Đại biểu chất vấn", "Người bị chất vấn", "Chức vụ",
                    "Tại kỳ họp thứ", "Nội dung chất vấn"]
SESSION_HEADERS = ["Mã đơn vị", "Vấn đề giải trình", "Cơ quan tổ chức", "Người giải trình", "Ngày tổ chức",
                   "Ngày gửi thông báo"]


def body_rows(n, start=0):
    return [["06709", f"Tổ đại biểu số {start + i}", "Tổ đại biểu"] for i in range(n)]


def delegate_rows(n, start=0):
    return [["06709", TERM, f"Đại biểu thứ {start + i}", f"Khu phố {i % 9}", "Có" if i % 5 == 0 else "Không", "Có"]
            for i in range(n)]


def sitting_rows(n, start=0):
    return [["06709", TERM, 100 + start + i, "Chuyên đề", D(2022, 1 + i % 12, 1 + i % 28),
             D(2022, 1 + i % 12, 1 + i % 28), f"Hội trường {i}"] for i in range(n)]


def question_rows(n, start=0):
    return [["06709", D(2022, 4, 16), "Nguyễn Văn An", f"Ông Trả Lời {start + i}", "Chủ tịch UBND phường", 1,
             f"Chất vấn số {i}"] for i in range(n)]


def session_rows(n, start=0):
    return [["06709", f"Vấn đề giải trình {start + i}", "Thường trực HĐND", f"Người giải trình {i}",
             D(2022, 6, 1 + i % 28), None] for i in range(n)]


# Registers with a many-to-many column, filled on every row.
RESOLUTION_HEADERS = ["Mã đơn vị", "Số nghị quyết", "Ngày thông qua", "Kỳ họp thứ", "Trích yếu",
                      "Thay thế nghị quyết"]
MEETING_HEADERS = ["Mã đơn vị", "Ngày họp", "Loại phiên họp", "Nội dung", "HĐND cấp xã dự (mã)"]
ACTIVITY_HEADERS = ["Mã đơn vị", "Nội dung giám sát, khảo sát", "Hình thức", "Chủ thể giám sát", "Ngày bắt đầu",
                    "Cơ quan chịu giám sát"]


def resolution_rows(n, start=0):
    return [["06709", f"{start + i + 100}/NQ-HĐND", D(2022, 5, 1 + i % 28), 1, f"Nghị quyết số {i}", "01/NQ-HĐND"]
            for i in range(n)]


def meeting_rows(n, start=0):
    import datetime

    return [["06709", D(2021, 1, 1) + datetime.timedelta(days=start + i), "Phiên họp thường kỳ",
             f"Nội dung phiên họp {i}", "06709"] for i in range(n)]


def activity_rows(n, start=0):
    return [["06709", f"Giám sát việc số {start + i}", "Giám sát chuyên đề", "Thường trực HĐND", D(2022, 7, 1 + i % 28),
             "UBND thành phố Móng Cái"] for i in range(n)]


TERM = None  # the ward's term, named by the ``catalogue`` fixture


def insert_batches(model, small, large):
    """The INSERT statements Django's bulk_create needs beyond those of ``small`` rows for ``large`` rows of
    ``model`` and of its history: none on PostgreSQL (500 rows a statement); SQLite's backend caps a
    statement at 999 parameters, so there a wide register takes one INSERT per few dozen rows."""
    import math

    extra = 0
    for table in (model, model.history.model):
        fields = [f for f in table._meta.concrete_fields if not f.primary_key]
        per_statement = min(500, connection.ops.bulk_batch_size(fields, [None] * large) or large)
        extra += math.ceil(large / per_statement) - math.ceil(small / per_statement)
    return extra


def queries_of(resource, user, data):
    with CaptureQueriesContext(connection) as queries:
        result = import_bytes(resource, user, data)
    assert not row_errors(result) and not result.has_errors(), (row_errors(result), result.base_errors)
    return len(queries)


REGISTERS = [
    (PetitionResource, Petition, PETITION_HEADERS, petition_rows),
    (LetterResource, Letter, LETTER_HEADERS, letter_rows),
    (VisitResource, Visit, VISIT_HEADERS, visit_rows),
    (RecommendationResource, Recommendation, RECOMMENDATION_HEADERS, recommendation_rows),
    (BodyResource, Body, BODY_HEADERS, body_rows),
    (DelegateResource, Delegate, DELEGATE_HEADERS, delegate_rows),
    (SittingResource, Sitting, SITTING_HEADERS, sitting_rows),
    (QuestionResource, Question, QUESTION_HEADERS, question_rows),
    (ExplanationSessionResource, ExplanationSession, SESSION_HEADERS, session_rows),
    (ResolutionResource, Resolution, RESOLUTION_HEADERS, resolution_rows),
    (StandingMeetingResource, StandingMeeting, MEETING_HEADERS, meeting_rows),
    (SupervisionActivityResource, SupervisionActivity, ACTIVITY_HEADERS, activity_rows),
]
# The column a clerk edits in an exported file before importing it again.
EDITED = {Body: "Loại", Delegate: "Chức vụ, nơi công tác", Sitting: "Địa điểm", ExplanationSession: "Người giải trình",
          Resolution: "Trích yếu", SupervisionActivity: "Kết luận"}


@pytest.fixture
def catalogue(ward):
    global TERM
    agency()  # UBND thành phố Móng Cái
    f.activity(ward, title="Giám sát đất đai", start=D(2022, 5, 1))
    TERM = f.term(ward).name
    f.delegate(ward)  # Nguyễn Văn An
    f.sitting(ward, number=1, start=D(2022, 4, 15))
    f.resolution(ward, number="01/NQ-HĐND", adopted=D(2022, 1, 10))


@pytest.mark.parametrize("resource,model,headers,rows", REGISTERS, ids=lambda v: getattr(v, "__name__", ""))
def test_a_register_import_of_500_new_rows_costs_no_more_queries_than_50(ward_clerk, catalogue, resource, model,
                                                                         headers, rows):
    before = model.objects.count()
    small = queries_of(resource, ward_clerk, workbook(headers, rows(50)))
    large = queries_of(resource, ward_clerk, workbook(headers, rows(500, start=1000)))
    assert large <= small + CONSTANT + insert_batches(model, 50, 500), (small, large)
    assert model.objects.count() == before + 550
    # Every row got its history, attributed to the clerk who imported it.
    assert model.history.filter(history_type="+", history_user=ward_clerk).count() == 550


@pytest.mark.parametrize("resource,model,headers,rows", REGISTERS, ids=lambda v: getattr(v, "__name__", ""))
def test_re_importing_an_edited_export_costs_no_more_queries_for_500_rows_than_for_50(
        ward_clerk, catalogue, resource, model, headers, rows):
    existing = list(model.objects.values_list("pk", flat=True))  # the fixtures' own bodies, delegate, sitting
    import_bytes(resource, ward_clerk, workbook(headers, rows(500)))
    imported = model.objects.exclude(pk__in=existing)

    def edited_export(n):
        dataset = resource(user=ward_clerk).export(imported.order_by("pk")[:n])
        column = dataset.headers.index(EDITED.get(model) or next(h for h in dataset.headers if h.startswith("Nội dung")))
        for i in range(len(dataset)):
            values = list(dataset[i])
            if model is Body:  # a body's kind, changed each time
                values[column] = "Ban Dân tộc" if values[column] == "Ban Pháp chế" else "Ban Pháp chế"
            else:
                values[column] = f"{values[column]} (sửa)"
            dataset[i] = values
        return dataset

    def queries_to_import(dataset):
        with CaptureQueriesContext(connection) as queries:
            result = resource(user=ward_clerk).import_data(dataset)
        assert not row_errors(result) and not result.has_errors(), row_errors(result)
        assert result.totals["update"] == len(dataset)
        return len(queries)

    small = queries_to_import(edited_export(50))
    large = queries_to_import(edited_export(500))
    assert large <= small + CONSTANT + insert_batches(model, 50, 500), (small, large)
    assert model.history.filter(history_type="~").count() == 550
    assert model.objects.count() == len(existing) + 500


def test_imported_petitions_are_numbered_and_dated_as_a_form_saves_them(ward_clerk, catalogue):
    import_bytes(PetitionResource, ward_clerk, workbook(PETITION_HEADERS, petition_rows(3)))
    by_form = Petition(council=ward_clerk.council_profile.council, source="Tại quầy", content="  Ca\u0301m ơn  ",
                       received_date=D(2022, 3, 2), forwarded_date=D(2022, 4, 2))
    by_form.save()
    codes = list(Petition.objects.order_by("pk").values_list("code", flat=True))
    assert codes == ["KN-2022-0001", "KN-2022-0002", "KN-2022-0003", "KN-2022-0004"]
    imported = Petition.objects.get(content="Kiến nghị số 1")
    assert imported.answer_due is not None and imported.answer_due == Petition(
        forwarded_date=imported.forwarded_date).answer_deadline().date
    assert by_form.content == "Cám ơn"  # NFC and trimmed, on both paths
