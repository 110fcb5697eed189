"""gunicorn with two workers serves the Vietnamese admin and its static files with the security headers."""
import re

from .serving import Client


def test_gunicorn_runs_two_workers(servers):
    assert len(servers["a"].worker_pids()) == 2


def test_login_page_is_vietnamese_and_carries_the_security_headers(servers):
    page = Client().get(servers["a"], "/admin/login/")

    assert page.status == 200
    assert "Đăng nhập" in page.text
    assert "Quản lý hồ sơ HĐND" in page.text
    assert page.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "includeSubDomains" in page.headers["Strict-Transport-Security"]
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Referrer-Policy"] == "same-origin"
    csrf = page.cookie("csrftoken")
    assert csrf and "Secure" in csrf and "HttpOnly" in csrf


def test_session_cookie_is_secure_and_http_only(servers):
    client = Client()
    response = client.login(servers["a"])

    assert response.status == 302, response.text[:500]
    session = response.cookie("sessionid")
    assert session and "Secure" in session and "HttpOnly" in session and "SameSite=Lax" in session
    assert client.get(servers["a"], "/admin/").status == 200


def test_plain_http_is_redirected_to_https(servers):
    response = Client().get(servers["a"], "/admin/login/", https=False)

    assert response.status == 301
    assert response.headers["Location"].startswith("https://")


def test_admin_static_files_are_served_by_whitenoise_with_long_caching(servers):
    client = Client()
    page = client.get(servers["a"], "/admin/login/")
    hashed = re.search(r'href="(/static/admin/css/base\.[0-9a-f]{12}\.css)"', page.text)
    assert hashed, "the login page links the hashed (manifest) stylesheet"

    css = client.get(servers["a"], hashed.group(1))

    assert css.status == 200
    assert css.headers["Content-Type"].startswith("text/css")
    assert "immutable" in css.headers["Cache-Control"]
    assert css.headers["X-Content-Type-Options"] == "nosniff"
    assert b"body" in css.body


def test_gzip_is_offered_for_static_files(servers):
    css = Client().get(servers["a"], "/static/admin/css/base.css", headers={"Accept-Encoding": "gzip"})

    assert css.status == 200
    assert css.headers.get("Content-Encoding") == "gzip"


def test_requests_are_written_to_the_access_log(servers):
    Client().get(servers["a"], "/admin/login/")

    assert "/admin/login/" in servers["a"].access_log.read_text()


def test_unknown_host_is_refused(servers):
    response = Client().get(servers["a"], "/admin/login/", headers={"Host": "evil.example"})

    assert response.status == 400


def test_a_missing_page_shows_no_debug_information(servers):
    response = Client().get(servers["a"], "/khong-co-trang-nay/")

    assert response.status == 404
    assert "Traceback" not in response.text and "DEBUG = True" not in response.text
    assert "council.urls" not in response.text
