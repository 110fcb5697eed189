"""Every council in the country: provinces and communes from the vietnam-provinces package.

The test session loads Quảng Ninh only (tests/conftest.py); one test loads the whole country.
"""
import datetime

import pytest
from django.core.management import CommandError, call_command

from apps.core import unitcodes
from apps.core.models import AdminUnit, Agency, Body, Council, Holiday, Term

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 11, 29)


def current(code):
    return unitcodes.council_on(code, TODAY, among=Council.objects.select_related("parent__admin_unit"))


def test_the_session_holds_quang_ninh_and_its_54_communes_only():
    province = current("22")
    communes = Council.objects.filter(parent=province).valid_on(TODAY)
    assert communes.count() == 54
    assert Council.objects.valid_on(TODAY).count() == 55
    assert not Council.objects.filter(admin_unit__code="01").exists()


def test_mong_cai_2_is_one_unit_with_the_official_code_not_a_duplicate():
    assert AdminUnit.objects.filter(code="06709").count() == 2   # Ka Long until 2025, Móng Cái 2 since
    council = current("06709")
    assert council.name == "HĐND phường Móng Cái 2"
    assert council.parent == current("22")
    assert Council.objects.filter(name="HĐND phường Móng Cái 2").count() == 1


def test_a_commune_from_the_package_hangs_under_its_province_from_the_reform():
    council = Council.objects.get(name="HĐND đặc khu Vân Đồn")
    assert council.level == "xa" and council.admin_unit.valid_from == D(2025, 7, 1)
    assert council.parent == current("22")
    assert Agency.objects.filter(admin_unit=council.admin_unit, name="UBND đặc khu Vân Đồn, tỉnh Quảng Ninh").exists()


def test_every_current_council_has_the_2026_2031_term():
    councils = Council.objects.valid_on(TODAY)
    with_term = councils.filter(terms__reference_key="2026-2031", terms__start_date=D(2026, 3, 15))
    assert with_term.count() == councils.count() == 55


def test_the_2021_2026_term_ends_where_the_council_or_the_term_ended():
    city = Council.objects.get(admin_unit__code="194")
    assert city.terms.get().end_date == D(2025, 6, 30)
    assert not city.terms.filter(reference_key="2026-2031").exists()
    province_term = current("22").terms.get(reference_key="2021-2026")
    assert (province_term.start_date, province_term.end_date) == (D(2021, 5, 23), D(2026, 3, 14))
    successor_term = current("06712").terms.get(reference_key="2021-2026")
    assert (successor_term.start_date, successor_term.end_date) == (D(2025, 7, 1), D(2026, 3, 14))


def test_a_renamed_term_keeps_its_name_when_the_data_is_loaded_again():
    term = current("06712").terms.get(reference_key="2026-2031")
    term.name = "Khóa I (2026–2031)"
    term.save()
    call_command("load_reference_data", province=["22"], verbosity=0)
    assert current("06712").terms.filter(reference_key="2026-2031").get().name == "Khóa I (2026–2031)"
    assert current("06712").terms.count() == 2


def test_bodies_follow_the_level():
    province = set(Body.objects.filter(council=current("22")).values_list("name", flat=True))
    assert {"Ban Kinh tế – Ngân sách", "Ban Văn hóa – Xã hội", "Ban Pháp chế", "Ban Dân tộc"} <= province
    assert "Ban Kinh tế – Xã hội" not in province
    commune = set(Body.objects.filter(council=current("06736")).values_list("name", flat=True))
    assert {"Ban Kinh tế – Xã hội", "Ban Pháp chế"} <= commune
    assert not commune & {"Ban Kinh tế – Ngân sách", "Ban Văn hóa – Xã hội", "Ban Dân tộc"}


def test_a_holiday_note_written_by_an_administrator_is_kept():
    Holiday.objects.filter(date=D(2026, 1, 1)).update(note="Tết Dương lịch 2026 (ghi chú của văn phòng)")
    call_command("load_reference_data", province=["22"], verbosity=0)
    assert Holiday.objects.get(date=D(2026, 1, 1)).note == "Tết Dương lịch 2026 (ghi chú của văn phòng)"


def test_an_unknown_province_is_refused_with_a_clear_message():
    with pytest.raises(CommandError, match="Không có tỉnh mã 23"):
        call_command("load_reference_data", province=["23"], verbosity=0)
    with pytest.raises(CommandError, match="không hợp lệ"):
        call_command("load_reference_data", province=["Quảng Ninh"], verbosity=0)


def test_the_whole_country_loads_in_bulk_and_a_second_run_writes_nothing(capsys, django_assert_max_num_queries):
    # Bulk writes: the number of queries does not grow with the 3,355 councils.
    with django_assert_max_num_queries(1500):
        call_command("load_reference_data")
    assert Council.objects.valid_on(TODAY).count() == 3355
    assert Council.objects.valid_on(TODAY).filter(level="tinh").count() == 34
    assert Council.objects.valid_on(TODAY).filter(level="xa").count() == 3321
    hanoi = current("01")
    assert hanoi.name == "HĐND thành phố Hà Nội"
    assert Council.objects.filter(parent=hanoi).count() == 126
    assert Term.objects.filter(reference_key="2026-2031").count() == 3355
    capsys.readouterr()
    call_command("load_reference_data")
    assert "(0 bản ghi mới hoặc thay đổi)" in capsys.readouterr().out
