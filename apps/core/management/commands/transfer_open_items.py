"""Pass the open work of a council that ended to its successor (apps/core/carryover.py).

    python manage.py transfer_open_items --from 06709 --on 2025-07-01 [--to 06709] [--dry-run]

``--from`` is the unit code of the council that ended (the one of that code alive the day before
``--on``); ``--to`` the code of the council that takes the work over (alive on ``--on``), needed
when the unit went to several successors. Exit status 1, with the reasons and the list of records
that could not be placed, when anything is wrong; then nothing is moved.
"""
import datetime

from django.core.management.base import BaseCommand, CommandError

from apps.core.carryover import CarryOverError, carry_out, describe, plan, resolve_source, resolve_target


def parse_day(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Ngày «{text}» không hợp lệ; viết theo dạng YYYY-MM-DD, ví dụ 2025-07-01.")


class Command(BaseCommand):
    help = "Chuyển hồ sơ còn mở (kiến nghị, đơn thư, kiến nghị sau giám sát, cam kết) của HĐND đã thôi hoạt động sang đơn vị kế thừa."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="source", required=True, help="Mã đơn vị của HĐND đã thôi hoạt động.")
        parser.add_argument("--on", required=True, help="Ngày chuyển (YYYY-MM-DD), sau ngày cuối cùng của HĐND đó.")
        parser.add_argument("--to", dest="target", help="Mã đơn vị của HĐND nhận hồ sơ (bắt buộc khi có nhiều đơn vị kế thừa).")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê, không ghi gì.")

    def handle(self, *args, source, on, target, dry_run, **options):
        day = parse_day(on)
        try:
            source_council = resolve_source(source, day)
            target_council = resolve_target(target, day) if target else None
        except CarryOverError as error:
            raise CommandError(str(error))
        result = plan(source_council, day, target_council)
        if result.errors:
            for line in result.errors:
                self.stderr.write(line)
            if result.items:
                self.stderr.write("Các hồ sơ chưa chuyển được:")
                for line in describe(result)[1:]:
                    self.stderr.write(line)
            raise CommandError("Không chuyển hồ sơ nào.")
        carry_out(result, dry_run=dry_run)
        for line in describe(result):
            self.stdout.write(line)
        if dry_run:
            self.stdout.write(f"Chạy thử: {result.total} hồ sơ sẽ được chuyển; chưa ghi gì.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Đã chuyển {result.total} hồ sơ sang {result.target.name}."))
