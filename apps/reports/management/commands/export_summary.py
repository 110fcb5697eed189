"""python manage.py export_summary --council 194 --period 2022-H1 --format xlsx|docx --output PATH"""
import os
import tempfile

from django.core.management.base import BaseCommand, CommandError

from apps.reports.summary import build_summary, resolve

FORMATS = ("xlsx", "docx")


class Command(BaseCommand):
    help = "Xuất báo cáo tổng hợp 6 tháng (xlsx hoặc docx) của một HĐND cho một kỳ báo cáo."

    def add_arguments(self, parser):
        parser.add_argument("--council", required=True, help="Mã đơn vị hành chính của HĐND, ví dụ 194.")
        parser.add_argument("--period", required=True, help="Kỳ báo cáo, ví dụ 2022-H1, 2022-H2, 2022-Y.")
        parser.add_argument("--format", required=True, dest="fmt", help="xlsx hoặc docx.")
        parser.add_argument("--output", required=True, help="Đường dẫn tệp kết quả.")

    def handle(self, *args, council, period, fmt, output, **options):
        fmt = (fmt or "").strip().lower()
        if fmt not in FORMATS:
            raise CommandError(f"Định dạng «{fmt}» không hỗ trợ; dùng xlsx hoặc docx.")
        folder = os.path.dirname(os.path.abspath(output))
        if not os.path.isdir(folder):
            raise CommandError(f"Thư mục «{folder}» không tồn tại.")
        try:
            council_obj, period_obj = resolve(council, period)
        except ValueError as exc:
            raise CommandError(str(exc))

        summary = build_summary(council_obj, period_obj)
        if fmt == "xlsx":
            from apps.reports.summary.xlsx import summary_xlsx

            data = summary_xlsx(summary)
        else:
            from apps.reports.summary.docx import summary_docx

            data = summary_docx(summary)

        # Write next to the target and rename: a failure never leaves a half-written file.
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".export-", suffix="." + fmt)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, output)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        wards = f" ({len(summary.reported_wards)}/{len(summary.wards)} xã, phường đã báo cáo)" if summary.wards else ""
        self.stdout.write(self.style.SUCCESS(f"Đã xuất {summary.council_name}, {summary.period_label}: {output}{wards}."))
