"""Reporting periods and the calendar: periods, holidays and working-day swaps, and the legal time limits."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .. import choices, periods
from .base import NormalisedTextModel


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
