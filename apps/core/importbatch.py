"""Register imports that write in batches: the query count grows with batches, not rows.

``BatchedResource`` is a ``CouncilScopedResource`` (same business keys, scoping, Vietnamese row
errors, all-or-nothing, skip_unchanged round trips) that:

- finds the existing rows of the whole file by business key before the first row, one query per
  500 rows (``get_instance`` then reads that map);
- validates each row in Python (``clean()``, field checks) without a query per row: related records
  come from the widgets' cached lookups, the business key's uniqueness from that map, and the
  database's check constraints are checked when the batch is written — a batch the database
  refuses is checked again row by row, so the clerk still sees which row and why;
- hands each batch of new and changed rows to the register's service (``create_rows`` /
  ``update_rows``), which numbers, dates and writes them with their history through ``core.bulk``.

The preview's diff and the admin log are completed after each batch is written, so a new row shows
the number or code it will get, as it did when rows were saved one by one.
"""
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from . import bulk
from .import_template import PreviewDiff
from .import_versions import stale_row_errors
from .importexport import CouncilScopedResource

KEY_BATCH = 500


class _RememberedDiff(PreviewDiff):
    """The preview's diff (in labels, Có/Không, dd/mm/yyyy) that tells its resource about itself, so it
    can be completed after the write."""

    def __init__(self, resource, instance, new):
        super().__init__(resource, instance, new)
        resource._current_diff = self


class BatchedResource(CouncilScopedResource):
    class Meta(CouncilScopedResource.Meta):  # a subclass without a Meta of its own reads this one whole
        use_bulk = True
        batch_size = 500

    # -- what a register provides ---------------------------------------------------
    def create_rows(self, objs):
        """Write new rows (the register's service: numbering, due dates, history). By default, for a
        register whose save() applies no rule beyond its text's normal form (bodies, delegates, sittings):
        with their history, nothing else."""
        return bulk.create_with_history(objs, self.user)

    def update_rows(self, objs):
        """Write changed rows (the register's service); by default with their history, nothing else."""
        bulk.update_with_history(objs, user=self.user)

    def deadline_kwargs(self):
        """Rules and calendar loaded once for the import (DeadlinesOnceMixin), else None."""
        return getattr(self, "_deadline_kwargs", None)

    # -- existing rows by business key, one query per batch of rows ------------------
    def get_diff_class(self):
        return _RememberedDiff

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._numbers_taken = {}  # (council, year) -> highest register number given by rows above
        self._pending = []
        self._existing = {}
        keys = []
        for values in dataset:
            row = dict(zip(dataset.headers, values))
            self.fill_row_council(row)
            params = self.business_key(row)
            if params is not None:
                keys.append(params)
        for start in range(0, len(keys), KEY_BATCH):
            self._load_existing(keys[start:start + KEY_BATCH])

    @staticmethod
    def _key_value(value):
        return value.pk if isinstance(value, models.Model) else value

    def _load_existing(self, keys):
        names = list(keys[0])
        filters = {f"{name}__in": {self._key_value(params[name]) for params in keys} for name in names}
        attnames = [self._meta.model._meta.get_field(name).attname for name in names]
        for obj in self.get_queryset().filter(**filters):
            key = tuple(getattr(obj, attname) for attname in attnames)
            self._existing.setdefault(key, []).append(obj)

    def find_existing(self, params):
        found = self._existing.get(tuple(self._key_value(value) for value in params.values()), [])
        if len(found) > 1:
            raise self.multiple_matches_error()
        return found[0] if found else None

    # -- validation without a query per row --------------------------------------------
    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = self.read_only_council_errors(instance, dict(import_validation_errors or {}))
        errors = stale_row_errors(self, instance, errors)
        # Register numbers typed in order (1, 2, 3…) are written as one batch: each row may be the next
        # after the rows above it, which the counter does not hold yet (reserve_numbers checks again).
        taken = self.__dict__.setdefault("_numbers_taken", {})
        instance._numbers_taken_in_import = taken
        if self.deadline_kwargs():  # clean() computes due dates with the import's rules and calendar
            instance._deadline_kwargs = self.deadline_kwargs()
        if self._meta.clean_model_instances:
            # A related record set on the row was found by a widget (or is the importing user): it exists,
            # so Django's per-row existence query for each foreign key is skipped.
            exclude = set(errors) | {
                f.name for f in instance._meta.concrete_fields
                if f.is_relation and getattr(instance, f.attname) is not None
            }
            try:
                instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)
        number, year = getattr(instance, "register_number", None), getattr(instance, "register_year", None)
        year = year or getattr(getattr(instance, getattr(instance, "date_field", "") or "", None), "year", None)
        if isinstance(number, int) and instance._state.adding and year is not None:
            key = (instance.council_id, year)
            taken[key] = max(taken.get(key, 0), number)

    # -- writing a batch ---------------------------------------------------------------
    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        self._saving = (instance, kwargs.get("row_number"), row)

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        saving = getattr(self, "_saving", None)
        if saving is not None:
            instance, number, saved_row = saving
            self._pending.append((instance, number, saved_row, row_result, getattr(self, "_current_diff", None)))
        self._saving = None

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        self._write(self.create_instances, self.create_rows, using_transactions, dry_run, raise_errors, result)

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        self._write(self.update_instances, self.update_rows, using_transactions, dry_run, raise_errors, result)

    def _write(self, instances, write, using_transactions, dry_run, raise_errors, result):
        objs = list(instances)
        instances.clear()
        if not objs or not (using_transactions or not dry_run):
            return
        try:
            with transaction.atomic():
                write(objs)
        except IntegrityError as error:
            self._report_refused(objs, error, raise_errors, result)
            return
        self._complete_results(objs)

    def _complete_results(self, objs):
        """The object id, name and diff of each written row, as the admin log and the preview show them."""
        written = {id(obj) for obj in objs}
        remaining = []
        for instance, number, row, row_result, diff in self._pending:
            if id(instance) not in written:
                remaining.append((instance, number, row, row_result, diff))
                continue
            row_result.add_instance_info(instance)
            if diff is not None and not self._meta.skip_diff:
                diff.compare_with(self, instance)
                if not self._meta.skip_html_diff:
                    row_result.diff = diff.as_html()
        self._pending = remaining

    def _report_refused(self, objs, error, raise_errors, result):
        """The database refused the batch: find the rows its constraints refuse (a query per row, on this
        path only) and report them as row errors; anything else is the import's error."""
        by_instance = {id(p[0]): p for p in self._pending}
        found = False
        for obj in objs:
            try:
                obj.validate_constraints()
            except ValidationError as refusal:
                pending = by_instance.get(id(obj))
                if pending is not None and result is not None:
                    _instance, number, row, _row_result, _diff = pending
                    result.append_invalid_row(number, row, refusal)
                    found = True
        if not found:
            self.handle_import_error(result, error, raise_errors)
