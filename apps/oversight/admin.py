from django.contrib import admin
from django.db.models import Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from apps.core.admin_base import (
    CompactTextMixin, CouncilOwnedAdmin, DoneDateActionForm, ScopedInline, admin_link, due_badge, explained_due, followed_up_by, links,
    mark_on_chosen_date, short,
)
from apps.core.deadlines import rule_hint
from apps.core.filters import due_filter, period_filter
from apps.petitions.inlines import PetitionsOfActivityInline

from . import resources
from .choices import RECOMMENDATION_CLOSED, RecommendationStatus
from .models import NOTICE_RULE, ExplanationSession, FollowUp, Recommendation, SupervisionActivity

DONE = Q(status=RecommendationStatus.DONE)
CLOSED = Q(status__in=RECOMMENDATION_CLOSED)  # what the due filter and badge treat as no longer due


class RecommendationInline(CompactTextMixin, ScopedInline):
    model = Recommendation
    fields = ["code", "addressee", "content", "issued_date", "due_date", "status", "done_date"]
    autocomplete_fields = ["addressee"]
    compact_fields = ["content"]


class ActivityRecommendationInline(RecommendationInline):
    fk_name = "activity"


class SessionRecommendationInline(RecommendationInline):
    fk_name = "explanation_session"


@admin.register(SupervisionActivity)
class SupervisionActivityAdmin(CouncilOwnedAdmin):
    list_display = ["title", "activity_type", "conducting_body", "fieldwork_start", "fieldwork_end", "status",
                    "recommendation_count", "council"]
    list_select_related = ["conducting_body", "council"]
    list_filter = [period_filter("fieldwork_start"), "activity_type", "status", "conducting_body"]
    search_fields = ["title", "decision_number", "supervised_text", "conclusion", "supervised_agencies__name"]
    date_hierarchy = "fieldwork_start"
    autocomplete_fields = ["supervised_agencies"]
    readonly_fields = ["followed_up_links"]
    fieldsets = [
        (None, {"fields": ["council", "title", "activity_type", "conducting_body",
                           ("decision_number", "decision_date")]}),
        (_("Đối tượng giám sát"), {"fields": ["supervised_agencies", "supervised_text"]}),
        (_("Tiến hành"), {"fields": [("fieldwork_start", "fieldwork_end"), "report_date", "status", "conclusion"]}),
        (_("Liên kết"), {"fields": ["followed_up_links"]}),
    ]
    inlines = [ActivityRecommendationInline, PetitionsOfActivityInline]  # petitions: read-only, from their register
    resource_classes = [resources.SupervisionActivityResource]

    page_counts = {"n_recommendations": "recommendations"}

    @admin.display(description=_("số kiến nghị"))
    def recommendation_count(self, obj):
        return obj.n_recommendations

    @admin.display(description=_("kiến nghị được tái giám sát trong cuộc này"))
    def followed_up_links(self, obj):
        return followed_up_by(obj)


@admin.register(ExplanationSession)
class ExplanationSessionAdmin(CouncilOwnedAdmin):
    list_display = ["topic", "held_date", "notice_date", "latest_notice_date", "conducting_body",
                    "recommendation_count", "council"]
    list_select_related = ["conducting_body", "council"]
    list_filter = [period_filter("held_date"), "conducting_body"]
    search_fields = ["topic", "persons_required", "conclusion"]
    date_hierarchy = "held_date"
    readonly_fields = ["notice_rule", "followed_up_links"]
    fields = ["council", "conducting_body", "topic", "persons_required", "held_date", "notice_date", "notice_rule",
              "conclusion", "followed_up_links"]
    inlines = [SessionRecommendationInline]
    resource_classes = [resources.ExplanationSessionResource]

    page_counts = {"n_recommendations": "recommendations"}

    @admin.display(description=_("số kiến nghị"))
    def recommendation_count(self, obj):
        return obj.n_recommendations

    @admin.display(description=_("hạn gửi thông báo chậm nhất"))
    def notice_rule(self, obj):
        if obj is None or not obj.held_date:
            return rule_hint(NOTICE_RULE, "ngày họp phiên giải trình")
        return explained_due(obj.notice_due())

    @admin.display(description=_("kiến nghị được đưa vào phiên giải trình này"))
    def followed_up_links(self, obj):
        return followed_up_by(obj)


class FollowUpInline(CompactTextMixin, ScopedInline):
    model = FollowUp
    compact_fields = ["note"]
    fk_name = "recommendation"
    fields = ["action", "date", "note", "explanation_session", "question", "resolution", "activity"]
    autocomplete_fields = ["explanation_session", "question", "resolution", "activity"]
    show_change_link = False


@admin.register(Recommendation)
class RecommendationAdmin(CouncilOwnedAdmin):
    list_display = ["code", "issued_date", "content_short", "status", "due", "council", "addressee", "source_link",
                    "done_date"]
    list_select_related = ["addressee", "activity", "explanation_session", "council"]
    list_filter = [period_filter("issued_date"), due_filter("due_date", CLOSED, soon_days=7), "status",
                   "activity__activity_type", "addressee"]
    search_fields = ["code", "content", "result", "addressee__name"]
    date_hierarchy = "issued_date"
    autocomplete_fields = ["addressee", "activity", "explanation_session"]
    readonly_fields = ["due_rule", "source_link", "followed_by"]
    fieldsets = [
        (None, {"fields": ["council", "code", ("activity", "explanation_session"), "source_link", "addressee",
                           "content", "issued_date"]}),
        (_("Thực hiện"), {"fields": ["due_date", "due_rule", "status", "done_date", "result"]}),
        (_("Theo dõi"), {"fields": ["followed_by"]}),
    ]
    inlines = [FollowUpInline]
    actions = ["mark_done"]
    sort_only_indexed = True
    action_form = DoneDateActionForm
    resource_classes = [resources.RecommendationResource]

    @admin.display(description=_("nội dung kiến nghị"))
    def content_short(self, obj):
        return short(obj.content)

    @admin.display(description=_("nguồn"))
    def source_link(self, obj):
        return admin_link(obj.source, short(str(obj.source), 60)) if obj and obj.pk else "—"

    @admin.display(description=_("hạn thực hiện"), ordering="due_date")
    def due(self, obj):
        return due_badge(obj.due_date, obj.status in RECOMMENDATION_CLOSED, soon_days=7)

    @admin.display(description=_("hạn mặc định theo quy tắc"))
    def due_rule(self, obj):
        if obj is None or not obj.issued_date:
            return _("Khi không nhập hạn: 30 ngày kể từ ngày kiến nghị (quy tắc mặc định, chưa xác minh).")
        note = _("Hạn đang dùng là hạn mặc định.") if obj.due_from_rule else _("Hạn đang dùng là hạn ghi trong kết luận.")
        return format_html("{}<br>{}", explained_due(obj.rule_due()), note)

    @admin.display(description=_("đã xử lý tiếp bằng"))
    def followed_by(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        rows = obj.follow_ups.select_related("explanation_session", "question", "resolution", "activity")
        return links(f.linked for f in rows if f.linked is not None)

    @admin.action(description=_("Đánh dấu hoàn thành (ngày chọn ở ô Ngày, để trống là hôm nay)"), permissions=["change"])
    def mark_done(self, request, queryset):
        def finish(rec, day):
            rec.status = RecommendationStatus.DONE
            rec.done_date = day

        mark_on_chosen_date(
            self, request, queryset,
            pending=lambda qs, day: qs.exclude(DONE).filter(issued_date__lte=day),
            mark=finish,
            done_message=lambda n, day: ngettext(
                "Đã đánh dấu hoàn thành %(n)d kiến nghị, ngày %(d)s.",
                "Đã đánh dấu hoàn thành %(n)d kiến nghị, ngày %(d)s.", n) % {"n": n, "d": f"{day:%d/%m/%Y}"},
            skipped_message=_("Bỏ qua %(n)d kiến nghị đã hoàn thành hoặc ban hành sau ngày này."),
        )


@admin.register(FollowUp)
class FollowUpAdmin(CouncilOwnedAdmin):
    list_display = ["__str__", "action", "date", "recommendation_link", "linked_link", "council"]
    list_select_related = ["recommendation", "explanation_session", "question", "resolution", "activity", "council"]
    list_filter = [period_filter("date"), "action"]
    search_fields = ["note", "recommendation__content", "recommendation__code"]
    date_hierarchy = "date"
    autocomplete_fields = ["recommendation", "explanation_session", "question", "resolution", "activity"]
    exclude = ["council"]
    sort_only_indexed = True

    @admin.display(description=_("kiến nghị"))
    def recommendation_link(self, obj):
        return admin_link(obj.recommendation)

    @admin.display(description=_("hồ sơ liên quan"))
    def linked_link(self, obj):
        return admin_link(obj.linked)
