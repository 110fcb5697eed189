"""Migration helpers for the folded search columns (apps/core/text.py).

``fill_search_text(app_label)``: a RunPython function that folds the text of every existing row of
the app's models that have a ``search_text`` column, with the same rule as ``save()``.

``trigram_indexes(app_label, models)``: on PostgreSQL, a trigram GIN index on each search column, so
``search_text LIKE '%hai hoa%'`` is an index scan at a million rows; on SQLite (the embedded default)
nothing — its LIKE scans, which is fine at a council's size. The indexes stay out of the models'
state on purpose: SQLite rebuilds a table from that state when a later migration alters it, and
``USING gin`` would fail there.
"""
from django.db import migrations

from .text import SEALED_SEARCH_COLUMN, SEARCH_COLUMN, search_columns

BATCH = 2000


def fill_search_text(app_label):
    def fill(apps, schema_editor):
        from django.apps import apps as live_apps

        for historical in apps.get_app_config(app_label).get_models():
            columns = [c for c in (SEARCH_COLUMN, SEALED_SEARCH_COLUMN)
                       if any(f.name == c for f in historical._meta.concrete_fields)]
            if not columns or historical.__name__.startswith("Historical"):
                continue
            # The live class knows how its rows fold (search_extra, sealed identity); only the columns
            # that exist at this point of the migrations are loaded.
            live = live_apps.get_model(app_label, historical.__name__)
            existing = [f.attname for f in historical._meta.concrete_fields]
            rows = live._base_manager.using(schema_editor.connection.alias).only(*existing).order_by("pk")
            batch = []
            for obj in rows.iterator(chunk_size=BATCH):
                for column, text in search_columns(obj, skip_deferred=True).items():
                    setattr(obj, column, text)
                batch.append(obj)
                if len(batch) >= BATCH:
                    live._base_manager.using(schema_editor.connection.alias).bulk_update(batch, columns)
                    batch = []
            if batch:
                live._base_manager.using(schema_editor.connection.alias).bulk_update(batch, columns)

    return fill


def _index(model, column):
    from django.contrib.postgres.indexes import GinIndex

    name = f"{model._meta.db_table[:18]}_{'sealed' if column == SEALED_SEARCH_COLUMN else 'search'}_trgm"
    return GinIndex(fields=[column], name=name, opclasses=["gin_trgm_ops"])


def trigram_indexes(app_label, models):
    """[(model name, column)] -> one RunPython that adds their trigram indexes on PostgreSQL only."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for model_name, column in models:
            model = apps.get_model(app_label, model_name)
            schema_editor.add_index(model, _index(model, column))

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for model_name, column in models:
            model = apps.get_model(app_label, model_name)
            schema_editor.remove_index(model, _index(model, column))

    return migrations.RunPython(forwards, backwards, elidable=False)
