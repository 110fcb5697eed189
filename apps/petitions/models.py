"""Tiếp xúc cử tri and kiến nghị cử tri: voter meetings, the petitions raised there, forwarding and answers."""
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.deadlines import NoRuleInForce, compute_due
from apps.core.lifetimes import check_record, record_errors, same_or_predecessor
from apps.core.models import CouncilOwnedModel, CouncilScopedQuerySet
from apps.core.reference_units import REFORM_DAY

from . import services
from .choices import CompetenceLevel, MeetingForm, MeetingTiming, PetitionStatus


class VoterMeeting(CouncilOwnedModel):
    sitting = models.ForeignKey("sittings.Sitting", verbose_name=_("kỳ họp liên quan"), on_delete=models.SET_NULL,
                                null=True, blank=True, related_name="voter_meetings")
    timing = models.CharField(_("thời điểm"), max_length=20, choices=MeetingTiming.choices,
                              default=MeetingTiming.BEFORE_SITTING)
    form = models.CharField(_("hình thức"), max_length=20, choices=MeetingForm.choices, default=MeetingForm.IN_PERSON)
    date = models.DateField(_("ngày tiếp xúc"))
    ward = models.ForeignKey("core.Council", verbose_name=_("tại phường, xã"), on_delete=models.PROTECT,
                             null=True, blank=True, related_name="+",
                             help_text=_("HĐND phường, xã nơi tổ chức tiếp xúc (nếu khác HĐND tổ chức)."))
    location = models.CharField(_("địa điểm"), max_length=300, blank=True)
    delegates = models.ManyToManyField("core.Delegate", verbose_name=_("đại biểu tham dự"), blank=True,
                                       related_name="voter_meetings")
    voters_attending = models.PositiveIntegerField(_("số cử tri tham dự"), default=0)
    note = models.TextField(_("ghi chú"), blank=True)
    history = HistoricalRecords(m2m_fields=[delegates])

    life_date_field = "date"

    class Meta:
        verbose_name = _("cuộc tiếp xúc cử tri")
        verbose_name_plural = _("tiếp xúc cử tri")
        ordering = ["-date"]
        indexes = [
            models.Index(fields=["council", "date"], name="votermeeting_council_date"),
            # The changelist's order (date, then id) for users who see many councils; read either way.
            models.Index(fields=["date", "id"], include=["council"], name="votermeeting_order"),
        ]

    def __str__(self):
        place = f" tại {self.location}" if self.location else ""
        return f"Tiếp xúc cử tri {self.get_timing_display().lower()} ngày {self.date:%d/%m/%Y}{place}"

    def clean(self):
        super().clean()
        check_record(self)


class PetitionQuerySet(CouncilScopedQuerySet):
    @staticmethod
    def overdue_q(today=None):
        today = today or timezone.localdate()
        return Q(answer_due__lt=today, answered_date__isnull=True, merged_into__isnull=True)

    def overdue(self, today=None):
        return self.filter(self.overdue_q(today))

    def counted(self):
        """Petitions counted in the indicators: duplicates merged into another are counted once, there."""
        return self.filter(merged_into__isnull=True)


# What the changelist filters a petition on (status, competence, the Đoàn ĐBQH's, sitting, answer due and the
# answer, field, agency, merged duplicates): held in the indexes the changelist reads (see Meta.indexes).
LIST_FILTER_COLUMNS = ["status", "competence_level", "forwarded_by_na", "sitting", "answered_date", "answer_due",
                       "field", "agency", "merged_into"]


class Petition(CouncilOwnedModel):
    code = models.CharField(_("mã kiến nghị"), max_length=30, blank=True,
                            help_text=_("Để trống: hệ thống cấp mã KN-năm-số thứ tự."))
    meeting = models.ForeignKey(VoterMeeting, verbose_name=_("cuộc tiếp xúc cử tri"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="petitions")
    source = models.CharField(_("nguồn kiến nghị"), max_length=300, blank=True,
                              help_text=_("Khi không từ một cuộc tiếp xúc: ví dụ «Đoàn ĐBQH tỉnh chuyển», «MTTQ tổng hợp»."))
    received_date = models.DateField(_("ngày tiếp nhận"), null=True, blank=True,
                                     help_text=_("Để trống: lấy ngày của cuộc tiếp xúc."))
    content = models.TextField(_("nội dung kiến nghị"))
    field = models.ForeignKey("core.Field", verbose_name=_("lĩnh vực"), on_delete=models.PROTECT,
                              null=True, blank=True, related_name="+")
    competence_level = models.CharField(_("thẩm quyền giải quyết"), max_length=20, choices=CompetenceLevel.choices,
                                        default=CompetenceLevel.DISTRICT)
    agency = models.ForeignKey("core.Agency", verbose_name=_("cơ quan giải quyết"), on_delete=models.PROTECT,
                               null=True, blank=True, related_name="+")
    forwarded_by_na = models.BooleanField(_("do Đoàn ĐBQH chuyển"), default=False,
                                          help_text=_("Kiến nghị do Quốc hội, Đoàn ĐBQH chuyển: hạn trả lời 60 ngày."))
    forwarded_date = models.DateField(_("ngày chuyển"), null=True, blank=True)
    forwarding_document = models.CharField(_("số văn bản chuyển"), max_length=100, blank=True)
    answer_due = models.DateField(_("hạn trả lời"), null=True, blank=True, editable=False)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answered_date = models.DateField(_("ngày trả lời"), null=True, blank=True)
    status = models.CharField(_("tình trạng"), max_length=20, choices=PetitionStatus.choices,
                              default=PetitionStatus.UNRESOLVED)
    sitting = models.ForeignKey("sittings.Sitting", verbose_name=_("gửi đến kỳ họp"), on_delete=models.SET_NULL,
                                null=True, blank=True, related_name="petitions",
                                help_text=_("Kỳ họp HĐND mà kiến nghị được tổng hợp, gửi đến."))
    supervision_activity = models.ForeignKey(
        "oversight.SupervisionActivity", verbose_name=_("cuộc giám sát xem xét"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="petitions",
        help_text=_("Cuộc giám sát đã đưa kiến nghị (chưa được giải quyết) vào nội dung giám sát."))
    merged_into = models.ForeignKey("self", verbose_name=_("gộp vào kiến nghị"), on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="merged",
                                    help_text=_("Kiến nghị trùng nội dung được gộp vào kiến nghị này."))
    voters_informed_date = models.DateField(_("ngày thông tin lại cho cử tri"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    history = HistoricalRecords()

    objects = PetitionQuerySet.as_manager()

    life_date_field = "received_date"

    class Meta:
        verbose_name = _("kiến nghị cử tri")
        verbose_name_plural = _("kiến nghị cử tri")
        ordering = ["-received_date", "-pk"]
        indexes = [
            # The list filters' columns ride along in the council's index and in the ordering index: a province's
            # filtered page and its count are read from the index alone, not from 200,000 rows of the heap.
            models.Index(fields=["council", "received_date"], include=["id", *LIST_FILTER_COLUMNS], name="petition_council_received"),
            models.Index(fields=["council", "answer_due"], name="petition_council_due"),
            models.Index(fields=["council", "status"], name="petition_council_status"),
            # Meta.ordering for a secretariat's many councils (with the council, so that a page's ids are read
            # from the index alone: apps/core/paginator.py), and the sortable columns (apps/core/admin_scale.py).
            models.Index(fields=["received_date", "id"], include=["council", *LIST_FILTER_COLUMNS], name="petition_order"),
            models.Index(fields=["code"], name="petition_code"),
            models.Index(fields=["answer_due"], name="petition_answer_due"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["council", "code"], condition=~Q(code=""), name="petition_code_unique",
                                    violation_error_message=_("Mã kiến nghị này đã có ở HĐND này.")),
            models.CheckConstraint(
                condition=Q(answered_date__isnull=True) | Q(forwarded_date__isnull=True)
                | Q(answered_date__gte=models.F("forwarded_date")),
                name="petition_answer_after_forwarding",
                violation_error_message=_("Ngày trả lời không được trước ngày chuyển kiến nghị."),
            ),
        ]

    def __str__(self):
        text = self.content if len(self.content) <= 80 else self.content[:77] + "…"
        return f"{self.code}: {text}" if self.code else text

    # -- deadlines -------------------------------------------------------------
    @property
    def answer_rule(self):
        return "na_petition_answer" if self.forwarded_by_na else "petition_answer"

    def answer_deadline(self, **kwargs):
        if not self.forwarded_date:
            return None
        try:
            return compute_due(self.answer_rule, self.forwarded_date, **kwargs)
        except NoRuleInForce:
            return None

    def compute_deadlines(self, **kwargs):
        due = self.answer_deadline(**kwargs)
        self.answer_due = due.date if due else None

    def clean(self):
        errors = {}
        # In an inline under a new meeting, the meeting is set but not saved yet (no meeting_id).
        has_meeting = self.meeting_id is not None or (
            self._meta.get_field("meeting").is_cached(self) and self.meeting is not None)
        if not has_meeting and not self.source:
            errors["source"] = _("Chọn cuộc tiếp xúc cử tri hoặc ghi nguồn kiến nghị.")
        if self.meeting_id and self.council_id and not same_or_predecessor(self.council_id, self.meeting.council_id):
            errors["meeting"] = _("Cuộc tiếp xúc thuộc HĐND khác.")
        start = self.received_date or (self.meeting.date if has_meeting else None)
        if self.forwarded_date and start and self.forwarded_date < start:
            errors["forwarded_date"] = _("Ngày chuyển không được trước ngày tiếp nhận kiến nghị.")
        if self.answered_date and self.forwarded_date and self.answered_date < self.forwarded_date:
            errors["answered_date"] = _("Ngày trả lời không được trước ngày chuyển kiến nghị.")
        if self.answered_date and self.answered_date > timezone.localdate():
            errors["answered_date"] = _("Ngày trả lời không được sau ngày hôm nay.")
        if self.status != PetitionStatus.UNRESOLVED and not self.answered_date and not self.answer:
            errors["status"] = _("Tình trạng «%(status)s» cần có nội dung hoặc ngày trả lời.") % {
                "status": self.get_status_display()}
        if self.competence_level == CompetenceLevel.DISTRICT and start and start >= REFORM_DAY:
            errors["competence_level"] = _(
                "Từ ngày %(day)s chính quyền địa phương chỉ còn hai cấp (tỉnh và xã), không còn cấp huyện: "
                "chọn thẩm quyền «Tỉnh», «Xã» hoặc «Trung ương».") % {"day": f"{REFORM_DAY:%d/%m/%Y}"}
        if self.merged_into_id:
            if self.pk and self.merged_into_id == self.pk:
                errors["merged_into"] = _("Một kiến nghị không thể gộp vào chính nó.")
            elif self.council_id and not same_or_predecessor(self.council_id, self.merged_into.council_id):
                errors["merged_into"] = _("Kiến nghị gộp vào phải thuộc cùng HĐND.")
        for field, message in record_errors(self).items():
            errors.setdefault(field, message)
        if errors:
            raise ValidationError(errors)

    # -- carry-over to a successor council (apps/core/carryover.py) ------------------
    carry_over_label = _("Kiến nghị cử tri chưa giải quyết")

    @classmethod
    def open_items_q(cls):
        return Q(status__in=[PetitionStatus.UNRESOLVED, PetitionStatus.IN_PROGRESS], merged_into__isnull=True)

    def move_to_council(self, council):
        """Into the successor's register: a new code from its counter (the old one goes in the history)."""
        old = self.code
        self.council = council
        self.code = ""
        return old

    def life_date(self):
        """The day the petition was received; empty: the day of its voter meeting (as save() fills it)."""
        if self.received_date:
            return self.received_date
        has_meeting = self.meeting_id is not None or (
            self._meta.get_field("meeting").is_cached(self) and self.meeting is not None)
        return self.meeting.date if has_meeting else None

    def save(self, *args, **kwargs):
        # The same rules as every bulk path (services.create): received date, due date, text, code.
        services.prepare(self, getattr(self, "_deadline_kwargs", None))
        with transaction.atomic():
            services.number([self])
            super().save(*args, **kwargs)
