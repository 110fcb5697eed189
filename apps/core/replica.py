"""Reading reports from a PostgreSQL streaming replica, when one is configured.

``DATABASE_REPLICA_URL`` adds a ``replica`` database. Read-heavy work that can bear a replica's
few seconds of lag — the semi-annual summary and its exports — runs inside
``reading_from_replica()``; everything else, and every write, stays on ``default``, so a clerk
always sees what they just saved.
"""
import threading
from contextlib import contextmanager

from django.conf import settings

REPLICA = "replica"
_state = threading.local()


def replica_configured():
    return REPLICA in settings.DATABASES


@contextmanager
def reading_from_replica():
    previous = getattr(_state, "on", False)
    _state.on = True
    try:
        yield
    finally:
        _state.on = previous


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if getattr(_state, "on", False) and replica_configured():
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as default

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
