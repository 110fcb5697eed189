"""Writing many register rows at once, with their change history, in batches.

Every bulk path (register imports, the ward workbook's sheets) writes through here, so that each
row is stored as a form's save() would store it:

- its text is NFC-normalised (and its folded search text filled) by ``normalise_model_text``;
- it gets its history row ("+" created, "~" changed), as simple-history's bulk helpers would write
  it: the row's tracked values, attributed to the user who imported it, all rows of one write with
  the same date;
- created rows come back with their ids (``bulk_create`` returns them on PostgreSQL and SQLite; on
  PostgreSQL new rows are written with ``COPY`` and ids taken from the table's own sequence first),
  so that callers can link them (a ward report keeps the ids of the petitions it brought).

A register's own rules (numbers, codes, status, deadlines) are applied before, by the register's
service (``apps/<app>/services.py``); this module knows none of them.

New register rows go through Django's ``bulk_create`` on SQLite and ``COPY`` on PostgreSQL
(``_create_by_copy``: the same values without Django's INSERT compiler, which took most of the
write's time), changed ones through ``bulk_update``. History rows are only ever
inserted and need no ids back, so they are written without a model instance each: for rows just
created, one ``INSERT … SELECT`` from those rows (the database copies the values it was just sent);
for changed rows, plain tuples, one prepared INSERT run over all of them (``executemany``) on SQLite,
``COPY`` on PostgreSQL. Built as simple-history's ``bulk_history_create`` builds them (a model
instance per row, then Django's INSERT compiler, 33 rows a statement on SQLite), they had cost more
than the register rows themselves (bench/README.md).
"""
import datetime
import decimal
import io

from django.conf import settings
from django.db import connections, router, transaction
from django.utils import timezone

from .text import folding_once, normalise_model_text

BATCH_SIZE = 500
COPY_ROWS = 1000  # rows of one COPY (or one executemany) of insert_rows

# Field types whose Python value the database drivers take as it is (no get_db_prep_save needed).
_PLAIN_TYPES = {
    "AutoField", "BigAutoField", "SmallAutoField", "BigIntegerField", "BooleanField", "CharField",
    "EmailField", "ForeignKey", "IntegerField", "OneToOneField", "PositiveBigIntegerField",
    "PositiveIntegerField", "PositiveSmallIntegerField", "SlugField", "SmallIntegerField", "TextField",
    "URLField",
}


def _history_model(model):
    return model.history.model


def create_with_history(objs, user=None, batch_size=BATCH_SIZE):
    """Insert the new objects ``objs`` (one model) and their "+" history rows; returns them with ids."""
    objs = list(objs)
    if not objs:
        return []
    model = type(objs[0])
    now = timezone.now()
    with folding_once():
        for obj in objs:
            normalise_model_text(obj)  # cheap when the register's service has just done it
    db = router.db_for_write(model)
    queryset = model._default_manager.using(db)
    with transaction.atomic(using=db, savepoint=False):
        # Normalised just above: the queryset's own safety net need not check each object again.
        done = {"normalised": True} if getattr(queryset, "normalises_text", False) else {}
        created = objs if _create_by_copy(objs, queryset, db) else queryset.bulk_create(
            objs, batch_size=batch_size, **done)
        insert_history(created, model, user, now, "+", db)
    return created


def create_with_rules(objs, user, prepare, number, deadline_kwargs=None):
    """Write new register rows as their save() would, in bulk: ``prepare(obj, deadline_kwargs)`` each
    (dates, status, due dates, text), ``number(objs)`` them in one locked step, then insert with history."""
    objs = list(objs)
    with transaction.atomic(), folding_once():
        for obj in objs:
            prepare(obj, deadline_kwargs)
        number(objs)
        return create_with_history(objs, user)


def _create_by_copy(objs, queryset, using):
    """PostgreSQL: insert new ``objs`` as ``bulk_create`` would (the same values, ``auto_now`` stamps set
    per object, ids from the table's own sequence given back to the objects), with one ``COPY`` instead
    of multi-row INSERTs built by Django's compiler (ten statements of 500 rows × 27 values each, most of
    the write's time). False, with nothing written, for whatever it is not made for: other databases, a
    queryset whose ``bulk_create`` does more than normalise, inherited models, database defaults,
    fields that do more before a save than ``auto_now``, objects with an id already."""
    from django.db.models import DateField, Field, QuerySet
    from django.db.models.fields import AutoFieldMixin

    from .models.base import NormalisedQuerySet

    connection = connections[using]
    model = queryset.model
    meta = model._meta
    if (connection.vendor != "postgresql" or meta.parents or not isinstance(meta.pk, AutoFieldMixin)
            or type(queryset).bulk_create not in (QuerySet.bulk_create, NormalisedQuerySet.bulk_create)
            or any(obj.pk is not None for obj in objs)):
        return False
    fields = [f for f in meta.concrete_fields if not f.primary_key and not getattr(f, "generated", False)]
    stamped = [f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    if any(f.has_db_default() or (type(f).pre_save is not Field.pre_save and not isinstance(f, DateField))
           for f in fields):
        return False
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [quote(meta.db_table), meta.pk.column, len(objs)])
        ids = sorted(row[0] for row in cursor.fetchall())
    if None in ids:  # no sequence behind the id (nextval(NULL) takes none)
        return False
    attnames = [f.attname for f in fields]
    rows = []
    for obj, pk in zip(objs, ids):
        obj._prepare_related_fields_for_save(operation_name="bulk_create")
        for field in stamped:
            field.pre_save(obj, True)
        rows.append((pk, *(getattr(obj, name) for name in attnames)))
    insert_rows(model, [meta.pk.attname, *attnames], rows, using)
    for obj, pk in zip(objs, ids):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = using
    return True


def update_with_rules(objs, user, prepare, deadline_kwargs=None):
    """Write changed register rows in bulk after ``prepare`` (their save()'s rules), with history."""
    objs = list(objs)
    with folding_once():
        for obj in objs:
            prepare(obj, deadline_kwargs)
        update_with_history(objs, user=user)


def update_with_history(objs, fields=None, user=None, batch_size=BATCH_SIZE):
    """Write the changed objects ``objs`` (one model, already in the database) and their "~" history rows.

    ``fields``: the field names to write; by default every concrete field but the primary key and
    the creation stamps. ``updated_at`` is set here, as ``auto_now`` would on save().
    """
    objs = list(objs)
    if not objs:
        return
    model = type(objs[0])
    now = timezone.now()
    if fields is None:
        fields = [f.name for f in model._meta.concrete_fields
                  if not f.primary_key and f.name not in ("created_at", "created_by")]
    auto_now = [f.attname for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    with folding_once():
        for obj in objs:
            normalise_model_text(obj)
            for attname in auto_now:
                setattr(obj, attname, now)
    db = router.db_for_write(model)
    with transaction.atomic(using=db, savepoint=False):
        model._default_manager.using(db).bulk_update(objs, fields, batch_size=batch_size)
        insert_history(objs, model, user, now, "~", db)


def insert_history(objs, model, user, now, history_type, using):
    """Insert the history rows of ``objs`` (saved, with ids): the values simple-history's
    ``bulk_history_create`` gives them, written without a model instance per row."""
    if not objs or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    history = _history_model(model)
    tracked = [f.attname for f in history.tracked_fields]
    if user is None:  # as simple-history: the user of the current request, if any
        user = history.get_default_history_user(objs[0])
    user_id = getattr(user, "pk", None)
    relation = hasattr(history, "history_relation")
    if history_type == "+" and not any(
            getattr(obj, "_history_user", None) is not None or getattr(obj, "_change_reason", None) for obj in objs):
        # Just inserted, each as it is in memory: the database copies the rows itself.
        _history_from_rows(objs, model, history, tracked, (now, history_type, user_id, None), relation, using)
        return
    stamp = (now, history_type, user_id, None)  # history_date, type, user, change reason
    rows = []
    for obj in objs:
        row = tuple(getattr(obj, name) for name in tracked) + stamp
        if getattr(obj, "_history_user", None) is not None or getattr(obj, "_change_reason", None):
            row = row[:-2] + (getattr(getattr(obj, "_history_user", None), "pk", user_id),
                              getattr(obj, "_change_reason", None))
        if relation:
            row += (obj.pk,)
        rows.append(row)
    columns = tracked + ["history_date", "history_type", "history_user_id", "history_change_reason"]
    if relation:
        columns.append("history_relation_id")
    insert_rows(history, columns, rows, using)


_STAMP_COLUMNS = ("history_date", "history_type", "history_user_id", "history_change_reason")


def _history_from_rows(objs, model, history, tracked, stamp, relation, using):
    """History rows of rows just inserted, as INSERT … SELECT from the register's table: the tracked
    values are the ones the rows were written with, read by the database instead of sent again."""
    connection = connections[using]
    quote = connection.ops.quote_name
    source = {f.attname: f.column for f in model._meta.concrete_fields}
    target = {f.attname: f for f in history._meta.concrete_fields}
    stamp = tuple(target[name].get_db_prep_save(value, connection) for name, value in zip(_STAMP_COLUMNS, stamp))
    columns = [target[name].column for name in tracked] + [target[name].column for name in _STAMP_COLUMNS]
    pk = quote(model._meta.pk.column)
    values = [quote(source[name]) for name in tracked] + [
        f"CAST(%s AS {target[name].cast_db_type(connection)})" for name in _STAMP_COLUMNS]
    if relation:
        columns.append(target["history_relation_id"].column)
        values.append(pk)
    insert = (f"INSERT INTO {quote(history._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
              f"SELECT {', '.join(values)} FROM {quote(model._meta.db_table)} WHERE {pk}")
    ids = [obj.pk for obj in objs]
    if connection.vendor == "postgresql":  # one array parameter: planned once, whatever the number of rows
        with connection.cursor() as cursor:
            cursor.execute(f"{insert} = ANY(%s) ORDER BY {pk}", stamp + (ids,))
        return
    step = min(BATCH_SIZE * 10, (connection.features.max_query_params or 10**6) - len(stamp))
    with connection.cursor() as cursor:
        for start in range(0, len(ids), step):
            chunk = ids[start:start + step]
            cursor.execute(f"{insert} IN ({', '.join(['%s'] * len(chunk))}) ORDER BY {pk}", stamp + tuple(chunk))


def insert_rows(model, attnames, rows, using):
    """INSERT ``rows`` (tuples of values for ``attnames``) into ``model``'s table, no ids returned:
    COPY on PostgreSQL, one prepared INSERT run over the rows (executemany) elsewhere. Values of
    fields a driver does not take as they are (dates, decimals, JSON…) go through the field's
    ``get_db_prep_save``, as Django's INSERT would."""
    if not rows:
        return
    connection = connections[using]
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    fields = [by_attname[name] for name in attnames]
    prepared = [(i, f, {None: None}) for i, f in enumerate(fields) if f.get_internal_type() not in _PLAIN_TYPES]
    quote = connection.ops.quote_name
    table, columns = quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields)
    copy = connection.vendor == "postgresql"
    placeholders = ", ".join(["%s"] * len(fields))
    # In chunks, so that the prepared values and the CSV text of a big write are never all in memory.
    for start in range(0, len(rows), COPY_ROWS):
        chunk = _prepared(rows[start:start + COPY_ROWS], prepared, connection)
        if copy:
            try:
                text = "".join(",".join(map(_csv, row)) + "\n" for row in chunk)
            except TypeError:  # a value CSV is not written for here (arrays, adapted JSON)
                copy = False
            else:
                with connection.cursor() as cursor, connection.wrap_database_errors:
                    cursor.cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)",
                                              io.StringIO(text))
                continue
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", chunk)


def _prepared(rows, prepared, connection):
    """``rows`` with the values of ``prepared`` fields through ``get_db_prep_save``; each field's
    ``done`` remembers what it gave (dates repeat from row to row: each distinct value prepared once)."""
    if not prepared:
        return rows
    rows = [list(row) for row in rows]
    for i, field, done in prepared:
        for row in rows:
            value = row[i]
            try:
                row[i] = done[value]
            except KeyError:
                row[i] = done[value] = field.get_db_prep_save(value, connection)
            except TypeError:  # not hashable
                row[i] = field.get_db_prep_save(value, connection)
    return rows


def _csv(value):
    """One value in COPY's CSV format: text always quoted (so an empty text is not NULL), NULL empty."""
    if value is None:
        return ""
    if isinstance(value, str):
        return '"' + value.replace('"', '""') + '"'
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, (int, float, decimal.Decimal, datetime.date)):  # dates and datetimes too
        return str(value)
    raise TypeError(type(value))
