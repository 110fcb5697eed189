"""Vietnamese first: the browser's language never switches the admin; the user's choice does."""
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_english_browser_still_gets_the_vietnamese_admin(client):
    response = client.get(reverse("admin:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "vi"
    assert "Đăng nhập" in response.content.decode()


def test_choosing_english_in_the_switch_gives_english(client_for, ward_clerk):
    client = client_for(ward_clerk)
    client.post(reverse("set_language"), {"language": "en", "next": reverse("admin:index")})
    response = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="vi")
    assert response.headers["Content-Language"] == "en"
    client.post(reverse("set_language"), {"language": "vi", "next": reverse("admin:index")})
    assert client.get(reverse("admin:index")).headers["Content-Language"] == "vi"


def test_an_unknown_language_cookie_falls_back_to_vietnamese(client):
    client.cookies["django_language"] = "fr"
    assert client.get(reverse("admin:login")).headers["Content-Language"] == "vi"
