"""E-mail each clerk the items in their scope due within N days or overdue (run daily from cron).

The same list as the "Việc sắp đến hạn" page (apps.core.reminders.due_groups). Clerks are the active
secretariat and ward users with an e-mail address; a clerk with nothing due gets no e-mail. Mail goes
through Django's e-mail backend (EMAIL_BACKEND; the console by default, see docs/REMINDERS.md).
"""
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.urls import reverse

from apps.core.choices import Role
from apps.core.reminders import MAX_DAYS, due_groups

CLERK_ROLES = (Role.SECRETARIAT, Role.WARD)


def message_for(user, groups, days, base_url):
    total = sum(g.total for g in groups)
    overdue = sum(g.overdue for g in groups)
    subject = f"[HĐND] {total} việc đến hạn trong {days} ngày tới hoặc đã quá hạn"
    if overdue:
        subject += f" ({overdue} quá hạn)"
    lines = [f"Kính gửi {user.get_full_name() or user.username},", "",
             f"Các việc trong phạm vi của anh/chị đến hạn trong {days} ngày tới hoặc đã quá hạn:", ""]
    for group in groups:
        opts = group.source.model._meta
        lines.append(f"{group.source.label} ({group.total}):")
        for obj, due, late in group.items:
            url = base_url + reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            lines.append(f"  - {due:%d/%m/%Y}{' (quá hạn)' if late else ''} — {obj} — {obj.council} — {url}")
        if group.total > len(group.items):
            lines.append(f"  … và {group.total - len(group.items)} việc khác.")
        lines.append("")
    lines.append(f"Xem tất cả: {base_url}{reverse('admin:core_reminders')}?days={days}")
    return subject, "\n".join(lines)


class Command(BaseCommand):
    help = "Gửi e-mail nhắc việc: mỗi công chức nhận danh sách việc trong phạm vi của mình đến hạn trong N ngày tới hoặc đã quá hạn."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="Số ngày tới (mặc định 7; tối đa 90).")
        parser.add_argument("--base-url", default="", help="Địa chỉ trang quản trị cho đường dẫn trong thư, "
                                                             "ví dụ https://hdnd.example.gov.vn (mặc định: SITE_URL).")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ in ra ai sẽ nhận thư, không gửi.")

    def handle(self, *args, days, base_url, dry_run, **options):
        import os

        from django.core.management.base import CommandError

        if not 0 <= days <= MAX_DAYS:
            raise CommandError(f"--days phải trong khoảng 0–{MAX_DAYS}.")
        base_url = (base_url or os.environ.get("SITE_URL", "")).rstrip("/")
        users = (get_user_model().objects.filter(is_active=True, council_profile__role__in=CLERK_ROLES)
                 .exclude(email="").select_related("council_profile__council").order_by("username"))
        sent = 0
        for user in users:
            groups = due_groups(user, days)
            if not groups:
                continue
            subject, body = message_for(user, groups, days, base_url)
            if dry_run:
                self.stdout.write(f"{user.username} <{user.email}>: {subject}")
                continue
            send_mail(subject, body, None, [user.email])
            sent += 1
        self.stdout.write(self.style.SUCCESS(f"Đã gửi {sent} thư nhắc việc."))
