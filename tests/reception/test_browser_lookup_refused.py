"""In the browser: a ward clerk who types a filter on a denouncer's name into the address bar gets the
admin's own page saying, in Vietnamese, that this is not allowed, and a link back to the list."""
import os

import pytest

from .helpers import make_letter

pytestmark = pytest.mark.browser


def test_a_refused_lookup_is_an_admin_page_with_a_way_back(page, live_server, login, ward_clerk, ward):
    make_letter(ward, content_type="to_cao", sender_name="Quách Thị Thanh Hương")
    login(page, live_server, ward_clerk)

    response = page.goto(f"{live_server.url}/admin/reception/letter/?sender_name__startswith=Qu%C3%A1ch")

    assert response.status == 400
    assert "Không được lọc hay tìm danh sách theo thông tin nhân thân được bảo mật" in page.inner_text("#content")
    assert page.is_visible("#user-tools") and page.is_visible(".breadcrumbs")
    assert "Quách" not in page.content()
    if os.environ.get("BROWSER_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["BROWSER_SCREENSHOTS"], "lookup_refused.png"))
    page.click("text=Quay lại danh sách")
    page.wait_for_selector("#changelist")
    assert page.url.endswith("/admin/reception/letter/")
