"""python manage.py import_ward_reports FILE.xlsx [FILE.xlsx …] [--dry-run] [--replace]"""
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from apps.reports.importer import WardReportImporter


class Command(BaseCommand):
    help = (
        "Nhập báo cáo của xã, phường từ các tệp .xlsx. Mỗi tệp được nhập trọn vẹn hoặc không nhập gì; "
        "tệp giống hệt tệp đã nhập thì bỏ qua. Mã trả về 0 chỉ khi mọi tệp đều nhập được."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="tệp báo cáo .xlsx")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì")
        parser.add_argument("--replace", action="store_true",
                            help="thay thế báo cáo đã có của cùng đơn vị, cùng kỳ (báo cáo cũ vẫn được lưu)")

    def handle(self, *args, files, dry_run, replace, **options):
        # Its report is in Vietnamese (docs/DESIGN.md §7), whatever language the calling thread last used.
        translation.activate(settings.LANGUAGE_CODE)
        # The command runs as the system: no user scope, but the unit must still be a ward with a parent council.
        importer = WardReportImporter(None, replace=replace, dry_run=dry_run, source="command")
        failures = []
        for name in files:
            path = Path(name)
            try:
                data = path.read_bytes()
            except OSError as exc:
                line = f"Tệp {path.name}: không đọc được tệp ({exc.strerror or exc})."
                self.stderr.write(line)
                failures.append(line)
                continue
            result = importer.run(data, path.name)
            if result.ok:
                self.stdout.write(self.style.SUCCESS(result.summary()))
                for note in result.notes + [c.line() for c in result.corrections]:
                    self.stdout.write(f"  {note}")
                continue
            if result.needs_confirm:
                lines = [result.summary()] + result.notes
            else:
                lines = [result.summary()] + result.errors
            self.stderr.write(lines[0])
            for line in lines[1:]:
                self.stderr.write(f"  {line}")
            failures.extend(lines[1:] or lines)
        if failures:
            raise CommandError(
                f"{len(failures)} lỗi, không phải mọi tệp đều được nhập:\n" + "\n".join(str(line) for line in failures)
            )
