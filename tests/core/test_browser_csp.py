"""The admin works under the Content-Security-Policy: every page a clerk uses loads without a violation.

Chromium reports each blocked inline script, inline style, handler attribute or foreign source as a
`securitypolicyviolation` event and a console error; the test collects both on every page.
"""
import pytest

from apps.reception.models import Letter

from ..reception.helpers import D, make_letter, make_petition
from ..reception.test_import_export import LETTER_HEADERS
from ..reports.test_summary_builder import report
from ..reports.workbooks import ward_workbook
from ..security.helpers import xlsx_bytes

pytestmark = pytest.mark.browser

COLLECT = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || "") + ":" + e.lineNumber);
});
"""


@pytest.fixture
def watched(page):
    console = []
    page.add_init_script(COLLECT)
    page.on("console", lambda msg: console.append(f"{page.url}: {msg.text[:90]} {msg.location}")
            if "Content Security Policy" in msg.text else None)

    def violations():
        seen = page.evaluate("window.__csp || []")
        return seen + console

    page.violations = violations
    return page


def visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    policy = dict(part.strip().split(" ", 1) for part in response.headers["content-security-policy"].split(";"))
    assert policy["script-src"] == "'self'" and policy["style-src-elem"] == "'self'", url
    assert "unsafe-inline" not in policy["script-src-attr"], url
    return response


def test_the_admin_the_charts_and_the_upload_pages_work_under_the_policy(watched, live_server, login,
                                                                         secretariat_clerk, city, ward, tmp_path):
    page = watched
    letter = make_letter(ward)
    petition = make_petition(ward)
    report(ward, "2022-H1", {"KH05": 7, "CT03": 11})
    base = live_server.url
    visit(page, f"{base}/admin/login/")
    login(page, live_server, secretariat_clerk)

    for path in [
        "/admin/",
        "/admin/reception/letter/",
        f"/admin/reception/letter/{letter.pk}/change/",
        "/admin/reception/letter/add/",
        f"/admin/reception/letter/{letter.pk}/history/",
        f"/admin/petitions/petition/{petition.pk}/change/",
        "/admin/petitions/petition/?q=đèn",
        "/admin/reception/letter/export/",
        "/admin/reports/wardreport/status/",
        "/admin/reports/summary/?council=&period=2022-H1",
    ]:
        visit(page, base + path)
    assert page.locator(".summary-charts img").count() == 4
    assert page.evaluate("Array.from(document.querySelectorAll('.summary-charts img')).every(i => i.naturalWidth > 0)")

    # A register import: upload, preview (its JavaScript and styles), confirm.
    visit(page, f"{base}/admin/reception/letter/import/")
    rows = [LETTER_HEADERS, ["06709", None, None, D(2022, 5, 2), "Bưu chính", "Lý Văn Nam", "Khu 1", "Phản ánh",
                             "Đèn đường hỏng", None, None, None, None, "Chưa xử lý"]]
    (tmp_path / "don-thu.xlsx").write_bytes(xlsx_bytes(rows))
    page.set_input_files("input[type=file]", str(tmp_path / "don-thu.xlsx"))
    with page.expect_navigation():
        page.click("form[enctype='multipart/form-data'] input[type=submit]")
    assert page.locator("input[type=submit][name=confirm]").count() == 1, page.text_content("#content")[:1500]
    with page.expect_navigation():
        page.click("input[type=submit][name=confirm]")
    assert Letter.objects.filter(content="Đèn đường hỏng").exists()

    # The ward upload: choose a file, preview, and the language switch (a select that submits its form).
    visit(page, f"{base}/admin/reports/wardreport/upload/")
    (tmp_path / "van-ninh.xlsx").write_bytes(ward_workbook(unit_code="06748"))
    page.set_input_files("input[type=file]", str(tmp_path / "van-ninh.xlsx"))
    with page.expect_navigation():
        page.click("input[type=submit][value='Kiểm tra và xem trước']")
    assert "Hợp lệ, sẽ nhập" in page.content()
    with page.expect_navigation():
        page.select_option("#language-select", "en")
    assert page.locator("html").get_attribute("lang") == "en"

    assert page.violations() == [], "\n".join(page.violations())
