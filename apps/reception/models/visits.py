"""Tiếp công dân: reception sessions and the sổ tiếp công dân (visits)."""
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.lifetimes import check_record, record_errors
from apps.core.models import CouncilOwnedModel

from ..choices import Classification, SessionKind, VisitHandling
from .records import IdentityMixin, NumberedRecord, Register, due_or_none

LARGE_GROUP = 5  # đoàn đông người: 5 people or more (Luật Tiếp công dân 2013, NĐ 64/2014)


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
        indexes = [
            models.Index(fields=["council", "date"], name="recsession_council_date"),
            models.Index(fields=["date", "id"], include=["council"], name="recsession_order"),  # the changelist's order, many councils
        ]

    def __str__(self):
        return f"Buổi tiếp công dân {self.get_kind_display().lower()} ngày {self.date:%d/%m/%Y}"

    def clean(self):
        super().clean()
        check_record(self)


# What the changelist filters a visit on: held in the indexes the changelist reads (Meta.indexes).
VISIT_FILTER_COLUMNS = ["classification", "handling", "is_repeat", "answer_due"]


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
            # The list filters' columns ride along in the council's index and in the ordering index: a province's
            # filtered page and its count are read from the index alone, not from 200,000 rows of the heap.
            models.Index(fields=["council", "date"], include=["id", *VISIT_FILTER_COLUMNS], name="visit_council_date"),
            models.Index(fields=["council", "answer_due"], name="visit_council_due"),
            # Meta.ordering for a secretariat's many councils (with the council, so that a page's ids are read
            # from the index alone: apps/core/paginator.py), and the sortable columns (apps/core/admin_scale.py).
            models.Index(fields=["register_year", "register_number", "id"], include=["council", "date", *VISIT_FILTER_COLUMNS],
                         name="visit_order"),
            models.Index(fields=["register_number"], name="visit_number"),
            models.Index(fields=["date"], name="visit_date"),
            models.Index(fields=["answer_due"], name="visit_answer_due"),
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
        return due_or_none("reception_answer", self.date, **kwargs)

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
