"""Core part of seed_demo: demo accounts and delegates; the context other apps' seeds use.

The demo keeps every record inside its council's life (apps/core/lifetimes.py). It is seeded in two
eras, each a run of every app's seed with its own context:

- history: HĐND thành phố Móng Cái (194) and its wards, 2022 and early 2023 (they ended on 30/06/2025);
- current: HĐND tỉnh Quảng Ninh (22) and the Móng Cái successors (Phường Móng Cái 1, 2, 3 …),
  from 2025-H2 to today.
"""
import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import timezone

from . import roles
from .choices import MembershipRole, Role
from .models import Agency, Body, Council, Delegate, Field, Membership, StaffProfile, Term
from .reference_units import REFORM_DAY

DEMO_PASSWORD = "hdnd-demo-2022"
CITY_CODE = "194"
# Wards that get records in the demo (more get them at higher scales).
DEMO_WARDS = ["06709", "06712", "06742", "06748", "06736"]
PROVINCE_CODE = "22"
# The councils formed on 01/07/2025 from Móng Cái's units (all six from --scale 3).
SUCCESSOR_WARDS = ["06712", "06709", "06736"]
ALL_SUCCESSOR_WARDS = ["06712", "06709", "06736", "06724", "06733", "06757"]


@dataclass(frozen=True)
class Era:
    """Which councils a run of the seeds fills, and over which half-years."""

    name: str
    top_code: str
    current: bool  # True: the councils in office today (from 01/07/2025), with work due around today

    def halves(self, today):
        """(year, half, weight) of sittings, meetings and activities; the current half is clipped to today."""
        if not self.current:
            return [(2022, 1, 1.0), (2022, 2, 1.0), (2023, 1, 0.5)]
        result, year, half = [], REFORM_DAY.year, 2
        while (year, half) <= (today.year, 1 if today.month <= 6 else 2):
            result.append((year, half, 1.0))
            year, half = (year, 2) if half == 1 else (year + 1, 1)
        result[-1] = (*result[-1][:2], 0.5)
        return result

    def register_halves(self, today):
        """(year, half) of the reception and petition registers."""
        if not self.current:
            return [(2022, 1), (2022, 2)]
        return [(y, h) for y, h, _w in self.halves(today)]


HISTORY = Era("history", CITY_CODE, current=False)
CURRENT = Era("current", PROVINCE_CODE, current=True)
ERAS = (HISTORY, CURRENT)

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
    era: Era = HISTORY
    _cache: dict = field(default_factory=dict)

    @property
    def today(self):
        return timezone.localdate()

    @property
    def city(self):
        """The council at the top of this era: the city (history) or the province (current)."""
        if "city" not in self._cache:
            self._cache["city"] = Council.objects.select_related("admin_unit").get(
                admin_unit__code=self.era.top_code, admin_unit__valid_from__isnull=True)
        return self._cache["city"]

    @property
    def wards(self):
        """The ward councils of this era that get demo records: the city's wards (all 17 from --scale 3),
        or the Móng Cái successors under the province (all six from --scale 3)."""
        if "wards" not in self._cache:
            qs = Council.objects.filter(parent=self.city).select_related("admin_unit").order_by("admin_unit__code")
            if self.era.current:
                codes = ALL_SUCCESSOR_WARDS if self.scale >= 3 else SUCCESSOR_WARDS
                qs = qs.filter(admin_unit__code__in=codes, admin_unit__valid_from=REFORM_DAY)
            elif self.scale < 3:
                qs = qs.filter(admin_unit__code__in=DEMO_WARDS, admin_unit__valid_from__isnull=True)
            else:
                qs = qs.filter(admin_unit__valid_from__isnull=True)
            self._cache["wards"] = list(qs)
        return self._cache["wards"]

    @property
    def halves(self):
        return self.era.halves(self.today)

    @property
    def register_halves(self):
        return self.era.register_halves(self.today)

    def life_bounds(self, council, start, end):
        """[start, end] narrowed to the council's life and to today (records never lie outside them)."""
        unit = council.admin_unit
        if unit.valid_from and start < unit.valid_from:
            start = unit.valid_from
        if unit.valid_to and end > unit.valid_to:
            end = unit.valid_to
        return start, min(end, self.today)

    @property
    def councils(self):
        return [self.city] + self.wards

    def person_name(self):
        r = self.rng
        return f"{r.choice(SURNAMES)} {r.choice(MIDDLE)} {r.choice(GIVEN)}"

    def date_in(self, year, half, rng=None, council=None):
        """A random day of the half-year, not after today (and inside ``council``'s life when given)."""
        r = rng or self.rng
        start = datetime.date(year, 1 if half == 1 else 7, 1)
        end = datetime.date(year, 6, 30) if half == 1 else datetime.date(year, 12, 31)
        start, end = self.life_bounds(council, start, end) if council is not None else (start, min(end, self.today))
        return start + datetime.timedelta(days=r.randrange((end - start).days + 1))

    def delegates(self, council):
        key = ("delegates", council.pk)
        if key not in self._cache:
            self._cache[key] = list(Delegate.objects.filter(council=council))
        return self._cache[key]

    def bodies(self, council):
        key = ("bodies", council.pk)
        if key not in self._cache:
            bodies = {b.kind: b for b in Body.objects.filter(council=council).order_by("pk")}
            # Bodies follow the level (a province has Ban Kinh tế – Ngân sách, Ban Văn hóa – Xã hội …): the seeds
            # ask for the commune's kinds and get the nearest body the council has.
            for wanted in ("ban_kt_xh", "ban_phap_che", "thuong_truc"):
                if wanted not in bodies and bodies:
                    prefix = "ban_kt" if wanted == "ban_kt_xh" else "ban_"
                    bodies[wanted] = next((b for k, b in bodies.items() if k.startswith(prefix)),
                                          bodies.get("thuong_truc") or next(iter(bodies.values())))
            self._cache[key] = bodies
        return self._cache[key]

    @property
    def agencies(self):
        """Agencies a council above the wards forwards to: the city's and the province's until 06/2025,
        the province's afterwards (the district level is gone); only those of its own area, as its forms
        offer them (apps/core/agencies.py), never another province's."""
        if "agencies" not in self._cache:
            from .agencies import agencies_of

            levels = ["tinh"] if self.era.current else ["huyen", "tinh"]
            area = Agency.objects.filter(agencies_of([self.city.pk]), active=True)
            self._cache["agencies"] = list(area.filter(level__in=levels).order_by("pk")) or list(
                area.filter(level__in=["huyen", "tinh"]).order_by("pk"))
        return self._cache["agencies"]

    def ward_agency(self, council):
        return Agency.objects.filter(admin_unit=council.admin_unit).first() or self.agencies[0]

    @property
    def fields(self):
        if "fields" not in self._cache:
            self._cache["fields"] = list(Field.objects.all())
        return self._cache["fields"]

    def term(self, council, day=None):
        """The council's term in office on ``day`` (default: its latest term)."""
        terms = list(Term.objects.filter(council=council).order_by("-start_date"))
        if day is not None:
            for term in terms:
                if term.start_date <= day and (term.end_date is None or day <= term.end_date):
                    return term
        return terms[0] if terms else None


# (username, unit code, the council of that code on this day (None: the one without a start date), role, who)
ACCOUNTS = [
    ("vanphong", CITY_CODE, None, Role.SECRETARIAT, "Chuyên viên Văn phòng HĐND thành phố Móng Cái (đến 30/06/2025)"),
    ("lanhdao", CITY_CODE, None, Role.LEADER, "Thường trực HĐND thành phố Móng Cái (chỉ xem)"),
    ("kalong", "06709", None, Role.WARD, "Công chức HĐND phường Ka Long (đến 30/06/2025)"),
    ("tranphu", "06712", None, Role.WARD, "Công chức HĐND phường Trần Phú (đến 30/06/2025)"),
    ("haihoa", "06742", None, Role.WARD, "Công chức HĐND phường Hải Hòa (đến 30/06/2025)"),
    ("quangninh", PROVINCE_CODE, None, Role.SECRETARIAT, "Chuyên viên Văn phòng HĐND tỉnh Quảng Ninh"),
    ("mongcai1", "06712", REFORM_DAY, Role.WARD, "Công chức HĐND phường Móng Cái 1 (từ 01/07/2025)"),
]


def account_list():
    """(username, who) of every demo account, for seed_demo's printout."""
    return [("admin", "Quản trị hệ thống (superuser)")] + [(a[0], a[4]) for a in ACCOUNTS]


def seed(ctx):
    User = get_user_model()
    groups = roles.sync_groups()
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", "admin@example.invalid", DEMO_PASSWORD)
    for username, code, since, role, description in ACCOUNTS if not ctx.era.current else ():
        council = Council.objects.get(admin_unit__code=code, admin_unit__valid_from=since) if since else \
            Council.objects.get(admin_unit__code=code, admin_unit__valid_from__isnull=True)
        user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        StaffProfile.objects.update_or_create(user=user, defaults={"council": council, "role": role})
        user.groups.set([groups[role]])

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
