from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.admin_base import (
    CouncilOwnedAdmin, DisplayOnlyInline, admin_link, due_badge, explained_due, links,
)
from apps.core.deadlines import rule_hint
from apps.core.filters import due_filter, period_filter, q_columns

from .admin_identity import IdentityMaskingAdmin, masked_display
from .display import SOON_DAYS
from .models import Letter, LetterQuerySet, ReceptionSession, Visit
from .resources import LetterResource, ReceptionSessionResource, VisitResource


def named_due_filter(parameter, due_field, done_q, title):
    """due_filter with its own query parameter, so that one changelist can carry several."""
    cls = due_filter(due_field, done_q, soon_days=SOON_DAYS, title=title)
    cls.parameter_name = parameter
    return cls


class OverdueLetterFilter(admin.SimpleListFilter):
    """Any deadline of the letter missed (processing, forwarding a denunciation, the agency's reply)."""

    title = _("quá hạn (bất kỳ thời hạn nào)")
    parameter_name = "quahan"
    columns = tuple(q_columns(LetterQuerySet.overdue_q()))  # what it reads: held in the letter indexes

    def lookups(self, request, model_admin):
        return [("1", _("Quá hạn"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(LetterQuerySet.overdue_q())
        return queryset


def deadline_html(due, stored, done):
    """The stored due date as a badge, with how the engine computed it (core's explained_due)."""
    return explained_due(due, stored, done, SOON_DAYS, empty="—")


# ---------------------------------------------------------------------------
class VisitInline(DisplayOnlyInline):
    """The visits of a reception session (identity never shown here)."""

    model = Visit
    fields = ["visit_link", "date", "classification", "people_count", "handling"]
    readonly_fields = fields
    verbose_name_plural = _("lượt tiếp trong buổi")

    @admin.display(description=_("lượt tiếp"))
    def visit_link(self, obj):
        return admin_link(obj)


@admin.register(ReceptionSession)
class ReceptionSessionAdmin(CouncilOwnedAdmin):
    list_display = ["date", "kind", "receivers_text", "venue", "visit_count", "council"]
    list_select_related = ["council"]
    list_filter = ["kind", period_filter("date")]
    search_fields = ["receivers_text", "venue", "note"]
    date_hierarchy = "date"
    autocomplete_fields = ["receivers"]
    inlines = [VisitInline]

    page_counts = {"visit_total": "visits"}
    sort_only_indexed = True

    @admin.display(description=_("số lượt tiếp"))
    def visit_count(self, obj):
        return obj.visit_total

    resource_classes = [ReceptionSessionResource]

    def has_import_permission(self, request):
        return False  # no business key to match rows on; sessions are entered in the admin


class LetterOfVisitInline(DisplayOnlyInline):
    """The letters a visit produced (the other side of Letter.visit)."""

    model = Letter
    fk_name = "visit"
    fields = ["letter_link", "received_date", "content_type", "handling", "forwarded_agency", "status"]
    readonly_fields = fields
    verbose_name_plural = _("đơn thư nhận từ lượt tiếp này")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("forwarded_agency")

    @admin.display(description=_("đơn"))
    def letter_link(self, obj):
        return admin_link(obj)


@admin.register(Visit)
class VisitAdmin(IdentityMaskingAdmin):
    resource_classes = [VisitResource]
    page_counts = {"letter_total": "letters"}
    sort_only_indexed = True
    seal_fields = ["classification"]
    list_select_related = ["council", "session", "handled_by"]
    list_filter = [
        "classification", "handling", "is_repeat", period_filter("date"),
        named_due_filter("answer_due", "answer_due", ~Q(handling=""), _("hạn trả lời người được tiếp")),
    ]
    search_fields = ["citizen_name", "citizen_address", "citizen_id_number", "content", "result"]
    date_hierarchy = "date"
    autocomplete_fields = ["session", "handled_by"]
    readonly_fields = ["register_code", "answer_due_display", "add_letter_link", "created_by", "updated_by"]
    inlines = [LetterOfVisitInline]
    actions = ["export_reception_book"]
    fieldsets = [
        (None, {"fields": ["council", "session", "date"]}),  # the number is in the page heading
        (_("Công dân"), {"fields": ["citizen_name", "citizen_address", "citizen_id_number", "people_count",
                                    "is_repeat"]}),
        (_("Vụ việc"), {"fields": ["content", "classification", "handled_by", "handling", "answer_due_display",
                                   "result", "note", "add_letter_link"]}),
    ]

    citizen_name_masked = masked_display("citizen_name", _("họ và tên"))
    citizen_address_masked = masked_display("citizen_address", _("địa chỉ"))
    citizen_id_number_masked = masked_display("citizen_id_number", _("số định danh cá nhân/CCCD"))

    def get_list_display(self, request):
        return [
            "register_code_display", "date", self.identity_column(request, "citizen_name", _("họ và tên")),
            "classification", "people_count", "handling", "answer_due_badge", "session_link", "letter_count",
            "council_column",
        ]

    @admin.display(description=_("số"), ordering="register_number")
    def register_code_display(self, obj):
        return obj.register_code

    @admin.display(description=_("số thứ tự"))
    def register_code(self, obj):
        return obj.register_code

    @admin.display(description=_("hạn trả lời"), ordering="answer_due")
    def answer_due_badge(self, obj):
        return due_badge(obj.answer_due, bool(obj.handling), SOON_DAYS)

    @admin.display(description=_("hạn trả lời người được tiếp"))
    def answer_due_display(self, obj):
        return deadline_html(obj.answer_deadline() if obj.pk else None, obj.answer_due, bool(obj.handling))

    @admin.display(description=_("đơn nhận tại lượt tiếp"))
    def add_letter_link(self, obj):
        """Open a new letter linked to this visit (the sender is copied from the visit on save)."""
        from django.urls import reverse
        from django.utils.html import format_html
        from django.utils.http import urlencode

        if not obj or not obj.pk:
            return "—"
        query = urlencode({"visit": obj.pk, "received_date": f"{obj.date:%d/%m/%Y}", "channel": "truc_tiep",
                           "content_type": obj.classification, "council": obj.council_id})
        return format_html('<a class="addlink" href="{}?{}">{}</a>', reverse("admin:reception_letter_add"), query,
                           _("Vào sổ xử lý đơn một đơn nhận tại lượt tiếp này"))

    @admin.display(description=_("buổi tiếp"))
    def session_link(self, obj):
        return admin_link(obj.session)

    @admin.display(description=_("số đơn"))
    def letter_count(self, obj):
        return obj.letter_total

    @admin.action(description=_("Xuất sổ tiếp công dân (Mẫu số 03) các lượt đã chọn"))
    def export_reception_book(self, request, queryset):
        from .exports import reception_book_response

        return reception_book_response(request, queryset)


@admin.register(Letter)
class LetterAdmin(IdentityMaskingAdmin):
    resource_classes = [LetterResource]
    sort_only_indexed = True
    seal_fields = ["content_type", "visit"]
    list_select_related = ["council", "forwarded_agency", "visit"]
    list_filter = [
        OverdueLetterFilter,
        named_due_filter("processing_due", "processing_due", ~Q(handling=""), _("hạn xử lý đơn")),
        named_due_filter("reply_due", "reply_due", Q(reply_received_date__isnull=False),
                         _("hạn cơ quan thông báo kết quả")),
        named_due_filter("forward_due", "forward_due", Q(forwarded_date__isnull=False), _("hạn chuyển đơn tố cáo")),
        "content_type", "status", "handling", "channel", "eligible", "competence", period_filter("received_date"),
        "field",
    ]
    search_fields = ["sender_name", "sender_address", "sender_id_number", "content", "forwarding_document",
                     "forwarded_agency__name"]
    date_hierarchy = "received_date"
    autocomplete_fields = ["forwarded_agency", "visit", "duplicate_of"]
    readonly_fields = ["register_code", "processing_due_display", "forward_due_display", "chase_from_display",
                       "reply_due_display",
                       "visit_link", "visit_open", "duplicates_list", "created_by", "updated_by"]
    fieldsets = [
        (None, {"fields": ["council", "received_date", "channel", "visit", "visit_open"]}),  # number: in the heading
        (_("Người gửi"), {"fields": ["is_anonymous", "sender_name", "sender_address", "sender_id_number",
                                     "signer_count"]}),
        (_("Nội dung"), {"fields": ["content_type", "content", "respondent", "field", "prior_resolution", "eligible",
                                    "ineligible_reason", "competence", "duplicate_of", "duplicates_list"]}),
        (_("Xử lý đơn"), {"fields": ["processing_due_display", "forward_due_display", "handling", "forwarded_agency",
                                     "forwarded_date", "forwarding_document", "discard_date"]}),
        (_("Kết quả"), {"fields": ["chase_from_display", "agency_resolution_date", "reply_due_display",
                                   "reply_received_date", "reply_summary",
                                   "citizen_informed_date", "status", "note"]}),
    ]

    sender_name_masked = masked_display("sender_name", _("người gửi"))
    sender_address_masked = masked_display("sender_address", _("địa chỉ người gửi"))
    sender_id_number_masked = masked_display("sender_id_number", _("số định danh cá nhân/CCCD"))

    def get_list_display(self, request):
        return [
            "register_code_display", "received_date", self.identity_column(request, "sender_name", _("người gửi")),
            "content_type", "short_content", "status", "processing_badge", "reply_badge", "council_column",
            "handling_display", "visit_link",
        ]

    @admin.display(description=_("hướng xử lý"), ordering="handling")
    def handling_display(self, obj):
        # One column for what was done and where the letter went: the list keeps room for its content.
        from django.utils.html import format_html

        handling = obj.get_handling_display() or "—"
        if obj.forwarded_agency_id is None:
            return handling
        return format_html('{}<br><small>→ {}</small>', handling, obj.forwarded_agency.name)

    @admin.display(description=_("nội dung đơn"))
    def short_content(self, obj):
        # Whole: the screen cuts it to two lines with the full text on hover (fit.js), print shows it all.
        return obj.content

    @admin.display(description=_("số"), ordering="register_number")
    def register_code_display(self, obj):
        return obj.register_code

    @admin.display(description=_("số thứ tự"))
    def register_code(self, obj):
        return obj.register_code

    @admin.display(description=_("hạn xử lý"), ordering="processing_due")
    def processing_badge(self, obj):
        return due_badge(obj.processing_due, bool(obj.handling), SOON_DAYS)

    @admin.display(description=_("hạn trả lời"), ordering="reply_due")
    def reply_badge(self, obj):
        return due_badge(obj.reply_due, obj.reply_received_date is not None, SOON_DAYS)

    @admin.display(description=_("hạn xử lý đơn"))
    def processing_due_display(self, obj):
        return deadline_html(obj.processing_deadline() if obj.pk else None, obj.processing_due, bool(obj.handling))

    @admin.display(description=_("hạn chuyển đơn tố cáo"))
    def forward_due_display(self, obj):
        return deadline_html(obj.forward_deadline() if obj.pk else None, obj.forward_due,
                             obj.forwarded_date is not None)

    @admin.display(description=_("hạn cơ quan thông báo kết quả"))
    def reply_due_display(self, obj):
        from django.utils.html import format_html

        if obj.is_forwarded and not obj.agency_resolution_date:
            # See Letter.reply_deadline: the law counts from the agency's resolution, unknown until recorded.
            hint = rule_hint("agency_informs_council", "ngày cơ quan có thẩm quyền giải quyết",
                             on=obj.forwarded_date or obj.received_date)
            return format_html('<small class="help">{} {} {}</small>', _("Chưa có hạn luật định."), hint,
                               _("Ghi ngày cơ quan giải quyết khi biết."))
        return deadline_html(obj.reply_deadline() if obj.pk else None, obj.reply_due,
                             obj.reply_received_date is not None)

    @admin.display(description=_("đôn đốc từ ngày"))
    def chase_from_display(self, obj):
        from django.utils.html import format_html

        if not obj.chase_from:
            return "—"
        done = obj.reply_received_date is not None
        return format_html('{}<br><small class="help">{}</small>', deadline_html(None, obj.chase_from, done), _(
            "Mốc để đôn đốc, không phải hạn luật định: 7 ngày làm việc kể từ ngày chuyển đơn."))

    @admin.display(description=_("lượt tiếp"))
    def visit_link(self, obj):
        # The list names the visit by its number in the reception register; its date is the letter's own.
        return admin_link(obj.visit, obj.visit.register_code) if obj.visit_id else "—"

    # On the form, beside the «lượt tiếp» field itself: named apart so the page never shows one label twice.
    @admin.display(description=_("xem lượt tiếp"))
    def visit_open(self, obj):
        return admin_link(obj.visit)  # a dash when there is none

    @admin.display(description=_("các đơn trùng với đơn này"))
    def duplicates_list(self, obj):
        if not obj.pk:
            return "—"
        return links(obj.duplicates.all(), ", ")
