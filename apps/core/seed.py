"""Core part of seed_demo: demo accounts and delegates; the context other apps' seeds use."""
import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from . import roles
from .choices import MembershipRole, Role
from .models import Agency, Body, Council, Delegate, Field, Membership, StaffProfile, Term

DEMO_PASSWORD = "hdnd-demo-2022"
CITY_CODE = "194"
# Wards that get records in the demo (more get them at higher scales).
DEMO_WARDS = ["06709", "06712", "06742", "06748", "06736"]
DEMO_YEAR = 2022

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Hồng", "Ngọc", "Xuân", "Thanh", "Hữu", "Mạnh"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Hà", "Hải", "Hòa", "Hùng", "Lan", "Linh", "Long", "Mai", "Nam", "Phương",
         "Quân", "Sơn", "Thảo", "Trang", "Tuấn", "Yến", "Khánh", "Hiền", "Thắng", "Nhung"]


@dataclass
class SeedContext:
    scale: int
    rng: object
    stdout: object = None
    accounts: list = field(default_factory=list)
    _cache: dict = field(default_factory=dict)

    @property
    def city(self):
        if "city" not in self._cache:
            self._cache["city"] = Council.objects.select_related("admin_unit").get(
                admin_unit__code=CITY_CODE, admin_unit__valid_from__isnull=True)
        return self._cache["city"]

    @property
    def wards(self):
        """The city's ward councils that get demo records (all 17 from --scale 3)."""
        if "wards" not in self._cache:
            qs = Council.objects.filter(parent=self.city).select_related("admin_unit").order_by("admin_unit__code")
            if self.scale < 3:
                qs = qs.filter(admin_unit__code__in=DEMO_WARDS)
            self._cache["wards"] = list(qs)
        return self._cache["wards"]

    @property
    def councils(self):
        return [self.city] + self.wards

    def person_name(self):
        r = self.rng
        return f"{r.choice(SURNAMES)} {r.choice(MIDDLE)} {r.choice(GIVEN)}"

    def date_in(self, year, half, rng=None):
        r = rng or self.rng
        start = datetime.date(year, 1 if half == 1 else 7, 1)
        end = datetime.date(year, 6, 30) if half == 1 else datetime.date(year, 12, 31)
        return start + datetime.timedelta(days=r.randrange((end - start).days + 1))

    def delegates(self, council):
        key = ("delegates", council.pk)
        if key not in self._cache:
            self._cache[key] = list(Delegate.objects.filter(council=council))
        return self._cache[key]

    def bodies(self, council):
        key = ("bodies", council.pk)
        if key not in self._cache:
            self._cache[key] = {b.kind: b for b in Body.objects.filter(council=council)}
        return self._cache[key]

    @property
    def agencies(self):
        if "agencies" not in self._cache:
            self._cache["agencies"] = list(Agency.objects.filter(level__in=["huyen", "tinh"]))
        return self._cache["agencies"]

    def ward_agency(self, council):
        return Agency.objects.filter(admin_unit=council.admin_unit).first() or self.agencies[0]

    @property
    def fields(self):
        if "fields" not in self._cache:
            self._cache["fields"] = list(Field.objects.all())
        return self._cache["fields"]

    def term(self, council):
        return Term.objects.filter(council=council).order_by("-start_date").first()


ACCOUNTS = [
    ("vanphong", CITY_CODE, Role.SECRETARIAT, "Chuyên viên Văn phòng HĐND thành phố Móng Cái"),
    ("lanhdao", CITY_CODE, Role.LEADER, "Thường trực HĐND thành phố (chỉ xem)"),
    ("kalong", "06709", Role.WARD, "Công chức HĐND phường Ka Long"),
    ("tranphu", "06712", Role.WARD, "Công chức HĐND phường Trần Phú"),
    ("haihoa", "06742", Role.WARD, "Công chức HĐND phường Hải Hòa"),
]


def seed(ctx):
    User = get_user_model()
    groups = roles.sync_groups()
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", "admin@example.invalid", DEMO_PASSWORD)
    ctx.accounts.append(("admin", "Quản trị hệ thống (superuser)"))
    for username, code, role, description in ACCOUNTS:
        council = Council.objects.get(admin_unit__code=code, admin_unit__valid_from__isnull=True)
        user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        StaffProfile.objects.update_or_create(user=user, defaults={"council": council, "role": role})
        user.groups.set([groups[role]])
        ctx.accounts.append((username, description))

    # Delegates with memberships, for every council that gets records.
    for council in ctx.councils:
        term = ctx.term(council)
        if term is None or Delegate.objects.filter(council=council).exists():
            continue
        count = 30 if council == ctx.city else 12
        delegates = [
            Delegate(council=council, term=term, full_name=ctx.person_name(),
                     position=ctx.rng.choice(["Đại biểu chuyên trách", "Cán bộ UBND", "Giáo viên", "Bác sĩ", "Doanh nhân", "Cựu chiến binh"]),
                     constituency=f"Đơn vị bầu cử số {i % 5 + 1}", is_full_time=i < 3)
            for i in range(count)
        ]
        Delegate.objects.bulk_create(delegates)
        bodies = ctx.bodies(council)
        delegates = list(Delegate.objects.filter(council=council).order_by("pk"))
        memberships = [
            Membership(delegate=delegates[0], body=bodies["thuong_truc"], role=MembershipRole.CHAIR),
            Membership(delegate=delegates[1], body=bodies["thuong_truc"], role=MembershipRole.VICE_CHAIR),
            Membership(delegate=delegates[2], body=bodies["ban_phap_che"], role=MembershipRole.HEAD),
            Membership(delegate=delegates[3], body=bodies["ban_kt_xh"], role=MembershipRole.HEAD),
        ] + [Membership(delegate=d, body=bodies["ban_kt_xh" if i % 2 else "ban_phap_che"]) for i, d in enumerate(delegates[4:10])]
        Membership.objects.bulk_create(memberships)
