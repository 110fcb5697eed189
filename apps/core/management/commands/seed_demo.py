"""Demo users and believable records in every register: 2022–2023 on HĐND thành phố Móng Cái and its
wards, 2025-H2 to today on HĐND tỉnh Quảng Ninh and the Móng Cái successors.

Each app contributes through ``apps.<app>.seed.seed(ctx)``; ``--scale N`` multiplies volumes.
Assumes ``load_reference_data`` has run.
"""
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apps.core.models import Council
from apps.core.registry import app_modules
from apps.core.seed import DEMO_PASSWORD, ERAS, SeedContext, account_list


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
        rng = random.Random(seed)
        with transaction.atomic():
            # History on the councils that ended on 30/06/2025, then current work on their successors:
            # every record inside its council's life.
            for era in ERAS:
                ctx = SeedContext(scale=scale, rng=rng, stdout=self.stdout, era=era)
                for module in app_modules("seed"):
                    module.seed(ctx)
        self.stdout.write(self.style.SUCCESS("Đã tạo dữ liệu mẫu."))
        self.stdout.write("Tài khoản mẫu (mật khẩu chung: %s):" % DEMO_PASSWORD)
        for username, description in account_list():
            self.stdout.write(f"  {username:<12} {description}")
