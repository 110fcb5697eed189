"""Giám sát, khảo sát, phiên giải trình, kiến nghị sau giám sát và việc theo dõi (docs/DESIGN.md §3, oversight)."""
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.deadlines import compute_due, due_date_or_none
from apps.core.lifetimes import check_record, same_or_predecessor
from apps.core.models import CouncilOwnedModel

from . import choices, services

NOTICE_RULE = "explanation_notice"
FOLLOWUP_RULE = "recommendation_followup"


def _same_council(obj, related, field_name, message):
    if related is not None and obj.council_id and related.council_id != obj.council_id:
        raise ValidationError({field_name: message})


class SupervisionActivity(CouncilOwnedModel):
    title = models.CharField(_("nội dung giám sát, khảo sát"), max_length=500)
    conducting_body = models.ForeignKey("core.Body", verbose_name=_("chủ thể giám sát"), on_delete=models.PROTECT,
                                        related_name="supervision_activities")
    activity_type = models.CharField(_("hình thức"), max_length=30, choices=choices.ActivityType.choices)
    decision_number = models.CharField(_("số quyết định, kế hoạch"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày ban hành quyết định"), null=True, blank=True)
    supervised_agencies = models.ManyToManyField("core.Agency", verbose_name=_("cơ quan chịu sự giám sát"),
                                                 blank=True, related_name="supervision_activities")
    supervised_text = models.TextField(_("đối tượng giám sát khác"), blank=True,
                                       help_text=_("Đơn vị, cá nhân chịu sự giám sát không có trong danh mục cơ quan."))
    life_date_field = "fieldwork_start"
    fieldwork_start = models.DateField(_("ngày bắt đầu"))
    fieldwork_end = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    report_date = models.DateField(_("ngày báo cáo kết quả"), null=True, blank=True)
    conclusion = models.TextField(_("kết luận"), blank=True)
    status = models.CharField(_("tình trạng"), max_length=20, choices=choices.ActivityStatus.choices,
                              default=choices.ActivityStatus.PLANNED)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cuộc giám sát, khảo sát")
        verbose_name_plural = _("cuộc giám sát, khảo sát")
        ordering = ["-fieldwork_start", "title"]
        indexes = [
            models.Index(fields=["council", "fieldwork_start"], name="activity_council_start"),
            models.Index(fields=["council", "activity_type"], name="activity_council_type"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "title", "fieldwork_start"], name="activity_unique_title_start",
                violation_error_message=_("HĐND này đã có cuộc giám sát cùng nội dung, cùng ngày bắt đầu."),
            ),
            models.CheckConstraint(
                condition=Q(fieldwork_end__isnull=True) | Q(fieldwork_end__gte=F("fieldwork_start")),
                name="activity_dates_in_order",
                violation_error_message=_("Ngày kết thúc không được trước ngày bắt đầu."),
            ),
            models.CheckConstraint(
                condition=Q(report_date__isnull=True) | Q(report_date__gte=F("fieldwork_start")),
                name="activity_report_after_start",
                violation_error_message=_("Ngày báo cáo kết quả không được trước ngày bắt đầu."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.fieldwork_start:%d/%m/%Y})" if self.fieldwork_start else self.title

    def clean(self):
        super().clean()
        if self.conducting_body_id:
            _same_council(self, self.conducting_body, "conducting_body", _("Chủ thể giám sát không thuộc HĐND này."))
        if self.decision_date and self.fieldwork_start and self.decision_date > self.fieldwork_start:
            raise ValidationError({"decision_date": _("Quyết định, kế hoạch phải ban hành trước ngày bắt đầu.")})
        check_record(self)


class ExplanationSession(CouncilOwnedModel):
    conducting_body = models.ForeignKey("core.Body", verbose_name=_("cơ quan tổ chức"), on_delete=models.PROTECT,
                                        related_name="explanation_sessions")
    topic = models.CharField(_("vấn đề giải trình"), max_length=500)
    persons_required = models.TextField(_("người được yêu cầu giải trình"),
                                        help_text=_("Họ tên, chức vụ; mỗi người một dòng."))
    held_date = models.DateField(_("ngày tổ chức"))
    notice_date = models.DateField(_("ngày gửi thông báo"), null=True, blank=True)
    latest_notice_date = models.DateField(_("hạn gửi thông báo chậm nhất"), null=True, blank=True, editable=False)
    life_date_field = "held_date"
    conclusion = models.TextField(_("kết luận"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phiên giải trình")
        verbose_name_plural = _("phiên giải trình")
        ordering = ["-held_date"]
        indexes = [models.Index(fields=["council", "held_date"], name="explanation_council_held")]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "topic", "held_date"], name="explanation_unique_topic_date",
                violation_error_message=_("HĐND này đã có phiên giải trình cùng vấn đề, cùng ngày."),
            ),
            models.CheckConstraint(
                condition=Q(notice_date__isnull=True) | Q(notice_date__lte=F("held_date")),
                name="explanation_notice_before_session",
                violation_error_message=_("Ngày gửi thông báo phải trước ngày tổ chức phiên giải trình."),
            ),
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._loaded_held_date = self.held_date if self.pk else None

    def __str__(self):
        return f"Giải trình: {self.topic} ({self.held_date:%d/%m/%Y})" if self.held_date else f"Giải trình: {self.topic}"

    def notice_due(self, calendar=None, rules=None):
        try:
            return compute_due(NOTICE_RULE, self.held_date, calendar=calendar, rules=rules)
        except LookupError:
            return None

    def refresh_latest_notice_date(self, calendar=None, rules=None):
        self.latest_notice_date = due_date_or_none(NOTICE_RULE, self.held_date, calendar=calendar, rules=rules)

    def clean(self):
        super().clean()
        if self.conducting_body_id:
            _same_council(self, self.conducting_body, "conducting_body", _("Cơ quan tổ chức không thuộc HĐND này."))
        if self.held_date and self.notice_date:
            due = self.notice_due(**(getattr(self, "_deadline_kwargs", None) or {}))  # loaded once by an import
            if due is not None and self.notice_date > due.date:
                raise ValidationError({"notice_date": _(
                    "Thông báo phải gửi chậm nhất ngày %(date)s (ít nhất %(days)s ngày trước phiên giải trình, "
                    "%(basis)s).") % {"date": f"{due.date:%d/%m/%Y}", "days": due.days, "basis": due.rule.legal_basis}})
        check_record(self)

    def save(self, *args, **kwargs):
        services.prepare_session(self, getattr(self, "_deadline_kwargs", None))  # the rules of every bulk path too
        super().save(*args, **kwargs)
        self._loaded_held_date = self.held_date


class Recommendation(CouncilOwnedModel):
    code = models.CharField(_("số hiệu"), max_length=30, blank=True,
                            help_text=_("Để trống để tự đánh số (KN-năm-số thứ tự)."))
    activity = models.ForeignKey(SupervisionActivity, verbose_name=_("từ cuộc giám sát"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="recommendations")
    explanation_session = models.ForeignKey(ExplanationSession, verbose_name=_("từ phiên giải trình"),
                                            on_delete=models.PROTECT, null=True, blank=True,
                                            related_name="recommendations")
    addressee = models.ForeignKey("core.Agency", verbose_name=_("cơ quan thực hiện"), on_delete=models.PROTECT,
                                  related_name="supervision_recommendations")
    content = models.TextField(_("nội dung kiến nghị"))
    issued_date = models.DateField(_("ngày kiến nghị"), help_text=_("Ngày ban hành báo cáo, thông báo kết luận."))
    due_date = models.DateField(_("hạn thực hiện"), null=True, blank=True,
                                help_text=_("Theo kết luận; để trống thì tính theo quy tắc mặc định (30 ngày)."))
    due_from_rule = models.BooleanField(_("hạn theo quy tắc mặc định"), default=False, editable=False)
    life_date_field = "issued_date"
    status = models.CharField(_("tình trạng"), max_length=30, choices=choices.RecommendationStatus.choices,
                              default=choices.RecommendationStatus.NOT_DUE)
    done_date = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    result = models.TextField(_("kết quả thực hiện"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kiến nghị sau giám sát")
        verbose_name_plural = _("kiến nghị sau giám sát")
        ordering = ["-issued_date", "code"]
        indexes = [
            models.Index(fields=["council", "issued_date"], name="recommendation_council_issued"),
            models.Index(fields=["council", "due_date"], name="recommendation_council_due"),
            # Meta.ordering for a secretariat's many councils, and the sortable columns (apps/core/admin_scale.py).
            models.Index(fields=["issued_date"], name="recommendation_issued"),
            models.Index(fields=["code"], name="recommendation_code"),
            models.Index(fields=["due_date"], name="recommendation_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "code"], name="recommendation_code_unique", condition=~Q(code=""),
                violation_error_message=_("Số hiệu kiến nghị này đã có ở HĐND này."),
            ),
            models.CheckConstraint(
                condition=(Q(activity__isnull=False) & Q(explanation_session__isnull=True))
                | (Q(activity__isnull=True) & Q(explanation_session__isnull=False)),
                name="recommendation_one_source",
                violation_error_message=_("Chọn đúng một nguồn kiến nghị: cuộc giám sát hoặc phiên giải trình."),
            ),
            models.CheckConstraint(
                condition=Q(due_date__isnull=True) | Q(due_date__gte=F("issued_date")),
                name="recommendation_due_after_issue",
                violation_error_message=_("Hạn thực hiện không được trước ngày kiến nghị."),
            ),
            models.CheckConstraint(
                condition=Q(done_date__isnull=True) | Q(done_date__gte=F("issued_date")),
                name="recommendation_done_after_issue",
                violation_error_message=_("Ngày hoàn thành không được trước ngày kiến nghị."),
            ),
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._loaded_dates = (self.issued_date, self.due_date) if self.pk else (None, None)

    def __str__(self):
        text = self.content if len(self.content) <= 70 else self.content[:67] + "…"
        return f"{self.code}: {text}" if self.code else text

    @property
    def source(self):
        return self.activity if self.activity_id else self.explanation_session

    def rule_due(self, calendar=None):
        try:
            return compute_due(FOLLOWUP_RULE, self.issued_date, calendar=calendar)
        except LookupError:
            return None

    def clean(self):
        super().clean()
        source = self.activity if self.activity_id else self.explanation_session if self.explanation_session_id else None
        if source is not None and not self.council_id:
            self.council_id = source.council_id  # added inline under its activity or session
        if source is not None and self.council_id and not same_or_predecessor(self.council_id, source.council_id):
            raise ValidationError(_("Cuộc giám sát hoặc phiên giải trình đã chọn không thuộc HĐND này."))
        if self.status == choices.RecommendationStatus.DONE and not self.done_date:
            raise ValidationError({"done_date": _("Kiến nghị đã hoàn thành thì phải ghi ngày hoàn thành.")})
        if self.due_date and self.issued_date and self.due_date < self.issued_date:
            raise ValidationError({"due_date": _("Hạn thực hiện không được trước ngày kiến nghị (%(d)s).") % {
                "d": f"{self.issued_date:%d/%m/%Y}"}})
        check_record(self)

    # -- carry-over to a successor council (apps/core/carryover.py) ------------------
    carry_over_label = _("Kiến nghị sau giám sát chưa thực hiện xong")
    carry_over_children = ("follow_ups",)

    @classmethod
    def open_items_q(cls):
        # «Không thực hiện» is a closed answer, as everywhere the due date is followed: it stays with
        # the council that received it instead of becoming the successor's open work.
        return ~Q(status__in=choices.RECOMMENDATION_CLOSED)

    def move_to_council(self, council):
        """Into the successor's register: a new code from its counter (the old one goes in the history)."""
        old = self.code
        self.council = council
        self.code = ""
        return old

    def fill_defaults(self, **deadline_kwargs):
        """The due date from the rule when none was named (``deadline_kwargs``: rules and calendar loaded
        once by a bulk caller)."""
        loaded_issued, loaded_due = self._loaded_dates
        if self.due_from_rule and self.due_date is not None:
            if self.due_date != loaded_due:
                self.due_from_rule = False  # the clerk typed the date named in the conclusion
            elif self.issued_date != loaded_issued:
                self.due_date = None  # a default date follows its start
        if self.due_date is None and self.issued_date:
            self.due_date = due_date_or_none(FOLLOWUP_RULE, self.issued_date, **deadline_kwargs)
            self.due_from_rule = self.due_date is not None

    def remember_dates(self):
        """The dates as stored: a default due date follows its start until the clerk types one."""
        self._loaded_dates = (self.issued_date, self.due_date)

    def save(self, *args, **kwargs):
        # The same rules as every bulk path (services.create): the default due date, then the code.
        services.prepare(self)
        with transaction.atomic():
            services.number([self])
            super().save(*args, **kwargs)
        self.remember_dates()


class FollowUp(CouncilOwnedModel):
    parent_field = "recommendation"  # the council is the recommendation's (copy_council)

    recommendation = models.ForeignKey(Recommendation, verbose_name=_("kiến nghị"), on_delete=models.CASCADE,
                                       related_name="follow_ups")
    action = models.CharField(_("hình thức theo dõi"), max_length=20, choices=choices.FollowUpAction.choices)
    date = models.DateField(_("ngày"))
    life_date_field = "date"
    note = models.TextField(_("ghi chú"), blank=True)
    explanation_session = models.ForeignKey(ExplanationSession, verbose_name=_("phiên giải trình"),
                                            on_delete=models.SET_NULL, null=True, blank=True,
                                            related_name="recommendation_follow_ups")
    question = models.ForeignKey("sittings.Question", verbose_name=_("chất vấn"), on_delete=models.SET_NULL,
                                 null=True, blank=True, related_name="recommendation_follow_ups")
    resolution = models.ForeignKey("sittings.Resolution", verbose_name=_("nghị quyết"), on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="recommendation_follow_ups")
    activity = models.ForeignKey(SupervisionActivity, verbose_name=_("cuộc tái giám sát"), on_delete=models.SET_NULL,
                                 null=True, blank=True, related_name="recommendation_follow_ups")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("theo dõi, đôn đốc kiến nghị")
        verbose_name_plural = _("theo dõi, đôn đốc kiến nghị")
        ordering = ["recommendation", "date", "pk"]
        indexes = [
            models.Index(fields=["council", "date"], name="followup_council_date"),
            models.Index(fields=["date"], name="followup_date"),  # the sortable date column, many councils
        ]

    def __str__(self):
        return f"{self.get_action_display()} ngày {self.date:%d/%m/%Y}" if self.date else str(self.get_action_display())

    def copy_council(self):
        if self.recommendation_id and self.recommendation.council_id:
            self.council_id = self.recommendation.council_id

    @property
    def linked(self):
        return self.explanation_session or self.question or self.resolution or self.activity

    def clean(self):
        super().clean()
        self.copy_council()
        if self.recommendation_id and self.date and self.recommendation.issued_date and self.date < self.recommendation.issued_date:
            raise ValidationError({"date": _("Ngày theo dõi không được trước ngày kiến nghị.")})
        for name in ("explanation_session", "question", "resolution", "activity"):
            if getattr(self, f"{name}_id"):
                _same_council(self, getattr(self, name), name, _("Hồ sơ liên kết không thuộc HĐND của kiến nghị."))
        check_record(self)

    def save(self, *args, **kwargs):
        self.copy_council()
        super().save(*args, **kwargs)
