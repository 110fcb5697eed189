"""An import that writes holds the records it read until it commits.

The version check (apps/core/import_versions.py) compares each row with the record as the import read
it; a colleague saving the same record between that read and the import's write would otherwise be
overwritten without a word. On PostgreSQL the import locks the records before reading them, so the
colleague's save waits for the import (and then finds the import's version). SQLite serialises writing
transactions, so there is no such window to test there.
"""
import threading

import pytest
from django.db import DatabaseError, connection, connections, transaction

from apps.sittings.resources import SittingResource

from ..conftest import council, make_user
from ..sittings import factories
from ..sittings.xlsx import export_bytes, import_bytes, row_errors
from .test_import_versions import ResolutionsRowByRow, edit

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="SQLite serialises write transactions: no window between read and write to test."),
    pytest.mark.django_db(transaction=True),
]


def colleague_may_lock(model, pk):
    """From another connection, as a colleague's save would: may the record be locked right now?"""
    answer = {}

    def attempt():
        try:
            with transaction.atomic():
                model.objects.select_for_update(nowait=True).get(pk=pk)
            answer["free"] = True
        except DatabaseError:
            answer["free"] = False
        finally:
            connections.close_all()

    thread = threading.Thread(target=attempt)
    thread.start()
    thread.join(30)
    return answer["free"]


@pytest.mark.parametrize("register", ["sittings (batched)", "resolutions (row by row)"])
def test_a_record_being_imported_cannot_be_saved_by_a_colleague_until_the_import_commits(reference_data, register):
    ward = council("06709")
    clerk = make_user("vanphong_lock", "194", "secretariat")
    if register.startswith("sittings"):
        base, record, column, value = SittingResource, factories.sitting(ward), "Ghi chú", "Họp bất thường"
    else:
        base, record, column, value = ResolutionsRowByRow, factories.resolution(ward), "Tán thành", 25
    seen = []

    class Watched(base):
        def before_save_instance(self, instance, row, **kwargs):
            super().before_save_instance(instance, row, **kwargs)
            # Read and checked, not yet written: the moment a colleague's save would slip in.
            seen.append(colleague_may_lock(type(record), record.pk))

    typed = edit(export_bytes(base, clerk), column, value)
    preview = import_bytes(Watched, clerk, typed, dry_run=True)
    assert row_errors(preview) == [] and seen == [True]  # a preview locks nothing

    result = import_bytes(Watched, clerk, typed)
    assert row_errors(result) == []
    assert seen == [True, False]  # the write held the record
    assert colleague_may_lock(type(record), record.pk)  # and let it go when it committed
