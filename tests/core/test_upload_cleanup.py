"""Abandoned import previews and orphan upload files are removed, after a grace period.

The attack: a ward clerk previews a letter import (citizens' names and addresses) and never
confirms; the file stayed in MEDIA_ROOT/django-import-export forever. A worker killed in the
middle of a ward upload left the workbook in storage with no record pointing to it.
"""
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from apps.core.models import ReportingPeriod
from apps.reception.models import Letter
from apps.reports.models import WardReport

from ..security.helpers import import_preview, xlsx_bytes

pytestmark = pytest.mark.django_db

LETTERS = [["Mã đơn vị", "Ngày nhận", "Người gửi", "Địa chỉ", "Loại đơn", "Nội dung đơn"],
           ["06709", "05/01/2022", "Ngô Thị Tố Cáo", "Khu 2, phường Ka Long", "Tố cáo", "Cán bộ nhận tiền"]]


@pytest.fixture(autouse=True)
def own_media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def files_under(root, folder):
    base = root / folder
    return sorted(str(p.relative_to(root)) for p in base.rglob("*") if p.is_file()) if base.exists() else []


def age(root, name, hours):
    then = time.time() - hours * 3600
    os.utime(root / name, (then, then))


def test_an_abandoned_letter_preview_is_removed_at_the_next_import_once_a_day_old(client_for, ward_clerk, own_media):
    client = client_for(ward_clerk)
    preview = import_preview(client, Letter, xlsx_bytes(LETTERS), "don-thu.xlsx")
    assert preview.status_code == 200  # the clerk reads the preview and walks away
    [abandoned] = files_under(own_media, "django-import-export")

    import_preview(client, Letter, xlsx_bytes(LETTERS), "don-thu.xlsx")
    assert abandoned in files_under(own_media, "django-import-export")  # an hour-old preview may still be confirmed

    age(own_media, abandoned, hours=25)
    import_preview(client, Letter, xlsx_bytes(LETTERS), "don-thu.xlsx")
    assert abandoned not in files_under(own_media, "django-import-export")
    assert len(files_under(own_media, "django-import-export")) == 2


def test_cleanup_uploads_removes_old_previews_and_orphans_and_keeps_every_file_a_record_uses(ward, own_media):
    period = ReportingPeriod.objects.from_code("2022-H1")
    kept = default_storage.save("ward-reports/2022-H1/06709/ka-long.xlsx", ContentFile(b"report"))
    WardReport.objects.create(council=ward, period=period, source_file=kept, original_filename="ka-long.xlsx",
                              sha256="a" * 64, uploaded_at=timezone.now())
    orphan = default_storage.save("ward-reports/2022-H1/06709/ka-long-killed.xlsx", ContentFile(b"half"))
    fresh_orphan = default_storage.save("ward-reports/2022-H1/06709/ka-long-saving.xlsx", ContentFile(b"now"))
    preview = default_storage.save("django-import-export/abc123", ContentFile(b"letters"))
    ward_preview = default_storage.save("tmp/ward-report-uploads/tok/000-ka-long.xlsx", ContentFile(b"ward"))
    fresh_preview = default_storage.save("django-import-export/def456", ContentFile(b"letters"))
    for name in (kept, orphan, preview, ward_preview):
        age(own_media, name, hours=48)

    call_command("cleanup_uploads", "--dry-run", stdout=open(os.devnull, "w"))
    assert default_storage.exists(orphan) and default_storage.exists(preview)

    call_command("cleanup_uploads", stdout=open(os.devnull, "w"))

    assert not default_storage.exists(orphan)
    assert not default_storage.exists(preview) and not default_storage.exists(ward_preview)
    assert default_storage.exists(kept) and default_storage.exists(fresh_orphan) and default_storage.exists(fresh_preview)
