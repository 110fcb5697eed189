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


def in_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": reverse("admin:index")})
    return client


def test_in_english_the_jobs_and_reminders_pages_speak_english(client_for, ward_clerk):
    client = in_english(client_for(ward_clerk))
    jobs = client.get(reverse("admin:core_jobs")).content.decode()
    assert "You have no background jobs yet." in jobs and "Bạn chưa có công việc nền nào." not in jobs
    assert "Large jobs" in jobs and "Các công việc lớn" not in jobs
    assert "<title>Background jobs |" in jobs
    index = client.get(reverse("admin:index")).content.decode()
    assert "Background jobs (large exports, reports)" in index and "Công việc nền" not in index
    reminders = client.get(reverse("admin:core_reminders")).content.decode()
    assert "Không có việc nào đến hạn" not in reminders
    assert "Nothing is due within the next 7 days or overdue." in reminders


def test_in_english_the_bulk_actions_of_a_register_are_english(client_for, secretariat_clerk):
    import re

    client = in_english(client_for(secretariat_clerk))
    page = client.get(reverse("admin:petitions_petition_changelist")).content.decode()
    actions = dict(re.findall(r'<option value="(bulk_[a-z_]+)">([^<]*)</option>', page))
    assert actions["bulk_assign_agency"] == "Set the handling agency of the selected records…"
    assert actions["bulk_mark_answered"].startswith("Record the reply date of the selected records")
    assert actions["bulk_status_da_giai_quyet"] == "Change status to «Resolved»"


def test_the_english_catalogue_compiles_with_no_message_twice():
    """Two helpers adding the same msgid would make compilemessages fail for everyone."""
    import shutil
    import subprocess
    from pathlib import Path

    if not shutil.which("msgfmt"):
        pytest.skip("msgfmt (gettext) is not installed")
    po = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_in_english_a_bad_period_filter_is_explained_in_english(client_for, ward_clerk):
    from django.conf import settings
    from django.utils import translation

    client = in_english(client_for(ward_clerk))
    page = client.get(reverse("admin:reception_letter_changelist"), {"period": "2022-H9"}).content.decode()
    translation.activate(settings.LANGUAGE_CODE)
    assert "Reporting period «2022-H9» is not valid; write it as 2022-H1, 2022-H2 or 2022-Y." in page
    assert "không hợp lệ; viết theo dạng" not in page
    assert "First half of 2022" in page  # the filter's choices
