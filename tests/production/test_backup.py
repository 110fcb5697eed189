"""Backup and restore: a dump restored into an empty database has the same records and files."""
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from .serving import REPO, SAMPLE_BODY_NAME, production_env

UPLOAD_NAME = "uploads/bao-cao-06709-2022-H1.xlsx"
UPLOAD_BYTES = "Báo cáo 6 tháng đầu năm 2022 — phường Ka Long".encode() * 50

ADD_RECORDS = f"""
import django
django.setup()
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from apps.core.models import Body, Council
ward = Council.objects.filter(admin_unit__code="06712", admin_unit__valid_from__isnull=True).get()
Body.objects.create(council=ward, name="Ban Văn hóa – Xã hội (sao lưu)", kind="ban_vh_xh")
Body.objects.create(council=ward, name="Tổ đại biểu số 3 (sao lưu)", kind="to_dai_bieu")
default_storage.save({UPLOAD_NAME!r}, ContentFile({UPLOAD_BYTES!r}))
"""


def manage(env, *args):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=180)


def run_python(env, code):
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=180)
    assert result.returncode == 0, result.stderr


# --- SQLite (the embedded default) ------------------------------------------------------------
def sqlite_rows(path):
    with sqlite3.connect(path) as db:
        counts = {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                  for t in ("core_body", "core_council", "auth_user", "django_migrations")}
        rows = sorted(db.execute("SELECT c.id, b.name, b.kind FROM core_body b JOIN core_council c ON c.id = b.council_id"))
    return counts, rows


@pytest.fixture(scope="module")
def sqlite_backup(prod_site, tmp_path_factory):
    """A copy of the prepared site plus two records and an uploaded file, and its backup folder."""
    work = tmp_path_factory.mktemp("sqlite-backup")
    source = work / "source"
    source.mkdir()
    with sqlite3.connect(prod_site / "db.sqlite3") as live, sqlite3.connect(source / "db.sqlite3") as copy:
        live.backup(copy)
    env = production_env(source)
    run_python(env, ADD_RECORDS)
    backup = manage(env, "backup_data", "--output", str(work / "backup"))
    assert backup.returncode == 0, backup.stderr
    return source, work / "backup"


def test_sqlite_backup_restores_the_same_records_and_files_into_an_empty_database(sqlite_backup, tmp_path):
    source, backup = sqlite_backup

    restore = manage(production_env(tmp_path), "restore_data", "--input", str(backup))

    assert restore.returncode == 0, restore.stderr
    assert sqlite_rows(tmp_path / "db.sqlite3") == sqlite_rows(source / "db.sqlite3")
    names = [name for _id, name, _kind in sqlite_rows(tmp_path / "db.sqlite3")[1]]
    assert SAMPLE_BODY_NAME in names and "Tổ đại biểu số 3 (sao lưu)" in names
    assert (tmp_path / "media" / UPLOAD_NAME).read_bytes() == UPLOAD_BYTES


def test_restore_refuses_a_database_that_already_has_tables(sqlite_backup):
    source, backup = sqlite_backup

    again = manage(production_env(source), "restore_data", "--input", str(backup))

    assert again.returncode != 0
    assert "đã có" in again.stderr and "--force" in again.stderr


def test_restore_refuses_a_backup_whose_files_were_changed(sqlite_backup, tmp_path):
    _source, backup = sqlite_backup
    tampered = shutil.copytree(backup, tmp_path / "tampered")
    with open(tampered / "database.sqlite3", "r+b") as handle:
        handle.seek(200)
        handle.write(b"\x00\xff")

    refused = manage(production_env(tmp_path), "restore_data", "--input", str(tampered))

    assert refused.returncode != 0
    assert "sha256" in refused.stderr
    assert not (tmp_path / "db.sqlite3").exists() or sqlite3.connect(tmp_path / "db.sqlite3").execute(
        "SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0


def test_the_backup_script_writes_a_dated_folder_readable_by_its_owner_only(sqlite_backup, tmp_path):
    source, _backup = sqlite_backup
    env = production_env(source, BACKUP_DIR=str(tmp_path / "backups"), ENV_FILE="/nonexistent",
                         PYTHON=sys.executable)

    result = subprocess.run(["bash", "scripts/backup.sh"], cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=120)

    assert result.returncode == 0, result.stderr
    folder = Path(result.stdout.strip().splitlines()[-1])
    assert folder.parent == tmp_path / "backups"
    assert (folder / "manifest.json").exists() and (folder / "database.sqlite3").exists()
    assert (folder / "database.sqlite3").stat().st_mode & 0o077 == 0


# --- PostgreSQL (production) ------------------------------------------------------------------
def pg_url(settings_dict, name):
    user = quote(settings_dict.get("USER") or "postgres")
    password = settings_dict.get("PASSWORD")
    auth = f"{user}:{quote(password)}" if password else user
    return f"postgres://{auth}@{settings_dict.get('HOST') or '127.0.0.1'}:{settings_dict.get('PORT') or 5432}/{name}"


def pg_rows(url):
    import psycopg2

    with psycopg2.connect(url) as db, db.cursor() as cursor:
        counts = {}
        for table in ("core_body", "core_council", "auth_user", "auth_permission", "django_migrations"):
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            counts[table] = cursor.fetchone()[0]
        cursor.execute("SELECT c.id, b.name, b.kind FROM core_body b JOIN core_council c ON c.id = b.council_id "
                       "ORDER BY 1, 2")
        rows = cursor.fetchall()
    db.close()
    return counts, rows


@pytest.mark.postgres
@pytest.mark.django_db  # the migrated test database (reference data, committed at setup) is the clone's source
def test_postgresql_backup_restores_the_same_records_and_files_into_an_empty_database(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: the default database is SQLite (the SQLite variant is tested above)")
    import psycopg2

    assert shutil.which("pg_dump") and shutil.which("pg_restore"), "postgresql-client is needed for backups"
    settings_dict = connection.settings_dict
    test_db = settings_dict["NAME"]
    suffix = uuid.uuid4().hex[:8]
    source_db, target_db = f"council_backup_src_{suffix}", f"council_restore_{suffix}"
    admin = psycopg2.connect(pg_url(settings_dict, "postgres"))
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{source_db}"')
            cursor.execute(f'CREATE DATABASE "{target_db}"')
        # The source: a clone of the migrated test database (reference data), plus records and a file.
        clone = subprocess.run(
            f'pg_dump --format=custom --no-owner "{pg_url(settings_dict, test_db)}" '
            f'| pg_restore --no-owner --dbname="{pg_url(settings_dict, source_db)}"',
            shell=True, capture_output=True, text=True, timeout=120,
        )
        assert clone.returncode == 0, clone.stderr
        (tmp_path / "source").mkdir()
        (tmp_path / "target").mkdir()
        source_env = production_env(tmp_path / "source", DATABASE_URL=pg_url(settings_dict, source_db))
        target_env = production_env(tmp_path / "target", DATABASE_URL=pg_url(settings_dict, target_db))
        run_python(source_env, ADD_RECORDS)

        backup = manage(source_env, "backup_data", "--output", str(tmp_path / "backup"))
        assert backup.returncode == 0, backup.stderr
        assert (tmp_path / "backup" / "database.pgdump").read_bytes()[:5] == b"PGDMP"
        restore = manage(target_env, "restore_data", "--input", str(tmp_path / "backup"))

        assert restore.returncode == 0, restore.stderr
        source_state = pg_rows(pg_url(settings_dict, source_db))
        assert pg_rows(pg_url(settings_dict, target_db)) == source_state
        assert "Ban Văn hóa – Xã hội (sao lưu)" in [name for _id, name, _kind in source_state[1]]
        assert (tmp_path / "target" / "media" / UPLOAD_NAME).read_bytes() == UPLOAD_BYTES

        again = manage(target_env, "restore_data", "--input", str(tmp_path / "backup"))
        assert again.returncode != 0 and "đã có" in again.stderr
    finally:
        with admin.cursor() as cursor:
            for name in (source_db, target_db):
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
