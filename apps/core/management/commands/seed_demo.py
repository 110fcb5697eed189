"""Demo users and a believable half-year of records in every register.

Each app contributes through ``apps.<app>.seed.seed(ctx)``; ``--scale N`` multiplies volumes.
Assumes ``load_reference_data`` has run.
"""
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apps.core.models import Council
from apps.core.registry import app_modules
from apps.core.seed import DEMO_PASSWORD, SeedContext


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu: tài khoản cho mọi vai trò và hồ sơ của các sổ (chạy sau load_reference_data)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Nhân khối lượng dữ liệu (đo hiệu năng).")
        parser.add_argument("--seed", type=int, default=2022, help="Hạt giống ngẫu nhiên, để kết quả lặp lại được.")

    def handle(self, *args, scale, seed, **options):
        if scale < 1:
            raise CommandError("--scale phải là số nguyên ≥ 1.")
        if not Council.objects.filter(admin_unit__code="194").exists():
            raise CommandError("Chưa có dữ liệu danh mục: chạy «python manage.py load_reference_data» trước.")
        ctx = SeedContext(scale=scale, rng=random.Random(seed), stdout=self.stdout)
        with transaction.atomic():
            for module in app_modules("seed"):
                module.seed(ctx)
        self.stdout.write(self.style.SUCCESS("Đã tạo dữ liệu mẫu."))
        self.stdout.write("Tài khoản mẫu (mật khẩu chung: %s):" % DEMO_PASSWORD)
        for username, description in ctx.accounts:
            self.stdout.write(f"  {username:<12} {description}")
