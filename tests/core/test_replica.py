"""Reports may read from a streaming replica (DATABASE_REPLICA_URL); pages and writes never do."""
from django.test import override_settings

from apps.core.models import Council
from apps.core.replica import ReplicaRouter, reading_from_replica

REPLICA_DATABASES = {"default": {}, "replica": {}}


def test_without_a_replica_everything_reads_from_default():
    router = ReplicaRouter()
    with reading_from_replica():
        assert router.db_for_read(Council) is None


@override_settings(DATABASES=REPLICA_DATABASES)
def test_with_a_replica_only_report_work_reads_from_it_and_nothing_writes_there():
    router = ReplicaRouter()
    assert router.db_for_read(Council) is None
    with reading_from_replica():
        assert router.db_for_read(Council) == "replica"
        assert router.db_for_write(Council) == "default"
    assert router.db_for_read(Council) is None
    assert router.allow_migrate("replica", "core") is False and router.allow_migrate("default", "core") is True
