"""Insert many register rows and their "+" history rows in a few statements (the ward importer)."""
import datetime
import io

from django.db import models, transaction
from django.utils import timezone

BATCH_SIZE = 500


def create_with_history(objs, model, user):
    """Insert ``objs`` and their "+" history rows in batches; returns the objects, with pks.

    Django's bulk_create and simple_history's bulk_history_create prepare every value of
    every row through the field API and build a model instance per historical row; for a
    5,000-row sheet that was three quarters of the import. Here the values are taken from
    the instances (field defaults, NFC text and due dates already set) and sent with one
    statement per batch: multi-row INSERT … RETURNING on PostgreSQL (execute_values) and
    SQLite, the history rows likewise without RETURNING. Other databases use Django's path.
    """
    if not objs:
        return []
    history_model = model.history.model
    connection = transaction.get_connection(model.objects.db)
    now = timezone.now()
    if connection.vendor not in ("sqlite", "postgresql"):
        created = model._default_manager.bulk_create(objs, batch_size=BATCH_SIZE)
        history_model.objects.bulk_history_create(created, batch_size=BATCH_SIZE, default_user=user,
                                                  default_date=now)
        return created
    for model_field in model._meta.concrete_fields:  # what pre_save would do for auto_now fields
        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
            for obj in objs:
                setattr(obj, model_field.attname, now)
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    ids = _insert_rows(connection, model._meta, fields, [[f.attname for f in fields]], objs, returning=True)
    for obj, pk in zip(objs, ids):
        obj.pk = pk
        obj._state.adding, obj._state.db = False, model.objects.db
    opts = history_model._meta
    tracked = [opts.get_field(f.name) for f in history_model.tracked_fields]
    extra = [opts.get_field(name) for name in ("history_date", "history_type", "history_user", "history_change_reason")]
    constants = {"history_date": now, "history_type": "+", "history_user_id": getattr(user, "pk", None),
                 "history_change_reason": None}
    _insert_rows(connection, opts, tracked + extra, [[f.attname for f in history_model.tracked_fields], constants],
                 objs, returning=False)
    return objs


# Values of these field types go to the driver as they are; others (dates, JSON…) through the field.
_PLAIN_FIELDS = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.ForeignKey)


def _insert_rows(connection, opts, fields, sources, objs, returning):
    """INSERT the rows of ``objs`` into ``opts.db_table``; [pk, …] in order when ``returning``.

    ``sources`` = [attnames read from each obj (one per leading field), {attname: constant}].
    """
    attnames = sources[0]
    constants = sources[1] if len(sources) > 1 else {}
    prep = [None if isinstance(f, _PLAIN_FIELDS) else f for f in fields]
    constant_values = [
        f.get_db_prep_save(constants[f.attname], connection) if p is not None else constants[f.attname]
        for f, p in zip(fields[len(attnames):], prep[len(attnames):])
    ]
    leading = list(zip(attnames, prep[:len(attnames)]))
    rows = [
        [getattr(obj, a) if p is None else p.get_db_prep_save(getattr(obj, a), connection) for a, p in leading]
        + constant_values
        for obj in objs
    ]
    quote = connection.ops.quote_name
    table = quote(opts.db_table)
    names = ", ".join(quote(f.column) for f in fields)
    suffix = f" RETURNING {quote(opts.pk.column)}" if returning else ""
    ids = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            return _postgres_insert(cursor, opts, fields, rows, returning)
        per_row = len(fields)
        size = max(1, min(BATCH_SIZE, connection.features.max_query_params // per_row))
        mark = "(" + ", ".join(["%s"] * per_row) + ")"
        for start in range(0, len(rows), size):
            batch = rows[start:start + size]
            cursor.execute(f"INSERT INTO {table} ({names}) VALUES {', '.join([mark] * len(batch))}{suffix}",
                           [value for row in batch for value in row])
            if returning:
                ids.extend(row[0] for row in cursor.fetchall())
    return ids


def _postgres_insert(cursor, opts, fields, rows, returning):
    """COPY the rows (ids drawn from the table's sequence first when needed); execute_values as fallback."""
    quote = cursor.db.ops.quote_name
    ids = []
    if returning:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [opts.db_table, opts.pk.column, len(rows)])
        ids = [row[0] for row in cursor.fetchall()]
        fields = [opts.pk] + list(fields)
        rows = [[pk] + row for pk, row in zip(ids, rows)]
    names = ", ".join(quote(f.column) for f in fields)
    try:
        text = "".join("\t".join(_copy_text(v) for v in row) + "\n" for row in rows)
    except TypeError:  # a value COPY's text format is not written for here: let the driver adapt it
        from psycopg2.extras import execute_values

        execute_values(cursor.cursor, f"INSERT INTO {quote(opts.db_table)} ({names}) VALUES %s", rows,
                       page_size=BATCH_SIZE)
        return ids
    cursor.cursor.copy_expert(f"COPY {quote(opts.db_table)} ({names}) FROM STDIN", io.StringIO(text))
    return ids


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _copy_text(value):
    """One value in PostgreSQL COPY text format (most frequent types first)."""
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES)
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    raise TypeError(type(value))
