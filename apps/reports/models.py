"""Indicators (the ward report form, as versioned data) and the ward reports themselves (docs/WORKBOOK.md)."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import CouncilOwnedModel, NormalisedTextModel
from apps.core.uploads import safe_filename

from .choices import AttemptOutcome, ReportStatus, RuleOperator


class InForceQuerySet(models.QuerySet):
    def in_force(self, day):
        """Versions in force on ``day`` (open ends mean "always")."""
        return self.filter(Q(effective_from__isnull=True) | Q(effective_from__lte=day)).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=day)
        )

    def for_period(self, period):
        # A report uses the form in force on the last day of its period: the day it is drawn up.
        return self.in_force(period.end_date)


class Indicator(NormalisedTextModel):
    """One row of the ward report form (chỉ tiêu); a new form version is new rows with new dates."""

    code = models.CharField(_("mã chỉ tiêu"), max_length=20)
    name = models.CharField(_("chỉ tiêu"), max_length=300)
    unit = models.CharField(_("đơn vị tính"), max_length=50)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    parent_code = models.CharField(
        _("thuộc chỉ tiêu"), max_length=20, blank=True,
        help_text=_("Mã chỉ tiêu mẹ khi đây là dòng «— trong đó»."),
    )
    effective_from = models.DateField(_("áp dụng từ"), null=True, blank=True)
    effective_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    history = HistoricalRecords()

    objects = InForceQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ tiêu báo cáo")
        verbose_name_plural = _("chỉ tiêu báo cáo")
        ordering = ["order", "code", "effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "effective_from"], name="indicator_version_unique",
                violation_error_message=_("Chỉ tiêu này đã có phiên bản áp dụng từ ngày này."),
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_from__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="indicator_effective_range",
                violation_error_message=_("Ngày hết áp dụng phải sau ngày bắt đầu áp dụng."),
            ),
        ]

    def __str__(self):
        return f"{self.code} – {self.name}"


class ConsistencyRule(NormalisedTextModel):
    """A check between indicators, e.g. KH01 = KH02 + KH03 + KH04; a failed rule is a cell error."""

    code = models.CharField(_("mã quy tắc"), max_length=40)
    left = models.JSONField(_("vế trái (mã chỉ tiêu)"), help_text=_('Ví dụ ["KH01"]'))
    operator = models.CharField(_("phép so sánh"), max_length=2, choices=RuleOperator.choices)
    right = models.JSONField(_("vế phải (mã chỉ tiêu)"), help_text=_('Ví dụ ["KH02", "KH03", "KH04"]'))
    effective_from = models.DateField(_("áp dụng từ"), null=True, blank=True)
    effective_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    history = HistoricalRecords()

    objects = InForceQuerySet.as_manager()

    class Meta:
        verbose_name = _("quy tắc kiểm tra số liệu")
        verbose_name_plural = _("quy tắc kiểm tra số liệu")
        ordering = ["code", "effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "effective_from"], name="consistencyrule_version_unique",
                violation_error_message=_("Quy tắc này đã có phiên bản áp dụng từ ngày này."),
            ),
        ]

    def __str__(self):
        return self.expression

    @property
    def expression(self):
        return f"{' + '.join(self.left)} {self.operator} {' + '.join(self.right)}"

    def clean(self):
        from django.core.exceptions import ValidationError

        for name in ("left", "right"):
            value = getattr(self, name)
            if not isinstance(value, list) or not value or not all(isinstance(c, str) and c for c in value):
                raise ValidationError({name: _("Ghi danh sách mã chỉ tiêu, ví dụ [\"KH02\", \"KH03\"].")})


def ward_report_upload_to(instance, filename):
    """ward-reports/2022-H1/06709/<safe name>; the storage adds a suffix on collision."""
    period = instance.period.code if instance.period_id else "khac"
    unit = instance.council.code if instance.council_id else "khac"
    return f"ward-reports/{period}/{unit}/{safe_filename(filename)}"


class WardReport(CouncilOwnedModel):
    """One uploaded ward workbook for a reporting period; its ``council`` is the ward's council."""

    period = models.ForeignKey(
        "core.ReportingPeriod", verbose_name=_("kỳ báo cáo"), on_delete=models.PROTECT, related_name="ward_reports",
    )
    source_file = models.FileField(_("tệp báo cáo"), upload_to=ward_report_upload_to, max_length=300)
    original_filename = models.CharField(_("tên tệp gốc"), max_length=255)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"))
    status = models.CharField(_("tình trạng"), max_length=10, choices=ReportStatus.choices,
                              default=ReportStatus.CURRENT)
    replaced_by = models.ForeignKey(
        "self", verbose_name=_("được thay thế bởi"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="replaces",
    )
    # The register rows created from the optional sheets, so a replacement does not duplicate them.
    petition_ids = models.JSONField(_("kiến nghị cử tri đã nhập"), default=list, blank=True, editable=False)
    letter_ids = models.JSONField(_("đơn thư đã nhập"), default=list, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo của xã, phường")
        verbose_name_plural = _("báo cáo của xã, phường")
        ordering = ["-period__year", "period__kind", "council__admin_unit__code", "-uploaded_at"]
        indexes = [
            models.Index(fields=["council", "period", "status"], name="wardreport_council_period"),
            models.Index(fields=["period", "status"], name="wardreport_period_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "period"], condition=Q(status=ReportStatus.CURRENT),
                name="wardreport_one_current_per_period",
                violation_error_message=_("Đơn vị này đã có báo cáo đang dùng cho kỳ này; hãy xác nhận thay thế."),
            ),
        ]

    def __str__(self):
        return gettext("Báo cáo {period} – {council}").format(period=self.period, council=self.council)

    def values_dict(self):
        """{indicator code: figure or None} of this report; one query, no instances."""
        return dict(self.values.values_list("indicator_code", "value"))


class WardReportValue(CouncilOwnedModel):
    """One indicator figure of a ward report; ``None`` means "not reported", which is not 0."""

    report = models.ForeignKey(WardReport, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="values")
    indicator_code = models.CharField(_("mã chỉ tiêu"), max_length=20)
    value = models.PositiveBigIntegerField(_("số liệu"), null=True, blank=True,
                                           help_text=_("Để trống: đơn vị không báo cáo (khác với 0)."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("số liệu báo cáo")
        verbose_name_plural = _("số liệu báo cáo")
        ordering = ["report", "indicator_code"]
        indexes = [models.Index(fields=["council", "indicator_code"], name="wardreportvalue_council_code")]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator_code"], name="wardreportvalue_one_per_indicator",
                violation_error_message=_("Báo cáo này đã có số liệu cho chỉ tiêu này."),
            ),
        ]

    def __str__(self):
        return f"{self.indicator_code}: {'—' if self.value is None else self.value}"

    def save(self, *args, **kwargs):
        if self.report_id and not self.council_id:
            self.council_id = self.report.council_id
        super().save(*args, **kwargs)


class ImportAttempt(models.Model):
    """A log line per uploaded workbook, kept whether it was imported or refused."""

    filename = models.CharField(_("tên tệp"), max_length=255)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), on_delete=models.SET_NULL,
                             null=True, blank=True, related_name="+")
    council = models.ForeignKey("core.Council", verbose_name=_("đơn vị"), on_delete=models.SET_NULL,
                                null=True, blank=True, related_name="+")
    period = models.ForeignKey("core.ReportingPeriod", verbose_name=_("kỳ báo cáo"), on_delete=models.SET_NULL,
                               null=True, blank=True, related_name="+")
    report = models.ForeignKey(WardReport, verbose_name=_("báo cáo"), on_delete=models.SET_NULL,
                               null=True, blank=True, related_name="attempts")
    at = models.DateTimeField(_("lúc"), auto_now_add=True)
    source = models.CharField(_("nguồn"), max_length=20, default="admin")
    outcome = models.CharField(_("kết quả"), max_length=20, choices=AttemptOutcome.choices)
    messages = models.TextField(_("thông báo"), blank=True)

    class Meta:
        verbose_name = _("lượt nhập báo cáo")
        verbose_name_plural = _("nhật ký nhập báo cáo")
        ordering = ["-at"]
        indexes = [models.Index(fields=["council", "at"], name="importattempt_council_at")]

    def __str__(self):
        return f"{self.filename} – {self.get_outcome_display()} ({self.at:%d/%m/%Y %H:%M})" if self.at else self.filename

    @property
    def ok(self):
        return self.outcome in (AttemptOutcome.IMPORTED, AttemptOutcome.REPLACED, AttemptOutcome.UNCHANGED,
                                AttemptOutcome.CHECKED)



class SummaryNarrative(CouncilOwnedModel):
    """What the secretariat writes itself in a council's report for a period: the general assessment,
    the shortcomings and their causes, and the tasks ahead. Written on the summary page, placed in the
    docx after the figures and before the signature (docs/SUMMARY.md)."""

    period = models.ForeignKey(
        "core.ReportingPeriod", verbose_name=_("kỳ báo cáo"), on_delete=models.PROTECT, related_name="+",
    )
    assessment = models.TextField(_("đánh giá chung"), blank=True)
    shortcomings = models.TextField(_("hạn chế, tồn tại và nguyên nhân"), blank=True)
    directions = models.TextField(_("phương hướng, nhiệm vụ"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phần đánh giá của báo cáo")
        verbose_name_plural = _("phần đánh giá của báo cáo")
        ordering = ["-period__year", "period__kind", "council"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "period"], name="summarynarrative_one_per_period",
                violation_error_message=_("HĐND này đã có phần đánh giá cho kỳ này."),
            ),
        ]

    def __str__(self):
        return gettext("Phần đánh giá {period} – {council}").format(period=self.period, council=self.council)
