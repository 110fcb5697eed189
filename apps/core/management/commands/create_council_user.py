import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from apps.core import roles, unitcodes
from apps.core.choices import Role
from apps.core.models import StaffProfile


class Command(BaseCommand):
    help = "Tạo tài khoản cán bộ gắn với một HĐND và một vai trò."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--council", required=True, help="Mã đơn vị hành chính của HĐND, ví dụ 194 hoặc 06709.")
        parser.add_argument("--role", required=True, help="secretariat | ward | leader")
        parser.add_argument("--password", help="Mật khẩu; bỏ trống thì tài khoản chưa đăng nhập được.")
        parser.add_argument("--on", help="Ngày (YYYY-MM-DD hoặc dd/mm/yyyy) để chọn HĐND khi mã đơn vị được dùng lại.")
        parser.add_argument("--skip-password-check", action="store_true", help="Không kiểm tra độ mạnh mật khẩu (chỉ dùng cho dữ liệu mẫu).")

    def handle(self, *args, username, council, role, password=None, on=None, skip_password_check=False, **options):
        errors = []
        User = get_user_model()
        if role not in Role.values:
            errors.append(f"Vai trò «{role}» không hợp lệ; chọn một trong: secretariat, ward, leader.")
        if User.objects.filter(username__iexact=username).exists():
            errors.append(f"Tên đăng nhập «{username}» đã có; chọn tên khác.")
        day = timezone.localdate()
        if on:
            day = None
            for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
                try:
                    day = datetime.datetime.strptime(on, fmt).date()
                    break
                except ValueError:
                    pass
            if day is None:
                errors.append(f"Ngày «{on}» không hợp lệ; viết theo dạng YYYY-MM-DD hoặc dd/mm/yyyy.")
        target = None
        if day is not None:
            try:
                target = unitcodes.council_on(council, day)
            except unitcodes.UnitCodeError as exc:
                errors.append(f"{exc} Dùng --on để chọn ngày.")
        if password and not skip_password_check:
            try:
                validate_password(password, User(username=username))
            except ValidationError as exc:
                errors.extend(f"Mật khẩu: {m}" for m in exc.messages)
        if errors:
            raise CommandError("\n".join(errors))
        with transaction.atomic():
            user = User(username=username, is_staff=True)
            if password:
                user.set_password(password)
            else:
                user.set_unusable_password()
            user.save()
            StaffProfile.objects.create(user=user, council=target, role=role)
            user.groups.add(roles.group_for(role))
        self.stdout.write(self.style.SUCCESS(
            f"Đã tạo tài khoản «{username}»: {Role(role).label} – {target.name} ({target.admin_unit.code})."
        ))
        return None
