"""Removing uploaded files nobody will use: abandoned previews and files no record points to.

- Previews: a register import keeps the uploaded file under ``django-import-export/`` between the
  preview and the confirm (django-import-export's MediaStorage), a ward upload under
  ``tmp/ward-report-uploads/``. A clerk who never confirms leaves it there, with citizens'
  personal data in it.
- Orphans: a file saved for a record whose transaction never committed (a worker killed in the
  middle of a ward upload saves the workbook, then dies before its row is written).

Both are removed only when older than a grace period, so a preview being confirmed or a record
being saved right now keeps its file. Works on any storage that lists folders (the local disk,
S3 through django-storages). Run by ``manage.py cleanup_uploads`` (nightly, docs/DEPLOY.md) and,
for register-import previews, at each new register import.
"""
import datetime

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone

PREVIEW_FOLDERS = ("django-import-export", "tmp")
DEFAULT_AGE = datetime.timedelta(hours=24)


def _walk(storage, folder):
    """Every file name under ``folder`` (recursively); nothing when the folder does not exist."""
    try:
        folders, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError, NotImplementedError):
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _walk(storage, f"{folder}/{sub}")


def _older_than(storage, name, limit):
    try:
        return storage.get_modified_time(name) < limit
    except (FileNotFoundError, NotImplementedError, OSError):
        return False


def abandoned_previews(older_than=DEFAULT_AGE, folders=PREVIEW_FOLDERS, storage=None):
    storage = storage or default_storage
    limit = timezone.now() - older_than
    return [name for folder in folders for name in _walk(storage, folder) if _older_than(storage, name, limit)]


def _file_fields():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                yield model, field


def _top_folder(model, field):
    """The first folder of the field's upload_to (a callable is asked for a blank record's path)."""
    upload_to = field.upload_to
    try:
        path = upload_to(model(), "x") if callable(upload_to) else str(upload_to)
    except Exception:  # a callable that needs a filled-in record: its folder cannot be known here
        return None
    top = path.strip("/").split("/")[0]
    return top if top and "/" in path.strip("/") else None


def orphan_files(older_than=DEFAULT_AGE, storage=None):
    """Files in the upload folders of the file fields that no row refers to."""
    storage = storage or default_storage
    limit = timezone.now() - older_than
    referenced, folders = set(), set()
    for model, field in _file_fields():
        folder = _top_folder(model, field)
        if folder and folder not in PREVIEW_FOLDERS:
            folders.add(folder)
        referenced.update(model._default_manager.exclude(**{field.name: ""}).exclude(**{f"{field.name}__isnull": True})
                          .values_list(field.name, flat=True))
    return [name for folder in sorted(folders) for name in _walk(storage, folder)
            if name not in referenced and _older_than(storage, name, limit)]


def remove(names, storage=None):
    storage = storage or default_storage
    for name in names:
        storage.delete(name)
    return len(names)
