from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import choices, periods
from .text import SEALED_SEARCH_COLUMN, SEARCH_COLUMN, normalise_model_text, normalise_unit_code  # noqa: F401


# ---------------------------------------------------------------------------
# Shared bases for every app
# ---------------------------------------------------------------------------
class NormalisedQuerySet(models.QuerySet):
    """Bulk writes normalise each object like save() does, so the folded search column never
    misses a row created or changed in bulk (imports, seeds, carry-over)."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            normalise_model_text(obj)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        fields = list(fields)
        text_fields = {f.name for f in self.model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))}
        if not text_fields & set(fields):  # dates, parents, counts: the folded text is unchanged
            return super().bulk_update(objs, fields, *args, **kwargs)
        for obj in objs:
            normalise_model_text(obj)
        for column in (SEARCH_COLUMN, SEALED_SEARCH_COLUMN):
            if column not in fields and any(f.name == column for f in self.model._meta.concrete_fields):
                fields.append(column)
        return super().bulk_update(objs, fields, *args, **kwargs)


class NormalisedTextModel(models.Model):
    """Stores every text field NFC-normalised and trimmed (docs/DESIGN.md §5), with its folded text in
    ``search_text`` for search without diacritics (apps/core/text.py, apps/core/admin_search.py)."""

    search_text = models.TextField(_("nội dung tìm kiếm"), blank=True, default="", editable=False)

    objects = NormalisedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        normalise_model_text(self)
        update_fields = kwargs.get("update_fields")
        if update_fields:
            # A partial save of text keeps its folded copy in step.
            names = {f.name for f in self._meta.concrete_fields}
            kwargs["update_fields"] = set(update_fields) | ({SEARCH_COLUMN, SEALED_SEARCH_COLUMN} & names)
        super().save(*args, **kwargs)


class TrackedModel(NormalisedTextModel):
    """Created/updated timestamps and users; the admin base class fills the users."""

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người cập nhật"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="+",
    )

    class Meta:
        abstract = True


class CouncilScopedQuerySet(NormalisedQuerySet):
    def for_user(self, user, action="view"):
        """The rows this user may see (or, ``action="change"``, change): the one scoping rule (docs/ROLES.md)."""
        from .scoping import visible_council_ids

        ids = visible_council_ids(user, action)
        if ids is None:
            return self
        return self.filter(**{f"{self.model.council_field}__in": ids})


class CouncilOwnedModel(TrackedModel):
    """A register row: belongs to exactly one council, tracked, with history."""

    council_field = "council_id"

    council = models.ForeignKey(
        "core.Council", verbose_name=_("HĐND"), on_delete=models.PROTECT, related_name="+",
    )

    objects = CouncilScopedQuerySet.as_manager()

    # The date that places the record in its council's life (apps/core/lifetimes.py); None: not checked.
    life_date_field = None

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        from .lifetimes import remember_loaded

        instance = super().from_db(db, field_names, values)
        remember_loaded(instance)
        return instance


# ---------------------------------------------------------------------------
# Administrative units and councils
# ---------------------------------------------------------------------------
class AdminUnitQuerySet(NormalisedQuerySet):
    def valid_on(self, day):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def overlapping(self, start, end):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=start)
        )


class AdminUnit(NormalisedTextModel):
    code = models.CharField(_("mã đơn vị hành chính"), max_length=10, db_index=True)
    name = models.CharField(_("tên"), max_length=200)
    unit_type = models.CharField(_("loại đơn vị"), max_length=20, choices=choices.UnitType.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("đơn vị cấp trên"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="children",
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True,
                                  help_text=_("Để trống: có từ trước thời điểm dữ liệu bắt đầu."))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True,
                                help_text=_("Để trống: vẫn còn hiệu lực."))
    successors = models.ManyToManyField(
        "self", verbose_name=_("đơn vị kế thừa"), symmetrical=False, blank=True,
        related_name="predecessors",
    )
    note = models.TextField(_("ghi chú"), blank=True)

    objects = AdminUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["code", "valid_from"]
        constraints = [
            # Codes are reused after the 2025 reorganisation: identity is (code, valid_from).
            models.UniqueConstraint(
                fields=["code", "valid_from"], name="adminunit_code_valid_from_unique",
                violation_error_message=_("Đã có đơn vị với mã này và ngày hiệu lực này."),
            ),
            models.UniqueConstraint(
                fields=["code"], condition=Q(valid_from__isnull=True),
                name="adminunit_code_unique_without_start",
                violation_error_message=_("Đã có đơn vị với mã này không ghi ngày bắt đầu."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="adminunit_valid_range",
                violation_error_message=_("Ngày hết hiệu lực phải sau ngày bắt đầu."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def is_valid_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )


class CouncilQuerySet(NormalisedQuerySet):
    def for_user(self, user, action="view"):
        from .scoping import visible_council_ids

        ids = visible_council_ids(user, action)
        return self if ids is None else self.filter(pk__in=ids)

    def valid_on(self, day):
        return self.filter(
            Q(admin_unit__valid_from__isnull=True) | Q(admin_unit__valid_from__lte=day),
            Q(admin_unit__valid_to__isnull=True) | Q(admin_unit__valid_to__gte=day),
        )

    def overlapping(self, start, end):
        return self.filter(
            Q(admin_unit__valid_from__isnull=True) | Q(admin_unit__valid_from__lte=end),
            Q(admin_unit__valid_to__isnull=True) | Q(admin_unit__valid_to__gte=start),
        )


class Council(NormalisedTextModel):
    admin_unit = models.ForeignKey(
        AdminUnit, verbose_name=_("đơn vị hành chính"), on_delete=models.PROTECT, related_name="councils",
    )
    name = models.CharField(_("tên HĐND"), max_length=200)
    level = models.CharField(_("cấp"), max_length=10, choices=choices.CouncilLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("HĐND cấp trên"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="children",
    )

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("Hội đồng nhân dân")
        verbose_name_plural = _("Hội đồng nhân dân")
        ordering = ["admin_unit__code", "admin_unit__valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["admin_unit"], name="council_one_per_unit",
                                    violation_error_message=_("Đơn vị này đã có HĐND.")),
        ]

    def __str__(self):
        return self.name

    def search_extra(self):
        return [self.admin_unit.code] if self.admin_unit_id else []

    @property
    def code(self):
        return self.admin_unit.code

    @property
    def valid_from(self):
        return self.admin_unit.valid_from

    @property
    def valid_to(self):
        return self.admin_unit.valid_to

    def wards_in(self, period):
        """Commune-level councils directly below this one whose unit existed during ``period`` (a
        district-level council below a province is not one of its "xã, phường")."""
        return (
            Council.objects.filter(parent=self, level=choices.CouncilLevel.COMMUNE)
            .overlapping(period.start_date, period.end_date)
            .select_related("admin_unit")
            .order_by("admin_unit__code")
        )


class Term(NormalisedTextModel):
    council = models.ForeignKey(Council, verbose_name=_("HĐND"), on_delete=models.PROTECT, related_name="terms")
    name = models.CharField(_("khóa"), max_length=50, help_text=_("Ví dụ: Khóa XXI"))
    start_date = models.DateField(_("bắt đầu"))
    end_date = models.DateField(_("kết thúc"), null=True, blank=True)
    # Set on the terms load_reference_data ships ("2021-2026"), so that a later load finds the
    # row again even after an administrator renamed it; empty on terms added by hand.
    reference_key = models.CharField(_("mã nhiệm kỳ trong danh mục"), max_length=20, blank=True, editable=False)

    objects = CouncilScopedQuerySet.as_manager()
    council_field = "council_id"

    class Meta:
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        ordering = ["council", "-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="term_unique_per_council",
                                    violation_error_message=_("HĐND này đã có khóa này.")),
            models.UniqueConstraint(fields=["council", "reference_key"], condition=~Q(reference_key=""),
                                    name="term_unique_reference_key",
                                    violation_error_message=_("HĐND này đã có nhiệm kỳ này trong danh mục.")),
        ]

    def __str__(self):
        years = f"{self.start_date:%Y}–{self.end_date:%Y}" if self.end_date else f"{self.start_date:%Y}–"
        return self.name if years in self.name else f"{self.name} ({years})"

    def search_extra(self):
        return [self.council.name] if self.council_id else []


class Body(CouncilOwnedModel):
    name = models.CharField(_("tên"), max_length=200)
    kind = models.CharField(_("loại"), max_length=20, choices=choices.BodyKind.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cơ quan của HĐND")
        verbose_name_plural = _("cơ quan của HĐND")
        ordering = ["council", "kind", "name"]
        indexes = [models.Index(fields=["council", "kind"], name="body_council_kind")]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="body_unique_name",
                                    violation_error_message=_("HĐND này đã có cơ quan cùng tên.")),
        ]

    def __str__(self):
        return self.name


class Delegate(CouncilOwnedModel):
    term = models.ForeignKey(Term, verbose_name=_("khóa"), on_delete=models.PROTECT, related_name="delegates")
    full_name = models.CharField(_("họ và tên"), max_length=200)
    position = models.CharField(_("chức vụ, nơi công tác"), max_length=300, blank=True)
    constituency = models.CharField(_("đơn vị bầu cử"), max_length=200, blank=True)
    is_full_time = models.BooleanField(_("hoạt động chuyên trách"), default=False)
    active = models.BooleanField(_("đang là đại biểu"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đại biểu")
        verbose_name_plural = _("đại biểu")
        ordering = ["council", "full_name"]
        indexes = [models.Index(fields=["council", "full_name"], name="delegate_council_name")]

    def __str__(self):
        return self.full_name


class Membership(TrackedModel):
    delegate = models.ForeignKey(Delegate, verbose_name=_("đại biểu"), on_delete=models.CASCADE, related_name="memberships")
    body = models.ForeignKey(Body, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("vai trò"), max_length=20, choices=choices.MembershipRole.choices,
                            default=choices.MembershipRole.MEMBER)
    start_date = models.DateField(_("từ ngày"), null=True, blank=True)
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên cơ quan")
        verbose_name_plural = _("thành viên cơ quan")

    def __str__(self):
        return f"{self.delegate} – {self.get_role_display()} {self.body}"


class Agency(NormalisedTextModel):
    """Bodies that petitions and letters are forwarded to; shared reference data."""

    name = models.CharField(_("tên cơ quan"), max_length=300, unique=True)
    short_name = models.CharField(_("tên viết tắt"), max_length=50, blank=True)
    level = models.CharField(_("cấp"), max_length=20, choices=choices.AgencyLevel.choices)
    admin_unit = models.ForeignKey(AdminUnit, verbose_name=_("địa bàn"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="agencies")
    active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("cơ quan giải quyết")
        verbose_name_plural = _("cơ quan giải quyết")
        ordering = ["level", "name"]

    def __str__(self):
        return self.name


class Field(NormalisedTextModel):
    code = models.CharField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("lĩnh vực"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["name"]

    def __str__(self):
        return self.name


# ---------------------------------------------------------------------------
# Reporting periods and the calendar
# ---------------------------------------------------------------------------
class ReportingPeriodManager(models.Manager):
    def from_code(self, code, create=True):
        """'2022-H1' -> the period row (created on first use). ValueError when unreadable."""
        year, kind = periods.parse_code(code)
        if create:
            period, _created = self.get_or_create(year=year, kind=kind)
            return period
        return self.get(year=year, kind=kind)


class ReportingPeriod(models.Model):
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("loại kỳ"), max_length=2, choices=choices.PeriodKind.choices)
    start_date = models.DateField(_("từ ngày"), editable=False)
    end_date = models.DateField(_("đến ngày"), editable=False)

    objects = ReportingPeriodManager()

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["year", "kind"], name="period_unique",
                                    violation_error_message=_("Kỳ báo cáo này đã có.")),
        ]

    def save(self, *args, **kwargs):
        self.start_date, self.end_date = periods.bounds(self.year, self.kind)
        super().save(*args, **kwargs)

    def __str__(self):
        return periods.title_wording(self.year, self.kind)

    @property
    def code(self):
        return periods.code_of(self.year, self.kind)

    @property
    def wording(self):
        """'6 tháng đầu năm 2022', 'năm 2022'."""
        return periods.wording(self.year, self.kind)

    def previous_year(self):
        """The same period a year earlier: the stored row, or an unsaved one carrying its dates."""
        year, kind = periods.previous_year(self.year, self.kind)
        found = ReportingPeriod.objects.filter(year=year, kind=kind).first()
        if found is not None:
            return found
        start, end = periods.bounds(year, kind)
        return ReportingPeriod(year=year, kind=kind, start_date=start, end_date=end)

    def coverage_wording(self, council):
        """The period as ``council``'s report says it ('từ 01/07/2025 đến 31/12/2025' when the council
        existed during only part of it)."""
        return periods.coverage_wording(self.year, self.kind, council.valid_from, council.valid_to)


class Holiday(models.Model):
    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=30, choices=choices.HolidayKind.choices)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("ngày nghỉ / ngày làm bù")
        verbose_name_plural = _("lịch nghỉ lễ và làm bù")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.get_kind_display()}"


class DeadlineRule(NormalisedTextModel):
    """A legal time limit, in force from ``effective_from``; rules are versioned data."""

    code = models.SlugField(_("mã quy tắc"), max_length=60)
    name = models.CharField(_("tên"), max_length=300)
    days = models.PositiveSmallIntegerField(_("số ngày"))
    day_type = models.CharField(_("cách tính"), max_length=10, choices=choices.DayType.choices)
    direction = models.SmallIntegerField(
        _("chiều tính"), default=1, choices=[(1, _("sau sự kiện")), (-1, _("trước sự kiện"))],
    )
    extensions = models.JSONField(
        _("gia hạn (số ngày mỗi lần)"), default=list, blank=True,
        help_text=_("Ví dụ [30, 30]: gia hạn lần 1 thêm 30 ngày, lần 2 thêm 30 ngày."),
    )
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300)
    status = models.CharField(_("tình trạng xác minh"), max_length=12, choices=choices.RuleStatus.choices)
    effective_from = models.DateField(_("áp dụng từ"), null=True, blank=True)
    effective_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quy tắc thời hạn")
        verbose_name_plural = _("quy tắc thời hạn")
        ordering = ["code", "effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "effective_from"], name="deadlinerule_version_unique",
                                    violation_error_message=_("Quy tắc này đã có phiên bản áp dụng từ ngày này.")),
        ]

    def __str__(self):
        return f"{self.name} ({self.days} {self.get_day_type_display()})"

    @property
    def verified(self):
        return self.status == choices.RuleStatus.CONFIRMED


# ---------------------------------------------------------------------------
# Users
# ---------------------------------------------------------------------------
class StaffProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"),
                                on_delete=models.CASCADE, related_name="council_profile")
    council = models.ForeignKey(Council, verbose_name=_("HĐND"), on_delete=models.PROTECT, related_name="staff")
    role = models.CharField(_("vai trò"), max_length=20, choices=choices.Role.choices)

    class Meta:
        verbose_name = _("phân quyền theo HĐND")
        verbose_name_plural = _("phân quyền theo HĐND")

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.council}"


# ---------------------------------------------------------------------------
# Personal data: who looked at or exported unmasked identities
# ---------------------------------------------------------------------------
from django.utils import timezone  # noqa: E402  (appended section)


class SensitiveAction(models.TextChoices):
    VIEWED = "viewed", _("Xem")
    EXPORTED = "exported", _("Xuất dữ liệu")


class SensitiveAccessLog(models.Model):
    """One row per look at, or export of, personal data that is otherwise masked.

    Written through apps.core.audit.log_sensitive_access; read-only in the admin and
    visible to administrators only. The username is copied so the row survives the account.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), on_delete=models.SET_NULL,
                             null=True, blank=True, related_name="+")
    username = models.CharField(_("tên đăng nhập"), max_length=150, blank=True)
    at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    action = models.CharField(_("hành động"), max_length=20, choices=SensitiveAction.choices)
    model = models.CharField(_("loại hồ sơ"), max_length=100, blank=True)
    object_id = models.CharField(_("mã bản ghi"), max_length=255, blank=True)
    description = models.CharField(_("nội dung"), max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhật ký truy cập dữ liệu cá nhân")
        verbose_name_plural = _("nhật ký truy cập dữ liệu cá nhân")
        ordering = ["-at"]
        indexes = [models.Index(fields=["user", "at"], name="sensitivelog_user_at")]

    def __str__(self):
        return f"{self.username or '—'} – {self.get_action_display()} – {self.description or self.model}"


class RegisterCounter(models.Model):
    """The last register number given per (council, register, year); see apps/core/numbering.py.

    Shared by the registers numbered per council and year: the sổ tiếp công dân and sổ xử lý đơn
    (reception), and the KN-yyyy-nnnn codes of voter petitions (petitions) and of recommendations
    after oversight (oversight).
    """

    class Register(models.TextChoices):
        VISIT = "visit", _("Sổ tiếp công dân")
        LETTER = "letter", _("Sổ xử lý đơn")
        PETITION = "petition", _("Sổ kiến nghị cử tri")
        RECOMMENDATION = "recommendation", _("Kiến nghị sau giám sát")

    council = models.ForeignKey("core.Council", verbose_name=_("HĐND"), on_delete=models.PROTECT, related_name="+")
    register = models.CharField(_("sổ"), max_length=20, choices=Register.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    last_number = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("bộ đếm số sổ")
        verbose_name_plural = _("bộ đếm số sổ")
        constraints = [
            # Named apart from the reception table's constraint it replaces (names are database-wide).
            models.UniqueConstraint(fields=["council", "register", "year"], name="core_registercounter_unique",
                                    violation_error_message=_("Bộ đếm của sổ này trong năm này đã có.")),
        ]

    def __str__(self):
        return f"{self.get_register_display()} {self.year}: {self.last_number}"


from .job_models import Job, JobStatus  # noqa: E402,F401  (background jobs live in their own module)
