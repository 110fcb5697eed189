"""Register imports that write in batches: the query count grows with batches, not rows.

``BatchedResource`` is a ``CouncilScopedResource`` (same business keys, scoping, Vietnamese row
errors, all-or-nothing, skip_unchanged round trips) that:

- finds the existing rows of the whole file by business key before the first row, one query per
  500 rows (``get_instance`` then reads that map);
- validates each row in Python (``clean()``, field checks) without a query per row: related records
  come from the widgets' cached lookups, the business key's uniqueness from that map, and the
  database's check constraints are checked when the batch is written — a batch the database
  refuses is checked again row by row, so the clerk still sees which row and why;
- lets a row whose business key names a record added by a row above change that record, as it would
  if each row were saved before the next was read (the record may still wait in the batch);
- hands each batch of new and changed rows to the register's service (``create_rows`` /
  ``update_rows``), which numbers, dates and writes them with their history through ``core.bulk``;
- reads many-to-many columns (agencies, councils, resolutions replaced) through the widgets' cached
  lookups (``clean_objects``), compares them with the stored links prefetched with the existing rows,
  and writes the links of a whole batch at once.

The preview's diff and the admin log are completed after each batch is written, so a new row shows
the number or code it will get, as it did when rows were saved one by one.
"""
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from import_export import widgets

from . import bulk
from .import_template import PreviewDiff
from .import_versions import stale_row_errors
from .importexport import CouncilScopedResource

KEY_BATCH = 500


class _RememberedDiff(PreviewDiff):
    """The preview's diff (in labels, Có/Không, dd/mm/yyyy) that tells its resource about itself, so it
    can be completed after the write."""

    def __init__(self, resource, instance, new):
        # ``instance`` is django-import-export's deep copy of the row's record, and a deep-copied queryset
        # drops its rows: the links prefetched with the existing rows are handed over again, so reading
        # them for the preview costs no query per row.
        live = getattr(resource, "_live_instance", None)
        if live is not None and live.pk is not None and live.pk == instance.pk:
            for name, prefetched in live.__dict__.get("_prefetched_objects_cache", {}).items():
                copied = instance.__dict__.get("_prefetched_objects_cache", {}).get(name)
                if copied is not None and prefetched._result_cache is not None:
                    copied._result_cache, copied._prefetch_done = list(prefetched._result_cache), True
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
        self._added = {}  # business key -> the record a row above adds (written with its batch)
        self._written = []  # (record, row number) of the rows written so far, for _report_refused
        keys = []
        for values in dataset:
            row = dict(zip(dataset.headers, values))
            self.fill_row_council(row)
            params = self.business_key(row)
            if params is not None:
                keys.append(params)
        self.business_keys = keys
        for start in range(0, len(keys), KEY_BATCH):
            self._load_existing(keys[start:start + KEY_BATCH])

    @staticmethod
    def _key_value(value):
        return value.pk if isinstance(value, models.Model) else value

    def _load_existing(self, keys):
        names = list(keys[0])
        filters = {f"{name}__in": {self._key_value(params[name]) for params in keys} for name in names}
        attnames = [self._meta.model._meta.get_field(name).attname for name in names]
        self.lock_existing(**filters)
        for obj in self.get_queryset().filter(**filters):
            key = tuple(getattr(obj, attname) for attname in attnames)
            self._existing.setdefault(key, []).append(obj)

    def find_existing(self, params):
        key = tuple(self._key_value(value) for value in params.values())
        found = self._existing.get(key, [])
        if len(found) > 1:
            raise self.multiple_matches_error()
        # Saved one by one, a row above that adds this record would be in the database by now, and this
        # row would change it: so it does here, whether that record is written yet or waits in the batch.
        return found[0] if found else self._added.get(key)

    # -- many-to-many columns, without a query per row ---------------------------------
    def m2m_fields(self):
        return [f for f in self.get_import_fields() if isinstance(f.widget, widgets.ManyToManyWidget)]

    def m2m_prefetches(self):
        """What to prefetch with the existing rows (their links, read by the comparison and the preview)."""
        return [f.attribute for f in self.m2m_fields()]

    def get_queryset(self):
        prefetches = self.m2m_prefetches()
        qs = super().get_queryset()
        return qs.prefetch_related(*prefetches) if prefetches else qs

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        self._live_instance = instance

    def m2m_choice(self, field, row):
        """The records a many-to-many cell names, as a list (the widget's cached lookups when it has them)."""
        if hasattr(field.widget, "clean_objects"):
            return field.widget.clean_objects(row.get(field.column_name), row=row, **self.widget_kwargs())
        return list(field.clean(row, **self.widget_kwargs()))

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        chosen = {}
        for field in self.m2m_fields():
            if field.column_name not in row:
                continue
            try:
                chosen[field.attribute] = self.m2m_choice(field, row)
            except ValueError as error:
                errors[field.attribute] = ValidationError(str(error), code="invalid")
        instance.__dict__["_import_m2m"] = chosen
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """django-import-export's rule (unchanged rows are skipped), with the many-to-many values read once."""
        if not self._meta.skip_unchanged or self._meta.skip_diff or import_validation_errors:
            return False
        chosen = instance.__dict__.get("_import_m2m", {})
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget):
                if field.column_name not in row:
                    continue
                # The links are still those stored (written with the batch): read them on the record itself,
                # whose prefetched rows survive (the deep copy's do not).
                if original.pk is None:  # new, or added by a row above and not written yet: the links it named
                    stored = [o.pk for o in original.__dict__.get("_import_m2m", {}).get(field.attribute, [])]
                else:
                    stored = [o.pk for o in field.get_value(instance).all()]
                if sorted(o.pk for o in chosen.get(field.attribute, [])) != sorted(stored):
                    return False
            elif field.get_value(instance) != field.get_value(original):
                return False
        return True

    def _write_m2m(self, objs):
        """Set the links the rows named (as ``set()`` would, for a whole batch) and keep them on each object,
        so that the preview and the log read them without a query."""
        for field in self.m2m_fields():
            given = [(obj, obj.__dict__["_import_m2m"][field.attribute]) for obj in objs
                     if field.attribute in obj.__dict__.get("_import_m2m", {})]
            if not given:
                continue
            relation = self._meta.model._meta.get_field(field.attribute)
            through = relation.remote_field.through
            source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
            through._default_manager.filter(**{f"{source}__in": [obj.pk for obj, _ in given]}).delete()
            through._default_manager.bulk_create(
                [through(**{f"{source}_id": obj.pk, f"{target}_id": chosen.pk}) for obj, targets in given
                 for chosen in targets], batch_size=bulk.BATCH_SIZE)
            for obj, targets in given:
                cached = relation.related_model._default_manager.filter(pk__in=[t.pk for t in targets])
                cached._result_cache, cached._prefetch_done = list(targets), True
                obj.__dict__.setdefault("_prefetched_objects_cache", {})[field.attribute] = cached

    # -- validation without a query per row --------------------------------------------
    def before_clean(self, instance):
        """Hand ``instance`` what its clean() would otherwise query per row (read once for the file)."""
    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = self.read_only_council_errors(instance, dict(import_validation_errors or {}))
        errors = stale_row_errors(self, instance, errors)
        # Register numbers typed in order (1, 2, 3…) are written as one batch: each row may be the next
        # after the rows above it, which the counter does not hold yet (reserve_numbers checks again).
        taken = self.__dict__.setdefault("_numbers_taken", {})
        instance._numbers_taken_in_import = taken
        if self.deadline_kwargs():  # clean() computes due dates with the import's rules and calendar
            instance._deadline_kwargs = self.deadline_kwargs()
        self.before_clean(instance)
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
    def save_instance(self, instance, is_create, row, **kwargs):
        if not is_create and instance.pk is None:
            # The record a row above adds, not written yet: it is in the batch already, now with this row's values.
            self.before_save_instance(instance, row, **kwargs)
            self.after_save_instance(instance, row, **kwargs)
            return
        super().save_instance(instance, is_create, row, **kwargs)
        params = self.business_key(row) if is_create else None
        if params is not None:
            self._added[tuple(self._key_value(value) for value in params.values())] = instance

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
                self._write_m2m(objs)
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
            self._written.append((instance, number))
            if diff is not None and not self._meta.skip_diff:
                diff.compare_with(self, instance)
                if not self._meta.skip_html_diff:
                    row_result.diff = diff.as_html()
        self._pending = remaining

    def _report_refused(self, objs, error, raise_errors, result):
        """The database refused the batch: find the rows it refuses and report them as row errors — two
        rows of the file with the same values of a uniqueness rule (naming both rows), else the rows its
        constraints refuse against what is stored (a query per row, on this path only); anything else is
        the import's error."""
        by_instance = {id(p[0]): p for p in self._pending}
        found = False
        seen = {rule: number for written, number in self._written for rule in unique_keys(written)}
        for obj in objs:
            pending = by_instance.get(id(obj))
            for rule in unique_keys(obj) if pending is not None else ():
                first = seen.setdefault(rule, pending[1])
                if first != pending[1] and result is not None:
                    result.append_invalid_row(pending[1], pending[2], same_values_error(obj, rule, first, pending[1]))
                    found = True
                    break
        if found:  # two rows of the file clash: the file is what to fix, whatever else the database refuses
            return
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


def unique_keys(obj):
    """(rule name, values) of each uniqueness rule of ``obj``'s model that its values fall under: fields
    declared unique, ``unique_together`` and unique constraints on fields (a constraint's condition is
    asked of the database; a NULL value never clashes, as in SQL)."""
    meta = obj._meta
    rules = [(c.name, c.fields, c.condition) for c in meta.constraints
             if isinstance(c, models.UniqueConstraint) and c.fields and not c.expressions]
    rules += [("unique_together", tuple(fields), None) for fields in meta.unique_together]
    rules += [(f.name, (f.name,), None) for f in meta.local_concrete_fields if f.unique and not f.primary_key]
    keys = []
    for name, fields, condition in rules:
        values = tuple(getattr(obj, meta.get_field(field).attname) for field in fields)
        if any(value is None for value in values):
            continue
        if condition is not None and not condition.check(obj._get_field_expression_map(meta=meta)):
            continue
        keys.append((name, fields, values))
    return keys


def same_values_error(obj, rule, first, number):
    """«Dòng 5 và dòng 9 trùng số thứ tự (2022, 7) …», on the later row's own column."""
    _name, fields, values = rule
    meta = obj._meta
    shown = [(field, value) for field, value in zip(fields, values) if not meta.get_field(field).is_relation]
    shown = shown or list(zip(fields, values))
    labels = ", ".join(str(meta.get_field(field).verbose_name) for field, _value in shown)
    text = ", ".join(str(value) for _field, value in shown)
    return ValidationError({shown[-1][0]: ValidationError(
        f"Dòng {first} và dòng {number} trùng {labels} ({text}): mỗi hồ sơ phải có {labels} riêng. "
        "Hãy sửa một trong hai dòng rồi nhập lại; chưa dòng nào được ghi.", code="unique_in_file")})
