"""Shared import/export plumbing (django-import-export) for every register.

- Only xlsx, written by the safe writer (text never becomes a formula) and read
  after the upload checks of apps.core.uploads.
- Resources are scoped to the importing/exporting user and keyed by business keys.
"""
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from import_export import fields, resources, widgets
from import_export.formats.base_formats import XLSX
from import_export.forms import ImportForm

from . import unitcodes
from .import_checks import ImportChecksResourceMixin
from .import_versions import has_version, remember_version, stale_row_errors, version_field
from .models import Agency, Council, Field
from .scoping import home_council, may_change, visible_council_ids
from .spreadsheet import dataset_to_xlsx
from .text import clean_inline, nfc, normalise_unit_code
from .widgets import (  # noqa: F401 (the registers' resources import them from here)
    ChoiceWidget, NameWidget, VietnameseDateWidget, WholeNumberWidget, YesNoWidget,
    matching_names,
)


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
        from .uploads import UploadRejected, check_upload

        from .upload_cleanup import abandoned_previews, remove

        # Previews nobody confirmed within a day go at the next import (and nightly, cleanup_uploads).
        remove(abandoned_previews(folders=("django-import-export",)))
        upload = self.cleaned_data["import_file"]
        try:
            check_upload(upload)  # size cap before reading, then the package and its row limit
        except UploadRejected as refusal:
            raise ValidationError(str(refusal)) from None
        return upload


def xlsx_only():
    return [SafeXLSX]


def as_date(value):
    """A cell's date: a date, a datetime (xlsx date cells), or text dd/mm/yyyy or yyyy-mm-dd; else None."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and value.strip():
        for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return datetime.datetime.strptime(value.strip(), fmt).date()
            except ValueError:
                continue
    return None


def row_date(row, columns):
    """The date that places a row in time: the first of ``columns`` filled in on the row."""
    if row is None:
        return None
    for column in columns or ():
        day = as_date(row.get(column)) if column in row else None
        if day is not None:
            return day
    return None


COUNCIL_COLUMN = "Mã đơn vị"
COUNCIL_NAME_COLUMN = "Tên HĐND"


class CouncilCodeWidget(widgets.ForeignKeyWidget):
    """A council by its unit code; empty means the importing user's own council.

    Unit codes were reused after the 2025 reorganisation (06709 is Ka Long until 2025-06-30 and
    Móng Cái 2 from 2025-07-01), so a code means the council valid on the row's date, read from the
    first filled of ``date_columns`` (given here, or by the resource as the ``date_columns`` keyword:
    CouncilScopedResource.row_date_columns), else by the council's name in a "Tên HĐND" column when
    the row has one. Otherwise the council valid today wins. Councils are looked up once per
    (code, user) and import.
    """

    def __init__(self, date_columns=(), **kwargs):
        super().__init__(Council, field="admin_unit__code", **kwargs)
        self.date_columns = tuple(date_columns)
        self._by_code = {}

    def reset_cache(self):
        self._by_code = {}

    def candidates(self, code, user):
        key = (code, getattr(user, "pk", None))
        if key not in self._by_code:  # one query per unit code and import, not per row
            qs = Council.objects.filter(admin_unit__code=code).select_related("admin_unit").order_by("pk")
            ids = visible_council_ids(user) if user is not None else None
            self._by_code[key] = [c for c in qs if ids is None or c.pk in ids]
        return self._by_code[key]

    def clean(self, value, row=None, **kwargs):
        user = kwargs.get("user")
        code = normalise_unit_code(value)
        if not code:
            council = home_council(user) if user else None
            if council is None:
                raise ValueError("Thiếu mã đơn vị (HĐND).")
            return council
        found = self.candidates(code, user)
        if not found:
            raise ValueError(f"Mã đơn vị «{code}» không phải HĐND mà bạn được phép nhập liệu.")
        if len(found) == 1:
            return found[0]
        day = row_date(row, self.date_columns or kwargs.get("date_columns"))
        if day is not None:
            try:
                return unitcodes.council_on(code, day, among=found)
            except unitcodes.UnitCodeError:
                pass  # the council's name may still tell
        name = nfc(str(row.get(COUNCIL_NAME_COLUMN) or "")).strip().casefold() if row is not None else ""
        if name:  # registers without a date export the council's name next to its code
            named = [c for c in found if nfc(c.name).casefold() == name]
            if len(named) == 1:
                return named[0]
        # A reused code and no date or name to tell: the council of today.
        try:
            return unitcodes.council_on(code, timezone.localdate(), among=found)
        except unitcodes.UnitCodeError:
            return found[0]

    def render(self, value, obj=None, **kwargs):
        return value.admin_unit.code if value else ""


class RowCouncilMixin:
    """Widgets that resolve a name inside the council named on the same row (on the row's date,
    from the resource's ``row_date_columns``, set on the widget by CouncilScopedResource)."""

    date_columns = ()

    def reset_cache(self):
        """Forget this import's lookups (called by CouncilScopedResource.before_import)."""
        self.__dict__.pop("_councils", None)
        self.__dict__.pop("_council_widget", None)
        if isinstance(self.__dict__.get("_cache"), dict):
            self._cache = {}

    def row_council(self, row, **kwargs):
        value = row.get(COUNCIL_COLUMN) if row is not None else None
        cache = self.__dict__.setdefault("_councils", {})
        widget = self.__dict__.setdefault("_council_widget", CouncilCodeWidget())
        columns = self.date_columns or kwargs.get("date_columns")
        key = (normalise_unit_code(value), row_date(row, columns), (row or {}).get(COUNCIL_NAME_COLUMN),
               getattr(kwargs.get("user"), "pk", None))
        if key not in cache:
            try:
                cache[key] = widget.clean(value, row=row, **{**kwargs, "date_columns": columns})
            except ValueError:
                cache[key] = None
        return cache[key]

    def required_council(self, row, what, **kwargs):
        """The row's council, or a Vietnamese error naming ``what`` could not be found because of it."""
        council = self.row_council(row, **kwargs)
        if council is None:
            raise ValueError(f"Không tìm được {what} vì mã đơn vị của dòng không hợp lệ.")
        return council


class CouncilNameWidget(RowCouncilMixin, widgets.ForeignKeyWidget):
    """A foreign key by name within the row's council (two wards may have delegates of the same name)."""

    def __init__(self, model, field, label):
        super().__init__(model, field=field)
        self.label = label
        self._cache = {}

    def clean(self, value, row=None, **kwargs):
        text = clean_inline(str(value)) if value not in (None, "") else ""
        if not text:
            return None
        council = self.required_council(row, f"{self.label} «{text}»", **kwargs)
        key = (council.pk, text.casefold())
        if key not in self._cache:
            self._cache[key] = matching_names(self.model._default_manager.filter(council=council), self.field, text)
        matches = self._cache[key]
        if not matches:
            raise ValueError(f"Không tìm thấy {self.label} «{text}» trong {council.name}.")
        if len(matches) > 1:
            raise ValueError(f"{council.name} có nhiều {self.label} tên «{text}»; hãy sửa danh mục cho khỏi trùng.")
        return matches[0]

    def render(self, value, obj=None, **kwargs):
        return getattr(value, self.field) if value is not None else ""


class CouncilScopedResource(ImportChecksResourceMixin, resources.ModelResource):
    # Integer model fields get a widget with a Vietnamese error (django-import-export's own
    # IntegerWidget parses through Decimal and shows "[<class 'decimal.ConversionSyntax'>]").
    WIDGETS_MAP = {
        **resources.ModelResource.WIDGETS_MAP,
        **{name: WholeNumberWidget for name in (
            "IntegerField", "PositiveIntegerField", "BigIntegerField", "PositiveBigIntegerField",
            "PositiveSmallIntegerField", "SmallIntegerField")},
    }
    """Base resource of every register: knows the user, refuses rows outside the user's councils,
    finds the existing row by its business key (``import_id_fields``), never by database id.

    - ``row_date_columns``: the column(s) whose date places a row in time; a reused unit code
      then means the council valid on that date (see CouncilCodeWidget).
    - An empty "Mã đơn vị" is the importing user's own council.
    - A key cell that cannot be read (a date that is not a date, an unknown council) is reported
      as an error on its column with the row's other errors, not as a crash.
    - A key with an empty part (a register number or code not given yet) means a new record.
    - ``import_data`` rolls back everything when any row is invalid, also outside the admin.
    """

    council = fields.Field(attribute="council", column_name=COUNCIL_COLUMN, widget=CouncilCodeWidget())
    row_date_columns = ()

    class Meta:
        # Inherited by every register's Meta (django-import-export merges the parents' options).
        skip_unchanged = True  # a re-imported export changes nothing
        report_skipped = True
        clean_model_instances = True  # model clean() errors become row errors

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        # Each record's version, exported last and compared on import (apps.core.import_versions).
        self.version_field = version_field() if has_version(self._meta.model) else None
        # Widgets that place a row in time learn the date columns here too: django-import-export
        # cleans many-to-many cells without keyword arguments when it compares a row (skip_row).
        for field in self.fields.values():
            if hasattr(field.widget, "date_columns") and not field.widget.date_columns:
                field.widget.date_columns = tuple(self.row_date_columns)

    def get_export_fields(self, selected_fields=None):
        export_fields = super().get_export_fields(selected_fields)
        return export_fields + [self.version_field] if self.version_field is not None else export_fields

    def export_field(self, field, instance, **kwargs):
        if field is self.version_field:
            return field.export(instance, **kwargs)
        return super().export_field(field, instance, **kwargs)

    def get_diff_class(self):
        from .import_template import PreviewDiff  # the preview in labels, Có/Không, dd/mm/yyyy

        return PreviewDiff

    def widget_kwargs(self):
        """What every widget is given besides the cell: the user (scoping) and the row's date columns."""
        return {"user": self.user, "date_columns": self.row_date_columns}

    def get_queryset(self):
        qs = super().get_queryset().select_related("council__admin_unit")  # the unit code of every row
        return qs.for_user(self.user) if self.user is not None else qs

    # -- import ------------------------------------------------------------------
    def import_data(self, dataset, *args, **kwargs):
        kwargs.setdefault("rollback_on_validation_errors", True)
        self._writing = not kwargs.get("dry_run", args[0] if args else False)
        return super().import_data(dataset, *args, **kwargs)

    def lock_existing(self, **filters):
        """When the import writes (not a preview), lock the records it reads before reading them: the
        version each row is checked against (import_versions) is then the one the write replaces, and a
        clerk saving the same record meanwhile waits for the import instead of being overwritten. A
        separate, plain query, since the resource's own queryset may aggregate (FOR UPDATE may not)."""
        if not getattr(self, "_writing", False):
            return
        connection = transaction.get_connection(self.get_db_connection_name())
        if connection.features.has_select_for_update and connection.in_atomic_block:
            list(self._meta.model._base_manager.filter(**filters).select_for_update().values_list("pk"))

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        for field in self.fields.values():  # lookups are cached per import, not across imports
            if hasattr(field.widget, "reset_cache"):
                field.widget.reset_cache()

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        # Short forms and other spellings of choices taken as the full choice (ChoiceWidget), for the preview.
        result.corrections = [(field.column_name, typed, label) for field in self.fields.values()
                              for typed, label in getattr(field.widget, "corrections", {}).items()]

    def fill_row_council(self, row):
        """An empty unit code means the importer's own council (filled in before the key lookup)."""
        column = self.fields["council"].column_name if "council" in self.fields else None
        if column and not row.get(column) and self.user is not None:
            council = home_council(self.user)
            if council is not None:
                row[column] = council.code

    def before_import_row(self, row, **kwargs):
        self.fill_row_council(row)
        super().before_import_row(row, **kwargs)

    def business_key(self, row):
        """{attribute: cleaned value} of the row's business key (``import_id_fields``), or None for a new
        record: a key cell missing or empty (no number or code yet), or one that cannot be read — that
        one is reported once, on its column, by import_instance, alongside the row's other errors."""
        params = {}
        try:
            for key in self.get_import_id_fields():
                field = self.fields[key]
                if field.column_name not in row:
                    return None
                params[field.attribute] = field.clean(row, **self.widget_kwargs())
        except ValueError:
            return None
        if not params or any(value in (None, "") for value in params.values()):
            return None
        return params

    def multiple_matches_error(self):
        columns = ", ".join(self.fields[key].column_name for key in self.get_import_id_fields())
        return ValidationError(f"Có nhiều hồ sơ trùng {columns} với dòng này; hãy sửa cho khỏi trùng rồi nhập lại.")

    def find_existing(self, params):
        self.lock_existing(**params)
        try:
            return self.get_queryset().get(**params)
        except self._meta.model.DoesNotExist:
            return None
        except self._meta.model.MultipleObjectsReturned:
            raise self.multiple_matches_error()

    def get_instance(self, instance_loader, row):
        params = self.business_key(row)
        return None if params is None else self.find_existing(params)

    def import_instance(self, instance, row, **kwargs):
        remember_version(instance, row)  # before the row's values are set on it
        for key, value in self.widget_kwargs().items():
            kwargs.setdefault(key, value)
        return super().import_instance(instance, row, **kwargs)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        for key, value in self.widget_kwargs().items():
            kwargs.setdefault(key, value)
        return super().import_field(field, instance, row, is_m2m, **kwargs)

    def read_only_council_errors(self, instance, errors):
        """Keys resolve among the councils the user may view (a successor's export lists its predecessors'
        records, which re-import unchanged); a row that would write to one of those is refused."""
        council_id = getattr(instance, "council_id", None)
        if self.user is not None and council_id and not may_change(self.user, council_id):
            errors.setdefault("council", ValidationError(
                f"{instance.council.name}: bạn chỉ được xem, không được thêm hoặc sửa hồ sơ của HĐND này."))
        return errors

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = self.read_only_council_errors(instance, dict(import_validation_errors or {}))
        errors = stale_row_errors(self, instance, errors)
        return super().validate_instance(instance, errors, validate_unique)

    def before_save_instance(self, instance, row, **kwargs):
        if self.user is not None:
            if getattr(instance, "created_by_id", None) is None and instance.pk is None:
                instance.created_by = self.user
            instance.updated_by = self.user


class DeadlinesOnceMixin:
    """For registers whose save() computes due dates: the deadline rules and the holiday calendar are
    loaded once per import and handed to each instance (``_deadline_kwargs``), not queried per row."""

    def before_import(self, dataset, **kwargs):
        from .deadlines import WorkCalendar
        from .models import DeadlineRule

        super().before_import(dataset, **kwargs)
        self._deadline_kwargs = {
            "rules": list(DeadlineRule.objects.all()),
            "calendar": WorkCalendar.load(datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)),
        }

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        if getattr(self, "_deadline_kwargs", None):
            instance._deadline_kwargs = self._deadline_kwargs


def date_field(attribute, column, readonly=False):
    return fields.Field(attribute=attribute, column_name=column, widget=VietnameseDateWidget(), readonly=readonly)


def choice_field(attribute, column, choices_class, default=fields.NOT_PROVIDED):
    """A choice by its Vietnamese label; an empty cell takes ``default`` (the model's default) when given."""
    return fields.Field(attribute=attribute, column_name=column, widget=ChoiceWidget(choices_class, column.lower()),
                        default=default)


def text_field(attribute, column):
    return fields.Field(attribute=attribute, column_name=column, widget=widgets.CharWidget(allow_blank=True))


def agency_widget():
    return NameWidget(Agency, label="cơ quan")


def field_widget():
    return NameWidget(Field, label="lĩnh vực")

