import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.core.models import StaffProfile

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_it_creates_a_ward_clerk_in_the_current_council(capsys):
    call_command("create_council_user", "mc2", "--council", "06709", "--role", "ward", "--password", "Mong-Cai-2025!")
    profile = StaffProfile.objects.get(user__username="mc2")
    assert profile.council.name == "HĐND phường Móng Cái 2" and profile.role == "ward"
    assert profile.user.groups.filter(name="Công chức HĐND cấp xã").exists()
    assert profile.user.check_password("Mong-Cai-2025!")
    assert "Đã tạo tài khoản «mc2»" in capsys.readouterr().out


def test_on_date_picks_the_council_of_that_time():
    call_command("create_council_user", "kl", "--council", "6709", "--role", "secretariat", "--on", "2022-03-01")
    assert StaffProfile.objects.get(user__username="kl").council.name == "HĐND phường Ka Long"


@pytest.mark.parametrize("args, message", [
    (["--council", "99999", "--role", "ward"], "Không có HĐND nào với mã đơn vị «99999»"),
    (["--council", "194", "--role", "boss"], "Vai trò «boss» không hợp lệ"),
    (["--council", "194", "--role", "ward", "--on", "2025-08-01"], "không có HĐND nào vào ngày 01/08/2025"),
    (["--council", "194", "--role", "ward", "--password", "123"], "Mật khẩu"),
    (["--council", "194", "--role", "ward", "--on", "hôm qua"], "Ngày «hôm qua» không hợp lệ"),
])
def test_refused_calls_write_nothing(args, message):
    users, profiles = User.objects.count(), StaffProfile.objects.count()
    with pytest.raises(CommandError, match=message):
        call_command("create_council_user", "newbie", *args)
    assert (User.objects.count(), StaffProfile.objects.count()) == (users, profiles)


def test_an_existing_username_is_refused():
    User.objects.create_user("taken")
    with pytest.raises(CommandError, match="Tên đăng nhập «taken» đã có"):
        call_command("create_council_user", "taken", "--council", "194", "--role", "ward")
    assert not StaffProfile.objects.filter(user__username="taken").exists()


def test_seed_demo_creates_accounts_for_every_role(capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    for username in ("admin", "vanphong", "lanhdao", "kalong", "tranphu"):
        assert username in out
    roles = set(StaffProfile.objects.values_list("role", flat=True))
    assert {"secretariat", "ward", "leader"} <= roles


def test_seed_demo_refuses_negative_scale():
    with pytest.raises(CommandError, match="--scale"):
        call_command("seed_demo", "--scale", "0")
