"""Shared fixtures: reference data once per session, and the personas of CONVENTIONS §9."""
import pytest
from django.core.management import call_command

from apps.core.choices import Role


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_reference_data", province=["22"], verbosity=0)


@pytest.fixture(autouse=True)
def vietnamese_after_each_test():
    """A request in English leaves the test thread's language at English; put the site's language
    back, so the next test (a command, a workbook, a page) sees what a fresh process would."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


def ensure_reference_data():
    """Transactional tests flush the database; put the reference data back when it is gone."""
    from apps.core.models import Council

    if not Council.objects.exists():
        call_command("load_reference_data", province=["22"], verbosity=0)


def council(code, on_or_before_2025=True):
    from apps.core.models import Council

    ensure_reference_data()

    qs = Council.objects.select_related("admin_unit").filter(admin_unit__code=code)
    return qs.filter(admin_unit__valid_from__isnull=True).get() if on_or_before_2025 else qs.exclude(admin_unit__valid_from__isnull=True).get()


def make_user(username, code, role):
    from django.contrib.auth import get_user_model

    from apps.core import roles
    from apps.core.models import StaffProfile

    user = get_user_model().objects.create_user(username, password="pw-Strong-2022", is_staff=True)
    StaffProfile.objects.create(user=user, council=council(code), role=role)
    user.groups.add(roles.group_for(role))
    return user


@pytest.fixture
def city(db):
    return council("194")


@pytest.fixture
def ward(db):
    """Phường Ka Long (06709), before the 2025 reorganisation."""
    return council("06709")


@pytest.fixture
def other_ward(db):
    """Phường Trần Phú (06712)."""
    return council("06712")


@pytest.fixture
def secretariat_clerk(db):
    return make_user("vanphong_t", "194", Role.SECRETARIAT)


@pytest.fixture
def ward_clerk(db):
    return make_user("kalong_t", "06709", Role.WARD)


@pytest.fixture
def other_ward_clerk(db):
    return make_user("tranphu_t", "06712", Role.WARD)


@pytest.fixture
def leader(db):
    return make_user("lanhdao_t", "194", Role.LEADER)


@pytest.fixture
def superuser(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("root_t", "root@example.invalid", "pw-Strong-2022")


@pytest.fixture
def personas(secretariat_clerk, ward_clerk, other_ward_clerk, leader, superuser):
    return {
        "secretariat": secretariat_clerk, "ward": ward_clerk, "other_ward": other_ward_clerk,
        "leader": leader, "superuser": superuser,
    }


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client logged in as that user."""

    def login(user):
        client.force_login(user)
        return client

    return login


# ---------------------------------------------------------------------------
# Transactional tests (live server, concurrency) flush the database after each
# test; they run last (pytest-django orders them so) and reload reference data.
# ---------------------------------------------------------------------------
@pytest.fixture
def reference_data(transactional_db):
    ensure_reference_data()


# ---------------------------------------------------------------------------
# Browser tests: headless Chromium (Debian package) driven by Playwright.
# ---------------------------------------------------------------------------
import os  # noqa: E402
import shutil  # noqa: E402

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


def chromium_path():
    for candidate in (os.environ.get("CHROMIUM_PATH"),) + CHROMIUM_CANDIDATES:
        if candidate and os.path.exists(candidate):
            return candidate
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if not executable:
        message = "Chromium không có trên máy (apt-get install chromium): bỏ qua kiểm thử trình duyệt."
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message.replace("bỏ qua", "CI bắt buộc chạy"))
        pytest.skip(message)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - dev requirement
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"playwright chưa cài: {exc}")
        pytest.skip(f"playwright chưa cài: {exc}")
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by
    # the test itself are still synchronous, so allow them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as pw:
        instance = pw.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server, reference_data, tmp_path):
    context = browser.new_context(locale="vi-VN", accept_downloads=True, viewport={"width": 1366, "height": 900})
    context.set_default_timeout(15000)
    pg = context.new_page()
    yield pg
    if os.environ.get("BROWSER_SCREENSHOTS"):
        out = os.path.join(os.environ["BROWSER_SCREENSHOTS"])
        os.makedirs(out, exist_ok=True)
        pg.screenshot(path=os.path.join(out, f"{os.environ.get('PYTEST_CURRENT_TEST', 'page').split(':')[-1].split(' ')[0]}.png"), full_page=True)
    context.close()


def login(page, live_server, user, password="pw-Strong-2022"):
    """Log in through the real admin login form (axes and CSRF included)."""
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


@pytest.fixture(name="login")
def login_fixture():
    return login
