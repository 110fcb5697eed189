"""Issue 2 browser test: a ward clerk logs in, sees the dashboard and only their ward's rows; a leader cannot save."""
import pytest

from apps.core.models import Delegate, Term

pytestmark = pytest.mark.browser


def add_delegate(council, name):
    return Delegate.objects.create(council=council, term=Term.objects.filter(council=council).first(), full_name=name)


def test_ward_clerk_sees_dashboard_and_only_own_rows(page, live_server, login, ward_clerk, ward, other_ward):
    add_delegate(ward, "Nguyễn Thị Ka Long")
    add_delegate(other_ward, "Trần Văn Trần Phú")
    login(page, live_server, ward_clerk)
    assert "Quản lý hồ sơ HĐND" in page.text_content("#site-name")
    assert "HĐND phường Ka Long" in page.text_content("#content")
    page.goto(f"{live_server.url}/admin/core/delegate/")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1
    assert "Nguyễn Thị Ka Long" in rows.first.text_content()
    assert "Trần Văn Trần Phú" not in page.content()


def test_leader_can_read_but_not_save(page, live_server, login, leader, ward):
    delegate = add_delegate(ward, "Lê Thị Chỉ Xem")
    login(page, live_server, leader)
    page.goto(f"{live_server.url}/admin/core/delegate/{delegate.pk}/change/")
    assert "Lê Thị Chỉ Xem" in page.content()
    assert page.locator("input[name=_save]").count() == 0
    # Even a POST with a valid CSRF token is refused: the leader has no change permission.
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(
        f"{live_server.url}/admin/core/delegate/{delegate.pk}/change/",
        form={"full_name": "Đổi", "csrfmiddlewaretoken": token}, headers={"X-CSRFToken": token},
    )
    assert response.status == 403
    delegate.refresh_from_db()
    assert delegate.full_name == "Lê Thị Chỉ Xem"


def test_language_switch_to_english(page, live_server, login, ward_clerk):
    login(page, live_server, ward_clerk)
    with page.expect_navigation():
        page.select_option("#language-select", "en")
    assert page.locator("html").get_attribute("lang") == "en"
    with page.expect_navigation():
        page.select_option("#language-select", "vi")
    assert page.locator("html").get_attribute("lang") == "vi"
