"""Accounts: password rules, the session idle timeout, lockouts visible to the administrator group."""
import pytest
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from apps.core.roles import GROUP_NAMES


@pytest.mark.parametrize("password", ["Ngan-1234", "password1234", "1234567890123", "kalong_t2022"])
def test_weak_passwords_are_refused(django_user_model, password):
    user = django_user_model(username="kalong_t2022")

    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_long_uncommon_password_is_accepted(django_user_model):
    validate_password("Hồ-sơ-HĐND-Quảng-Ninh-2025", django_user_model(username="vanphong"))


def test_a_session_ends_after_the_idle_time_and_activity_extends_it(settings, client_for, ward_clerk):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(ward_clerk)
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert not settings.SESSION_EXPIRE_AT_BROWSER_CLOSE

    # Signing in wrote the session (and counts as its first extension): within the minute, pages are read
    # without writing it again.
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    client.get("/admin/")
    with CaptureQueriesContext(connection) as ctx:
        second = client.get("/admin/")
    assert "sessionid" not in second.cookies
    assert not [q for q in ctx.captured_queries if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")]

    # A minute later the next request extends the session: cookie and row, to a full idle time again.
    session = client.session
    session["_touched"] -= settings.SESSION_TOUCH_SECONDS
    session.save()
    third = client.get("/admin/")
    assert third.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_the_administrator_group_sees_and_clears_lockouts(settings, client, django_user_model, ward_clerk):
    from django.core.management import call_command

    if not Group.objects.filter(name=GROUP_NAMES["admin"]).exists():
        call_command("load_reference_data", province=["22"], verbosity=0)
    for i in range(settings.AXES_FAILURE_LIMIT):
        Client().post("/admin/login/", {"username": "kalong_t", "password": f"sai-{i}"}, REMOTE_ADDR="203.0.113.7")
    administrator = django_user_model.objects.create_user("quantri_t", password="pw-Strong-2022", is_staff=True)
    administrator.groups.add(Group.objects.get(name=GROUP_NAMES["admin"]))
    client.force_login(administrator)

    page = client.get("/admin/axes/accessattempt/")

    assert page.status_code == 200 and "kalong_t" in page.content.decode()
