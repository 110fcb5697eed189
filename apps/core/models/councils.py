"""Administrative units and their councils, terms, bodies, delegates, and the staff of each council."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .. import choices
from .base import CouncilOwnedModel, CouncilScopedQuerySet, NormalisedQuerySet, NormalisedTextModel, TrackedModel


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
        from ..scoping import visible_council_ids

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
