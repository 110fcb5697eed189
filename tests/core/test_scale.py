"""Registers that stay fast at a million rows (apps/core/admin_scale.py, apps/core/paginator.py): the
ordering indexes exist, per-row counts are counted for the page only, a page's query count does not
grow with the register, columns sort only on indexed fields; and bench_scale.py's generator still runs."""
import datetime
import sys
from pathlib import Path

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.core.admin_scale import indexed_leading_fields
from apps.core.paginator import EstimatedCountPaginator
from apps.oversight.models import Recommendation
from apps.petitions.models import Petition, VoterMeeting
from apps.reception.models import Letter, ReceptionSession, Visit
from tests.reception.helpers import make_meeting, make_petition, make_session, make_visit

D = datetime.date
ROOT = Path(__file__).resolve().parents[2]


def ordering_fields(model):
    return [name.lstrip("-") for name in model._meta.ordering]


@pytest.mark.parametrize("model", [Petition, VoterMeeting, Letter, Visit, ReceptionSession])
def test_a_secretariat_reads_a_big_registers_first_page_and_page_500_from_one_index(model, db):
    # The default order (then the id) is an index that also holds the council: a province's page ids are
    # read from the index alone, whatever page it is.
    wanted = [f if f != "pk" else "id" for f in ordering_fields(model)]
    found = [index for index in model._meta.indexes
             if [f.lstrip("-") for f in index.fields][:len(wanted)] == wanted and "council" in index.include]
    assert found, f"{model.__name__}: no index on {wanted} including the council"
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
        assert found[0].name in constraints and constraints[found[0].name]["index"]


@pytest.mark.parametrize("model, column", [(Petition, "received_date"), (Petition, "answer_due"), (Letter, "received_date"),
                                           (Letter, "processing_due"), (Visit, "date"), (Recommendation, "issued_date")])
def test_the_date_columns_a_clerk_sorts_on_start_an_index(model, column):
    assert column in indexed_leading_fields(model)


def test_a_visit_list_sorts_on_indexed_columns_only(rf, secretariat_clerk):
    request = rf.get("/")
    request.user = secretariat_clerk
    sortable = admin.site._registry[Visit].get_sortable_by(request)
    assert {"register_code_display", "date", "answer_due_badge"} <= set(sortable)
    # Sorting these would sort the whole register: the number of people, the letters counted per row,
    # the council (a join), the classification (a few values).
    assert not {"people_count", "letter_count", "council", "classification"} & set(sortable)


def meetings_page(client, count, ward):
    for i in range(count):
        meeting = make_meeting(ward, date=D(2022, 3, 1) + datetime.timedelta(days=i))
        make_petition(ward, meeting=meeting, source="", received_date=meeting.date)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("admin:petitions_votermeeting_changelist"))
    assert response.status_code == 200
    return response, ctx.captured_queries


def test_a_meeting_list_counts_petitions_for_the_meetings_on_the_page_only(client_for, secretariat_clerk, ward):
    client = client_for(secretariat_clerk)
    _response, few = meetings_page(client, 2, ward)
    response, many = meetings_page(client, 60, ward)
    rows = list(response.context["cl"].result_list)
    assert len(rows) == 50 and all(row.petition_total == 1 for row in rows)
    # No query groups the register: the only count is on the page's ids.
    grouped = [q["sql"] for q in many if "GROUP BY" in q["sql"] and "petitions_petition" in q["sql"]]
    assert grouped and all('"petitions_votermeeting"."id" IN (' in sql for sql in grouped)
    assert len(few) == len(many)


def test_a_visit_list_costs_the_same_queries_with_more_visits(client_for, secretariat_clerk, ward):
    client = client_for(secretariat_clerk)
    url = reverse("admin:reception_visit_changelist")
    make_visit(ward, session=make_session(ward))
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for i in range(30):
        make_visit(ward, date=D(2022, 4, 1) + datetime.timedelta(days=i))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(few) == len(many)
    assert all(row.letter_total == 0 for row in response.context["cl"].result_list)


def test_a_page_holds_the_same_rows_in_the_same_order_as_a_slice(ward):
    for i in range(12):
        make_visit(ward, date=D(2022, 5, 1) + datetime.timedelta(days=i % 4))
    ordered = Visit.objects.order_by("-date", "-pk")
    paginator = EstimatedCountPaginator(ordered, 5)
    assert [v.pk for v in paginator.page(2).object_list] == [v.pk for v in ordered[5:10]]
    assert [v.pk for v in paginator.page(3).object_list] == [v.pk for v in ordered[10:12]]


def test_the_bench_generator_writes_linked_rows_with_their_folded_text(db):
    if connection.vendor != "postgresql":
        pytest.skip("bench_scale.py runs on PostgreSQL only")
    sys.path.insert(0, str(ROOT / "bench"))
    import scale_data

    from apps.core.models import RegisterCounter
    from apps.oversight.models import FollowUp

    with connection.cursor() as cursor:
        ours, _others = scale_data.bench_councils(cursor, others=3)
    assert ours > 1
    before = {m: m.objects.count() for m in (Petition, Letter, Visit, VoterMeeting, FollowUp)}
    scale_data.generate(300, timezone.localdate(), log=lambda *a: None)
    assert Petition.objects.count() - before[Petition] == 300
    assert Letter.objects.count() - before[Letter] == 300 and Visit.objects.count() - before[Visit] == 300
    assert VoterMeeting.objects.count() > before[VoterMeeting] and FollowUp.objects.count() > before[FollowUp]
    assert scale_data.verify_fold(sample=100) > 0  # raises if a folded column differs from search_columns
    assert Petition.objects.filter(search_text__contains=" hai hoa").exists()
    # Links stay within a council, and each counter is the register's last number.
    assert not Petition.objects.filter(meeting__isnull=False).exclude(meeting__council=models_f("council")).exists()
    assert not Visit.objects.filter(session__isnull=False).exclude(session__council=models_f("council")).exists()
    for counter in RegisterCounter.objects.filter(register="letter"):
        last = Letter.objects.filter(council_id=counter.council_id, register_year=counter.year).order_by(
            "-register_number").values_list("register_number", flat=True).first()
        assert last is None or last == counter.last_number


def models_f(name):
    from django.db.models import F

    return F(name)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan is PostgreSQL's; SQLite has no planner switch")
def test_the_dashboards_denunciations_waiting_are_read_from_their_own_small_index(secretariat_clerk):
    # A province holds hundreds of thousands of letters and a handful of denunciations waiting: the card
    # counts them from a partial index that holds only those, not from the council's whole register.
    from apps.reception.choices import LetterContentType

    waiting = Letter.objects.for_user(secretariat_clerk).filter(content_type=LetterContentType.DENUNCIATION,
                                                                handling="")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = waiting.explain()
    assert "letter_denunciation_waiting" in plan


def test_the_date_drill_down_asks_for_the_first_and_last_date_once(client_for, secretariat_clerk, ward):
    # Django picks the drill-down's level from Min and Max of the date, then lists the years between the
    # same two values: over a province's million rows each asking is a scan of the scope's date index.
    make_petition(ward)
    with CaptureQueriesContext(connection) as ctx:
        response = client_for(secretariat_clerk).get(reverse("admin:petitions_petition_changelist"))
    assert response.status_code == 200
    bounds = [q["sql"] for q in ctx.captured_queries if "MIN(" in q["sql"].upper() and "MAX(" in q["sql"].upper()]
    assert len(bounds) == 1, bounds


def test_the_date_drill_down_is_bounded_by_the_scope_not_by_the_filters(client_for, secretariat_clerk, ward):
    # The first and last date of "status = waiting" would be found by reading the date index until a row
    # matches (most of a province's rows when few match); the scope's dates are two index look-ups.
    make_petition(ward, received_date=D(2023, 3, 1))
    make_petition(ward, received_date=D(2025, 9, 1))
    url = reverse("admin:petitions_petition_changelist")
    with CaptureQueriesContext(connection) as ctx:
        response = client_for(secretariat_clerk).get(url, {"status__exact": "da_giai_quyet"})
    assert response.status_code == 200
    bounds = [q["sql"] for q in ctx.captured_queries if "MIN(" in q["sql"].upper() and "MAX(" in q["sql"].upper()]
    assert len(bounds) == 1 and "status" not in bounds[0], bounds
    # No petition has that status: the years offered are still those of the clerk's petitions.
    html = response.content.decode()
    assert "received_date__year=2023" in html and "received_date__year=2025" in html


def test_a_drilled_year_offers_its_own_months_only(client_for, secretariat_clerk, ward):
    make_petition(ward, received_date=D(2024, 11, 5))
    make_petition(ward, received_date=D(2025, 2, 10))
    make_petition(ward, received_date=D(2025, 4, 20))
    response = client_for(secretariat_clerk).get(reverse("admin:petitions_petition_changelist"),
                                                 {"received_date__year": "2025", "status__exact": "da_giai_quyet"})
    html = response.content.decode()
    assert "received_date__month=2" in html and "received_date__month=4" in html
    assert "received_date__month=11" not in html and "received_date__month=5" not in html


def test_the_dashboards_overdue_counts_per_council_name_each_council_once(secretariat_clerk, ward):
    # Counted per council first, then named: the same figures as a count grouped by council.
    from apps.core.dashboard import per_council
    from apps.petitions.models import PetitionQuerySet

    for _ in range(3):
        make_petition(ward, received_date=D(2022, 1, 10))
    Petition.objects.filter(council=ward).update(answer_due=D(2022, 3, 10))  # due long ago, never answered
    overdue = Petition.objects.for_user(secretariat_clerk).filter(PetitionQuerySet.overdue_q())
    rows = per_council(overdue)
    assert rows == [{"council_id": ward.pk, "council__name": ward.name, "n": 3}]
    assert per_council(overdue.none()) == []


def _filter_columns(model):
    from apps.petitions.models import LIST_FILTER_COLUMNS as petition_columns
    from apps.reception.models.letters import LIST_FILTER_COLUMNS as letter_columns
    from apps.reception.models.visits import VISIT_FILTER_COLUMNS

    return {Petition: petition_columns, Letter: letter_columns, Visit: VISIT_FILTER_COLUMNS}[model]


@pytest.mark.parametrize("model", [Petition, Letter, Visit])
def test_every_list_filter_of_a_big_register_rides_along_in_its_indexes(model, rf, secretariat_clerk):
    # A filtered page of a province and its count are read from the council's index and the ordering index
    # alone only while every filtered column is held there: a new list filter needs its column added.
    request = rf.get("/")
    request.user = secretariat_clerk
    model_admin = admin.site._registry[model]
    filtered = set()
    for item in model_admin.get_list_filter(request):
        name = item[0] if isinstance(item, tuple) else item
        if isinstance(name, str):
            filtered.add(name)
        else:  # a due or overdue filter: the columns of its condition
            filtered.update(getattr(name, "columns", ()))
    held = set(_filter_columns(model))
    council_index = next(i for i in model._meta.indexes if i.fields[:1] == ["council"] and i.include)
    order_index = next(i for i in model._meta.indexes if i.fields[-1:] == ["id"])
    assert filtered - {"council"} <= held | set(council_index.fields), filtered - held
    assert "answer_due" in filtered or "processing_due" in filtered  # the due filters were read too
    assert held <= set(council_index.include) and held <= set(order_index.include)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="INCLUDE columns are PostgreSQL's")
@pytest.mark.parametrize("model", [Petition, Letter, Visit])
def test_the_council_index_holds_the_filtered_columns_in_the_database(model, db):
    columns = {model._meta.get_field(name).column for name in _filter_columns(model)}
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
                       [model._meta.db_table, "% INCLUDE %"])
        definitions = [row[0] for row in cursor.fetchall()]
    assert len(definitions) >= 2
    for definition in definitions:
        included = {c.strip().strip('"') for c in definition.split("INCLUDE (")[1].rstrip(")").split(",")}
        assert columns <= included, (definition, columns - included)


def test_a_search_is_counted_from_its_first_page(client_for, secretariat_clerk, ward):
    # Counting every row that holds a common word means building the whole match from the trigram index;
    # the page is read in order instead. Exact when the matches fit on a page, the estimate past it.
    for i in range(3):
        make_petition(ward, content=f"Đề nghị sửa đường thôn Hải Hòa số {i}")
    make_petition(ward, content="Đề nghị lắp đèn chiếu sáng")
    url = reverse("admin:petitions_petition_changelist")
    with CaptureQueriesContext(connection) as ctx:
        response = client_for(secretariat_clerk).get(url, {"q": "hai hoa"})
    cl = response.context["cl"]
    assert cl.result_count == 3 and not cl.paginator.estimated
    assert not [q for q in ctx.captured_queries if "10001" in q["sql"]]  # no bounded count of the match


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite counts every list exactly")
def test_a_search_with_more_than_a_page_says_its_total_is_an_estimate(client_for, secretariat_clerk, ward):
    Petition.objects.bulk_create([Petition(council=ward, content=f"Kiến nghị khu phố Hải Hòa {i}",
                                           received_date=D(2022, 3, 10), code=f"KN-2022-{i:04d}") for i in range(60)])
    response = client_for(secretariat_clerk).get(reverse("admin:petitions_petition_changelist"), {"q": "hai hoa"})
    cl = response.context["cl"]
    assert cl.paginator.estimated and cl.result_count >= 51
    toolbar = response.content.decode().split('id="toolbar"')[1].split("</form>")[0]
    assert f"khoảng {cl.result_count} kết quả" in toolbar


def test_a_big_total_is_grouped_by_thousands_on_a_card():
    from django.template.loader import render_to_string

    from apps.core.dashboard import Card

    html = render_to_string("admin/dashboard_card.html", {"card": Card(title="Kiến nghị", value=148260,
                                                                       rows=[("Chưa giải quyết", 36449, "")])})
    assert "148.260" in html and "36.449" in html
