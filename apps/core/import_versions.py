"""No lost updates through imports: a row edited in an old export does not overwrite a newer record.

A register export carries, as its last column, each record's version (its ``updated_at``, the token
the change form carries: apps.core.admin_concurrency.record_version). Importing the file back, a row
whose version is not the record's current one — someone saved the record after the export the
clerk edited — is refused on that row, with who saved it, when and which fields they changed; the
file as a whole is then not written (imports are all-or-nothing). A row the import would not change
(skipped as unchanged) is never refused. Rows without the column (older files, templates) or with
it empty (new records) behave as before.

Both import paths use this: CouncilScopedResource (row by row) and BatchedResource (in batches)
call ``stale_row_errors`` from their ``validate_instance``.
"""
from django.core.exceptions import ValidationError
from import_export import fields, widgets

from .admin_concurrency import describe_changes, has_version_field as has_version, record_version  # noqa: F401

VERSION_COLUMN = "Phiên bản (không sửa)"


class VersionWidget(widgets.Widget):
    """The version as exported: the exact token (ISO date and time to the microsecond), as text."""

    def clean(self, value, row=None, **kwargs):
        return None  # never written to a record

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value is not None else ""


def version_field():
    return fields.Field(attribute="updated_at", column_name=VERSION_COLUMN, readonly=True, widget=VersionWidget())


def posted_version(row):
    """The version typed on an import row: None when the file has no such column or the cell is empty."""
    if row is None or VERSION_COLUMN not in row:
        return None
    value = row.get(VERSION_COLUMN)
    text = str(value).strip() if value is not None else ""
    return text or None


def remember_version(instance, row):
    """Called before the row's values are set on ``instance``: what the row says it was exported at,
    and what the record is at now (None for a new record)."""
    if instance.pk is None or instance._state.adding:
        instance._import_versions = None
        return
    instance._import_versions = (posted_version(row), record_version(instance))


def stale_row_errors(resource, instance, errors):
    """Adds a row error when the row was exported from an older version of its record."""
    versions = getattr(instance, "_import_versions", None)
    if not versions:
        return errors
    posted, current = versions
    if posted is None or posted == current:
        return errors
    model = type(instance)
    # Only the columns the user reads in the file are told old → new; a masked identity column
    # (``can_view`` False: a denouncer's name for a ward clerk) is only counted.
    visible = {field.attribute.split("__")[0] for field in resource.get_import_fields()
               if field.attribute and not field.readonly and getattr(field, "can_view", True)}
    account = describe_changes(model, instance.pk, posted, visible)
    errors.setdefault(VERSION_COLUMN, ValidationError(
        "Hồ sơ này đã được sửa sau khi tệp được xuất, nên dòng này không được ghi (để không ghi đè lên thay đổi "
        f"đó). {account} Hãy xuất lại sổ, sửa trên tệp mới rồi nhập lại; hoặc xóa ô «{VERSION_COLUMN}» của dòng "
        "nếu vẫn muốn ghi nội dung của dòng này đè lên.",
        code="stale_record",
    ))
    return errors
