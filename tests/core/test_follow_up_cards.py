"""The dashboard's «Cần theo dõi» cards and the reminders count the same rows: the work of the councils the
user works for, not the predecessors' history they only read (apps/core/reminders.to_act_on)."""
import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse

from apps.oversight import dashboard as oversight_cards
from apps.petitions import dashboard as petition_cards
from apps.reception import dashboard as reception_cards
from apps.sittings import dashboard as sitting_cards
from apps.core.reminders import due_groups
from tests.core import test_work
from tests.core.test_work import days, petition_due
from tests.reception.helpers import make_letter
from tests.sittings import factories as f

pytestmark = pytest.mark.django_db
ward_now = test_work.ward_now  # the fixture: Móng Cái 2 (from 01/07/2025, Ka Long's successor) and its clerk

D = datetime.date
CARDS = ("Đơn thư quá hạn", "Đơn tố cáo chờ xử lý", "Kiến nghị quá hạn trả lời",
         "Kiến nghị sau giám sát quá hạn", "Chất vấn quá hạn trả lời bằng văn bản")


def cards_for(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    modules = (oversight_cards, petition_cards, reception_cards, sitting_cards)
    return {c.title: c for module in modules for c in module.cards(request)}


@pytest.fixture
def predecessors_open_items(ward):
    """Ka Long's overdue items, left open when Móng Cái 2 took over its unit code (read-only history now)."""
    petition_due(ward, days(-900), content="Việc cũ của Ka Long")
    make_letter(ward, received_date=D(2022, 3, 1), content_type="to_cao", content="Đơn tố cáo cũ")
    make_letter(ward, received_date=D(2022, 3, 2), content="Đơn cũ chưa xử lý")
    f.recommendation(ward, due_date=D(2022, 9, 1))
    f.question(ward)


def test_a_successors_cards_leave_out_the_predecessors_items_as_the_reminders_do(ward_now, ward,
                                                                                predecessors_open_items):
    council, user = ward_now
    petition_due(council, days(-2), content="Việc của Móng Cái 2")
    cards = cards_for(user)
    assert {title: cards[title].value for title in CARDS} == {
        "Đơn thư quá hạn": 0, "Đơn tố cáo chờ xử lý": 0, "Kiến nghị quá hạn trả lời": 1,
        "Kiến nghị sau giám sát quá hạn": 0, "Chất vấn quá hạn trả lời bằng văn bản": 0}
    assert all(name != ward.name for name, _n, _url in cards["Kiến nghị quá hạn trả lời"].rows)
    reminded = [obj for group in due_groups(user, days=0) for obj, _due, late in group.items if late]
    assert [obj.content for obj in reminded] == ["Việc của Móng Cái 2"]


def test_the_city_secretariat_still_counts_and_is_reminded_of_its_wards_old_items(secretariat_clerk,
                                                                                   predecessors_open_items):
    cards = cards_for(secretariat_clerk)
    assert cards["Đơn thư quá hạn"].value >= 2 and cards["Đơn tố cáo chờ xử lý"].value >= 1
    assert cards["Kiến nghị quá hạn trả lời"].value >= 1
    assert cards["Kiến nghị sau giám sát quá hạn"].value >= 1
    assert cards["Chất vấn quá hạn trả lời bằng văn bản"].value >= 1
    reminded = {obj.content for group in due_groups(secretariat_clerk, days=0) for obj, _due, late in group.items}
    assert {"Việc cũ của Ka Long", "Đơn tố cáo cũ", "Đơn cũ chưa xử lý"} <= reminded


def test_the_successors_dashboard_page_shows_no_predecessor_row(client_for, ward_now, ward, predecessors_open_items):
    _council, user = ward_now
    html = client_for(user).get(reverse("admin:index")).content.decode()
    assert f"council={ward.pk}" not in html


def test_a_recommendation_declared_not_done_is_closed_for_the_card_the_list_and_the_reminders(client_for, ward_clerk,
                                                                                               ward):
    from apps.oversight.filtersets import RecommendationFilterSet
    from apps.oversight.models import Recommendation

    source = f.activity(ward)
    f.recommendation(ward, source, due_date=days(-5), status="khong_thuc_hien", content="Cơ quan trả lời không thực hiện")
    f.recommendation(ward, source, due_date=days(-5), content="Còn phải đôn đốc")
    assert cards_for(ward_clerk)["Kiến nghị sau giám sát quá hạn"].value == 1
    reminded = [obj.content for group in due_groups(ward_clerk, days=0) for obj, _due, late in group.items
                if late and isinstance(obj, Recommendation)]
    assert reminded == ["Còn phải đôn đốc"]
    listed = client_for(ward_clerk).get(reverse("admin:oversight_recommendation_changelist"), {"due": "overdue"})
    assert [r.content for r in listed.context["cl"].result_list] == ["Còn phải đôn đốc"]
    overdue = RecommendationFilterSet({"due": "overdue"}, queryset=Recommendation.objects.all()).qs
    assert [r.content for r in overdue] == ["Còn phải đôn đốc"]


def test_a_successors_card_opens_a_list_of_as_many_rows_as_it_counts(client_for, ward_now, ward,
                                                                     predecessors_open_items):
    council, user = ward_now
    petition_due(council, days(-2), content="Việc của Móng Cái 2")
    client = client_for(user)
    for title in ("Đơn thư quá hạn", "Kiến nghị quá hạn trả lời", "Kiến nghị sau giám sát quá hạn",
                  "Chất vấn quá hạn trả lời bằng văn bản"):
        card = cards_for(user)[title]
        response = client.get(card.url)
        assert response.status_code == 200, (title, response.get("Location"))
        assert response.context["cl"].result_count == card.value, title


@pytest.fixture
def merged_province(ward_now):
    """A province formed on 01/07/2025 whose communes include Móng Cái 2 (Ka Long's successor), and its
    secretariat clerk: several councils to work for, and Ka Long's records to read only."""
    from apps.core.choices import CouncilLevel, Role, UnitType
    from apps.core.models import AdminUnit, Council

    from ..conftest import make_user

    commune, _clerk = ward_now
    unit = AdminUnit.objects.create(code="98", name="Tỉnh Hợp Nhất", unit_type=UnitType.PROVINCE,
                                    valid_from=D(2025, 7, 1))
    province = Council.objects.create(admin_unit=unit, name="HĐND tỉnh Hợp Nhất", level=CouncilLevel.PROVINCE)
    Council.objects.filter(pk=commune.pk).update(parent=province)
    user = make_user("hopnhat_t", "06709", Role.SECRETARIAT)
    user.council_profile.council = province
    user.council_profile.save()
    return province, commune, user


def test_a_card_of_a_user_with_several_councils_opens_their_work_without_the_read_only_rows(
        client_for, merged_province, ward, predecessors_open_items):
    province, commune, user = merged_province
    petition_due(commune, days(-2), content="Việc của Móng Cái 2")
    petition_due(province, days(-3), content="Việc của tỉnh")
    card = cards_for(user)["Kiến nghị quá hạn trả lời"]
    assert card.value == 2
    client = client_for(user)
    listed = client.get(card.url)
    assert listed.status_code == 200
    assert sorted(p.content for p in listed.context["cl"].result_list) == ["Việc của Móng Cái 2", "Việc của tỉnh"]
    # Without the choice the list shows Ka Long's old petition too (read-only): the card does not count it.
    everything = client.get(reverse("admin:petitions_petition_changelist"), {"due": "overdue"})
    assert "Việc cũ của Ka Long" in {p.content for p in everything.context["cl"].result_list}
    # The choice is offered in the council filter, first, and marked when chosen.
    html = listed.content.decode()
    assert "Các HĐND đang phụ trách (không gồm hồ sơ chỉ xem)" in html
    for title in ("Đơn thư quá hạn", "Kiến nghị sau giám sát quá hạn", "Chất vấn quá hạn trả lời bằng văn bản"):
        card = cards_for(user)[title]
        response = client.get(card.url)
        assert response.status_code == 200, title
        assert response.context["cl"].result_count == card.value, title


def test_the_working_choice_is_not_offered_where_nothing_is_read_only(client_for, secretariat_clerk):
    html = client_for(secretariat_clerk).get(reverse("admin:petitions_petition_changelist")).content.decode()
    assert "không gồm hồ sơ chỉ xem" not in html
