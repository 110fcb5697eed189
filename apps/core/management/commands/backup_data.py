"""Back up the database and the uploaded files into one folder (docs/DEPLOY.md, "Backup and restore").

    python manage.py backup_data --output /var/backups/hdnd/2025-06-30

PostgreSQL: ``pg_dump --format=custom`` (restorable with pg_restore into an empty database).
SQLite: a consistent copy through the sqlite3 backup API (safe while the site runs).
Uploaded files: a tar of MEDIA_ROOT when files live on the local disk; with an S3 bucket the
bucket is backed up by its own versioning/replication and the manifest says so.

The folder gets ``manifest.json``: time, Django version, database vendor, applied migrations,
row counts per table and the sha256 of every file, which restore_data verifies first.

The counts describe the dump itself, never the live database after it: on PostgreSQL they are
read in the very snapshot pg_dump dumps (a REPEATABLE READ transaction exports its snapshot and
``pg_dump --snapshot`` uses it), on SQLite from the copy. So a backup taken while clerks work
restores with matching counts. Backups hold personal data: the folder is 0700 and its files 0600
whatever the caller's umask.
"""
import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

MANIFEST = "manifest.json"
PG_DUMP_FILE = "database.pgdump"
SQLITE_FILE = "database.sqlite3"
MEDIA_FILE = "media.tar.gz"
FORMAT_VERSION = 1


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def pg_environment(db):
    """libpq environment for the settings' database (no password on any command line)."""
    env = dict(os.environ)
    mapping = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD", "NAME": "PGDATABASE"}
    for key, variable in mapping.items():
        if db.get(key):
            env[variable] = str(db[key])
    sslmode = (db.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = sslmode
    return env


def client_tool(name):
    """pg_dump / pg_restore, refusing a client older than the server (its dumps would fail)."""
    path = shutil.which(name)
    if not path:
        raise CommandError(
            f"Không tìm thấy {name}. Cài gói postgresql-client cùng phiên bản với máy chủ PostgreSQL "
            f"(ví dụ: apt-get install postgresql-client-15)."
        )
    output = subprocess.run([path, "--version"], capture_output=True, text=True, check=True).stdout
    client_major = int(output.split()[-1].split(".")[0])
    connection.ensure_connection()
    server_major = connection.pg_version // 10000
    if client_major < server_major:
        raise CommandError(
            f"{name} phiên bản {client_major} cũ hơn máy chủ PostgreSQL {server_major}: "
            f"hãy cài postgresql-client-{server_major}."
        )
    return path


def uses_local_media():
    return hasattr(default_storage, "location") and default_storage.__class__.__name__ == "FileSystemStorage"


def migration_state():
    applied = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def model_tables():
    return {model._meta.db_table for model in apps.get_models(include_auto_created=True)}


def row_counts():
    """Rows per table of every installed model (the restore compares these)."""
    tables = set(connection.introspection.table_names()) & model_tables()
    counts = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return dict(sorted(counts.items()))


def sqlite_copy_state(path):
    """Row counts and applied migrations read from a SQLite copy (the dump itself)."""
    copy = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        present = {name for (name,) in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        counts = {table: copy.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
                  for table in sorted(present & model_tables())}
        applied = {}
        for app, name in copy.execute("SELECT app, name FROM django_migrations"):
            applied.setdefault(app, []).append(name)
    finally:
        copy.close()
    return counts, {app: sorted(names) for app, names in sorted(applied.items())}


def owner_only(path):
    os.chmod(path, 0o700 if path.is_dir() else 0o600)


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và các tệp đã tải lên vào một thư mục (kèm manifest.json)."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="thư mục đích (được tạo nếu chưa có; phải trống)")

    def handle(self, *args, **options):
        previous_umask = os.umask(0o077)  # every file written below is the owner's only
        try:
            self.backup(Path(options["output"]).resolve())
        finally:
            os.umask(previous_umask)

    def dump_postgresql(self, output, db):
        """pg_dump of one snapshot; returns (files, row counts, migrations) of that same snapshot."""
        target = output / PG_DUMP_FILE
        tool = client_tool("pg_dump")
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            result = subprocess.run(
                [tool, "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                 f"--file={target}"],
                env=pg_environment(db), capture_output=True, text=True,
            )
            if result.returncode != 0:
                raise CommandError(f"pg_dump thất bại: {result.stderr.strip()}")
            # Still inside the exported snapshot: exactly what the dump holds.
            return {PG_DUMP_FILE: target}, row_counts(), migration_state()

    def dump_sqlite(self, output, db):
        target = output / SQLITE_FILE
        source = sqlite3.connect(str(db["NAME"]))
        copy = sqlite3.connect(str(target))
        try:
            with copy:
                source.backup(copy)
        finally:
            copy.close()
            source.close()
        counts, migrations = sqlite_copy_state(target)
        return {SQLITE_FILE: target}, counts, migrations

    def backup(self, output):
        if output.exists() and any(output.iterdir()):
            raise CommandError(f"Thư mục {output} không trống: hãy chọn một thư mục mới cho mỗi bản sao lưu.")
        output.mkdir(parents=True, exist_ok=True)
        owner_only(output)
        db = settings.DATABASES["default"]
        vendor = connection.vendor

        if vendor == "postgresql":
            files, counts, migrations = self.dump_postgresql(output, db)
        elif vendor == "sqlite":
            files, counts, migrations = self.dump_sqlite(output, db)
        else:
            raise CommandError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {vendor}.")

        media_note = "local"
        if uses_local_media():
            media_root = Path(settings.MEDIA_ROOT)
            target = output / MEDIA_FILE
            with tarfile.open(target, "w:gz") as archive:
                if media_root.exists():
                    for path in sorted(media_root.rglob("*")):
                        if path.is_file() and not path.is_symlink():
                            archive.add(path, arcname=str(path.relative_to(media_root)), recursive=False)
            files[MEDIA_FILE] = target
        else:
            media_note = (f"{default_storage.__class__.__name__}: tệp tải lên nằm trong kho đối tượng; "
                          "sao lưu bằng versioning/replication của bucket")

        manifest = {
            "format": FORMAT_VERSION,
            "created_at": datetime.datetime.now(datetime.timezone.utc).isoformat(),
            "django": django.get_version(),
            "vendor": vendor,
            "database": str(db.get("NAME")),
            "media": media_note,
            "migrations": migrations,
            "row_counts": counts,
            "files": {name: {"sha256": sha256_of(path), "bytes": path.stat().st_size} for name, path in files.items()},
        }
        (output / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        for path in [*files.values(), output / MANIFEST]:
            owner_only(path)
        total = sum(entry["bytes"] for entry in manifest["files"].values())
        self.stdout.write(self.style.SUCCESS(
            f"Đã sao lưu {vendor} ({sum(manifest['row_counts'].values())} dòng) và tệp tải lên vào {output} "
            f"({total / 1024 / 1024:.1f} MB)."
        ))
