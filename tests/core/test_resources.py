"""Bodies and delegates travel through xlsx by business key (council code + name), never by database id."""
import io

import pytest
from openpyxl import load_workbook

from apps.core.models import Body, Council, Delegate, Term
from apps.core.resources import BodyResource, DelegateResource
from tests.sittings.xlsx import export_bytes, import_bytes, row_errors, workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def mong_cai_2(ward):
    """The council that took over Ka Long's unit code 06709 on 01/07/2025."""
    return Council.objects.exclude(pk=ward.pk).get(admin_unit__code="06709")


def term_of(council):
    return Term.objects.filter(council=council).first() or Term.objects.create(
        council=council, name="Khóa thử", start_date="2021-07-01")


@pytest.fixture
def rows(ward, other_ward, mong_cai_2):
    # Same names in the two councils of code 06709, different content: a row read into the wrong one changes it.
    for council, kind, position in ((ward, "ban_kt_xh", "Chủ tịch"), (other_ward, "ban_kt_xh", "Chủ tịch"),
                                    (mong_cai_2, "khac", "Ủy viên")):
        Body.objects.create(council=council, name="Ban Kinh tế – Xã hội thử", kind=kind)
        Delegate.objects.create(council=council, term=term_of(council), full_name="Nguyễn Văn Thử",
                                position=position, is_full_time=True)


def headers(data):
    return [c.value for c in next(load_workbook(io.BytesIO(data)).active.iter_rows())]


@pytest.mark.parametrize("resource,model", [(BodyResource, Body), (DelegateResource, Delegate)],
                         ids=["Body", "Delegate"])
def test_export_then_import_changes_nothing_even_with_a_reused_unit_code(superuser, rows, resource, model):
    before = sorted(model.objects.values_list("pk", "council_id", "updated_at"))
    data = export_bytes(resource, superuser)

    result = import_bytes(resource, superuser, data)

    assert not row_errors(result), row_errors(result)
    assert {r.import_type for r in result.rows} == {"skip"}
    assert sorted(model.objects.values_list("pk", "council_id", "updated_at")) == before


@pytest.mark.parametrize("resource", [BodyResource, DelegateResource], ids=["Body", "Delegate"])
def test_no_database_id_or_user_in_the_export(superuser, rows, resource):
    columns = headers(export_bytes(resource, superuser))

    assert "Mã đơn vị" in columns and "Tên HĐND" in columns
    assert not {"id", "ID", "created_by", "updated_by"} & set(columns)


def test_a_ward_clerk_leaving_the_code_empty_imports_into_their_own_council(ward_clerk, ward):
    data = workbook(["Mã đơn vị", "Tên cơ quan", "Loại"], [[None, "Tổ đại biểu số 9", "Tổ đại biểu"]])

    result = import_bytes(BodyResource, ward_clerk, data)

    assert not row_errors(result), row_errors(result)
    assert Body.objects.get(name="Tổ đại biểu số 9").council == ward


def test_a_delegate_is_changed_by_council_term_and_name(ward_clerk, ward, rows):
    term = term_of(ward).name
    data = workbook(["Mã đơn vị", "Khóa", "Họ và tên", "Chức vụ, nơi công tác"],
                    [["06709", term, "Nguyễn Văn Thử", "Phó Chủ tịch"]])

    result = import_bytes(DelegateResource, ward_clerk, data)

    assert not row_errors(result), row_errors(result)
    assert Delegate.objects.get(council=ward, full_name="Nguyễn Văn Thử").position == "Phó Chủ tịch"
    assert Delegate.objects.filter(full_name="Nguyễn Văn Thử").count() == 3


def test_a_file_with_one_bad_row_writes_nothing(ward_clerk, ward):
    before = Body.objects.count()
    data = workbook(["Mã đơn vị", "Tên cơ quan", "Loại"],
                    [["06709", "Ban mới", "Khác"], ["06712", "Ban của phường khác", "Khác"],
                     ["06709", "Ban sai loại", "Không có loại này"]])

    result = import_bytes(BodyResource, ward_clerk, data)

    errors = row_errors(result)
    assert any("không phải HĐND mà bạn được phép" in e for e in errors)
    assert any("Loại «Không có loại này» không hợp lệ" in e for e in errors)
    assert Body.objects.count() == before


def test_an_unknown_term_is_a_row_error_on_its_column(ward_clerk, ward):
    data = workbook(["Mã đơn vị", "Khóa", "Họ và tên"], [["06709", "Khóa không có", "Trần Thị Mới"]])

    result = import_bytes(DelegateResource, ward_clerk, data)

    assert any("term: Không tìm thấy khóa «Khóa không có»" in e for e in row_errors(result)), row_errors(result)
    assert not Delegate.objects.filter(full_name="Trần Thị Mới").exists()
