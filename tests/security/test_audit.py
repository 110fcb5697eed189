"""Who viewed or exported unmasked personal data is logged, and only administrators read the log."""
import pytest
from django.contrib.auth.models import Group
from django.test import RequestFactory

from apps.core.audit import log_sensitive_access
from apps.core.models import Body, SensitiveAccessLog
from apps.core.roles import GROUP_NAMES

LOG_URL = "/admin/core/sensitiveaccesslog/"


@pytest.fixture
def logged(secretariat_clerk, ward):
    body = Body.objects.create(council=ward, name="Hồ sơ tố cáo số 12/2022", kind="khac")
    request = RequestFactory().get("/admin/", REMOTE_ADDR="203.0.113.5")
    return log_sensitive_access(secretariat_clerk, "viewed", body, request=request)


def test_a_view_is_logged_with_user_time_object_and_address(logged, secretariat_clerk):
    row = SensitiveAccessLog.objects.get()

    assert row == logged
    assert row.user == secretariat_clerk and row.username == "vanphong_t"
    assert row.action == "viewed" and row.model == "core.Body"
    assert row.description == "Hồ sơ tố cáo số 12/2022" and row.object_id
    assert row.ip_address == "203.0.113.5"
    assert row.at is not None


def test_an_export_of_a_queryset_is_logged_with_its_size(secretariat_clerk, ward):
    Body.objects.create(council=ward, name="A", kind="khac")
    Body.objects.create(council=ward, name="B", kind="khac")

    row = log_sensitive_access(secretariat_clerk, "exported", Body.objects.filter(council=ward))

    assert row.action == "exported"
    assert row.description.startswith(f"{Body.objects.filter(council=ward).count()} ")
    assert row.ip_address is None


def test_a_plain_description_is_logged(secretariat_clerk):
    row = log_sensitive_access(secretariat_clerk, "exported", "Danh sách người tố cáo 2022-H1 (xlsx)")

    assert row.description == "Danh sách người tố cáo 2022-H1 (xlsx)" and row.model == ""


def test_an_unknown_action_is_refused(secretariat_clerk):
    with pytest.raises(ValueError):
        log_sensitive_access(secretariat_clerk, "edited", "x")


def test_the_row_survives_the_deleted_account(logged, secretariat_clerk):
    secretariat_clerk.delete()

    row = SensitiveAccessLog.objects.get()
    assert row.user is None and row.username == "vanphong_t"


def test_superusers_read_the_log(client_for, superuser, logged):
    page = client_for(superuser).get(LOG_URL)

    assert page.status_code == 200
    assert "Hồ sơ tố cáo số 12/2022" in page.content.decode()


def test_the_administrator_group_reads_the_log(client, logged, django_user_model):
    from django.core.management import call_command

    if not Group.objects.filter(name=GROUP_NAMES["admin"]).exists():
        call_command("load_reference_data", province=["22"], verbosity=0)
    admin_user = django_user_model.objects.create_user("quantri_t", password="pw-Strong-2022", is_staff=True)
    admin_user.groups.add(Group.objects.get(name=GROUP_NAMES["admin"]))
    client.force_login(admin_user)

    assert client.get(LOG_URL).status_code == 200


@pytest.mark.parametrize("persona", ["ward", "secretariat", "leader"])
def test_clerks_and_leaders_cannot_read_the_log(client, personas, logged, persona):
    client.force_login(personas[persona])

    assert client.get(LOG_URL).status_code == 403
    assert client.get(f"{LOG_URL}{logged.pk}/change/").status_code in (302, 403)
    assert "sensitiveaccesslog" not in client.get("/admin/").content.decode()


def test_nobody_can_add_change_or_delete_log_rows(client_for, superuser, logged):
    client = client_for(superuser)

    assert client.get(f"{LOG_URL}add/").status_code == 403
    assert client.get(f"{LOG_URL}{logged.pk}/delete/").status_code == 403
    client.post(f"{LOG_URL}{logged.pk}/change/", {"description": "đã sửa"})
    logged.refresh_from_db()
    assert logged.description == "Hồ sơ tố cáo số 12/2022"
    page = client.get(f"{LOG_URL}{logged.pk}/change/")
    assert page.status_code == 200 and 'name="description"' not in page.content.decode()


def test_an_export_of_a_list_of_records_is_logged_with_its_size_and_ids(secretariat_clerk, ward):
    rows = [Body.objects.create(council=ward, name=f"Hồ sơ {n}", kind="khac") for n in range(7)]

    logged = log_sensitive_access(secretariat_clerk, "exported", rows)

    assert logged.model == "core.Body"
    assert logged.object_id == ",".join(str(r.pk) for r in rows)
    assert logged.description.startswith("7 ") and "Hồ sơ 0" in logged.description and logged.description.endswith("…")


def test_an_empty_export_is_still_logged(secretariat_clerk):
    assert log_sensitive_access(secretariat_clerk, "exported", []).description == "0 bản ghi"
