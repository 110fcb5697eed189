"""Restore a backup_data folder into an EMPTY database and unpack the uploaded files.

    DATABASE_URL=postgres://…/council_new python manage.py restore_data --input /var/backups/hdnd/2025-06-30

Refuses when the target database already has tables (unless --force, which replaces them),
when a file's sha256 differs from the manifest, or when the database vendor differs.
Afterwards it compares the row counts with the manifest and reports any difference.
"""
import json
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from .backup_data import (
    MANIFEST, MEDIA_FILE, PG_DUMP_FILE, SQLITE_FILE, client_tool, pg_environment, row_counts, sha256_of,
    uses_local_media,
)


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu (backup_data) vào cơ sở dữ liệu trống và giải nén các tệp tải lên."

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="thư mục do backup_data tạo ra")
        parser.add_argument("--force", action="store_true",
                            help="ghi đè cả khi cơ sở dữ liệu đích đã có bảng (XOÁ dữ liệu hiện có)")

    def handle(self, *args, **options):
        source = Path(options["input"]).resolve()
        manifest = self.read_manifest(source)
        vendor = connection.vendor
        if manifest["vendor"] != vendor:
            raise CommandError(
                f"Bản sao lưu là của {manifest['vendor']}, nhưng cơ sở dữ liệu đích là {vendor}."
            )
        existing = connection.introspection.table_names()
        if existing and not options["force"]:
            raise CommandError(
                f"Cơ sở dữ liệu đích {settings.DATABASES['default']['NAME']} đã có {len(existing)} bảng. "
                "Hãy khôi phục vào một cơ sở dữ liệu trống (hoặc dùng --force để ghi đè)."
            )

        if vendor == "postgresql":
            self.restore_postgresql(source / PG_DUMP_FILE, clean=bool(existing))
        else:
            self.restore_sqlite(source / SQLITE_FILE)

        if MEDIA_FILE in manifest["files"]:
            if not uses_local_media():
                raise CommandError("Bản sao lưu có tệp tải lên trên đĩa, nhưng nơi lưu trữ hiện tại không phải đĩa cục bộ.")
            unpacked = self.restore_media(source / MEDIA_FILE, Path(settings.MEDIA_ROOT))
        else:
            unpacked = 0

        connection.close()
        differences = {
            table: (expected, found)
            for table, expected in manifest["row_counts"].items()
            if (found := row_counts().get(table)) != expected
        }
        if differences:
            lines = "; ".join(f"{t}: {e} → {f}" for t, (e, f) in differences.items())
            raise CommandError(f"Đã khôi phục nhưng số dòng khác với bản sao lưu: {lines}")
        self.stdout.write(self.style.SUCCESS(
            f"Đã khôi phục {sum(manifest['row_counts'].values())} dòng từ bản sao lưu lúc {manifest['created_at']} "
            f"và {unpacked} tệp tải lên. Hãy chạy `manage.py migrate` nếu mã nguồn mới hơn bản sao lưu."
        ))

    def read_manifest(self, source):
        path = source / MANIFEST
        if not path.exists():
            raise CommandError(f"Không có {MANIFEST} trong {source}: đây không phải thư mục do backup_data tạo.")
        manifest = json.loads(path.read_text(encoding="utf-8"))
        for name, entry in manifest["files"].items():
            file = source / name
            if not file.exists() or sha256_of(file) != entry["sha256"]:
                raise CommandError(f"Tệp {name} bị thiếu hoặc đã bị thay đổi (sha256 không khớp manifest).")
        return manifest

    def restore_postgresql(self, dump, clean):
        tool = client_tool("pg_restore")
        connection.close()  # pg_restore works on its own connection
        db = settings.DATABASES["default"]
        command = [tool, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                   f"--dbname={db['NAME']}"]
        if clean:
            command += ["--clean", "--if-exists"]
        result = subprocess.run([*command, str(dump)], env=pg_environment(db), capture_output=True, text=True)
        if result.returncode != 0:
            raise CommandError(f"pg_restore thất bại: {result.stderr.strip()}")

    def restore_sqlite(self, backup_file):
        connection.close()
        source = sqlite3.connect(str(backup_file))
        target = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()

    def restore_media(self, archive_path, media_root):
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive_path, "r:gz") as archive:
            members = archive.getmembers()
            # The "data" filter refuses absolute paths, "..", links out of the folder and device files.
            archive.extractall(media_root, members=members, filter="data")
        return sum(1 for m in members if m.isfile())
