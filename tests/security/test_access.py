"""CSRF on admin POSTs, brute-force lockout, open redirects on login, other councils' records."""
import pytest
from django.contrib import admin
from django.test import Client

from apps.core.models import Body

from .helpers import admin_url, export_xlsx

PASSWORD = "pw-Strong-2022"  # tests/conftest.py personas


# --- CSRF ---------------------------------------------------------------------------------------
@pytest.fixture
def csrf_client(superuser):
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)
    return client


@pytest.mark.parametrize("view", ["add", "import", "export"])
def test_an_admin_post_without_the_csrf_token_is_refused(csrf_client, ward, view):
    before = Body.objects.count()

    response = csrf_client.post(admin_url(Body, view), {"council": ward.pk, "name": "Ban giả mạo", "kind": "khac"})

    assert response.status_code == 403
    assert Body.objects.count() == before


def test_an_admin_post_with_the_csrf_token_is_accepted(csrf_client, ward):
    csrf_client.get(admin_url(Body, "add"))
    token = csrf_client.cookies["csrftoken"].value

    response = csrf_client.post(admin_url(Body, "add"), {
        "council": ward.pk, "name": "Ban thật", "kind": "khac", "csrfmiddlewaretoken": token,
    })

    assert response.status_code == 302
    assert Body.objects.filter(name="Ban thật").exists()


def test_logging_in_without_the_csrf_token_is_refused(ward_clerk):
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "kalong_t", "password": PASSWORD})

    assert response.status_code == 403


# --- brute force (django-axes) -------------------------------------------------------------------
def attempt(client, username, password, address="203.0.113.7"):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password},
                       REMOTE_ADDR=address)


def test_repeated_failed_logins_lock_the_account_at_that_address(settings, ward_clerk):
    client = Client()
    statuses = [attempt(client, "kalong_t", f"sai-{i}").status_code for i in range(settings.AXES_FAILURE_LIMIT)]

    assert statuses[:-1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert statuses[-1] == 429
    locked = attempt(client, "kalong_t", PASSWORD)
    assert locked.status_code == 429
    assert "bị khóa" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_does_not_block_the_same_user_from_another_address(settings, ward_clerk):
    for i in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(), "kalong_t", f"sai-{i}")

    response = attempt(Client(), "kalong_t", PASSWORD, address="198.51.100.20")

    assert response.status_code == 302


def test_behind_the_proxy_the_lockout_uses_the_forwarded_client_address(settings, ward_clerk):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for i in range(settings.AXES_FAILURE_LIMIT):
        Client().post("/admin/login/", {"username": "kalong_t", "password": f"sai-{i}"},
                      REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")

    from axes.models import AccessAttempt

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.9"]
    other = Client().post("/admin/login/?next=/admin/", {"username": "kalong_t", "password": PASSWORD},
                          REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert other.status_code == 302


def test_reaching_gunicorn_directly_a_rotating_forwarded_header_does_not_avoid_the_lockout(settings, ward_clerk):
    # The two-host set-up: gunicorn listens on the private network, only 10.0.0.10 is our proxy.
    # (TRUSTED_PROXY_COUNT = 1 was the documented set-up before; it no longer decides anything.)
    settings.TRUSTED_PROXIES, settings.TRUSTED_PROXY_COUNT = ["10.0.0.10"], 1
    statuses = [
        Client().post("/admin/login/?next=/admin/", {"username": "kalong_t", "password": f"sai-{i}"},
                      REMOTE_ADDR="10.0.0.66", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}").status_code
        for i in range(40)
    ]

    assert statuses.count(429) == 40 - settings.AXES_FAILURE_LIMIT + 1
    from axes.models import AccessAttempt

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.66"}


def test_failures_sent_in_a_victims_name_do_not_lock_the_victim_out(settings, ward_clerk):
    settings.TRUSTED_PROXIES, settings.TRUSTED_PROXY_COUNT = ["10.0.0.10"], 1
    for i in range(settings.AXES_FAILURE_LIMIT):
        Client().post("/admin/login/", {"username": "kalong_t", "password": f"sai-{i}"},
                      REMOTE_ADDR="10.0.0.66", HTTP_X_FORWARDED_FOR="203.0.113.50")

    victim = Client().post("/admin/login/?next=/admin/", {"username": "kalong_t", "password": PASSWORD},
                           REMOTE_ADDR="10.0.0.10", HTTP_X_FORWARDED_FOR="203.0.113.50")

    assert victim.status_code == 302


@pytest.mark.parametrize("proxies, remote, forwarded, expected", [
    ([], "203.0.113.7", "198.51.100.1", "203.0.113.7"),  # no proxy configured: the header is ignored
    (["127.0.0.1"], "127.0.0.1", "198.51.100.1", "198.51.100.1"),
    (["127.0.0.1"], "127.0.0.1", "1.2.3.4, 198.51.100.1", "198.51.100.1"),  # the client wrote the left part
    (["10.0.0.0/24"], "10.0.0.10", "198.51.100.1, 10.0.0.11", "198.51.100.1"),  # two proxies of ours
    (["10.0.0.10"], "10.0.0.10", "nonsense", "10.0.0.10"),
    (["10.0.0.10"], "10.0.0.10", "", "10.0.0.10"),
    (["::1"], "::1", "2001:db8::5", "2001:db8::5"),
])
def test_the_client_address_is_read_from_the_header_only_through_our_proxies(settings, proxies, remote, forwarded,
                                                                            expected):
    from django.test import RequestFactory

    from apps.core.audit import client_ip

    settings.TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected


def test_administrators_see_the_lockout_in_the_admin(settings, client_for, superuser, ward_clerk):
    for i in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(), "kalong_t", f"sai-{i}")
    from axes.models import AccessAttempt

    assert AccessAttempt in admin.site._registry
    page = client_for(superuser).get("/admin/axes/accessattempt/")

    assert page.status_code == 200
    assert "kalong_t" in page.content.decode()
    assert "203.0.113.7" in page.content.decode()


def test_clerks_cannot_see_the_lockouts(settings, client, ward_clerk, secretariat_clerk):
    for user in (ward_clerk, secretariat_clerk):
        client.force_login(user)
        assert client.get("/admin/axes/accessattempt/").status_code == 403


# --- open redirect on login ------------------------------------------------------------------------
@pytest.mark.parametrize("target", [
    "https://evil.example/", "//evil.example/admin/", "http:evil.example", "\\\\evil.example", "/\\evil.example",
])
def test_login_never_redirects_to_another_site(ward_clerk, target):
    response = Client().post(f"/admin/login/?next={target}", {"username": "kalong_t", "password": PASSWORD,
                                                             "next": target})

    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


# --- other councils ---------------------------------------------------------------------------------
@pytest.fixture
def other_body(other_ward):
    return Body.objects.create(council=other_ward, name="Ban của phường Trần Phú", kind="khac")


def test_another_councils_record_is_not_reachable(client_for, ward_clerk, other_body):
    client = client_for(ward_clerk)

    assert "Ban của phường Trần Phú" not in client.get(admin_url(Body, "changelist")).content.decode()
    change = client.get(admin_url(Body, "change", other_body.pk))
    assert change.status_code in (302, 404)
    assert "Ban của phường Trần Phú" not in change.content.decode()
    assert client.get(admin_url(Body, "history", other_body.pk)).status_code == 404
    assert client.get(admin_url(Body, "delete", other_body.pk)).status_code in (302, 404)
    client.post(admin_url(Body, "change", other_body.pk), {"name": "Đã bị sửa", "kind": "khac"})
    other_body.refresh_from_db()
    assert other_body.name == "Ban của phường Trần Phú"


def test_another_councils_record_is_not_exported(client_for, ward_clerk, other_body):
    import io

    import openpyxl

    content = export_xlsx(client_for(ward_clerk), Body)

    values = {c.value for row in openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows() for c in row}
    assert "Ban của phường Trần Phú" not in values


# --- import/export permissions are explicit ---------------------------------------------------------
def register_models():
    from apps.core.admin_base import CouncilOwnedAdmin

    return sorted((m for m, a in admin.site._registry.items() if isinstance(a, CouncilOwnedAdmin)),
                  key=lambda m: m._meta.label)


@pytest.mark.parametrize("model", register_models(), ids=lambda m: m._meta.label)
def test_a_leader_exports_what_they_read_but_never_imports(client_for, leader, model):
    client = client_for(leader)

    assert client.get(admin_url(model, "changelist")).status_code == 200
    assert client.get(admin_url(model, "import")).status_code == 403
    exportable = bool(admin.site._registry[model].get_export_formats())
    assert client.get(admin_url(model, "export")).status_code == (200 if exportable else 403)
