import datetime

import pytest
from django.db.models import F
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from apps.core import unitcodes
from apps.core.models import AdminUnit, Agency, Body, Council, DeadlineRule, Field, Holiday, ReportingPeriod, Term

pytestmark = pytest.mark.django_db
MODELS = [AdminUnit, Council, Term, Body, Agency, Field, Holiday, DeadlineRule, ReportingPeriod, Group, Permission]


def counts():
    return {m.__name__: m.objects.count() for m in MODELS}


def test_a_second_run_changes_nothing(capsys):
    before = counts()
    call_command("load_reference_data", province=["22"])
    assert counts() == before
    assert "0 bản ghi mới hoặc thay đổi" in capsys.readouterr().out


def test_mong_cai_has_17_ward_councils_in_2022():
    city = Council.objects.get(admin_unit__code="194")
    period = ReportingPeriod.objects.from_code("2022-H1")
    wards = list(city.wards_in(period))
    assert len(wards) == 17
    assert {w.admin_unit.code for w in wards} >= {"06709", "06742", "06748"}


def test_hoa_lac_is_gone_from_2025_reports():
    city = Council.objects.get(admin_unit__code="194")
    codes = {w.admin_unit.code for w in city.wards_in(ReportingPeriod.objects.from_code("2025-H1"))}
    assert "06718" not in codes and len(codes) == 16


def test_reused_code_names_two_units_told_apart_by_valid_from():
    old, new = AdminUnit.objects.filter(code="06709").order_by(F("valid_from").asc(nulls_first=True))
    assert {old.name, new.name} == {"Phường Ka Long", "Phường Móng Cái 2"}
    assert old.valid_to == datetime.date(2025, 6, 30) and new.valid_from == datetime.date(2025, 7, 1)
    assert new in old.successors.all()
    assert set(new.predecessors.values_list("name", flat=True)) == {"Phường Ka Long", "Phường Ninh Dương", "Xã Vạn Ninh"}
    assert unitcodes.council_on("06709", datetime.date(2022, 3, 1)).name == "HĐND phường Ka Long"
    assert unitcodes.council_on("6709", datetime.date(2025, 8, 1)).name == "HĐND phường Móng Cái 2"


def test_new_units_hang_under_the_province():
    council = unitcodes.council_on("06712", datetime.date(2025, 7, 1))
    assert council.parent.admin_unit.code == "22"


def test_holidays_and_make_up_days_loaded():
    assert Holiday.objects.get(date=datetime.date(2026, 1, 10)).kind == "compensatory_workday"
    assert Holiday.objects.filter(date__year=2022, kind="holiday").count() >= 15


def test_deadline_rules_carry_versions_and_verification_marks():
    versions = DeadlineRule.objects.filter(code="complaint_acceptance").order_by(F("effective_from").asc(nulls_first=True))
    assert [(r.days, r.day_type, r.status) for r in versions] == [(10, "calendar", "confirmed"), (7, "working", "reported")]
    assert DeadlineRule.objects.get(code="letter_processing").status == "unverified"


def test_roles_exist_with_permissions():
    from apps.core.roles import GROUP_NAMES

    for name in GROUP_NAMES.values():
        assert Group.objects.filter(name=name).exists()
    leader = Group.objects.get(name=GROUP_NAMES["leader"])
    assert not leader.permissions.filter(codename__startswith="change_").exists()
    assert leader.permissions.filter(codename="view_delegate").exists()
