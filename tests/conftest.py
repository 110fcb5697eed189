"""Shared fixtures: reference data once per session, and the personas of CONVENTIONS §9."""
import pytest
from django.core.management import call_command

from apps.core.choices import Role


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0)


def council(code, on_or_before_2025=True):
    from apps.core.models import Council

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
