"""Kỳ họp, nội dung kỳ họp, nghị quyết, chất vấn và phiên họp Thường trực (docs/DESIGN.md §3, sittings)."""
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.deadlines import compute_due, due_date_or_none
from apps.core.lifetimes import check_record, same_or_predecessor
from apps.core.models import CouncilOwnedModel

from . import choices, services

QUESTION_RULE = "question_answer"


class ChildOfCouncilRecord(CouncilOwnedModel):
    """A child row (agenda item, commitment…) scoped like its parent: council copied on save."""

    parent_field = None

    class Meta:
        abstract = True

    def copy_council(self):
        parent = getattr(self, self.parent_field, None) if self.parent_field else None
        # A row carried over to a successor council (a pending commitment) stays there under its parent.
        if parent is not None and parent.council_id and not (
                self.council_id and same_or_predecessor(self.council_id, parent.council_id)):
            self.council_id = parent.council_id

    def clean(self):
        super().clean()
        self.copy_council()

    def save(self, *args, **kwargs):
        self.copy_council()
        super().save(*args, **kwargs)


class Sitting(CouncilOwnedModel):
    term = models.ForeignKey("core.Term", verbose_name=_("khóa"), on_delete=models.PROTECT, related_name="sittings")
    number = models.PositiveSmallIntegerField(_("kỳ họp thứ"))
    sitting_type = models.CharField(_("loại kỳ họp"), max_length=20, choices=choices.SittingType.choices,
                                    default=choices.SittingType.REGULAR)
    start_date = models.DateField(_("ngày khai mạc"))
    end_date = models.DateField(_("ngày bế mạc"), null=True, blank=True)
    venue = models.CharField(_("địa điểm"), max_length=300, blank=True)
    delegates_present = models.PositiveSmallIntegerField(_("số đại biểu có mặt"), null=True, blank=True)
    delegates_total = models.PositiveSmallIntegerField(_("tổng số đại biểu"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    history = HistoricalRecords()

    life_date_field = "start_date"

    class Meta:
        verbose_name = _("kỳ họp")
        verbose_name_plural = _("kỳ họp")
        ordering = ["-start_date", "-number"]
        indexes = [models.Index(fields=["council", "start_date"], name="sitting_council_start")]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "term", "number"], name="sitting_number_unique_per_term",
                violation_error_message=_("HĐND này đã có kỳ họp với số thứ tự này trong khóa."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="sitting_dates_in_order",
                violation_error_message=_("Ngày bế mạc không được trước ngày khai mạc."),
            ),
            models.CheckConstraint(
                condition=Q(delegates_present__isnull=True) | Q(delegates_total__isnull=True)
                | Q(delegates_present__lte=F("delegates_total")),
                name="sitting_attendance_le_total",
                violation_error_message=_("Số đại biểu có mặt không được lớn hơn tổng số đại biểu."),
            ),
        ]

    def __str__(self):
        return f"Kỳ họp thứ {self.number} ({self.start_date:%d/%m/%Y})" if self.start_date else f"Kỳ họp thứ {self.number}"

    def search_extra(self):
        return [str(self)]

    def clean(self):
        super().clean()
        if self.term_id and self.council_id:
            from apps.core.terms import term_error

            error = term_error(self.term, self.council, self.start_date, _("Ngày bắt đầu kỳ họp"))
            if error:
                raise ValidationError({"term": error})
        check_record(self)


class AgendaItem(ChildOfCouncilRecord):
    parent_field = "sitting"

    sitting = models.ForeignKey(Sitting, verbose_name=_("kỳ họp"), on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    kind = models.CharField(_("loại nội dung"), max_length=20, choices=choices.AgendaKind.choices,
                            default=choices.AgendaKind.REPORT)
    title = models.CharField(_("tên nội dung"), max_length=500)
    submitted_by = models.CharField(_("cơ quan trình"), max_length=200, blank=True,
                                    help_text=_("Ví dụ: UBND thành phố, Thường trực HĐND."))
    examining_body = models.ForeignKey("core.Body", verbose_name=_("cơ quan thẩm tra"), on_delete=models.PROTECT,
                                       null=True, blank=True, related_name="examined_agenda_items")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nội dung kỳ họp")
        verbose_name_plural = _("nội dung kỳ họp")
        ordering = ["sitting", "order", "pk"]
        indexes = [models.Index(fields=["council", "sitting"], name="agendaitem_council_sitting")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"


class Resolution(CouncilOwnedModel):
    sitting = models.ForeignKey(Sitting, verbose_name=_("kỳ họp"), on_delete=models.PROTECT, null=True, blank=True,
                                related_name="resolutions")
    number = models.CharField(_("số nghị quyết"), max_length=60,
                              help_text=_("Ghi đúng như trên văn bản, ví dụ 15/NQ-HĐND hoặc 05/2022/NQ-HĐND."))
    # Văn bản được đánh số lại từ 01 mỗi năm (NĐ 30/2020 Đ.15), so "15/NQ-HĐND" recurs every year:
    # the number is unique per council within the year of adoption.
    year = models.PositiveSmallIntegerField(_("năm ban hành"), editable=False, db_index=False)
    kind = models.CharField(_("loại nghị quyết"), max_length=20, choices=choices.ResolutionKind.choices,
                            default=choices.ResolutionKind.INDIVIDUAL)
    adopted_date = models.DateField(_("ngày thông qua"))
    summary = models.TextField(_("trích yếu"))
    field = models.ForeignKey("core.Field", verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, null=True,
                              blank=True, related_name="+")
    votes_for = models.PositiveSmallIntegerField(_("số phiếu tán thành"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("số phiếu không tán thành"), null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField(_("số phiếu không biểu quyết"), null=True, blank=True)
    status = models.CharField(_("hiệu lực"), max_length=20, choices=choices.ResolutionStatus.choices,
                              default=choices.ResolutionStatus.IN_FORCE)
    effective_date = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    replaces = models.ManyToManyField("self", verbose_name=_("thay thế / bãi bỏ nghị quyết"), symmetrical=False,
                                      blank=True, related_name="replaced_by")
    history = HistoricalRecords()

    life_date_field = "adopted_date"

    class Meta:
        verbose_name = _("nghị quyết")
        verbose_name_plural = _("nghị quyết")
        ordering = ["-adopted_date", "number"]
        indexes = [
            models.Index(fields=["council", "adopted_date"], name="resolution_council_adopted"),
            models.Index(fields=["council", "number"], name="resolution_council_number"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year", "number"], name="resolution_number_unique_per_council",
                violation_error_message=_("Số nghị quyết này đã được dùng cho một nghị quyết khác của HĐND này "
                                          "trong cùng năm."),
            ),
        ]

    def __str__(self):
        return self.number

    def fill_year(self):
        if self.adopted_date:
            self.year = self.adopted_date.year

    def number_taken(self):
        """Whether another resolution of this council and year has this number. A register import reads
        the numbers in use once for the whole file (``_numbers_in_use``: {(council, year, number): ids})."""
        known = getattr(self, "_numbers_in_use", None)
        if known is not None:
            return bool(known.get((self.council_id, self.year, self.number), set()) - {self.pk})
        clash = Resolution.objects.filter(council_id=self.council_id, year=self.year, number=self.number)
        return clash.exclude(pk=self.pk).exists()

    def clean(self):
        super().clean()
        self.fill_year()
        if self.sitting_id and not self.council_id:
            self.council_id = self.sitting.council_id  # added inline under its sitting
        if self.number and self.council_id and self.adopted_date:
            # The constraint's own check is skipped by model forms (``year`` is not a form field).
            if self.number_taken():
                raise ValidationError({"number": _(
                    "Số nghị quyết này đã được dùng cho một nghị quyết khác của HĐND này trong cùng năm.")})
        if self.sitting_id and self.council_id and self.sitting.council_id != self.council_id:
            raise ValidationError({"sitting": _("Kỳ họp này không thuộc HĐND của nghị quyết.")})
        if self.sitting_id and self.adopted_date and self.adopted_date < self.sitting.start_date:
            raise ValidationError({"adopted_date": _("Ngày thông qua không được trước ngày khai mạc kỳ họp.")})
        if self.effective_date and self.adopted_date and self.effective_date < self.adopted_date:
            raise ValidationError({"effective_date": _("Ngày có hiệu lực không được trước ngày thông qua.")})
        check_record(self)

    def save(self, *args, **kwargs):
        services.prepare(self)  # the rules of every bulk path too
        super().save(*args, **kwargs)


class StandingMeeting(CouncilOwnedModel):
    kind = models.CharField(_("loại phiên họp"), max_length=20, choices=choices.StandingMeetingKind.choices,
                            default=choices.StandingMeetingKind.REGULAR)
    date = models.DateField(_("ngày họp"))
    content = models.TextField(_("nội dung"))
    chaired_by = models.CharField(_("chủ trì"), max_length=200, blank=True)
    participating_councils = models.ManyToManyField(
        "core.Council", verbose_name=_("HĐND cấp xã dự giao ban"), blank=True, related_name="briefings_attended",
    )
    conclusion = models.TextField(_("kết luận"), blank=True)
    history = HistoricalRecords()

    life_date_field = "date"

    class Meta:
        verbose_name = _("phiên họp Thường trực")
        verbose_name_plural = _("phiên họp Thường trực")
        ordering = ["-date"]
        indexes = [models.Index(fields=["council", "date"], name="standingmeeting_council_date")]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "date", "kind"], name="standingmeeting_unique_per_day",
                violation_error_message=_("Ngày này đã có phiên họp Thường trực cùng loại."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ngày {self.date:%d/%m/%Y}" if self.date else str(self.get_kind_display())

    def clean(self):
        super().clean()
        check_record(self)


class Question(CouncilOwnedModel):
    delegate = models.ForeignKey("core.Delegate", verbose_name=_("đại biểu chất vấn"), on_delete=models.PROTECT,
                                 related_name="questions")
    respondent_name = models.CharField(_("người bị chất vấn"), max_length=200)
    respondent_position = models.CharField(_("chức vụ người bị chất vấn"), max_length=300,
                                           help_text=_("Ví dụ: Chủ tịch UBND phường, Trưởng phòng Tài nguyên và Môi trường."))
    sitting = models.ForeignKey(Sitting, verbose_name=_("tại kỳ họp"), on_delete=models.PROTECT, null=True, blank=True,
                                related_name="questions")
    standing_meeting = models.ForeignKey(StandingMeeting, verbose_name=_("tại phiên họp Thường trực"),
                                         on_delete=models.PROTECT, null=True, blank=True, related_name="questions")
    mode = models.CharField(_("hình thức"), max_length=20, choices=choices.QuestionMode.choices,
                            default=choices.QuestionMode.IN_PERSON)
    asked_date = models.DateField(_("ngày chất vấn"))
    content = models.TextField(_("nội dung chất vấn"))
    field = models.ForeignKey("core.Field", verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, null=True,
                              blank=True, related_name="+")
    answer_due = models.DateField(_("hạn trả lời bằng văn bản"), null=True, blank=True, editable=False)
    answered_date = models.DateField(_("ngày trả lời"), null=True, blank=True)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    history = HistoricalRecords()

    life_date_field = "asked_date"

    class Meta:
        verbose_name = _("chất vấn")
        verbose_name_plural = _("chất vấn")
        ordering = ["-asked_date", "pk"]
        indexes = [
            models.Index(fields=["council", "asked_date"], name="question_council_asked"),
            models.Index(fields=["council", "answer_due"], name="question_council_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(sitting__isnull=False) & Q(standing_meeting__isnull=True))
                | (Q(sitting__isnull=True) & Q(standing_meeting__isnull=False)),
                name="question_at_sitting_xor_standing_meeting",
                violation_error_message=_("Chọn đúng một nơi chất vấn: kỳ họp hoặc phiên họp Thường trực."),
            ),
            models.CheckConstraint(
                condition=Q(answered_date__isnull=True) | Q(answered_date__gte=F("asked_date")),
                name="question_answer_after_question",
                violation_error_message=_("Ngày trả lời không được trước ngày chất vấn."),
            ),
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._loaded_asked_date = self.asked_date if self.pk else None
        self._loaded_answered_date = self.answered_date if self.pk else None

    def __str__(self):
        when = f" ngày {self.asked_date:%d/%m/%Y}" if self.asked_date else ""
        return f"Chất vấn {self.respondent_position or self.respondent_name}{when}"

    @property
    def is_answered(self):
        return self.answered_date is not None

    @property
    def answered_at_sitting(self):
        """Answered in the sitting where it was asked, between its opening and closing days."""
        if not (self.sitting_id and self.answered_date):
            return False
        sitting = self.sitting
        return sitting.start_date <= self.answered_date <= (sitting.end_date or sitting.start_date)

    def due(self, calendar=None, rules=None):
        """The deadline engine's DueDate (date + explanation), or None.

        LHĐGS 2015 Điều 60 khoản 4 gives a written-answer deadline only to its cases a–c; a question
        answered orally at the sitting is none of them and has no deadline.
        """
        if self.answered_at_sitting:
            return None
        try:
            return compute_due(QUESTION_RULE, self.asked_date, calendar=calendar, rules=rules)
        except LookupError:
            return None

    def refresh_answer_due(self, calendar=None, rules=None):
        if self.answered_at_sitting:
            self.answer_due = None
            return
        self.answer_due = due_date_or_none(QUESTION_RULE, self.asked_date, calendar=calendar, rules=rules)

    def clean(self):
        super().clean()
        place = self.sitting if self.sitting_id else self.standing_meeting if self.standing_meeting_id else None
        if place is not None and self.council_id and place.council_id != self.council_id:
            raise ValidationError(_("Kỳ họp hoặc phiên họp đã chọn không thuộc HĐND này."))
        if self.delegate_id and self.council_id and self.delegate.council_id != self.council_id:
            raise ValidationError({"delegate": _("Đại biểu này không thuộc HĐND này.")})
        if self.answer and not self.answered_date:
            raise ValidationError({"answered_date": _("Đã ghi nội dung trả lời thì phải ghi ngày trả lời.")})
        check_record(self)

    def save(self, *args, **kwargs):
        services.prepare(self, getattr(self, "_deadline_kwargs", None))  # the rules of every bulk path too
        super().save(*args, **kwargs)
        self._loaded_asked_date = self.asked_date
        self._loaded_answered_date = self.answered_date


class Commitment(ChildOfCouncilRecord):
    parent_field = "question"

    question = models.ForeignKey(Question, verbose_name=_("chất vấn"), on_delete=models.CASCADE, related_name="commitments")
    content = models.TextField(_("nội dung cam kết"))
    due_date = models.DateField(_("hạn thực hiện"), null=True, blank=True)
    status = models.CharField(_("tình trạng"), max_length=20, choices=choices.CommitmentStatus.choices,
                              default=choices.CommitmentStatus.IN_PROGRESS)
    done_date = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cam kết sau chất vấn")
        verbose_name_plural = _("cam kết sau chất vấn")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["council", "due_date"], name="commitment_council_due")]

    def __str__(self):
        text = self.content if len(self.content) <= 80 else self.content[:77] + "…"
        return text

    # -- carry-over to a successor council (apps/core/carryover.py) ------------------
    carry_over_label = _("Cam kết sau chất vấn chưa thực hiện xong")

    @classmethod
    def open_items_q(cls):
        return ~Q(status__in=[choices.CommitmentStatus.DONE, choices.CommitmentStatus.NOT_DONE])

    def move_to_council(self, council):
        """The commitment moves; its question stays in the predecessor's records, linked."""
        self.council = council
        return ""

    def clean(self):
        super().clean()
        asked = self.question.asked_date if self.question_id else None
        if asked and self.due_date and self.due_date < asked:
            raise ValidationError({"due_date": _("Hạn thực hiện cam kết không được trước ngày chất vấn.")})
        if asked and self.done_date and self.done_date < asked:
            raise ValidationError({"done_date": _("Ngày hoàn thành không được trước ngày chất vấn.")})
        if self.status == choices.CommitmentStatus.DONE and not self.done_date:
            raise ValidationError({"done_date": _("Cam kết đã hoàn thành thì phải ghi ngày hoàn thành.")})
