"""Đơn thư: the sổ xử lý đơn (letters), its due dates, status and carry-over."""
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.lifetimes import record_errors, same_or_predecessor
from apps.core.models import CouncilScopedQuerySet

from ..choices import Channel, Competence, LetterContentType, LetterHandling, LetterStatus, PriorResolution
from .records import IdentityMixin, NumberedRecord, Register, due_or_none
from .visits import Visit


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


# What the changelist filters a letter on (its three deadlines and what ends each, content type, status,
# handling, channel, eligibility, competence, field): held in the indexes the changelist reads (Meta.indexes).
LIST_FILTER_COLUMNS = ["processing_due", "handling", "forward_due", "forwarded_date", "reply_due",
                       "reply_received_date", "content_type", "status", "channel", "eligible", "competence", "field"]


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
            # The list filters' columns ride along in the council's index and in the ordering index: a province's
            # filtered page and its count are read from the index alone, not from 200,000 rows of the heap.
            models.Index(fields=["council", "received_date"], include=["id", *LIST_FILTER_COLUMNS], name="letter_council_received"),
            models.Index(fields=["council", "processing_due"], name="letter_council_proc_due"),
            models.Index(fields=["council", "reply_due"], name="letter_council_reply_due"),
            models.Index(fields=["council", "status"], name="letter_council_status"),
            # Meta.ordering for a secretariat's many councils (with the council, so that a page's ids are read
            # from the index alone: apps/core/paginator.py), and the sortable columns (apps/core/admin_scale.py).
            models.Index(fields=["register_year", "register_number", "id"],
                         include=["council", "received_date", *LIST_FILTER_COLUMNS], name="letter_order"),
            models.Index(fields=["register_number"], name="letter_number"),
            models.Index(fields=["received_date"], name="letter_received"),
            models.Index(fields=["processing_due"], name="letter_processing_due"),
            models.Index(fields=["reply_due"], name="letter_reply_due"),
            # The dashboard's «Đơn tố cáo chờ xử lý» over a province: few rows, read from this index alone.
            models.Index(fields=["council", "processing_due"], condition=Q(content_type="to_cao", handling=""),
                         name="letter_denunciation_waiting"),
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
        return due_or_none(rule, self.received_date, **kwargs)

    def forward_deadline(self, **kwargs):
        if self.is_denunciation and self.competence == Competence.OUTSIDE:
            return due_or_none("denunciation_forward", self.received_date, **kwargs)
        return None

    @property
    def is_forwarded(self):
        return bool(self.forwarded_date) and self.handling in (LetterHandling.FORWARD, LetterHandling.URGE)

    def reply_deadline(self, **kwargs):
        # Luật Tiếp công dân 2013 Đ.27(2): the competent agency informs the forwarding body within 7 working
        # days of its resolution. The legal due date exists only once that resolution's date is recorded.
        if self.is_forwarded and self.agency_resolution_date:
            return due_or_none("agency_informs_council", self.agency_resolution_date, **kwargs)
        return None

    def chase_deadline(self, **kwargs):
        # Not a legal due date: the same count from the forwarding date, the day from which the clerk
        # starts chasing (đôn đốc) the agency while its resolution's date is not known.
        if self.is_forwarded:
            return due_or_none("agency_informs_council", self.forwarded_date, **kwargs)
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
