"""Registers on a 1366×768 screen and on paper, over the demo data, as the secretariat and a ward clerk.

On screen: no page scrolls sideways and no changelist table is wider than its box (a column hidden past
the edge is as bad as a page that scrolls); a cut cell carries its full text on hover. In print: no
header bar, filters, search, action bar or buttons; every column; the council and the date on top.
"""
import pytest
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "hdnd-demo-2022"
SCREENSHOTS = "/tmp/clerk-screens"

OVERFLOW = """() => {
  const doc = document.documentElement.scrollWidth > window.innerWidth;
  const boxes = Array.from(document.querySelectorAll('#changelist .results, .inline-group .tabular, fieldset'))
    .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => (e.id || e.className) + ' ' + e.scrollWidth + '>' + e.clientWidth);
  return {doc: document.documentElement.scrollWidth, inner: window.innerWidth, wide: doc, boxes: boxes};
}"""


@pytest.fixture
def demo(reference_data):
    call_command("seed_demo", verbosity=0, stdout=open("/dev/null", "w"))


def demo_login(page, live_server, username):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.set_default_timeout(60000)  # every register over the demo data, on a shared machine
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def changelists(page):
    """Every changelist the dashboard's app list offers this user."""
    hrefs = page.eval_on_selector_all("#content-main .app-list a, #content-main .module a",
                                      "els => els.map(e => e.getAttribute('href'))")
    return sorted({h for h in hrefs if h and h.startswith("/admin/") and h.count("/") == 4 and "?" not in h
                   and not h.endswith("/add/")})


def shot(page, name):
    import os

    os.makedirs(SCREENSHOTS, exist_ok=True)
    page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=False)


@pytest.mark.parametrize("username", ["vanphong", "kalong"])
def test_no_changelist_or_change_page_scrolls_sideways_at_1366(page, live_server, demo, username):
    demo_login(page, live_server, username)
    pages = changelists(page)
    assert "/admin/petitions/petition/" in pages and "/admin/reception/letter/" in pages
    failures = []
    for path in pages:
        page.goto(f"{live_server.url}{path}")
        state = page.evaluate(OVERFLOW)
        if state["wide"] or state["boxes"]:
            failures.append((path, state))
        first = page.query_selector("#result_list tbody tr th a")
        if first is not None and path.count("/") == 4:
            page.goto(f"{live_server.url}{first.get_attribute('href')}")
            state = page.evaluate(OVERFLOW)
            if state["wide"] or state["boxes"]:
                failures.append((page.url, state))
    assert not failures, failures

    # Key columns stay whole; long text is cut, with the full text on hover.
    page.goto(f"{live_server.url}/admin/petitions/petition/")
    shot(page, f"petitions-{username}")
    heads = [h.strip().lower() for h in page.locator("#result_list thead th").all_text_contents()]
    assert heads.index("tình trạng") < heads.index("lĩnh vực")
    assert "hạn trả lời" in heads and "hđnd" in heads or username == "kalong"
    cut = page.locator("#result_list div.cut.is-cut").first
    assert cut.get_attribute("title")
    assert cut.evaluate("d => d.scrollHeight > d.clientHeight || d.scrollWidth > d.clientWidth")  # really cut
    assert cut.get_attribute("title") == " ".join(cut.inner_text().split())  # the whole text on hover


def test_sitting_page_with_resolutions_fits(page, live_server, demo):
    from apps.sittings.models import Sitting

    sitting = Sitting.objects.filter(council__admin_unit__code="194").order_by("-start_date").first()
    assert sitting.resolutions.exists()
    demo_login(page, live_server, "vanphong")
    page.goto(f"{live_server.url}/admin/sittings/sitting/{sitting.pk}/change/")
    state = page.evaluate(OVERFLOW)
    shot(page, "sitting-change")
    assert not state["wide"] and not state["boxes"], state


def test_a_changelist_prints_without_sidebar_filters_or_buttons_and_with_every_column(page, live_server, demo):
    demo_login(page, live_server, "vanphong")
    page.goto(f"{live_server.url}/admin/petitions/petition/")
    columns = page.locator("#result_list thead th:not(.action-checkbox-column)").count()
    assert page.locator(".print-header").is_hidden()  # the screen does not show the print head
    page.emulate_media(media="print")
    for selector in ["#header", "#changelist-filter", "#changelist-search", ".actions", ".object-tools",
                     ".paginator", ".breadcrumbs"]:
        assert page.locator(selector).first.is_hidden(), selector
    head = page.locator(".print-header")
    assert head.is_visible()
    assert "HĐND thành phố Móng Cái" in head.inner_text()
    assert timezone.localdate().strftime("%d/%m/%Y") in head.inner_text()
    width = page.evaluate("document.documentElement.clientWidth")
    shown = page.evaluate("""() => Array.from(document.querySelectorAll('#result_list thead th'))
        .filter(th => th.offsetParent !== null && th.getBoundingClientRect().right <= document.documentElement.clientWidth + 1)
        .length""")
    assert shown == columns
    # Long text is printed whole, not cut.
    assert page.evaluate("""() => Array.from(document.querySelectorAll('#result_list div.cut'))
        .every(d => d.scrollHeight <= d.clientHeight + 1)""")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot(page, "petitions-print")

    # A record prints without its buttons too.
    page.emulate_media(media="screen")
    page.goto(f"{live_server.url}{page.locator('#result_list tbody tr th a').first.get_attribute('href')}")
    page.emulate_media(media="print")
    assert page.locator(".submit-row").first.is_hidden()
    assert page.locator(".print-header").is_visible()
    shot(page, "petition-change-print")


def test_reminders_page_as_a_ward_clerk(page, live_server, demo):
    demo_login(page, live_server, "kalong")
    page.click("text=Việc sắp đến hạn")
    page.wait_for_url("**/admin/viec-sap-den-han/")
    assert page.locator("h1").inner_text() == "Việc sắp đến hạn"
    groups = page.locator(".reminders-group h2").all_inner_texts()
    assert any(g.startswith("Kiến nghị cử tri chờ trả lời") for g in groups), groups
    assert "HĐND phường Trần Phú" not in page.content()  # only the clerk's own ward
    assert page.locator(".reminders-table .due-overdue").count() > 0
    state = page.evaluate(OVERFLOW)
    assert not state["wide"], state
    shot(page, "reminders-kalong")
    page.fill("#id_days", "0")
    page.click("input[type=submit][value=\"Xem danh sách\"]")
    assert "days=0" in page.url
