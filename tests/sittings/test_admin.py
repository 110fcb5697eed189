import datetime
import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.sittings.models import AgendaItem, Commitment, Question, Resolution, Sitting, StandingMeeting

from . import factories as f

D = f.D


def changelist(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def change(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def make_records(council, marker):
    s = f.sitting(council, 1, D(2022, 4, 15), venue=f"Hội trường {marker}")
    f.agenda_item(s, title=f"Báo cáo {marker}")
    f.resolution(council, "15/NQ-HĐND", D(2022, 4, 16), s, summary=f"Nghị quyết {marker}")
    q = f.question(council, D(2022, 4, 16), sitting=s, content=f"Chất vấn {marker}")
    f.commitment(q, due=D(2022, 9, 30), content=f"Cam kết {marker}")
    f.standing_meeting(council, content=f"Phiên họp {marker}")
    return {Sitting: s, AgendaItem: s.agenda_items.get(), Resolution: s.resolutions.get(), Question: q,
            Commitment: q.commitments.get(), StandingMeeting: StandingMeeting.objects.get(council=council)}


@pytest.fixture
def two_wards(ward, other_ward):
    return make_records(ward, "Ka Long riêng"), make_records(other_ward, "Trần Phú bí mật")


MODELS = [Sitting, AgendaItem, Resolution, Question, Commitment, StandingMeeting]


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_ward_clerk_sees_only_own_rows(client_for, ward_clerk, two_wards, model):
    response = client_for(ward_clerk).get(changelist(model))
    assert response.status_code == 200
    rows = list(response.context["cl"].result_list)
    assert rows == [two_wards[0][model]]
    assert "Trần Phú bí mật" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_another_councils_record_by_url_shows_nothing(client_for, ward_clerk, two_wards, model):
    response = client_for(ward_clerk).get(change(two_wards[1][model]), follow=True)
    assert response.redirect_chain and response.redirect_chain[-1][0] == reverse("admin:index")
    text = response.content.decode()
    assert "không tồn tại" in text
    assert "Trần Phú bí mật" not in text
    history = client_for(ward_clerk).get(change(two_wards[1][model]).replace("/change/", "/history/"))
    assert history.status_code == 404


@pytest.mark.django_db
def test_secretariat_sees_the_wards_rows(client_for, secretariat_clerk, two_wards):
    response = client_for(secretariat_clerk).get(changelist(Sitting))
    assert len(response.context["cl"].result_list) == 2


@pytest.mark.django_db
def test_leader_reads_but_cannot_save(client_for, leader, two_wards):
    client = client_for(leader)
    sitting = two_wards[0][Sitting]
    assert client.get(change(sitting)).status_code == 200
    response = client.post(change(sitting), {"number": 9})
    assert response.status_code == 403
    assert Sitting.objects.get(pk=sitting.pk).number == 1


def build_rows(model, council, n):
    s = f.sitting(council, 100, D(2022, 4, 1))
    meeting = f.standing_meeting(council, D(2022, 1, 3))
    delegate = f.delegate(council)
    for i in range(n):
        day = D(2022, 1, 1) + datetime.timedelta(days=i)
        if model is Sitting:
            f.sitting(council, i + 1, day)
        elif model is AgendaItem:
            f.agenda_item(s, title=f"Nội dung {i}", examining_body=f.body(council, "ban_kt_xh"))
        elif model is Resolution:
            r = f.resolution(council, f"{i + 1}/NQ-HĐND", day, s, field=None)
            r.replaces.set([])
        elif model is Question:
            q = f.question(council, day, sitting=s if i % 2 else None, standing_meeting=None if i % 2 else meeting,
                           delegate=delegate)
            f.commitment(q, due=day + datetime.timedelta(days=60))
        elif model is Commitment:
            q = f.question(council, day, sitting=s, delegate=delegate)
            f.commitment(q, due=day + datetime.timedelta(days=30))
        elif model is StandingMeeting:
            m = f.standing_meeting(council, D(2022, 6, 1) + datetime.timedelta(days=i), "giao_ban")
            m.participating_councils.set([council])


def count_changelist_queries(client, model):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(changelist(model))
    assert response.status_code == 200
    return len(ctx.captured_queries), len(response.context["cl"].result_list)


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_queries_do_not_grow_with_rows(client_for, secretariat_clerk, ward, model):
    client = client_for(secretariat_clerk)
    build_rows(model, ward, 1)
    client.get(changelist(model))  # warm the session/permission caches
    small, n_small = count_changelist_queries(client, model)
    build_rows_more(model, ward)
    large, n_large = count_changelist_queries(client, model)
    assert n_large >= 50 > n_small
    assert small == large, (model.__name__, small, large)


def build_rows_more(model, council):
    # A second batch under fresh parents so the unique keys do not clash.
    if model is Sitting:
        for i in range(49):
            f.sitting(council, 200 + i, D(2023, 1, 1) + datetime.timedelta(days=i))
        return
    if model is StandingMeeting:
        for i in range(49):
            m = f.standing_meeting(council, D(2023, 1, 1) + datetime.timedelta(days=i), "thuong_ky")
            m.participating_councils.set([council])
        return
    other = f.sitting(council, 300, D(2023, 4, 1))
    delegate = f.delegate(council, "Phạm Thị Lan")
    meeting = f.standing_meeting(council, D(2023, 1, 3))
    for i in range(50):
        day = D(2023, 1, 1) + datetime.timedelta(days=i)
        if model is AgendaItem:
            f.agenda_item(other, title=f"Nội dung {i}", examining_body=f.body(council, "ban_kt_xh"))
        elif model is Resolution:
            f.resolution(council, f"{i + 1}/NQ-HĐND", day, other)
        elif model is Question:
            q = f.question(council, day, sitting=other if i % 2 else None,
                           standing_meeting=None if i % 2 else meeting, delegate=delegate)
            f.commitment(q, due=day + datetime.timedelta(days=60))
        elif model is Commitment:
            q = f.question(council, day, sitting=other, delegate=delegate)
            f.commitment(q, due=day + datetime.timedelta(days=30))


@pytest.mark.django_db
@pytest.mark.parametrize("typed", [
    unicodedata.normalize("NFD", "Hải Hòa"), "Hải Hoà", "hải hòa", "Hải Hòa",
])
def test_search_finds_hai_hoa_however_it_is_typed(client_for, secretariat_clerk, ward, typed):
    f.sitting(ward, 1, venue="Hội trường phường Hải Hòa")
    f.sitting(ward, 2, D(2022, 7, 10), venue="Nhà văn hóa khu 3")
    response = client_for(secretariat_clerk).get(changelist(Sitting), {"q": typed})
    venues = [s.venue for s in response.context["cl"].result_list]
    assert venues == ["Hội trường phường Hải Hòa"]


@pytest.mark.django_db
def test_search_reaches_agenda_items_and_resolutions(client_for, ward_clerk, ward):
    s = f.sitting(ward, 1)
    f.agenda_item(s, title="Tờ trình về chỉnh trang đô thị ven sông Ka Long")
    f.resolution(ward, "07/NQ-HĐND", D(2022, 4, 16), s)
    client = client_for(ward_clerk)
    assert list(client.get(changelist(Sitting), {"q": "chỉnh trang"}).context["cl"].result_list) == [s]
    assert list(client.get(changelist(Sitting), {"q": "07/NQ"}).context["cl"].result_list) == [s]


@pytest.mark.django_db
def test_period_filter_keeps_the_half_years_edges(client_for, ward_clerk, ward):
    for i, day in enumerate([D(2021, 12, 31), D(2022, 1, 1), D(2022, 6, 30), D(2022, 7, 1)], start=1):
        f.sitting(ward, i, day)
    response = client_for(ward_clerk).get(changelist(Sitting), {"period": "2022-H1"})
    assert sorted(s.start_date for s in response.context["cl"].result_list) == [D(2022, 1, 1), D(2022, 6, 30)]


@pytest.fixture
def questions_by_due(ward):
    today = timezone.localdate()
    s = f.sitting(ward, 1, today - datetime.timedelta(days=60))
    overdue = f.question(ward, today - datetime.timedelta(days=25), sitting=s, respondent_name="Quá hạn")
    soon = f.question(ward, today - datetime.timedelta(days=15), sitting=s, respondent_name="Sắp đến hạn")
    answered = f.question(ward, today - datetime.timedelta(days=30), sitting=s, respondent_name="Đã trả lời",
                          answered_date=today - datetime.timedelta(days=2))
    later = f.question(ward, today, sitting=s, respondent_name="Còn hạn")
    return {"overdue": overdue, "soon": soon, "answered": answered, "later": later}


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["overdue", "soon"])
def test_questions_filter_by_answer_due(client_for, ward_clerk, questions_by_due, state):
    response = client_for(ward_clerk).get(changelist(Question), {"due": state})
    assert list(response.context["cl"].result_list) == [questions_by_due[state]]


@pytest.mark.django_db
def test_commitments_filter_overdue_and_due_soon(client_for, ward_clerk, ward):
    today = timezone.localdate()
    q = f.question(ward, today - datetime.timedelta(days=40))
    late = f.commitment(q, due=today - datetime.timedelta(days=1), content="Trễ")
    soon = f.commitment(q, due=today + datetime.timedelta(days=7), content="Sắp")
    f.commitment(q, due=today - datetime.timedelta(days=3), content="Xong", status="hoan_thanh", done_date=today)
    f.commitment(q, due=today + datetime.timedelta(days=8), content="Còn lâu")
    client = client_for(ward_clerk)
    assert list(client.get(changelist(Commitment), {"due": "overdue"}).context["cl"].result_list) == [late]
    assert list(client.get(changelist(Commitment), {"due": "soon"}).context["cl"].result_list) == [soon]


@pytest.mark.django_db
def test_question_page_explains_its_due_date(client_for, ward_clerk, ward):
    q = f.question(ward, D(2022, 4, 16))
    text = client_for(ward_clerk).get(change(q)).content.decode()
    assert "06/05/2022" in text and "Luật Hoạt động giám sát 2015 Đ.60(4)" in text


@pytest.mark.django_db
def test_mark_answered_action_reports_the_count(client_for, ward_clerk, questions_by_due):
    ids = [questions_by_due[k].pk for k in ("overdue", "soon", "answered")]
    response = client_for(ward_clerk).post(changelist(Question), {
        "action": "mark_answered", "_selected_action": ids, "done_on": "",
    }, follow=True)
    text = response.content.decode()
    assert "Đã đánh dấu 2 chất vấn" in text and "Bỏ qua 1" in text
    today = timezone.localdate()
    assert Question.objects.filter(pk__in=ids, answered_date=today).count() == 2


@pytest.mark.django_db
def test_ward_clerk_adds_a_sitting_with_agenda_and_resolution(client_for, ward_clerk, ward):
    term = f.term(ward)
    data = {
        "council": ward.pk, "term": term.pk, "number": 4, "sitting_type": "chuyen_de",
        "start_date": "15/04/2022", "end_date": "", "venue": "Hội trường UBND phường", "note": "",
        "agenda_items-TOTAL_FORMS": 1, "agenda_items-INITIAL_FORMS": 0,
        "agenda_items-0-order": 1, "agenda_items-0-kind": "to_trinh",
        "agenda_items-0-title": "Tờ trình về dự toán ngân sách", "agenda_items-0-submitted_by": "UBND phường",
        "resolutions-TOTAL_FORMS": 1, "resolutions-INITIAL_FORMS": 0,
        "resolutions-0-number": "12/NQ-HĐND", "resolutions-0-kind": "ca_biet",
        "resolutions-0-adopted_date": "15/04/2022", "resolutions-0-summary": "Về dự toán ngân sách",
        "resolutions-0-status": "con_hieu_luc",
    }
    response = client_for(ward_clerk).post(reverse("admin:sittings_sitting_add"), data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    s = Sitting.objects.get(council=ward, number=4)
    assert s.agenda_items.get().council_id == ward.pk
    res = s.resolutions.get()
    assert res.council_id == ward.pk and res.year == 2022 and res.created_by == ward_clerk


@pytest.mark.django_db
def test_sitting_page_links_its_questions_and_voter_meetings(client_for, ward_clerk, ward):
    from django.apps import apps

    s = f.sitting(ward, 1, D(2022, 7, 10))
    q = f.question(ward, D(2022, 7, 10), sitting=s)
    VoterMeeting = apps.get_model("petitions", "VoterMeeting")
    meeting = VoterMeeting.objects.create(council=ward, sitting=s, date=D(2022, 6, 20), location="Nhà văn hóa khu 2")
    text = client_for(ward_clerk).get(change(s)).content.decode()
    assert change(q) in text and change(meeting) in text


def count_change_view_queries(client, obj):
    client.get(change(obj))  # warm the session/permission caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(change(obj))
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


@pytest.mark.django_db
def test_sitting_page_lists_its_petitions_and_voter_meetings_in_a_constant_number_of_queries(
        client_for, secretariat_clerk, ward):
    from tests.reception.helpers import agency, make_meeting, make_petition

    s = f.sitting(ward, 1, D(2022, 7, 10))
    client = client_for(secretariat_clerk)
    counts = []
    for added in (1, 20):
        for _i in range(added):
            meeting = make_meeting(ward, sitting=s)
            make_petition(ward, meeting=meeting, sitting=s, agency=agency(), forwarded_date=D(2022, 3, 14))
        count, html = count_change_view_queries(client, s)
        counts.append(count)
    assert counts[0] == counts[1], counts
    petition = s.petitions.first()
    assert change(petition) in html and petition.code in html
    assert change(s.voter_meetings.first()) in html
