"""The preview protocol of the ward report upload: upload → preview → confirm or cancel.

The preview keeps nothing in process memory: uploaded bytes go to default storage (a temporary
folder, safe names) and the session holds only a token and the paths, so the preview and the
confirm may be served by different processes or hosts. The confirm re-reads and re-validates
every file from storage.
"""
import datetime
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

SESSION_KEY = "ward_report_uploads"
TMP_DIR = "tmp/ward-report-uploads"
MAX_PENDING = 5  # previews kept per session; older ones are cleaned up


def pending(request):
    return request.session.get(SESSION_KEY, {})


def new_token(request):
    """A token for a new preview; the oldest previews beyond MAX_PENDING are discarded first."""
    entries = pending(request)
    older = sorted(entries, key=lambda t: entries[t].get("at", ""))
    for old in older[: max(0, len(older) - (MAX_PENDING - 1))]:
        discard(request, old)
    return secrets.token_urlsafe(16)


def store(token, index, name, data):
    """Keep one uploaded file until the confirm; returns its storage path."""
    return default_storage.save(f"{TMP_DIR}/{token}/{index:03d}-{name}", ContentFile(data))


def remember(request, token, stored_files, rows=0):
    """Record the preview ([(storage path or None, file name)]; ``rows``: the list rows its files would
    write, which decides whether the confirm runs in the request) in the session."""
    entries = pending(request)
    entries[token] = {"files": stored_files, "at": timezone.now().isoformat(), "user": request.user.pk,
                      "rows": rows}
    request.session[SESSION_KEY] = entries


def entry_for(request, token):
    """The preview of ``token`` if it belongs to this user, else None."""
    entry = pending(request).get(token)
    if not entry or entry.get("user") != request.user.pk:
        return None
    return entry


def stored_bytes(stored):
    """The bytes kept for the confirm, or None when the file is gone (too large, or removed)."""
    if stored is None or not default_storage.exists(stored):
        return None
    with default_storage.open(stored, "rb") as handle:
        return handle.read()


def forget(request, token):
    """Drop the preview from the session but keep its files (a background job takes them over)."""
    entries = pending(request)
    entry = entries.pop(token, None)
    request.session[SESSION_KEY] = entries
    return entry


def discard(request, token):
    entries = pending(request)
    entry = entries.pop(token, None)
    request.session[SESSION_KEY] = entries
    for stored, _name in (entry or {}).get("files", []):
        if stored and default_storage.exists(stored):
            default_storage.delete(stored)
    return entry


def cleanup_stale_uploads(older_than=datetime.timedelta(days=1)):
    """Remove preview files nobody confirmed for a day (run at each new upload); returns the number removed."""
    removed = 0
    try:
        folders, _files = default_storage.listdir(TMP_DIR)
    except (FileNotFoundError, NotImplementedError):
        return 0
    limit = timezone.now() - older_than
    for folder in folders:
        _sub, files = default_storage.listdir(f"{TMP_DIR}/{folder}")
        for name in files:
            stored = f"{TMP_DIR}/{folder}/{name}"
            try:
                stale = default_storage.get_modified_time(stored) < limit
            except NotImplementedError:
                stale = False
            if stale:
                default_storage.delete(stored)
                removed += 1
    return removed
