"""Every upload path enforces the size cap and the xlsx checks; file names cannot escape the upload folder."""
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from apps.core.models import Body
from apps.core.uploads import safe_filename

from .helpers import import_preview, preview_files, xlsx_bytes


def zip_bomb():
    """A real-looking package whose one entry inflates far beyond the ratio limit."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<Types><Override ContentType="sheet.main+xml"/></Types>')
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))
    return buffer.getvalue()


def form_errors(response):
    return " ".join(str(e) for e in response.context["form"].errors.get("import_file", []))


@pytest.fixture
def admin_client(client_for, superuser):
    return client_for(superuser)


def csv_renamed():
    return "Tên,Loại\nBan A,khac\n".encode()


def oversize():
    return xlsx_bytes([["Tên"]] + [[f"Ban {i} " + "x" * 100] for i in range(200)])


REFUSED = {
    # upload: (content, words of the Vietnamese reason the clerk must see)
    "csv renamed to xlsx": (csv_renamed, "CSV"),
    "oversize file": (oversize, "quá lớn"),
    "zip bomb": (zip_bomb, "bất thường"),
}

# apps/core/admin_base.py shows a generic "Gặp lỗi 'UploadRejected' khi đọc tệp" and keeps the refused
# file in the preview storage until CouncilOwnedAdmin uses an import form that runs the checks as
# validation (the change is in the issue-7 report). Remove this marker once it is in.


@pytest.fixture
def small_cap(settings, request):
    """A 4 KB cap for the oversize case, so the test need not build a 10 MB workbook."""
    if request.node.callspec.params["kind"] == "oversize file":
        settings.UPLOAD_MAX_BYTES = 4096
        assert len(oversize()) > 4096


@pytest.mark.parametrize("kind", list(REFUSED))
def test_a_bad_register_upload_is_refused_and_nothing_is_written(admin_client, small_cap, kind):
    content, _reason = REFUSED[kind]
    before = Body.objects.count()

    response = import_preview(admin_client, Body, content(), "co-quan.xlsx")

    assert response.status_code == 200
    assert response.context.get("confirm_form") is None
    assert "khi đọc tệp" in form_errors(response) or "Tệp co-quan.xlsx" in form_errors(response)
    assert Body.objects.count() == before


@pytest.mark.parametrize("kind", list(REFUSED))
def test_a_bad_register_upload_names_the_reason_in_vietnamese(admin_client, small_cap, kind):
    content, reason = REFUSED[kind]

    response = import_preview(admin_client, Body, content(), "co-quan.xlsx")

    assert reason in form_errors(response)
    assert "Tệp co-quan.xlsx" in form_errors(response)


def test_a_refused_upload_leaves_no_preview_file_behind(admin_client):
    before = preview_files()

    import_preview(admin_client, Body, csv_renamed())

    assert preview_files() == before


@pytest.mark.parametrize("name", [
    "../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/shadow", "C:\\boot.ini", "....//x.xlsx",
    "uploads/../../../secret.xlsx", "\u202eslx.exe", "..",
])
def test_safe_filename_never_keeps_a_path(name):
    cleaned = safe_filename(name)

    assert "/" not in cleaned and "\\" not in cleaned
    assert not cleaned.startswith(".")
    assert cleaned


def test_a_stored_upload_named_with_dot_dot_stays_inside_the_upload_folder(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    storage = default_storage.__class__(location=settings.MEDIA_ROOT)

    saved = storage.save("ward-reports/" + safe_filename("../../../../tmp/evil.xlsx"), ContentFile(b"x"))

    assert saved.startswith("ward-reports/")
    assert (tmp_path / "media" / saved).resolve().is_relative_to((tmp_path / "media").resolve())
    assert not (tmp_path / "evil.xlsx").exists()


def test_storage_itself_refuses_a_name_that_escapes_the_media_root(tmp_path):
    from django.core.exceptions import SuspiciousFileOperation
    from django.core.files.storage import FileSystemStorage

    storage = FileSystemStorage(location=str(tmp_path / "media"))

    with pytest.raises(SuspiciousFileOperation):
        storage.save("../escaped.xlsx", ContentFile(b"x"))
    assert not (tmp_path / "escaped.xlsx").exists()


def file_fields():
    from django.apps import apps
    from django.db import models

    return [(model, field) for model in apps.get_models() for field in model._meta.concrete_fields
            if isinstance(field, models.FileField)]


@pytest.mark.parametrize("evil", ["../../../etc/cron.d/x.xlsx", "..\\..\\boot.ini", "/etc/passwd", "../"])
def test_every_file_field_keeps_uploads_inside_its_folder(evil):
    import posixpath

    fields = file_fields()
    if not fields:
        pytest.skip("no FileField in the project yet")
    for model, field in fields:
        folder = posixpath.dirname(field.generate_filename(model(), "bao-cao.xlsx"))
        name = field.generate_filename(model(), evil)

        assert not posixpath.isabs(name), (model, name)
        assert ".." not in name.replace("\\", "/").split("/"), (model, name)
        assert posixpath.dirname(name) == folder, (model, name)
