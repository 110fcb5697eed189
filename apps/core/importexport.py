"""Shared import/export plumbing (django-import-export) for every register.

- Only xlsx, written by the safe writer (text never becomes a formula) and read
  after the upload checks of apps.core.uploads.
- Resources are scoped to the importing/exporting user and keyed by business keys.
"""
import tablib
from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets
from import_export.formats.base_formats import XLSX
from import_export.forms import ImportForm

from .models import Agency, Council, Delegate, Field
from .scoping import home_council, visible_council_ids
from .spreadsheet import dataset_to_xlsx
from .text import nfc


class SafeXLSX(XLSX):
    def export_data(self, dataset, **kwargs):
        return dataset_to_xlsx(dataset)

    def create_dataset(self, in_stream):
        from .uploads import check_xlsx_bytes

        check_xlsx_bytes(in_stream, "tệp tải lên")
        return super().create_dataset(in_stream)


class CheckedImportForm(ImportForm):
    """The upload checks run as form validation: a refused file gets its Vietnamese reason
    and never reaches the preview storage."""

    def clean_import_file(self):
        from django.core.exceptions import ValidationError

        from .uploads import UploadRejected, check_xlsx_bytes, default_max_bytes, safe_filename

        upload = self.cleaned_data["import_file"]
        limit = default_max_bytes()
        if upload.size > limit:  # refuse before reading a huge file into memory
            raise ValidationError(
                f"Tệp {safe_filename(upload.name)}: tệp quá lớn ({upload.size // 1024} KB), giới hạn là "
                f"{limit // 1024} KB. Hãy xoá các sheet, hình ảnh không cần thiết rồi tải lên lại."
            )
        data = upload.read()
        upload.seek(0)
        try:
            check_xlsx_bytes(data, upload.name)
        except UploadRejected as refusal:
            raise ValidationError(str(refusal)) from None
        return upload


def xlsx_only():
    return [SafeXLSX]


class CouncilCodeWidget(widgets.ForeignKeyWidget):
    """A council by its unit code; empty means the importing user's own council."""

    def __init__(self, **kwargs):
        super().__init__(Council, field="admin_unit__code", **kwargs)

    def clean(self, value, row=None, **kwargs):
        user = kwargs.get("user")
        from .models import normalise_unit_code

        code = normalise_unit_code(value)
        if not code:
            council = home_council(user) if user else None
            if council is None:
                raise ValueError("Thiếu mã đơn vị (HĐND).")
            return council
        ids = visible_council_ids(user) if user else None
        qs = Council.objects.filter(admin_unit__code=code)
        if ids is not None:
            qs = qs.filter(pk__in=ids)
        found = list(qs[:2])
        if not found:
            raise ValueError(f"Mã đơn vị «{code}» không phải HĐND mà bạn được phép nhập liệu.")
        if len(found) > 1:
            # A reused code: the current council wins.
            import datetime

            current = [c for c in found if c.admin_unit.is_valid_on(datetime.date.today())]
            return current[0] if current else found[0]
        return found[0]

    def render(self, value, obj=None, **kwargs):
        return value.admin_unit.code if value else ""


class NameWidget(widgets.ForeignKeyWidget):
    """A foreign key by its name (NFC, case-insensitive), cached per import, with a Vietnamese error."""

    def __init__(self, model, field="name", label=None, **kwargs):
        super().__init__(model, field=field, **kwargs)
        self.label = label or model._meta.verbose_name
        self._cache = {}

    def clean(self, value, row=None, **kwargs):
        text = nfc(value) if isinstance(value, str) else value
        if text in (None, ""):
            return None
        key = str(text).casefold()
        if key not in self._cache:
            qs = self.get_queryset(value, row, **kwargs)
            matches = [obj for obj in qs.filter(**{f"{self.field}__iexact": text})[:2]]
            if not matches:
                matches = [obj for obj in qs if str(getattr(obj, self.field)).casefold() == key][:2]
            self._cache[key] = matches
        matches = self._cache[key]
        if not matches:
            raise ValueError(f"Không tìm thấy {self.label} «{text}».")
        if len(matches) > 1:
            raise ValueError(f"Có nhiều {self.label} tên «{text}»; hãy sửa danh mục cho khỏi trùng.")
        return matches[0]


class ScopedNameWidget(NameWidget):
    """NameWidget over a council-owned model, restricted to the user's councils."""

    def get_queryset(self, value, row, *args, **kwargs):
        qs = self.model._default_manager.all()
        user = kwargs.get("user")
        return qs.for_user(user) if user is not None else qs


class VietnameseDateWidget(widgets.DateWidget):
    def __init__(self):
        super().__init__(format="%d/%m/%Y")

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, str):
            value = value.strip()
        if value in (None, ""):
            return None
        try:
            return super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError(f"«{value}» không phải là ngày (viết theo dạng dd/mm/yyyy).")

    def render(self, value, obj=None, **kwargs):
        # Real dates in the xlsx, not text.
        return value


class ChoiceWidget(widgets.Widget):
    """A TextChoices field by its Vietnamese label (or its stored value)."""

    def __init__(self, choices, label):
        self.choices = choices
        self.label = label

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return ""
        text = nfc(str(value)).casefold()
        for stored, shown in self.choices.choices:
            if text in (str(stored).casefold(), str(shown).casefold()):
                return stored
        allowed = ", ".join(str(shown) for _s, shown in self.choices.choices)
        raise ValueError(f"{self.label} «{value}» không hợp lệ; chọn một trong: {allowed}.")

    def render(self, value, obj=None, **kwargs):
        for stored, shown in self.choices.choices:
            if stored == value:
                return str(shown)
        return value or ""


class CouncilScopedResource(resources.ModelResource):
    """Base resource: knows the user, refuses rows outside the user's councils."""

    council = fields.Field(attribute="council", column_name="Mã đơn vị", widget=CouncilCodeWidget())

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user

    def get_queryset(self):
        qs = super().get_queryset()
        return qs.for_user(self.user) if self.user is not None else qs

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        kwargs.setdefault("user", self.user)
        return super().import_field(field, instance, row, is_m2m, **kwargs)

    def before_save_instance(self, instance, row, **kwargs):
        if self.user is not None:
            if getattr(instance, "created_by_id", None) is None and instance.pk is None:
                instance.created_by = self.user
            instance.updated_by = self.user

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # Model clean() carries the business rules (dates in order, etc.).
        super().validate_instance(instance, import_validation_errors, validate_unique)


def agency_widget():
    return NameWidget(Agency, label="cơ quan")


def field_widget():
    return NameWidget(Field, label="lĩnh vực")


def delegate_widget():
    return ScopedNameWidget(Delegate, field="full_name", label="đại biểu")
