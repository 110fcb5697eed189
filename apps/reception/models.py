"""Tiếp công dân and đơn thư: reception sessions, the sổ tiếp công dân (visits) and the sổ xử lý đơn (letters)."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core import numbering
from apps.core.deadlines import NoRuleInForce, compute_due
from apps.core.lifetimes import check_record, record_errors, same_or_predecessor
from apps.core.models import CouncilOwnedModel, CouncilScopedQuerySet, RegisterCounter

from . import services
from .choices import (
    Channel, Classification, Competence, LetterContentType, LetterHandling, LetterStatus, PriorResolution,
    SessionKind, VisitHandling,
)

Register = RegisterCounter.Register  # the numbered registers (apps.core.numbering)
LARGE_GROUP = 5  # đoàn đông người: 5 people or more (Luật Tiếp công dân 2013, NĐ 64/2014)


def _due(rule, start, **kwargs):
    if start is None or rule is None:
        return None
    try:
        return compute_due(rule, start, **kwargs)
    except NoRuleInForce:
        return None


class NumberedRecord(CouncilOwnedModel):
    """A register row numbered per council and year (số thứ tự trong sổ)."""

    register = None  # Register value, set by subclasses
    date_field = None

    register_year = models.PositiveSmallIntegerField(_("năm của sổ"), null=True, blank=True, editable=False)
    register_number = models.PositiveIntegerField(_("số thứ tự"), null=True, blank=True, editable=False)
    # The folded identity of a denouncer (IdentityMixin.sealed_search_fields), apart from search_text.
    search_sealed = models.TextField(_("danh tính người tố cáo (tìm kiếm)"), blank=True, default="", editable=False)

    class Meta:
        abstract = True

    @property
    def register_code(self):
        return f"{self.register_number:04d}/{self.register_year}" if self.register_number else "—"

    def clean_fields(self, exclude=None):
        """A register number given by an import must not jump past the register's next number."""
        errors = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if self._state.adding and isinstance(self.register_number, int) and self.council_id:
            # Replaces the column's range error too: the next number is what the clerk needs to know.
            year = self.register_year or getattr(getattr(self, self.date_field), "year", None)
            if year is not None:
                try:
                    numbering.check_given_number(self.council_id, self.register, year, self.register_number,
                                                 taken_before=getattr(self, "_numbers_taken_in_import", {}).get(
                                                     (self.council_id, year), 0))
                except ValidationError as error:
                    errors["register_number"] = error.messages
        if errors:
            raise ValidationError(errors)

    def search_extra(self):
        """The number as the register shows it ("0017/2022"), for search."""
        return [self.register_code] if self.register_number else []

    def save(self, *args, **kwargs):
        # The same rules as every bulk path (services.create): due dates, status, then the number.
        services.prepare(self, getattr(self, "_deadline_kwargs", None))
        with transaction.atomic():
            services.number([self])
            super().save(*args, **kwargs)


class IdentityMixin:
    """Records that may carry a denouncer's identity (see confidential.py).

    ``is_sealed`` / ``sealed_q()``: the identity is confidential on this record. ``IDENTITY_FIELDS``
    and ``IDENTITY_PERMISSION`` are read by the admin base (apps.core.admin_sealed) to refuse URL
    lookups on them, without core importing this app.

    A sealed identity is folded into ``search_sealed`` (NumberedRecord) instead of ``search_text``:
    only users who may see every identity search that column (apps/core/text.py, IdentityMaskingAdmin).
    """

    IDENTITY_FIELDS = ()
    NAME_FIELDS = ()
    IDENTITY_PERMISSION = "reception.view_denouncer_identity"

    @property
    def is_denunciation(self):
        raise NotImplementedError

    @property
    def is_sealed(self):
        raise NotImplementedError

    @classmethod
    def sealed_q(cls, prefix=""):
        raise NotImplementedError

    def sealed_search_fields(self):
        return self.IDENTITY_FIELDS if self.is_sealed else ()


class ReceptionSession(CouncilOwnedModel):
    kind = models.CharField(_("loại buổi tiếp"), max_length=20, choices=SessionKind.choices, default=SessionKind.REGULAR)
    date = models.DateField(_("ngày tiếp"))
    receivers = models.ManyToManyField("core.Delegate", verbose_name=_("đại biểu tiếp"), blank=True,
                                       related_name="reception_sessions")
    receivers_text = models.CharField(_("người tiếp"), max_length=300, blank=True,
                                      help_text=_("Ví dụ: Chủ tịch HĐND; Phó Chủ tịch HĐND; đại biểu HĐND."))
    venue = models.CharField(_("địa điểm"), max_length=300, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    history = HistoricalRecords(m2m_fields=[receivers])

    life_date_field = "date"

    class Meta:
        verbose_name = _("buổi tiếp công dân")
        verbose_name_plural = _("buổi tiếp công dân")
        ordering = ["-date"]
        indexes = [models.Index(fields=["council", "date"], name="recsession_council_date")]

    def __str__(self):
        return f"Buổi tiếp công dân {self.get_kind_display().lower()} ngày {self.date:%d/%m/%Y}"

    def clean(self):
        super().clean()
        check_record(self)


class Visit(IdentityMixin, NumberedRecord):
    """A row of the sổ tiếp công dân (Mẫu số 03, TT 04/2021/TT-TTCP)."""

    register = Register.VISIT
    date_field = "date"
    life_date_field = "date"
    IDENTITY_FIELDS = ("citizen_name", "citizen_address", "citizen_id_number")
    NAME_FIELDS = ("citizen_name",)

    session = models.ForeignKey(ReceptionSession, verbose_name=_("buổi tiếp"), on_delete=models.SET_NULL,
                                null=True, blank=True, related_name="visits")
    date = models.DateField(_("ngày tiếp"))
    citizen_name = models.CharField(_("họ và tên"), max_length=300)
    citizen_address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    citizen_id_number = models.CharField(_("số định danh cá nhân/CCCD"), max_length=20, blank=True)
    content = models.TextField(_("nội dung vụ việc"))
    classification = models.CharField(_("phân loại"), max_length=20, choices=Classification.choices)
    people_count = models.PositiveSmallIntegerField(_("số người"), default=1,
                                                    help_text=_("Từ 5 người trở lên là đoàn đông người."))
    handled_by = models.ForeignKey("core.Agency", verbose_name=_("cơ quan đã giải quyết"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    handling = models.CharField(_("hướng xử lý"), max_length=20, choices=VisitHandling.choices, blank=True)
    result = models.TextField(_("theo dõi kết quả"), blank=True)
    is_repeat = models.BooleanField(_("tiếp lần 2 trở lên"), default=False,
                                    help_text=_("Bỏ chọn nếu công dân đến lần đầu về vụ việc này."))
    answer_due = models.DateField(_("hạn trả lời người được tiếp"), null=True, blank=True, editable=False)
    note = models.TextField(_("ghi chú"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lượt tiếp công dân")
        verbose_name_plural = _("sổ tiếp công dân")
        ordering = ["-register_year", "-register_number"]
        indexes = [
            models.Index(fields=["council", "date"], name="visit_council_date"),
            models.Index(fields=["council", "answer_due"], name="visit_council_due"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["council", "register_year", "register_number"], name="visit_number_unique",
                                    violation_error_message=_("Số thứ tự này đã có trong sổ tiếp công dân năm này.")),
            models.CheckConstraint(condition=Q(people_count__gte=1), name="visit_people_positive",
                                   violation_error_message=_("Số người phải từ 1 trở lên.")),
        ]

    def __str__(self):
        # Never the citizen's name: titles, breadcrumbs and logs are seen by users without the permission.
        return f"Lượt tiếp số {self.register_code} ngày {self.date:%d/%m/%Y}"

    @property
    def is_denunciation(self):
        return self.classification == Classification.DENUNCIATION

    @property
    def is_sealed(self):
        return self.is_denunciation

    @classmethod
    def sealed_q(cls, prefix=""):
        return Q(**{f"{prefix}classification": Classification.DENUNCIATION})

    @property
    def is_large_group(self):
        return (self.people_count or 0) >= LARGE_GROUP

    def answer_deadline(self, **kwargs):
        return _due("reception_answer", self.date, **kwargs)

    def compute_deadlines(self, **kwargs):
        due = self.answer_deadline(**kwargs)
        self.answer_due = due.date if due else None

    def clean(self):
        errors = {}
        if self.date and self.date > timezone.localdate():
            errors["date"] = _("Ngày tiếp không được sau ngày hôm nay.")
        if self.session_id and self.council_id and self.session.council_id != self.council_id:
            errors["session"] = _("Buổi tiếp thuộc HĐND khác.")
        if self.session_id and self.date and self.session.date != self.date:
            errors["date"] = _("Ngày tiếp khác ngày của buổi tiếp đã chọn.")
        for field, message in record_errors(self).items():
            errors.setdefault(field, message)
        if errors:
            raise ValidationError(errors)



class LetterQuerySet(CouncilScopedQuerySet):
    """Letters, with the overdue test shared by filters and the dashboard."""

    @staticmethod
    def overdue_q(today=None):
        today = today or timezone.localdate()
        return (
            Q(processing_due__lt=today, handling="")
            | Q(forward_due__lt=today, forwarded_date__isnull=True)
            # The legal due date (from the agency's resolution), never the chase-from date.
            | Q(reply_due__lt=today, reply_received_date__isnull=True)
        )

    def overdue(self, today=None):
        return self.filter(self.overdue_q(today))


class Letter(IdentityMixin, NumberedRecord):
    """A row of the sổ xử lý đơn (TT 05/2021/TT-TTCP)."""

    register = Register.LETTER
    date_field = "received_date"
    life_date_field = "received_date"
    IDENTITY_FIELDS = ("sender_name", "sender_address", "sender_id_number")
    NAME_FIELDS = ("sender_name",)

    received_date = models.DateField(_("ngày nhận"))
    channel = models.CharField(_("nguồn đơn"), max_length=20, choices=Channel.choices, default=Channel.IN_PERSON)
    sender_name = models.CharField(_("người gửi"), max_length=300, blank=True,
                                   help_text=_("Nhiều người đứng đơn: ghi cách nhau bằng dấu chấm phẩy."))
    sender_address = models.CharField(_("địa chỉ người gửi"), max_length=500, blank=True)
    sender_id_number = models.CharField(_("số định danh cá nhân/CCCD"), max_length=20, blank=True)
    is_anonymous = models.BooleanField(_("đơn nặc danh"), default=False)
    # What Biểu 01/XLD (báo cáo xử lý đơn) counts besides the register's own columns.
    signer_count = models.PositiveSmallIntegerField(
        _("số người đứng tên"), default=1, blank=True,
        help_text=_("Đơn nhiều người cùng ký: ghi số người ký; đơn nặc danh: 0. Để trống: 1 (nặc danh: 0)."))
    prior_resolution = models.CharField(_("đã được giải quyết trước đó"), max_length=30,
                                        choices=PriorResolution.choices, blank=True,
                                        help_text=_("Vụ việc đã được cơ quan có thẩm quyền giải quyết chưa."))
    respondent = models.CharField(_("người, cơ quan bị khiếu nại, bị tố cáo"), max_length=300, blank=True,
                                  help_text=_("Đối tượng bị khiếu nại, bị tố cáo hoặc bị phản ánh (nếu có)."))
    content_type = models.CharField(_("loại đơn"), max_length=20, choices=LetterContentType.choices)
    content = models.TextField(_("nội dung đơn"))
    field = models.ForeignKey("core.Field", verbose_name=_("lĩnh vực"), on_delete=models.PROTECT,
                              null=True, blank=True, related_name="+")
    eligible = models.BooleanField(_("đủ điều kiện xử lý"), default=True)
    ineligible_reason = models.CharField(_("lý do không đủ điều kiện"), max_length=300, blank=True)
    competence = models.CharField(_("thẩm quyền"), max_length=20, choices=Competence.choices,
                                  default=Competence.OUTSIDE)
    handling = models.CharField(_("hướng xử lý"), max_length=20, choices=LetterHandling.choices, blank=True)
    forwarded_agency = models.ForeignKey("core.Agency", verbose_name=_("cơ quan nhận chuyển"),
                                         on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    forwarded_date = models.DateField(_("ngày chuyển"), null=True, blank=True)
    forwarding_document = models.CharField(_("số văn bản chuyển"), max_length=100, blank=True)
    processing_due = models.DateField(_("hạn xử lý đơn"), null=True, blank=True, editable=False)
    forward_due = models.DateField(_("hạn chuyển đơn tố cáo"), null=True, blank=True, editable=False)
    agency_resolution_date = models.DateField(
        _("ngày cơ quan có thẩm quyền giải quyết"), null=True, blank=True,
        help_text=_("Ngày của văn bản giải quyết (quyết định, kết luận) của cơ quan nhận chuyển: "
                    "hạn thông báo kết quả tính từ ngày này."),
    )
    chase_from = models.DateField(_("đôn đốc từ ngày"), null=True, blank=True, editable=False)
    reply_due = models.DateField(_("hạn cơ quan thông báo kết quả"), null=True, blank=True, editable=False)
    reply_received_date = models.DateField(_("ngày nhận văn bản trả lời"), null=True, blank=True)
    reply_summary = models.TextField(_("kết quả giải quyết"), blank=True)
    citizen_informed_date = models.DateField(_("ngày thông báo cho công dân"), null=True, blank=True)
    status = models.CharField(_("tình trạng"), max_length=20, choices=LetterStatus.choices, default=LetterStatus.NEW)
    discard_date = models.DateField(_("ngày được hủy đơn lưu"), null=True, blank=True,
                                    help_text=_("Đơn lưu (không xử lý) được hủy từ ngày này theo thời hạn lưu trữ."))
    duplicate_of = models.ForeignKey("self", verbose_name=_("trùng với đơn"), on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="duplicates")
    visit = models.ForeignKey(Visit, verbose_name=_("lượt tiếp"), on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="letters", help_text=_("Lượt tiếp công dân đã nhận đơn này."))
    note = models.TextField(_("ghi chú"), blank=True)
    history = HistoricalRecords()

    objects = LetterQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn thư")
        verbose_name_plural = _("sổ xử lý đơn")
        ordering = ["-register_year", "-register_number"]
        permissions = [("view_denouncer_identity", _("Xem danh tính người tố cáo"))]
        indexes = [
            models.Index(fields=["council", "received_date"], name="letter_council_received"),
            models.Index(fields=["council", "processing_due"], name="letter_council_proc_due"),
            models.Index(fields=["council", "reply_due"], name="letter_council_reply_due"),
            models.Index(fields=["council", "status"], name="letter_council_status"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["council", "register_year", "register_number"], name="letter_number_unique",
                                    violation_error_message=_("Số thứ tự này đã có trong sổ xử lý đơn năm này.")),
            models.CheckConstraint(
                condition=Q(reply_received_date__isnull=True) | Q(forwarded_date__isnull=False, reply_received_date__gte=models.F("forwarded_date")),
                name="letter_reply_after_forwarding",
                violation_error_message=_("Ngày nhận văn bản trả lời không được trước ngày chuyển đơn."),
            ),
        ]

    def __str__(self):
        # Never the sender's name (see Visit.__str__).
        return f"Đơn số {self.register_code} nhận ngày {self.received_date:%d/%m/%Y}"

    @property
    def is_denunciation(self):
        return self.content_type == LetterContentType.DENUNCIATION

    # A letter of several contents may hold a denunciation; a letter handed in at a denunciation
    # visit carries the identity copied from that visit: both keep the seal.
    SEALED_CONTENT_TYPES = (LetterContentType.DENUNCIATION, LetterContentType.MIXED)

    @property
    def is_sealed(self):
        return self.content_type in self.SEALED_CONTENT_TYPES or bool(self.visit_id and self.visit.is_sealed)

    @classmethod
    def sealed_q(cls, prefix=""):
        return Q(**{f"{prefix}content_type__in": cls.SEALED_CONTENT_TYPES}) | Visit.sealed_q(f"{prefix}visit__")

    # -- deadlines -------------------------------------------------------------
    def processing_deadline(self, **kwargs):
        rule = "denunciation_processing" if self.is_denunciation else "letter_processing"
        return _due(rule, self.received_date, **kwargs)

    def forward_deadline(self, **kwargs):
        if self.is_denunciation and self.competence == Competence.OUTSIDE:
            return _due("denunciation_forward", self.received_date, **kwargs)
        return None

    @property
    def is_forwarded(self):
        return bool(self.forwarded_date) and self.handling in (LetterHandling.FORWARD, LetterHandling.URGE)

    def reply_deadline(self, **kwargs):
        # Luật Tiếp công dân 2013 Đ.27(2): the competent agency informs the forwarding body within 7 working
        # days of its resolution. The legal due date exists only once that resolution's date is recorded.
        if self.is_forwarded and self.agency_resolution_date:
            return _due("agency_informs_council", self.agency_resolution_date, **kwargs)
        return None

    def chase_deadline(self, **kwargs):
        # Not a legal due date: the same count from the forwarding date, the day from which the clerk
        # starts chasing (đôn đốc) the agency while its resolution's date is not known.
        if self.is_forwarded:
            return _due("agency_informs_council", self.forwarded_date, **kwargs)
        return None

    def compute_deadlines(self, **kwargs):
        for field, method in (("processing_due", self.processing_deadline), ("forward_due", self.forward_deadline),
                              ("reply_due", self.reply_deadline), ("chase_from", self.chase_deadline)):
            due = method(**kwargs)
            setattr(self, field, due.date if due else None)

    def derive_status(self):
        if self.citizen_informed_date:
            return LetterStatus.INFORMED
        if self.reply_received_date:
            return LetterStatus.REPLIED
        return {
            LetterHandling.FORWARD: LetterStatus.FORWARDED, LetterHandling.URGE: LetterStatus.FORWARDED,
            LetterHandling.GUIDE: LetterStatus.GUIDED, LetterHandling.FILE: LetterStatus.FILED,
        }.get(self.handling, LetterStatus.NEW)

    def clean(self):
        errors = {}
        today = timezone.localdate()
        if self.received_date and self.received_date > today:
            errors["received_date"] = _("Ngày nhận đơn không được sau ngày hôm nay.")
        if self.forwarded_date and self.received_date and self.forwarded_date < self.received_date:
            errors["forwarded_date"] = _("Ngày chuyển đơn không được trước ngày nhận đơn.")
        if self.reply_received_date:
            if not self.forwarded_date:
                errors["reply_received_date"] = _("Chưa có ngày chuyển đơn mà đã có ngày nhận văn bản trả lời.")
            elif self.reply_received_date < self.forwarded_date:
                errors["reply_received_date"] = _("Ngày nhận văn bản trả lời không được trước ngày chuyển đơn.")
        if self.citizen_informed_date and self.received_date and self.citizen_informed_date < self.received_date:
            errors["citizen_informed_date"] = _("Ngày thông báo cho công dân không được trước ngày nhận đơn.")
        if self.agency_resolution_date:
            if self.agency_resolution_date > today:
                errors["agency_resolution_date"] = _("Ngày cơ quan giải quyết không được sau ngày hôm nay.")
            elif not self.forwarded_date:
                errors["agency_resolution_date"] = _("Chưa có ngày chuyển đơn mà đã có ngày cơ quan giải quyết.")
            elif self.agency_resolution_date < self.forwarded_date:
                errors["agency_resolution_date"] = _("Ngày cơ quan giải quyết không được trước ngày chuyển đơn.")
            elif self.reply_received_date and self.reply_received_date < self.agency_resolution_date:
                errors["reply_received_date"] = _(
                    "Ngày nhận văn bản trả lời không được trước ngày cơ quan giải quyết.")
        if self.handling == LetterHandling.FORWARD and not self.forwarded_agency_id:
            errors["forwarded_agency"] = _("Chuyển đơn thì phải ghi cơ quan nhận chuyển.")
        if self.visit_id and not self.sender_name and not self.is_anonymous:
            # A letter handed in at a visit: the sender is the citizen received (no retyping).
            for mine, theirs in zip(self.IDENTITY_FIELDS, Visit.IDENTITY_FIELDS):
                setattr(self, mine, getattr(self, mine) or getattr(self.visit, theirs))
        if not self.is_anonymous and not self.sender_name:
            errors["sender_name"] = _("Ghi họ tên người gửi, hoặc đánh dấu đơn nặc danh.")
        if self.discard_date and self.handling != LetterHandling.FILE:
            errors["discard_date"] = _("Chỉ đơn có hướng xử lý «Lưu đơn» mới có ngày được hủy.")
        elif self.discard_date and self.received_date and self.discard_date <= self.received_date:
            errors["discard_date"] = _("Ngày được hủy đơn lưu phải sau ngày nhận đơn.")
        self.fill_signer_count()
        if not self.is_anonymous and self.signer_count == 0:
            errors["signer_count"] = _("Đơn có người đứng tên thì số người đứng tên phải từ 1 trở lên.")
        if not self.eligible and not self.ineligible_reason:
            errors["ineligible_reason"] = _("Ghi lý do đơn không đủ điều kiện xử lý.")
        if self.duplicate_of_id:
            if self.pk and self.duplicate_of_id == self.pk:
                errors["duplicate_of"] = _("Một đơn không thể trùng với chính nó.")
            elif self.council_id and not same_or_predecessor(self.council_id, self.duplicate_of.council_id):
                errors["duplicate_of"] = _("Đơn trùng phải thuộc cùng HĐND.")
        if self.visit_id and self.council_id and not same_or_predecessor(self.council_id, self.visit.council_id):
            errors["visit"] = _("Lượt tiếp thuộc HĐND khác.")
        for field, message in record_errors(self).items():
            errors.setdefault(field, message)
        if errors:
            raise ValidationError(errors)

    # -- carry-over to a successor council (apps/core/carryover.py) ------------------
    carry_over_label = _("Đơn thư chưa xử lý xong")

    @classmethod
    def open_items_q(cls):
        return Q(status__in=[LetterStatus.NEW, LetterStatus.FORWARDED, LetterStatus.REPLIED])

    def move_to_council(self, council):
        """Into the successor's sổ xử lý đơn of the same year, under its next number (the old one goes in the
        history): numbers stay unique and gap-free per council."""
        old = self.register_code
        self.council = council
        self.register_number = None
        return old

    def fill_signer_count(self):
        # An import row with the column left empty: one signer, none for an anonymous letter.
        if self.signer_count is None:
            self.signer_count = 0 if self.is_anonymous else 1


class IdentityGrantQuerySet(models.QuerySet):
    def for_record(self, obj):
        return self.filter(**{IdentityGrant.field_for(type(obj)): obj.pk})


class IdentityGrant(models.Model):
    """The person handling one denunciation may see its denouncer's identity (that record only).

    Granted by a user who may see every identity; each look through a grant is logged.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người được xem"), on_delete=models.CASCADE,
                             related_name="identity_grants")
    letter = models.ForeignKey(Letter, verbose_name=_("đơn thư"), on_delete=models.CASCADE, null=True, blank=True,
                               related_name="identity_grants")
    visit = models.ForeignKey(Visit, verbose_name=_("lượt tiếp"), on_delete=models.CASCADE, null=True, blank=True,
                              related_name="identity_grants")
    reason = models.CharField(_("lý do"), max_length=300,
                              help_text=_("Ví dụ: người được giao xử lý đơn tố cáo theo văn bản số …"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người cho phép"),
                                   on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+")
    granted_at = models.DateTimeField(_("thời điểm cho phép"), default=timezone.now, editable=False)

    objects = IdentityGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("quyền xem danh tính theo hồ sơ")
        verbose_name_plural = _("quyền xem danh tính theo hồ sơ")
        ordering = ["-granted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(letter__isnull=False, visit__isnull=True) | Q(letter__isnull=True, visit__isnull=False),
                name="identitygrant_one_record",
                violation_error_message=_("Chọn đúng một hồ sơ: một đơn thư hoặc một lượt tiếp.")),
        ]

    def __str__(self):
        return f"{self.user} – {self.record}"

    @property
    def record(self):
        return self.letter if self.letter_id else self.visit

    @staticmethod
    def field_for(model):
        return {Letter: "letter", Visit: "visit"}[model._meta.concrete_model]

    def clean(self):
        from apps.core.scoping import visible_council_ids

        record = self.record
        if record is None or not self.user_id:
            return
        ids = visible_council_ids(self.user)
        if ids is not None and record.council_id not in ids:
            raise ValidationError({"user": _("Người này không được xem hồ sơ của HĐND đó.")})
