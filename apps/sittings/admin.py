from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from apps.core.admin_base import (
    CompactTextMixin, CouncilOwnedAdmin, DoneDateActionForm, ScopedInline, admin_link, due_badge,
    explained_due, followed_up_by, links, mark_on_chosen_date, reverse_links, short,
)
from apps.core.deadlines import rule_basis, rule_hint
from apps.core.filters import due_filter, period_filter
from apps.petitions.inlines import PetitionsOfSittingInline, VoterMeetingsOfSittingInline

from . import resources
from .choices import CommitmentStatus
from .models import QUESTION_RULE, AgendaItem, Commitment, Question, Resolution, Sitting, StandingMeeting

ANSWERED = Q(answered_date__isnull=False)
COMMITMENT_DONE = Q(status__in=[CommitmentStatus.DONE, CommitmentStatus.NOT_DONE])


# -- Sittings -------------------------------------------------------------------
class AgendaItemInline(ScopedInline):
    model = AgendaItem
    fields = ["order", "kind", "title", "submitted_by", "examining_body"]
    show_change_link = False


class ResolutionInline(CompactTextMixin, ScopedInline):
    model = Resolution
    fields = ["number", "kind", "adopted_date", "summary", "field", "status"]
    compact_fields = ["summary"]


@admin.register(Sitting)
class SittingAdmin(CouncilOwnedAdmin):
    list_display = ["__str__", "sitting_type", "start_date", "end_date", "venue", "attendance",
                    "agenda_count", "resolution_count", "council"]
    list_select_related = ["council"]
    list_filter = [period_filter("start_date"), "sitting_type", "term"]
    search_fields = ["venue", "note", "agenda_items__title", "resolutions__number", "resolutions__summary"]
    date_hierarchy = "start_date"
    fieldsets = [
        (None, {"fields": ["council", "term", "number", "sitting_type", ("start_date", "end_date"), "venue",
                           ("delegates_present", "delegates_total"), "note"]}),
        (_("Liên kết"), {"fields": ["question_links"]}),
    ]
    readonly_fields = ["question_links"]
    # Voter meetings and petitions linked to the sitting: read-only lists from the petitions register.
    inlines = [AgendaItemInline, ResolutionInline, VoterMeetingsOfSittingInline, PetitionsOfSittingInline]
    resource_classes = [resources.SittingResource]

    @admin.display(description=_("chất vấn tại kỳ họp"))
    def question_links(self, obj):
        return reverse_links(obj, "questions")

    page_counts = {"n_agenda": "agenda_items", "n_resolutions": "resolutions"}

    @admin.display(description=_("có mặt / tổng số"))
    def attendance(self, obj):
        if obj.delegates_present is None:
            return "—"
        return f"{obj.delegates_present}/{obj.delegates_total}" if obj.delegates_total else str(obj.delegates_present)

    @admin.display(description=_("số nội dung"))
    def agenda_count(self, obj):
        return obj.n_agenda

    @admin.display(description=_("số nghị quyết"))
    def resolution_count(self, obj):
        return obj.n_resolutions


@admin.register(AgendaItem)
class AgendaItemAdmin(CouncilOwnedAdmin):
    list_display = ["title", "kind", "sitting", "submitted_by", "examining_body", "council"]
    list_select_related = ["sitting", "examining_body", "council"]
    list_filter = [period_filter("sitting__start_date"), "kind", "examining_body"]
    search_fields = ["title", "submitted_by"]
    autocomplete_fields = ["sitting"]
    exclude = ["council"]


# -- Resolutions ----------------------------------------------------------------
@admin.register(Resolution)
class ResolutionAdmin(CouncilOwnedAdmin):
    list_display = ["number", "adopted_date", "summary_short", "status", "council", "kind", "field", "sitting"]
    list_select_related = ["sitting", "field", "council"]
    list_filter = [period_filter("adopted_date"), "kind", "status", "field"]
    search_fields = ["number", "summary"]
    date_hierarchy = "adopted_date"
    autocomplete_fields = ["sitting", "replaces"]
    readonly_fields = ["replaced_by_links", "recommendation_links"]
    fieldsets = [
        (None, {"fields": ["council", "sitting", "number", "kind", "adopted_date", "effective_date", "summary", "field"]}),
        (_("Biểu quyết"), {"fields": [("votes_for", "votes_against", "votes_abstain")]}),
        (_("Hiệu lực"), {"fields": ["status", "replaces", "replaced_by_links"]}),
        (_("Liên kết"), {"fields": ["recommendation_links"]}),
    ]
    resource_classes = [resources.ResolutionResource]

    @admin.display(description=_("trích yếu"))
    def summary_short(self, obj):
        return short(obj.summary)

    @admin.display(description=_("bị thay thế / bãi bỏ bởi"))
    def replaced_by_links(self, obj):
        return links(obj.replaced_by.all()) if obj.pk else "—"

    @admin.display(description=_("kiến nghị sau giám sát được xử lý bằng nghị quyết này"))
    def recommendation_links(self, obj):
        return followed_up_by(obj)


# -- Standing committee meetings ------------------------------------------------
@admin.register(StandingMeeting)
class StandingMeetingAdmin(CouncilOwnedAdmin):
    list_display = ["__str__", "kind", "date", "content_short", "participant_count", "council"]
    list_select_related = ["council"]
    list_filter = [period_filter("date"), "kind"]
    search_fields = ["content", "conclusion", "chaired_by"]
    date_hierarchy = "date"
    filter_horizontal = ["participating_councils"]
    readonly_fields = ["question_links"]
    resource_classes = [resources.StandingMeetingResource]

    @admin.display(description=_("chất vấn tại phiên họp"))
    def question_links(self, obj):
        return reverse_links(obj, "questions")

    page_counts = {"n_participants": "participating_councils"}

    @admin.display(description=_("nội dung"))
    def content_short(self, obj):
        return short(obj.content)

    @admin.display(description=_("số HĐND cấp xã dự"))
    def participant_count(self, obj):
        return obj.n_participants or "—"


# -- Questions and commitments ----------------------------------------------------
class CommitmentInline(CompactTextMixin, ScopedInline):
    model = Commitment
    compact_fields = ["content"]
    fields = ["content", "due_date", "status", "done_date"]
    show_change_link = False


@admin.register(Question)
class QuestionAdmin(CouncilOwnedAdmin):
    list_display = ["asked_date", "delegate", "respondent", "place", "mode", "due", "answered_date", "council"]
    list_select_related = ["delegate", "sitting", "standing_meeting", "council"]
    list_filter = [period_filter("asked_date"), due_filter("answer_due", ANSWERED, soon_days=7), "mode", "field"]
    search_fields = ["content", "respondent_name", "respondent_position", "delegate__full_name", "answer"]
    date_hierarchy = "asked_date"
    autocomplete_fields = ["delegate", "sitting", "standing_meeting"]
    readonly_fields = ["answer_due_explained", "recommendation_links"]
    fieldsets = [
        (None, {"fields": ["council", "delegate", ("respondent_name", "respondent_position"),
                           ("sitting", "standing_meeting"), "mode", "asked_date", "field", "content"]}),
        (_("Trả lời"), {"fields": ["answer_due_explained", "answered_date", "answer"]}),
        (_("Liên kết"), {"fields": ["recommendation_links"]}),
    ]
    inlines = [CommitmentInline]
    actions = ["mark_answered"]
    action_form = DoneDateActionForm
    resource_classes = [resources.QuestionResource]

    @admin.display(description=_("người bị chất vấn"), ordering="respondent_name")
    def respondent(self, obj):
        return f"{obj.respondent_name} – {obj.respondent_position}" if obj.respondent_position else obj.respondent_name

    @admin.display(description=_("tại"))
    def place(self, obj):
        return obj.sitting or obj.standing_meeting

    @admin.display(description=_("hạn trả lời"), ordering="answer_due")
    def due(self, obj):
        return due_badge(obj.answer_due, obj.is_answered, soon_days=7)

    @admin.display(description=_("hạn trả lời bằng văn bản"))
    def answer_due_explained(self, obj):
        if obj is None or not obj.asked_date:
            return rule_hint(QUESTION_RULE, "ngày chất vấn")
        if obj.answered_at_sitting:
            return _("Không có: đã trả lời trực tiếp tại kỳ họp. Hạn trả lời bằng văn bản chỉ áp dụng cho các "
                     "trường hợp luật định phải trả lời bằng văn bản (%(basis)s).") % {
                         "basis": rule_basis(QUESTION_RULE, obj.asked_date) or "—"}
        return explained_due(obj.due())

    @admin.display(description=_("kiến nghị sau giám sát được đưa ra chất vấn"))
    def recommendation_links(self, obj):
        return followed_up_by(obj)

    @admin.action(description=_("Đánh dấu đã trả lời (ngày chọn ở ô Ngày, để trống là hôm nay)"), permissions=["change"])
    def mark_answered(self, request, queryset):
        def answer(question, day):
            question.answered_date = day

        mark_on_chosen_date(
            self, request, queryset,
            pending=lambda qs, day: qs.filter(answered_date__isnull=True, asked_date__lte=day),
            mark=answer,
            done_message=lambda n, day: ngettext(
                "Đã đánh dấu %(n)d chất vấn là đã trả lời ngày %(d)s.",
                "Đã đánh dấu %(n)d chất vấn là đã trả lời ngày %(d)s.", n) % {"n": n, "d": f"{day:%d/%m/%Y}"},
            skipped_message=_("Bỏ qua %(n)d chất vấn đã trả lời hoặc chất vấn sau ngày này."),
        )


@admin.register(Commitment)
class CommitmentAdmin(CouncilOwnedAdmin):
    list_display = ["content_short", "question_link", "due", "status", "done_date", "council"]
    list_select_related = ["question", "council"]
    list_filter = [due_filter("due_date", COMMITMENT_DONE, soon_days=7), period_filter("due_date", _("hạn trong kỳ")),
                   "status"]
    search_fields = ["content", "question__respondent_name", "question__content"]
    autocomplete_fields = ["question"]
    exclude = ["council"]
    date_hierarchy = "due_date"

    @admin.display(description=_("nội dung cam kết"))
    def content_short(self, obj):
        return short(obj.content)

    @admin.display(description=_("chất vấn"))
    def question_link(self, obj):
        return admin_link(obj.question)

    @admin.display(description=_("hạn thực hiện"), ordering="due_date")
    def due(self, obj):
        return due_badge(obj.due_date, obj.status in (CommitmentStatus.DONE, CommitmentStatus.NOT_DONE), soon_days=7)
