"""The successor's clerks read, never change, the records of the councils theirs was formed from.

One rule (apps/core/scoping.py, action "view" vs "change"), on every register admin: changelists,
change views reached by id, history, delete, imports and exports.
"""
import io

import openpyxl
import pytest
from django.urls import reverse

from apps.core.choices import Role
from apps.core.models import Council, StaffProfile
from apps.core.scoping import visible_council_ids
from apps.reception.models import Letter

from ..conftest import council, make_user
from ..reception.helpers import D, make_letter
from ..reception.test_import_export import LETTER_HEADERS, admin_export, upload, xlsx
from .test_admin_matrix import SAVE_BUTTON, council_owned_admins, demo, record_of, url  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def clerk_of(username, code, role=Role.WARD, current=True):
    user = make_user(username, code, role)
    StaffProfile.objects.filter(user=user).update(council=council(code, on_or_before_2025=not current))
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def mong_cai_2_clerk():
    return clerk_of("mongcai2_t", "06709")


def names(ids):
    return set(Council.objects.filter(pk__in=ids).values_list("name", flat=True))


def test_a_successor_clerk_views_the_predecessors_and_changes_only_their_own(mong_cai_2_clerk):
    assert names(visible_council_ids(mong_cai_2_clerk, "change")) == {"HĐND phường Móng Cái 2"}
    assert names(visible_council_ids(mong_cai_2_clerk)) == {
        "HĐND phường Móng Cái 2", "HĐND phường Ka Long", "HĐND phường Ninh Dương", "HĐND xã Vạn Ninh"}


def test_a_predecessor_clerk_does_not_see_the_successor(ward_clerk):
    assert names(visible_council_ids(ward_clerk)) == names(visible_council_ids(ward_clerk, "change")) == {
        "HĐND phường Ka Long"}


def test_the_province_secretariat_changes_every_council_below_it():
    clerk = make_user("quangninh_t", "22", Role.SECRETARIAT)
    ids = visible_council_ids(clerk, "change")
    assert ids == visible_council_ids(clerk)
    assert {"HĐND thành phố Móng Cái", "HĐND phường Ka Long", "HĐND phường Móng Cái 2"} <= names(ids)


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("model, model_admin", council_owned_admins(), ids=lambda v: getattr(v, "__name__", ""))
def test_every_register_shows_a_predecessors_record_read_only(client_for, mong_cai_2_clerk, model, model_admin):
    client = client_for(mong_cai_2_clerk)
    ka_long = council("06709")
    record = record_of(model, ka_long)
    assert record is not None, f"seed_demo must create {model.__name__} rows for Ka Long"
    response = client.get(url(model, "changelist"))
    assert response.status_code == 200
    assert ka_long.pk in set(response.context["cl"].result_list.values_list("council_id", flat=True)) or \
        model._default_manager.filter(council=ka_long).count() > response.context["cl"].list_per_page
    response = client.get(url(model, "change", record.pk))
    assert response.status_code == 200 and SAVE_BUTTON not in response.content.decode()
    assert client.post(url(model, "change", record.pk), {}).status_code == 403
    assert client.get(url(model, "delete", record.pk)).status_code == 403
    assert client.get(url(model, "history", record.pk)).status_code == 200
    # A council that is not a predecessor stays invisible.
    foreign = record_of(model, council("06712"))
    response = client.get(url(model, "change", foreign.pk), follow=True)
    assert "không tồn tại" in response.content.decode()


def test_the_add_form_offers_only_the_councils_the_user_may_change(client_for, mong_cai_2_clerk):
    html = client_for(mong_cai_2_clerk).get(reverse("admin:reception_letter_add")).content.decode()
    assert "HĐND phường Móng Cái 2" in html and "HĐND phường Ka Long" not in html


def test_export_lists_predecessors_records_and_their_rows_reimport_unchanged_but_never_change(client_for,
                                                                                             mong_cai_2_clerk):
    make_letter(council("06709"), received_date=D(2024, 5, 2), content="Đơn của Ka Long")
    client = client_for(mong_cai_2_clerk)
    data = admin_export(client, "letter")
    text = "\n".join(str(c.value) for row in openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows() for c in row)
    assert "Đơn của Ka Long" in text
    result = upload(client, "letter", data).context["result"]
    assert not result.has_validation_errors() and result.totals["new"] == result.totals["update"] == 0
    number = Letter.objects.get(content="Đơn của Ka Long").register_number
    row = ["06709", 2024, number, D(2024, 5, 2), "Trực tiếp", "Trần Văn Bình", "Khu 3", "Kiến nghị", "Đơn đã sửa",
           None, None, None, None, "Chưa xử lý"]
    result = upload(client, "letter", xlsx(LETTER_HEADERS, [row])).context["result"]
    assert "bạn chỉ được xem" in str(result.invalid_rows[0].error_dict)
    assert Letter.objects.filter(content="Đơn của Ka Long").exists()
    assert not Letter.objects.filter(content="Đơn đã sửa").exists()


def test_the_mark_action_skips_records_the_user_may_only_read(client_for, mong_cai_2_clerk):
    from apps.sittings.models import Question
    from tests.sittings import factories as f

    question = f.question(council("06709"))
    client_for(mong_cai_2_clerk).post(reverse("admin:sittings_question_changelist"), {
        "action": "mark_answered", "_selected_action": [question.pk], "done_on": "01/08/2022"})
    assert Question.objects.get(pk=question.pk).answered_date is None
