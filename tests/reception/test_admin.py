"""The reception registers in the admin: who sees what, links both sides, deadlines shown."""
import datetime

import pytest
from django.urls import reverse

from .helpers import agency, make_letter, make_session, make_visit

pytestmark = pytest.mark.django_db

REGISTERS = ["receptionsession", "visit", "letter"]


@pytest.fixture
def records(city, ward, other_ward):
    out = {}
    for key, council in (("city", city), ("ward", ward), ("other", other_ward)):
        session = make_session(council)
        visit = make_visit(council, session=session, content=f"Vụ việc của {key}")
        letter = make_letter(council, visit=visit, content=f"Đơn của {key}")
        out[key] = {"receptionsession": session, "visit": visit, "letter": letter}
    return out


@pytest.mark.parametrize("persona", ["superuser", "secretariat", "ward", "leader"])
@pytest.mark.parametrize("model", REGISTERS)
def test_every_register_opens_for_every_role(client_for, personas, records, persona, model):
    client = client_for(personas[persona])
    response = client.get(reverse(f"admin:reception_{model}_changelist"))
    assert response.status_code == 200
    obj = records["ward"][model]
    assert client.get(reverse(f"admin:reception_{model}_change", args=[obj.pk])).status_code == 200


@pytest.mark.parametrize("model", REGISTERS)
def test_ward_clerk_sees_only_own_rows(client_for, ward_clerk, records, model):
    client = client_for(ward_clerk)
    response = client.get(reverse(f"admin:reception_{model}_changelist"))
    rows = list(response.context["cl"].result_list)
    assert rows == [records["ward"][model]]


@pytest.mark.parametrize("model", REGISTERS)
def test_other_councils_record_by_url_shows_nothing(client_for, ward_clerk, records, model):
    client = client_for(ward_clerk)
    other = records["other"][model]
    for view in ("change", "history", "delete"):
        response = client.get(reverse(f"admin:reception_{model}_{view}", args=[other.pk]), follow=True)
        assert "của other" not in response.content.decode()
        assert response.status_code in (200, 302, 404)
        if view == "change":
            assert response.context.get("original") is None


def test_history_version_of_other_councils_record_is_not_shown(client_for, ward_clerk, records):
    other = records["other"]["letter"]
    version = other.history.first()
    url = reverse("admin:reception_letter_simple_history", args=[other.pk, version.history_id])
    assert client_for(ward_clerk).get(url).status_code == 404


def test_letter_and_visit_link_both_ways(client_for, ward_clerk, records):
    client = client_for(ward_clerk)
    visit, letter = records["ward"]["visit"], records["ward"]["letter"]
    visit_page = client.get(reverse("admin:reception_visit_change", args=[visit.pk])).content.decode()
    assert reverse("admin:reception_letter_change", args=[letter.pk]) in visit_page
    letter_page = client.get(reverse("admin:reception_letter_change", args=[letter.pk])).content.decode()
    assert reverse("admin:reception_visit_change", args=[visit.pk]) in letter_page
    # The letter list names the visit by its number only (the list has the dates already).
    listed = client.get(reverse("admin:reception_letter_changelist")).content.decode()
    visit_url = reverse("admin:reception_visit_change", args=[visit.pk])
    assert f'<a href="{visit_url}">{visit.register_code}</a>' in listed


def test_letter_shows_its_deadlines_with_the_engines_explanation(client_for, ward_clerk, ward):
    letter = make_letter(ward, received_date=datetime.date(2022, 4, 8), handling="chuyen_don",
                         forwarded_agency=agency(), forwarded_date=datetime.date(2022, 4, 12),
                         agency_resolution_date=datetime.date(2022, 4, 12))
    page = client_for(ward_clerk).get(reverse("admin:reception_letter_change", args=[letter.pk])).content.decode()
    assert "Không tính" in page  # the skipped weekend and the Hùng Kings holiday are explained
    assert f"{letter.processing_due:%d/%m/%Y}" in page
    assert f"{letter.reply_due:%d/%m/%Y}" in page
    assert "chưa xác minh" in page  # letter_processing is an unverified rule


def test_changelist_query_count_does_not_grow_with_rows(client_for, secretariat_clerk, ward):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add_rows(n):
        for _i in range(n):
            visit = make_visit(ward, session=make_session(ward))
            make_letter(ward, visit=visit, forwarded_agency=agency(), handling="chuyen_don",
                        forwarded_date=datetime.date(2022, 3, 2))

    client = client_for(secretariat_clerk)
    counts = {model: [] for model in REGISTERS}
    for added in (1, 49):
        add_rows(added)
        for model in REGISTERS:
            client.get(reverse(f"admin:reception_{model}_changelist"))  # warm per-request caches
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(reverse(f"admin:reception_{model}_changelist")).status_code == 200
            counts[model].append(len(ctx))
    for model, (one, fifty) in counts.items():
        assert one == fifty, f"{model}: {one} queries at 1 row, {fifty} at 50"


def test_a_letter_from_a_visit_takes_the_citizen_as_sender(client_for, ward_clerk, ward):
    visit = make_visit(ward, citizen_name="Đinh Văn Sơn", citizen_address="Khu 8", citizen_id_number="022099000777",
                       date=datetime.date(2022, 5, 9))
    client = client_for(ward_clerk)
    page = client.get(reverse("admin:reception_visit_change", args=[visit.pk])).content.decode()
    add_url = reverse("admin:reception_letter_add")
    assert f"{add_url}?visit={visit.pk}" in page
    form = client.get(add_url, {"visit": visit.pk, "received_date": "09/05/2022"}).context["adminform"].form
    assert form.initial["visit"] == str(visit.pk)
    response = client.post(add_url, {
        "council": ward.pk, "visit": visit.pk, "received_date": "09/05/2022", "channel": "truc_tiep",
        "content_type": "kien_nghi", "content": "Đơn đề nghị cấp sổ đỏ", "competence": "khong_thuoc",
        "eligible": "on", "status": "chua_xu_ly", "_save": "1"})
    assert response.status_code == 302
    letter = visit.letters.get()
    assert (letter.sender_name, letter.sender_address, letter.sender_id_number) == ("Đinh Văn Sơn", "Khu 8",
                                                                                    "022099000777")


def form_labels(page):
    import re

    return [re.sub(r"<[^>]+>", "", label).strip().rstrip(":") for label in re.findall(r"<label[^>]*>(.*?)</label>", page,
                                                                                        re.S)]


@pytest.mark.parametrize("persona", ["secretariat", "ward"])
def test_a_letters_form_names_its_visit_once_and_offers_to_open_it(client_for, personas, records, persona):
    letter, visit = records["ward"]["letter"], records["ward"]["visit"]
    page = client_for(personas[persona]).get(reverse("admin:reception_letter_change", args=[letter.pk])).content.decode()
    labels = form_labels(page)
    assert labels.count("Lượt tiếp") == 1, labels
    assert "Xem lượt tiếp" in labels
    assert reverse("admin:reception_visit_change", args=[visit.pk]) in page


def test_a_registers_count_names_its_entries_not_its_book(client_for, ward_clerk, ward):
    make_letter(ward, content="Đơn thứ nhất")
    make_letter(ward, content="Đơn thứ hai")
    make_visit(ward)
    make_visit(ward)
    client = client_for(ward_clerk)
    letters = client.get(reverse("admin:reception_letter_changelist")).content.decode()
    assert "2 đơn thư" in letters and "2 sổ xử lý đơn" not in letters
    visits = client.get(reverse("admin:reception_visit_changelist")).content.decode()
    assert "2 lượt tiếp công dân" in visits and "2 sổ tiếp công dân" not in visits
