import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.oversight.models import ExplanationSession, FollowUp, Recommendation, SupervisionActivity
from tests.sittings import factories as f

D = f.D
MODELS = [SupervisionActivity, ExplanationSession, Recommendation, FollowUp]


def changelist(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def change(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def make_records(council, marker):
    act = f.activity(council, f"Giám sát {marker}", D(2022, 5, 10))
    session = f.explanation(council, f"Giải trình {marker}", D(2022, 6, 20))
    rec = f.recommendation(council, act, D(2022, 6, 1), content=f"Kiến nghị {marker}")
    fu = f.follow_up(rec, "giai_trinh", D(2022, 6, 20), explanation_session=session, note=f"Theo dõi {marker}")
    return {SupervisionActivity: act, ExplanationSession: session, Recommendation: rec, FollowUp: fu}


@pytest.fixture
def two_wards(ward, other_ward):
    return make_records(ward, "Ka Long riêng"), make_records(other_ward, "Trần Phú bí mật")


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_ward_clerk_sees_only_own_rows(client_for, ward_clerk, two_wards, model):
    response = client_for(ward_clerk).get(changelist(model))
    assert list(response.context["cl"].result_list) == [two_wards[0][model]]
    assert "Trần Phú bí mật" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_another_councils_record_by_url_shows_nothing(client_for, ward_clerk, two_wards, model):
    response = client_for(ward_clerk).get(change(two_wards[1][model]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:index")
    text = response.content.decode()
    assert "không tồn tại" in text and "Trần Phú bí mật" not in text


@pytest.mark.django_db
def test_leader_cannot_save_a_recommendation(client_for, leader, two_wards):
    rec = two_wards[0][Recommendation]
    response = client_for(leader).post(change(rec), {"content": "Sửa"})
    assert response.status_code == 403
    assert Recommendation.objects.get(pk=rec.pk).content == "Kiến nghị Ka Long riêng"


@pytest.mark.django_db
def test_autocomplete_of_agencies_and_sources_is_scoped(client_for, ward_clerk, two_wards):
    client = client_for(ward_clerk)
    url = reverse("admin:autocomplete")
    params = {"app_label": "oversight", "model_name": "recommendation", "field_name": "activity", "term": "Giám sát"}
    results = client.get(url, params).json()["results"]
    assert [r["text"] for r in results] == [str(two_wards[0][SupervisionActivity])]
    params["field_name"], params["term"] = "addressee", "Móng Cái"
    assert client.get(url, params).json()["results"]


@pytest.mark.django_db
def test_links_show_on_both_sides(client_for, ward_clerk, two_wards):
    mine = two_wards[0]
    client = client_for(ward_clerk)
    rec_page = client.get(change(mine[Recommendation])).content.decode()
    assert change(mine[SupervisionActivity]) in rec_page  # what raised it
    assert change(mine[ExplanationSession]) in rec_page   # what followed it up
    session_page = client.get(change(mine[ExplanationSession])).content.decode()
    assert change(mine[Recommendation]) in session_page
    activity_page = client.get(change(mine[SupervisionActivity])).content.decode()
    assert "Kiến nghị Ka Long riêng" in activity_page  # the inline of recommendations it raised


@pytest.mark.django_db
def test_question_and_resolution_pages_link_back_to_the_recommendation(client_for, ward_clerk, ward):
    rec = f.recommendation(ward, issued=D(2022, 6, 1))
    s = f.sitting(ward, 7, D(2022, 12, 10))
    q = f.question(ward, D(2022, 12, 10), sitting=s)
    res = f.resolution(ward, "30/NQ-HĐND", D(2022, 12, 11), s)
    f.follow_up(rec, "chat_van", D(2022, 12, 10), question=q)
    f.follow_up(rec, "nghi_quyet", D(2022, 12, 11), resolution=res)
    client = client_for(ward_clerk)
    assert change(rec) in client.get(change(q)).content.decode()
    assert change(rec) in client.get(change(res)).content.decode()
    rec_page = client.get(change(rec)).content.decode()
    assert change(q) in rec_page and change(res) in rec_page


def build(model, council, n, offset=0):
    base = D(2022, 1, 1) + datetime.timedelta(days=offset)
    act = f.activity(council, f"Nguồn {offset}", base)
    for i in range(n):
        day = base + datetime.timedelta(days=i)
        if model is SupervisionActivity:
            a = f.activity(council, f"Giám sát {offset}-{i}", day, supervised_text="Phòng Quản lý đô thị")
            a.supervised_agencies.set([f.agency()])
        elif model is ExplanationSession:
            s = f.explanation(council, f"Giải trình {offset}-{i}", day + datetime.timedelta(days=20))
            f.recommendation(council, s, day + datetime.timedelta(days=20))
        elif model is Recommendation:
            f.recommendation(council, act, day)
        elif model is FollowUp:
            rec = f.recommendation(council, act, day)
            f.follow_up(rec, "don_doc_1", day)


def queries(client, model):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(changelist(model))
    assert response.status_code == 200
    return len(ctx.captured_queries), len(response.context["cl"].result_list)


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_queries_do_not_grow_with_rows(client_for, secretariat_clerk, ward, model):
    client = client_for(secretariat_clerk)
    build(model, ward, 1)
    client.get(changelist(model))
    small, n_small = queries(client, model)
    build(model, ward, 49, offset=100)
    large, n_large = queries(client, model)
    assert n_small <= 2 and n_large == 50
    assert small == large, (model.__name__, small, large)


@pytest.fixture
def recs_by_due(ward):
    today = timezone.localdate()
    act = f.activity(ward, "Giám sát công tác bảo vệ môi trường", today - datetime.timedelta(days=90))
    mk = lambda content, due, **kw: f.recommendation(  # noqa: E731
        ward, act, today - datetime.timedelta(days=60), due_date=due, content=content, **kw)
    return {
        "overdue": mk("Quá hạn", today - datetime.timedelta(days=1), status="dang_thuc_hien"),
        "soon": mk("Sắp đến hạn", today + datetime.timedelta(days=7)),
        "done": mk("Xong", today - datetime.timedelta(days=10), status="hoan_thanh",
                   done_date=today - datetime.timedelta(days=12)),
        "later": mk("Còn hạn", today + datetime.timedelta(days=8)),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["overdue", "soon", "done"])
def test_recommendations_filter_by_due_state(client_for, ward_clerk, recs_by_due, state):
    response = client_for(ward_clerk).get(changelist(Recommendation), {"due": state})
    assert list(response.context["cl"].result_list) == [recs_by_due[state]]


@pytest.mark.django_db
def test_recommendations_filter_by_period_and_type(client_for, ward_clerk, ward):
    survey = f.activity(ward, "Khảo sát", D(2022, 1, 1), "khao_sat")
    a = f.recommendation(ward, survey, D(2022, 1, 1))
    b = f.recommendation(ward, survey, D(2022, 6, 30))
    f.recommendation(ward, survey, D(2022, 7, 1))
    f.recommendation(ward, f.activity(ward, "Chuyên đề", D(2022, 2, 1)), D(2022, 2, 1))
    client = client_for(ward_clerk)
    rows = client.get(changelist(Recommendation), {"period": "2022-H1", "activity__activity_type": "khao_sat"})
    assert set(rows.context["cl"].result_list) == {a, b}


@pytest.mark.django_db
def test_mark_done_action_uses_the_chosen_date_and_reports_the_count(client_for, ward_clerk, recs_by_due):
    ids = [r.pk for r in recs_by_due.values()]
    chosen = timezone.localdate() - datetime.timedelta(days=3)
    response = client_for(ward_clerk).post(changelist(Recommendation), {
        "action": "mark_done", "_selected_action": ids, "done_on": f"{chosen:%d/%m/%Y}",
    }, follow=True)
    text = response.content.decode()
    assert "Đã đánh dấu hoàn thành 3 kiến nghị" in text and "Bỏ qua 1" in text
    assert Recommendation.objects.filter(status="hoan_thanh", done_date=chosen).count() == 3


@pytest.mark.django_db
def test_recommendation_page_explains_the_default_due_date_and_marks_it_unverified(client_for, ward_clerk, ward):
    rec = f.recommendation(ward, issued=D(2022, 6, 1))
    text = client_for(ward_clerk).get(change(rec)).content.decode()
    assert "01/07/2022" in text and "Chưa xác minh" in text and "hạn mặc định" in text


@pytest.mark.django_db
def test_explanation_session_with_a_late_notice_is_refused_in_the_admin(client_for, ward_clerk, ward):
    data = {
        "council": ward.pk, "conducting_body": f.body(ward).pk, "topic": "Chậm giải phóng mặt bằng",
        "persons_required": "Chủ tịch UBND phường", "held_date": "20/06/2022", "notice_date": "15/06/2022",
        "conclusion": "", "recommendations-TOTAL_FORMS": 0, "recommendations-INITIAL_FORMS": 0,
    }
    response = client_for(ward_clerk).post(reverse("admin:oversight_explanationsession_add"), data)
    assert response.status_code == 200
    assert "chậm nhất ngày 10/06/2022" in response.content.decode()
    assert not ExplanationSession.objects.exists()


@pytest.mark.django_db
def test_recommendations_added_inline_under_an_activity_get_council_code_and_due(client_for, ward_clerk, ward):
    act = f.activity(ward, "Giám sát trật tự đô thị", D(2022, 5, 10))
    data = {
        "council": ward.pk, "title": act.title, "activity_type": "chuyen_de",
        "conducting_body": act.conducting_body_id, "decision_number": "", "decision_date": "",
        "supervised_text": "", "fieldwork_start": "10/05/2022", "fieldwork_end": "", "report_date": "",
        "status": "da_ket_luan", "conclusion": "",
        "recommendations-TOTAL_FORMS": 1, "recommendations-INITIAL_FORMS": 0,
        "recommendations-0-code": "", "recommendations-0-addressee": f.agency().pk,
        "recommendations-0-content": "Xử lý lấn chiếm vỉa hè", "recommendations-0-issued_date": "01/06/2022",
        "recommendations-0-due_date": "", "recommendations-0-status": "chua_den_han",
        "recommendations-0-done_date": "",
    }
    response = client_for(ward_clerk).post(change(act), data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    rec = act.recommendations.get()
    assert (rec.council_id, rec.code, rec.due_date) == (ward.pk, "KN-2022-0001", D(2022, 7, 1))


@pytest.mark.django_db
def test_activity_page_lists_its_petitions_in_a_constant_number_of_queries(client_for, secretariat_clerk, ward):
    from tests.reception.helpers import agency, make_petition

    activity = f.activity(ward, "Giám sát chiếu sáng", D(2022, 5, 10))
    client = client_for(secretariat_clerk)
    counts = []
    for added in (1, 20):
        for _i in range(added):
            make_petition(ward, supervision_activity=activity, agency=agency(), forwarded_date=D(2022, 3, 14))
        client.get(change(activity))
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(change(activity))
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
    petition = activity.petitions.first()
    assert change(petition) in response.content.decode()
