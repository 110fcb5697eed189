"""One period on all dashboard cards: every card that counts what happened counts the same
half-year, named once at the top of the page; cards about what is overdue count as of today."""
import datetime
import re

import pytest
from django.urls import reverse

from apps.oversight.models import SupervisionActivity
from apps.sittings.models import Sitting

pytestmark = pytest.mark.django_db


def section(html, element_id):
    match = re.search(rf'<div class="dashboard-cards" id="{element_id}">(.*?)\n  </div>', html, re.S)
    assert match, f"no #{element_id}"
    return match.group(1)


def test_every_period_card_counts_the_chosen_half_year_named_once(client_for, secretariat_clerk):
    html = client_for(secretariat_clerk).get(reverse("admin:index") + "?period=2022-H1").content.decode()

    title = re.search(r'<h2 id="dashboard-period-title">(.*?)</h2>', html).group(1)
    assert title == "Số liệu 6 tháng đầu năm 2022 (01/01/2022 – 30/06/2022)"
    cards = section(html, "period-cards")
    titles = re.findall(r"<section class=\"card[^\"]*\">\s*<h2>(?:<a [^>]*>)?([^<]+)", cards)
    assert {"Kỳ họp và nghị quyết", "Giám sát, khảo sát", "Kiến nghị cử tri theo tình trạng",
            "Xã, phường đã báo cáo"} <= set(titles)
    # No card names a period of its own, and every link of a period card keeps the chosen one.
    assert "6 tháng" not in cards and "năm 20" not in cards
    periods = set(re.findall(r"period=([0-9]{4}-[A-Z0-9]+)", cards))
    assert periods == {"2022-H1"}
    # Overdue and due-soon cards stand apart, as of today.
    today = section(html, "today-cards")
    assert "Chất vấn quá hạn trả lời bằng văn bản" in today and "Kỳ họp và nghị quyết" not in today
    assert f"tính đến hôm nay, {datetime.date.today():%d/%m/%Y}" in html


def test_the_period_cards_count_only_records_of_that_half_year(client_for, secretariat_clerk, city):
    from tests.sittings import factories as f

    f.sitting(city, 1, datetime.date(2022, 3, 10))
    f.sitting(city, 2, datetime.date(2022, 9, 10))
    f.activity(city, "Giám sát đất đai", datetime.date(2022, 4, 1), "chuyen_de")
    client = client_for(secretariat_clerk)

    first = section(client.get(reverse("admin:index") + "?period=2022-H1").content.decode(), "period-cards")
    second = section(client.get(reverse("admin:index") + "?period=2022-H2").content.decode(), "period-cards")

    def value(cards, title):
        block = cards.split(title, 1)[1]
        return int(re.search(r'class="card-value">(?:<a [^>]*>)?(\d+)', block).group(1))

    assert value(first, "Kỳ họp và nghị quyết") == 1 and value(first, "Giám sát, khảo sát") == 1
    assert value(second, "Kỳ họp và nghị quyết") == 1 and value(second, "Giám sát, khảo sát") == 0
    assert Sitting.objects.count() == 2 and SupervisionActivity.objects.count() == 1


def test_without_a_choice_the_dashboard_opens_on_the_latest_half_year_with_data(client_for, secretariat_clerk, city):
    from tests.sittings import factories as f

    f.sitting(city, 1, datetime.date(2023, 3, 10))
    html = client_for(secretariat_clerk).get(reverse("admin:index")).content.decode()
    assert "Số liệu 6 tháng đầu năm 2023" in html
    assert '<option value="2023-H1" selected>' in html


def test_a_period_that_is_not_offered_is_ignored(client_for, secretariat_clerk):
    response = client_for(secretariat_clerk).get(reverse("admin:index") + "?period=9999-H9")
    assert response.status_code == 200 and "Số liệu" in response.content.decode()
