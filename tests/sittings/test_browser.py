"""Issue 3 browser test: a clerk records a sitting with an agenda item and a resolution in the admin,
then finds it by a Vietnamese search and by the reporting-period filter."""
import pytest

from apps.sittings.models import Resolution, Sitting

from . import factories as f

pytestmark = pytest.mark.browser


def test_clerk_records_a_sitting_and_finds_it_again(page, live_server, login, ward_clerk, ward, other_ward):
    f.sitting(ward, 1, f.D(2022, 8, 5), venue="Hội trường UBND phường")      # another period
    f.sitting(other_ward, 2, f.D(2022, 4, 20), venue="Nhà văn hóa Hải Hòa")  # another ward
    login(page, live_server, ward_clerk)

    page.goto(f"{live_server.url}/admin/sittings/sitting/add/")
    page.select_option("#id_term", index=1)
    page.fill("#id_number", "2")
    page.select_option("#id_sitting_type", "chuyen_de")
    page.fill("#id_start_date", "15/04/2022")
    page.fill("#id_end_date", "15/04/2022")
    page.fill("#id_venue", "Nhà văn hóa khu 5, phường Hải Hòa")
    page.fill("#id_delegates_present", "23")
    page.fill("#id_delegates_total", "25")

    page.click("#agenda_items-group .add-row a")
    page.select_option("[name=agenda_items-0-kind]", "to_trinh")
    page.fill("[name=agenda_items-0-title]", "Tờ trình về điều chỉnh kế hoạch đầu tư công năm 2022")
    page.fill("[name=agenda_items-0-submitted_by]", "UBND phường")

    page.click("#resolutions-group .add-row a")
    page.fill("[name=resolutions-0-number]", "07/NQ-HĐND")
    page.fill("[name=resolutions-0-adopted_date]", "15/04/2022")
    page.fill("[name=resolutions-0-summary]", "Về điều chỉnh kế hoạch đầu tư công năm 2022")

    with page.expect_navigation():
        page.click("input[name=_save]")
    assert page.locator(".messagelist .success").count() == 1, page.content()

    sitting = Sitting.objects.get(council=ward, number=2)
    assert sitting.agenda_items.count() == 1
    assert Resolution.objects.get(sitting=sitting).number == "07/NQ-HĐND"

    # Search with the old tone placement ("Hoà") still finds "Hải Hòa"; the other ward's sitting stays hidden.
    page.fill("#searchbar", "Hải Hoà")
    with page.expect_navigation():
        page.press("#searchbar", "Enter")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1
    assert "Nhà văn hóa khu 5, phường Hải Hòa" in rows.first.text_content()

    # The reporting-period filter keeps the April sitting and drops the August one.
    page.goto(f"{live_server.url}/admin/sittings/sitting/")
    with page.expect_navigation():
        page.click("#changelist-filter a:text-is('6 tháng đầu năm 2022')")
    assert "period=2022-H1" in page.url
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1
    assert "15/04/2022" in rows.first.text_content()

    # And the resolution is in its own register, found by number.
    page.goto(f"{live_server.url}/admin/sittings/resolution/?q=07%2FNQ")
    assert "Về điều chỉnh kế hoạch đầu tư công năm 2022" in page.locator("#result_list").text_content()
