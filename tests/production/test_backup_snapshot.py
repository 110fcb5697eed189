"""A backup taken while clerks work restores without a false mismatch, and only its owner can read it.

The attack: backup_data counted the live database after the dump, so a record saved by a clerk
in between made the restore report a mismatch; the files were created world-readable.
"""
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import uuid

import pytest
from django.db import connection

from .serving import REPO, production_env
from .test_backup import manage, pg_url

# Runs backup_data with a clerk saving a record (on their own connection) after the database was
# dumped and before the manifest is written: the moment the uploaded files are being archived.
BACKUP_WHILE_A_CLERK_SAVES = """
import sys
import django
django.setup()
from django.core.management import call_command
from django.db import connections
from apps.core.management.commands import backup_data

real_tarfile = backup_data.tarfile
saved = []

class ClerkSavesMeanwhile:
    def __getattr__(self, name):
        return getattr(real_tarfile, name)

    def open(self, *args, **kwargs):
        if not saved:
            clerk = connections.create_connection("default")
            with clerk.cursor() as cursor:
                cursor.execute("INSERT INTO auth_group (name) VALUES ('Nhóm lập trong lúc sao lưu')")
            clerk.close()
            saved.append(True)
        return real_tarfile.open(*args, **kwargs)

backup_data.tarfile = ClerkSavesMeanwhile()
call_command("backup_data", "--output", sys.argv[1])
assert saved
"""


def backup_while_a_clerk_saves(env, folder):
    old_umask = os.umask(0o022)  # a usual login shell: files world-readable unless the command says otherwise
    try:
        result = subprocess.run([sys.executable, "-c", BACKUP_WHILE_A_CLERK_SAVES, str(folder)], cwd=REPO,
                                env=env, capture_output=True, text=True, timeout=180)
    finally:
        os.umask(old_umask)
    assert result.returncode == 0, result.stderr
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def assert_owner_only(folder):
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_a_sqlite_backup_taken_while_a_clerk_saves_counts_what_it_holds_and_restores(prod_site, tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    with sqlite3.connect(prod_site / "db.sqlite3") as live, sqlite3.connect(source / "db.sqlite3") as copy:
        live.backup(copy)
    (source / "media").mkdir()
    env = production_env(source)

    manifest = backup_while_a_clerk_saves(env, tmp_path / "backup")

    with sqlite3.connect(tmp_path / "backup" / "database.sqlite3") as dump:
        in_dump = dump.execute("SELECT COUNT(*) FROM auth_group").fetchone()[0]
    with sqlite3.connect(source / "db.sqlite3") as live:
        live_now = live.execute("SELECT COUNT(*) FROM auth_group").fetchone()[0]
    assert live_now == in_dump + 1  # the clerk's record came after the dump
    assert manifest["row_counts"]["auth_group"] == in_dump
    assert_owner_only(tmp_path / "backup")
    (tmp_path / "target").mkdir()
    restore = manage(production_env(tmp_path / "target"), "restore_data", "--input", str(tmp_path / "backup"))
    assert restore.returncode == 0, restore.stderr


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_postgresql_backup_taken_while_a_clerk_saves_counts_its_own_snapshot_and_restores(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: the default database is SQLite (the SQLite variant is tested above)")
    import psycopg2

    assert shutil.which("pg_dump") and shutil.which("pg_restore"), "postgresql-client is needed for backups"
    settings_dict = connection.settings_dict
    suffix = uuid.uuid4().hex[:8]
    source_db, target_db = f"council_snap_src_{suffix}", f"council_snap_dst_{suffix}"
    admin = psycopg2.connect(pg_url(settings_dict, "postgres"))
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{source_db}"')
            cursor.execute(f'CREATE DATABASE "{target_db}"')
        clone = subprocess.run(
            f'pg_dump --format=custom --no-owner "{pg_url(settings_dict, settings_dict["NAME"])}" '
            f'| pg_restore --no-owner --dbname="{pg_url(settings_dict, source_db)}"',
            shell=True, capture_output=True, text=True, timeout=120,
        )
        assert clone.returncode == 0, clone.stderr
        for name in ("source", "target"):
            (tmp_path / name / "media").mkdir(parents=True)
        source_env = production_env(tmp_path / "source", DATABASE_URL=pg_url(settings_dict, source_db))
        target_env = production_env(tmp_path / "target", DATABASE_URL=pg_url(settings_dict, target_db))
        with psycopg2.connect(pg_url(settings_dict, source_db)) as live, live.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM auth_group")
            before = cursor.fetchone()[0]
        live.close()

        manifest = backup_while_a_clerk_saves(source_env, tmp_path / "backup")

        assert manifest["row_counts"]["auth_group"] == before
        assert_owner_only(tmp_path / "backup")
        restore = manage(target_env, "restore_data", "--input", str(tmp_path / "backup"))
        assert restore.returncode == 0, restore.stderr
    finally:
        with admin.cursor() as cursor:
            for name in (source_db, target_db):
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
