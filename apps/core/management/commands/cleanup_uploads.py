"""Remove abandoned import previews and uploaded files no record points to (docs/DEPLOY.md §5).

    python manage.py cleanup_uploads [--hours 24] [--dry-run]
"""
import datetime

from django.core.management.base import BaseCommand

from apps.core.upload_cleanup import abandoned_previews, orphan_files, remove


class Command(BaseCommand):
    help = ("Xóa các tệp xem trước nhập liệu bị bỏ dở và các tệp tải lên không thuộc hồ sơ nào "
            "(cũ hơn --hours giờ).")

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=float, default=24,
                            help="chỉ xóa tệp cũ hơn số giờ này (mặc định 24)")
        parser.add_argument("--dry-run", action="store_true", help="chỉ liệt kê, không xóa")

    def handle(self, *args, **options):
        age = datetime.timedelta(hours=options["hours"])
        previews, orphans = abandoned_previews(age), orphan_files(age)
        for name in previews + orphans:
            self.stdout.write(name)
        if options["dry_run"]:
            self.stdout.write(f"Sẽ xóa {len(previews)} tệp xem trước bị bỏ dở và {len(orphans)} tệp không thuộc hồ sơ nào.")
            return
        remove(previews + orphans)
        self.stdout.write(self.style.SUCCESS(
            f"Đã xóa {len(previews)} tệp xem trước bị bỏ dở và {len(orphans)} tệp không thuộc hồ sơ nào."))
