"""No lost updates through imports: a row edited in an old export does not overwrite a newer record.

The attack: the secretariat clerk exports the petitions on Monday and types notes into the file; on
Tuesday a colleague saves an answer in the admin; on Wednesday the file is imported. Without a check
the import writes Monday's empty answer back over Tuesday's and nobody is told.
"""
import io

import pytest
from openpyxl import load_workbook

from apps.core.import_versions import VERSION_COLUMN
from apps.petitions.models import Petition
from apps.core.importbatch import BatchedResource
from apps.core.importexport import CouncilScopedResource
from apps.sittings.models import Resolution
from apps.sittings.resources import ResolutionResource, SittingResource

from ..conftest import make_user
from ..reception.helpers import make_petition
from ..security.helpers import export_xlsx, import_confirm, import_preview
from ..sittings import factories
from ..sittings.xlsx import export_bytes, import_bytes, row_errors, workbook
from .test_lost_updates import open_change_page, save

pytestmark = pytest.mark.django_db


def read(content):
    sheet = load_workbook(io.BytesIO(content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    return rows[0], rows[1:]


def write(headers, rows):
    return workbook(headers, rows)


def edit(content, column, value, where=None):
    """The clerk's edit in Excel: ``column`` set to ``value`` on every row (or the rows ``where`` says)."""
    headers, rows = read(content)
    at = headers.index(column)
    for row in rows:
        if where is None or where(dict(zip(headers, row))):
            row[at] = value
    return write(headers, rows)


@pytest.fixture
def colleague(db):
    return make_user("vanphong2_t", "194", "secretariat")


def answer_in_the_admin(client, user, petition, text):
    data = open_change_page(client, user, petition)
    assert save(client, user, petition, {**data, "answer": text, "answered_date": "20/04/2022"}).status_code == 302


def test_an_export_ends_with_each_records_version_which_the_clerk_is_told_not_to_edit(
        client, secretariat_clerk, ward):
    petition = make_petition(ward)
    client.force_login(secretariat_clerk)
    headers, rows = read(export_xlsx(client, Petition))
    assert headers[-1] == VERSION_COLUMN
    assert rows[0][-1] == Petition.objects.get(pk=petition.pk).updated_at.isoformat()


def test_a_file_exported_before_a_colleague_answered_cannot_wipe_the_answer(
        client, secretariat_clerk, colleague, ward):
    petition = make_petition(ward)
    untouched = make_petition(ward, content="Đề nghị nạo vét mương thoát nước khu 2.")
    client.force_login(secretariat_clerk)
    exported = export_xlsx(client, Petition)
    answer_in_the_admin(client, colleague, petition, "UBND phường đã lắp 12 đèn chiếu sáng.")

    typed = edit(exported, "Ghi chú", "Cử tri hỏi lại tại kỳ họp")
    client.force_login(secretariat_clerk)
    preview = import_preview(client, Petition, typed)

    result = preview.context["result"]
    assert result.has_validation_errors() and preview.context.get("confirm_form") is None
    page = preview.content.decode()
    assert "Hồ sơ này đã được sửa sau khi tệp được xuất" in page
    assert "vanphong2_t đã lưu lúc" in page
    assert "«—» → «UBND phường đã lắp 12 đèn chiếu sáng.»" in page
    assert VERSION_COLUMN in page
    [refused] = result.invalid_rows
    assert refused.values[headers_index(exported, "Mã kiến nghị")] == petition.code
    petition.refresh_from_db()
    untouched.refresh_from_db()
    assert petition.answer == "UBND phường đã lắp 12 đèn chiếu sáng." and petition.note == ""
    assert untouched.note == ""  # all or nothing: the good row is not written either


def headers_index(content, column):
    return read(content)[0].index(column)


def test_rows_of_records_nobody_changed_import_as_before(client, secretariat_clerk, ward):
    petition = make_petition(ward)
    client.force_login(secretariat_clerk)
    typed = edit(export_xlsx(client, Petition), "Ghi chú", "Đã đôn đốc")
    preview = import_preview(client, Petition, typed)
    assert not preview.context["result"].has_validation_errors()
    assert import_confirm(client, Petition, preview).status_code == 302
    petition.refresh_from_db()
    assert petition.note == "Đã đôn đốc"


def test_a_row_the_import_would_not_change_is_not_refused(client, secretariat_clerk, colleague, ward):
    petition = make_petition(ward)
    client.force_login(secretariat_clerk)
    exported = export_xlsx(client, Petition)
    data = open_change_page(client, colleague, petition)  # a save that changes nothing shown in the file
    assert save(client, colleague, petition, data).status_code == 302

    client.force_login(secretariat_clerk)
    preview = import_preview(client, Petition, exported)
    result = preview.context["result"]
    assert not result.has_validation_errors() and result.totals["skip"] == 1


def test_an_older_file_without_the_version_column_imports_as_before(client, secretariat_clerk, colleague, ward):
    petition = make_petition(ward)
    client.force_login(secretariat_clerk)
    exported = export_xlsx(client, Petition)
    answer_in_the_admin(client, colleague, petition, "Đã trả lời")
    headers, rows = read(edit(exported, "Ghi chú", "Ghi chú mới"))
    older = write(headers[:-1], [row[:-1] for row in rows])

    client.force_login(secretariat_clerk)
    preview = import_preview(client, Petition, older)
    assert not preview.context["result"].has_validation_errors()
    assert import_confirm(client, Petition, preview).status_code == 302
    assert Petition.objects.get(pk=petition.pk).note == "Ghi chú mới"


def test_emptying_the_version_cell_overwrites_on_purpose(client, secretariat_clerk, colleague, ward):
    petition = make_petition(ward)
    client.force_login(secretariat_clerk)
    exported = export_xlsx(client, Petition)
    answer_in_the_admin(client, colleague, petition, "Đã trả lời")
    typed = edit(edit(exported, "Ghi chú", "Ghi đè có chủ ý"), VERSION_COLUMN, None)

    client.force_login(secretariat_clerk)
    preview = import_preview(client, Petition, typed)
    assert import_confirm(client, Petition, preview).status_code == 302
    assert Petition.objects.get(pk=petition.pk).note == "Ghi đè có chủ ý"


def test_new_rows_in_a_file_with_the_version_column_are_added(client, secretariat_clerk, ward):
    make_petition(ward)
    client.force_login(secretariat_clerk)
    headers, rows = read(export_xlsx(client, Petition))
    new = list(rows[0])  # a copy of the row above, as a new petition: no code, no version
    for column, value in {"Mã kiến nghị": None, VERSION_COLUMN: None,
                          "Nội dung kiến nghị": "Đề nghị sửa cống khu 3."}.items():
        new[headers.index(column)] = value
    preview = import_preview(client, Petition, write(headers, rows + [new]))
    assert not preview.context["result"].has_validation_errors()
    assert import_confirm(client, Petition, preview).status_code == 302
    assert Petition.objects.filter(content="Đề nghị sửa cống khu 3.").count() == 1


class ResolutionsRowByRow(CouncilScopedResource):
    """Every register import now writes in batches; the row-by-row path (CouncilScopedResource, which a
    register without batching would use) is checked through this resource, with resolutions' own columns."""

    number = ResolutionResource.fields["number"]
    adopted_date = ResolutionResource.fields["adopted_date"]
    summary = ResolutionResource.fields["summary"]
    votes_for = ResolutionResource.fields["votes_for"]

    class Meta:
        model = Resolution
        fields = ("council", "number", "adopted_date", "summary", "votes_for")
        import_id_fields = ("council", "number", "adopted_date")


@pytest.mark.parametrize("register", ["sittings (batched)", "resolutions (row by row)"])
def test_every_import_path_refuses_a_stale_row_the_same_way(secretariat_clerk, ward, register):
    if register.startswith("sittings"):
        resource, record, attribute = SittingResource, factories.sitting(ward, venue="Hội trường UBND phường"), "venue"
        typed_column = "Ghi chú"
    else:
        resource, attribute = ResolutionsRowByRow, "summary"
        record = factories.resolution(ward, summary="Hội trường UBND phường")
        typed_column = "Tán thành"
    assert isinstance(resource(user=secretariat_clerk), BatchedResource) == register.startswith("sittings")
    exported = export_bytes(resource, secretariat_clerk)
    setattr(record, attribute, "Nhà văn hóa khu 5")
    record.save()

    typed = edit(exported, typed_column, "Họp bất thường" if typed_column == "Ghi chú" else 25)
    result = import_bytes(resource, secretariat_clerk, typed)

    errors = row_errors(result)
    assert len(errors) == 1 and "đã được sửa sau khi tệp được xuất" in errors[0]
    assert "«Hội trường UBND phường» → «Nhà văn hóa khu 5»" in errors[0]
    record.refresh_from_db()
    assert getattr(record, attribute) == "Nhà văn hóa khu 5"
    assert type(record).objects.count() == 1


def test_a_ward_clerk_is_told_of_a_change_to_a_sealed_identity_without_reading_it(
        client, secretariat_clerk, ward_clerk, ward):
    from apps.reception.models import Letter

    from ..reception.helpers import make_letter

    letter = make_letter(ward, content_type="to_cao", sender_name="Ngô Văn Bí Mật")
    client.force_login(ward_clerk)
    exported = export_xlsx(client, Letter)
    assert "Bí Mật" not in str(read(exported))
    current = open_change_page(client, secretariat_clerk, letter)
    assert save(client, secretariat_clerk, letter,
                {**current, "sender_name": "Ngô Văn Đổi Tên", "note": "Đã xác minh"}).status_code == 302

    client.force_login(ward_clerk)
    preview = import_preview(client, Letter, edit(exported, "Ghi chú", "Ghi chú của phường"))

    page = preview.content.decode()
    assert "Hồ sơ này đã được sửa sau khi tệp được xuất" in page and "Đã xác minh" in page
    assert "Bí Mật" not in page and "Đổi Tên" not in page and "trường bạn không xem được" in page
    assert Letter.objects.get(pk=letter.pk).note == "Đã xác minh"
