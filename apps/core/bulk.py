"""Writing many register rows at once, with their change history, in batches.

Every bulk path (register imports, the ward workbook's sheets) writes through here, so that each
row is stored as a form's save() would store it:

- its text is NFC-normalised (and its folded search text filled) by ``normalise_model_text``;
- it gets its history row ("+" created, "~" changed) from simple-history, attributed to the user
  who imported it, all rows of one write with the same date;
- created rows come back with their ids (``bulk_create`` returns them on PostgreSQL and SQLite),
  so that callers can link them (a ward report keeps the ids of the petitions it brought).

A register's own rules (numbers, codes, status, deadlines) are applied before, by the register's
service (``apps/<app>/services.py``); this module knows none of them.

The library calls are used as they are (``bulk_create_with_history``, ``bulk_update_with_history``);
on PostgreSQL the history rows, which are only ever inserted, go through COPY (``copy_rows``): for
the ward workbook's thousands of rows that halves the time of the write (bench/README.md).
"""
import datetime
import decimal
import io

from django.db import connections, router, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .text import normalise_model_text

BATCH_SIZE = 500


def _history_model(model):
    return model.history.model


def create_with_history(objs, user=None, batch_size=BATCH_SIZE):
    """Insert the new objects ``objs`` (one model) and their "+" history rows; returns them with ids."""
    objs = list(objs)
    if not objs:
        return []
    model = type(objs[0])
    now = timezone.now()
    for obj in objs:
        normalise_model_text(obj)
    db = router.db_for_write(model)
    if connections[db].vendor == "postgresql":
        with transaction.atomic(using=db, savepoint=False):
            created = model._default_manager.using(db).bulk_create(objs, batch_size=batch_size)
            copy_rows(_history_rows(created, model, user, now, "+"), _history_model(model), db)
        return created
    return bulk_create_with_history(objs, model, batch_size=batch_size, default_user=user, default_date=now)


def create_with_rules(objs, user, prepare, number, deadline_kwargs=None):
    """Write new register rows as their save() would, in bulk: ``prepare(obj, deadline_kwargs)`` each
    (dates, status, due dates, text), ``number(objs)`` them in one locked step, then insert with history."""
    objs = list(objs)
    with transaction.atomic():
        for obj in objs:
            prepare(obj, deadline_kwargs)
        number(objs)
        return create_with_history(objs, user)


def update_with_rules(objs, user, prepare, deadline_kwargs=None):
    """Write changed register rows in bulk after ``prepare`` (their save()'s rules), with history."""
    objs = list(objs)
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
    for obj in objs:
        normalise_model_text(obj)
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False):
                setattr(obj, field.attname, now)
    bulk_update_with_history(objs, model, fields, batch_size=batch_size, default_user=user, default_date=now)


def _history_rows(objs, model, user, now, history_type):
    """The history table's values for ``objs``, as simple-history's bulk_history_create would write them."""
    history = _history_model(model)
    tracked = [f.attname for f in history.tracked_fields]
    user_id = getattr(user, "pk", None)
    rows = []
    for obj in objs:
        values = {name: getattr(obj, name) for name in tracked}
        values.update(history_date=now, history_type=history_type, history_user_id=user_id,
                      history_change_reason=None)
        rows.append(values)
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


def copy_rows(rows, model, using):
    """INSERT ``rows`` (dicts of attname: value) into ``model``'s table with PostgreSQL's COPY (CSV).

    Values are prepared by each field (``get_db_prep_save``), as an INSERT would; a value CSV is not
    written for here (JSON, arrays) sends the rows through ``bulk_create`` instead.
    """
    if not rows:
        return
    connection = connections[using]
    fields = [f for f in model._meta.concrete_fields if f.attname in rows[0]]
    try:
        text = "".join(
            ",".join(_csv(field.get_db_prep_save(row[field.attname], connection)) for field in fields) + "\n"
            for row in rows
        )
    except TypeError:
        model._default_manager.using(using).bulk_create([model(**row) for row in rows], batch_size=BATCH_SIZE)
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN WITH (FORMAT csv)",
                                  io.StringIO(text))
