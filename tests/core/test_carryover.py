"""Open items of a council that ended pass to its successor: transfer_open_items and the council admin action."""
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from apps.core.choices import Role
from apps.core.models import AdminUnit
from apps.oversight.models import FollowUp, Recommendation
from apps.petitions.models import Petition
from apps.reception.models import Letter
from apps.sittings.models import Commitment
from tests.sittings import factories as f

from ..conftest import council, make_user
from ..reception.helpers import D, agency, make_letter, make_petition

pytestmark = pytest.mark.django_db


@pytest.fixture
def ka_long():
    return council("06709")


@pytest.fixture
def mong_cai_2():
    return council("06709", on_or_before_2025=False)


@pytest.fixture
def open_and_closed(ka_long, mong_cai_2):
    make_letter(mong_cai_2, received_date=D(2025, 7, 3), content="Đơn của Móng Cái 2")  # number 1/2025 there
    items = {
        "letter": make_letter(ka_long, received_date=D(2025, 3, 2), content="Đơn đang chờ xử lý"),
        "letter_closed": make_letter(ka_long, received_date=D(2025, 3, 3), handling="huong_dan", content="Đã hướng dẫn"),
        "petition": make_petition(ka_long, received_date=D(2025, 4, 1), content="Sửa đường khu 4"),
        "petition_closed": make_petition(ka_long, received_date=D(2025, 4, 2), content="Đã sửa cống",
                                         status="da_giai_quyet", answer="Đã sửa", answered_date=D(2025, 5, 2)),
        "recommendation": f.recommendation(ka_long, issued=D(2025, 5, 5)),
        "recommendation_not_done": f.recommendation(ka_long, issued=D(2025, 5, 6), status="khong_thuc_hien",
                                                    content="Cơ quan trả lời không thực hiện"),
    }
    items["follow_up"] = f.follow_up(items["recommendation"], day=D(2025, 6, 1))
    question = f.question(ka_long, asked=D(2025, 4, 16))
    items["commitment"] = f.commitment(question, due=D(2025, 9, 30))
    items["commitment_done"] = f.commitment(question, due=D(2025, 5, 30), status="hoan_thanh", done_date=D(2025, 5, 20))
    items["commitment_not_done"] = f.commitment(question, due=D(2025, 6, 30), status="khong_thuc_hien")
    return items


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("transfer_open_items", *args, stdout=out, stderr=err)
    return out.getvalue()


def reload(items):
    return {k: type(v).objects.get(pk=v.pk) for k, v in items.items()}


def test_open_items_pass_to_the_one_successor_keeping_their_history(open_and_closed, ka_long, mong_cai_2):
    out = run("--from", "06709", "--on", "2025-07-01")
    items = reload(open_and_closed)
    for key in ("letter", "petition", "recommendation", "follow_up", "commitment"):
        assert items[key].council_id == mong_cai_2.pk, key
    # An answer «Không thực hiện» closes the item: it stays in the predecessor's history.
    for key in ("letter_closed", "petition_closed", "commitment_done", "recommendation_not_done", "commitment_not_done"):
        assert items[key].council_id == ka_long.pk, key
    letter = items["letter"]
    # In the successor's register under its next number; the old number is in the history.
    assert (letter.register_year, letter.register_number) == (2025, 2)
    history = list(letter.history.order_by("history_date"))
    assert len(history) == 2 and history[0].council_id == ka_long.pk
    assert history[-1].history_change_reason == "Chuyển từ HĐND phường Ka Long (đã thôi hoạt động); số cũ 0001/2025"
    assert items["petition"].history.first().history_change_reason.startswith("Chuyển từ HĐND phường Ka Long")
    assert "Đã chuyển 4 hồ sơ sang HĐND phường Móng Cái 2." in out
    assert "Đơn thư chưa xử lý xong: 1" in out and "Kiến nghị cử tri chưa giải quyết: 1" in out
    # The moved records stay editable by their new council, links to the predecessor kept.
    letter.note = "Đã đôn đốc"
    letter.full_clean()
    items["commitment"].full_clean()
    items["commitment"].save()
    assert Commitment.objects.get(pk=items["commitment"].pk).council_id == mong_cai_2.pk
    recommendation = items["recommendation"]
    recommendation.full_clean()
    assert FollowUp.objects.get(pk=items["follow_up"].pk).council_id == mong_cai_2.pk


def test_a_dry_run_lists_and_moves_nothing(open_and_closed, ka_long):
    out = run("--from", "06709", "--on", "2025-07-01", "--dry-run")
    assert "Chạy thử: 4 hồ sơ sẽ được chuyển; chưa ghi gì." in out
    assert all(v.council_id == ka_long.pk for v in reload(open_and_closed).values())
    assert Letter.objects.filter(council__admin_unit__valid_from__isnull=False).count() == 1


def test_several_successors_need_a_choice_and_nothing_moves_until_then(open_and_closed, ka_long):
    mong_cai_1 = council("06712", on_or_before_2025=False)
    ka_long.admin_unit.successors.add(mong_cai_1.admin_unit)
    err = io.StringIO()
    with pytest.raises(CommandError, match="Không chuyển hồ sơ nào"):
        call_command("transfer_open_items", "--from", "06709", "--on", "2025-07-01", stderr=err)
    text = err.getvalue()
    assert "có 2 đơn vị kế thừa: HĐND phường Móng Cái 2 (06709), HĐND phường Móng Cái 1 (06712)" in text
    assert "Các hồ sơ chưa chuyển được:" in text and "Sửa đường khu 4" in text
    assert all(v.council_id == ka_long.pk for v in reload(open_and_closed).values())
    run("--from", "06709", "--on", "2025-07-01", "--to", "06712")
    assert Petition.objects.get(pk=open_and_closed["petition"].pk).council_id == mong_cai_1.pk


@pytest.mark.parametrize("args,message", [
    (["--from", "194", "--on", "2025-07-01"], "không có đơn vị kế thừa được ghi nhận"),
    (["--from", "06709", "--on", "2025-06-30"], "vẫn hoạt động ngày 30/06/2025"),
    (["--from", "06709", "--on", "2025-07-01", "--to", "06712"], "không phải đơn vị kế thừa của HĐND phường Ka Long"),
    (["--from", "99999", "--on", "2025-07-01"], "Không có HĐND mang mã 99999"),
    (["--from", "06709", "--on", "01/07/2025"], "không hợp lệ"),
])
def test_errors_exit_1_in_vietnamese_and_move_nothing(open_and_closed, ka_long, args, message):
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("transfer_open_items", *args, stderr=err)
    assert message in str(caught.value) + err.getvalue()
    assert all(v.council_id == ka_long.pk for v in reload(open_and_closed).values())


def test_the_city_goes_to_the_council_the_clerk_names(ka_long):
    city = council("194")
    rec = f.recommendation(city, issued=D(2025, 5, 5))
    run("--from", "194", "--on", "2025-07-01", "--to", "22")
    assert Recommendation.objects.get(pk=rec.pk).council == council("22")


def test_the_admin_action_previews_then_moves(open_and_closed, ka_long, mong_cai_2, client_for):
    clerk = make_user("quangninh_co", "22", Role.SECRETARIAT)
    client = client_for(clerk)
    changelist = reverse("admin:core_council_changelist")
    page = client.post(changelist, {"action": "transfer_open_items", "_selected_action": [ka_long.pk]})
    html = page.content.decode()
    assert page.status_code == 200 and "4 hồ sơ còn mở" in html and "HĐND phường Móng Cái 2 (06709)" in html
    assert "01/07/2025" in html
    response = client.post(changelist, {"action": "transfer_open_items", "_selected_action": [ka_long.pk],
                                        "on": "01/07/2025", "target": mong_cai_2.pk, "apply": "1"})
    assert response.status_code == 302
    assert Letter.objects.get(pk=open_and_closed["letter"].pk).council_id == mong_cai_2.pk
    assert Letter.objects.get(pk=open_and_closed["letter"].pk).history.first().history_user == clerk


def test_a_ward_clerk_is_not_offered_the_action(ward_clerk, client_for):
    html = client_for(ward_clerk).get(reverse("admin:core_council_changelist")).content.decode()
    assert "transfer_open_items" not in html
    assert AdminUnit.objects.exists() and agency()
