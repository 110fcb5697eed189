"""Search in the browser at 1366×768: without diacritics on a register, and across registers from the header."""
import os

import pytest

from tests.reception.helpers import make_letter, make_petition, make_visit

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("SEARCH_SCREENSHOTS", "/tmp/search-shots")


def shot(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=os.path.join(SHOTS, name), full_page=True)


def test_a_clerk_finds_a_petition_typing_without_diacritics(page, live_server, login, ward_clerk, ward):
    page.set_viewport_size({"width": 1366, "height": 768})
    make_petition(ward, content="Đề nghị nâng cấp đường vào khu tái định cư phường Hải Hòa.")
    make_petition(ward, content="Phản ánh tình trạng rác thải tồn đọng ở chợ.")
    login(page, live_server, ward_clerk)
    page.goto(f"{live_server.url}/admin/petitions/petition/")
    page.fill("#searchbar", "hai hoa")
    page.press("#searchbar", "Enter")
    page.wait_for_load_state()
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1
    assert "phường Hải Hòa" in rows.first.text_content()
    shot(page, "petitions-search-hai-hoa.png")

    page.fill("#searchbar", "khong co gi")
    page.press("#searchbar", "Enter")
    page.wait_for_load_state()
    assert "Không tìm thấy hồ sơ nào chứa “khong co gi”" in page.text_content(".messagelist")
    shot(page, "petitions-search-empty.png")


def test_search_across_registers_from_the_header(page, live_server, login, ward_clerk, ward, other_ward):
    page.set_viewport_size({"width": 1366, "height": 768})
    petition = make_petition(ward, content="Đường khu Hải Hòa ngập khi mưa lớn.")
    make_letter(ward, content="Đơn kiến nghị về nước sạch ở Hải Hòa.")
    make_visit(ward, content="Công dân hỏi về bồi thường ở Hải Hòa.", classification="kien_nghi")
    make_petition(other_ward, content="Hải Hòa ở phường khác, không được thấy.")
    login(page, live_server, ward_clerk)
    page.fill("#global-search-top", "hai hoa")
    page.press("#global-search-top", "Enter")
    page.wait_for_url("**/admin/search/?q=hai+hoa")
    groups = page.locator(".search-group h2")
    titles = [groups.nth(i).text_content().lower() for i in range(groups.count())]
    assert any("kiến nghị cử tri" in t for t in titles)
    assert any("sổ xử lý đơn" in t for t in titles)
    assert any("sổ tiếp công dân" in t for t in titles)
    assert "phường khác" not in page.content()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1366
    shot(page, "search-across-registers.png")
    page.click(f"a[href='/admin/petitions/petition/{petition.pk}/change/']")
    page.wait_for_url(f"**/admin/petitions/petition/{petition.pk}/change/")
    assert "Đường khu Hải Hòa ngập" in page.content()
