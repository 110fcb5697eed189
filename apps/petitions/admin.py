from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.admin_base import (
    CouncilOwnedAdmin, ScopedInline, admin_link, due_badge, explained_due, links,
)
from apps.core.filters import due_filter, period_filter
from apps.core.reference_units import REFORM_DAY
from apps.reception.display import SOON_DAYS

from .choices import CompetenceLevel
from .models import Petition, VoterMeeting
from .resources import PetitionResource, VoterMeetingResource

ANSWERED = Q(answered_date__isnull=False)


def without_district_level(form, council_id):
    """A council formed by the 2025 reform has no district above it: its forms do not offer «Huyện» and
    start at the council's own level (the model refuses «Huyện» on records dated from the reform day)."""
    from apps.core.models import Council

    field = form.base_fields.get("competence_level")
    row = (Council.objects.filter(pk=council_id).values_list("admin_unit__valid_from", "level").first()
           if council_id and field is not None else None)
    if row and row[0] and row[0] >= REFORM_DAY:
        field.choices = [(value, label) for value, label in field.choices if value != CompetenceLevel.DISTRICT]
        if row[1] in CompetenceLevel.values:
            field.initial = row[1]


class PetitionInline(ScopedInline):
    """Petitions raised at a voter meeting, entered straight from the meeting."""

    model = Petition
    fk_name = "meeting"
    fields = ["code", "content", "field", "competence_level", "agency", "status", "answer_due"]
    readonly_fields = ["answer_due"]
    autocomplete_fields = ["agency"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("field", "agency")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        council_id = obj.council_id if obj else self.admin_site._registry[VoterMeeting].get_changeform_initial_data(
            request).get("council")
        without_district_level(formset.form, council_id)
        return formset


@admin.register(VoterMeeting)
class VoterMeetingAdmin(CouncilOwnedAdmin):
    resource_classes = [VoterMeetingResource]

    def has_import_permission(self, request):
        return False  # no business key to match rows on; meetings are entered in the admin

    list_display = ["date", "timing", "form", "ward", "location", "voters_attending", "petition_count",
                    "sitting_link", "council"]
    list_select_related = ["council", "ward", "sitting"]
    list_filter = ["timing", "form", period_filter("date")]
    search_fields = ["location", "note", "ward__name"]
    date_hierarchy = "date"
    autocomplete_fields = ["delegates", "sitting"]
    inlines = [PetitionInline]
    page_counts = {"petition_total": "petitions"}
    sort_only_indexed = True

    @admin.display(description=_("kỳ họp liên quan"))
    def sitting_link(self, obj):
        return admin_link(obj.sitting) if obj.sitting_id else "—"

    @admin.display(description=_("số kiến nghị"))
    def petition_count(self, obj):
        return obj.petition_total


@admin.register(Petition)
class PetitionAdmin(CouncilOwnedAdmin):
    resource_classes = [PetitionResource]
    sort_only_indexed = True
    # Key columns first (number, date, subject, status, due date, council): they stay whole at 1366 px.
    list_display = ["code", "received_date", "short_content", "status", "answer_due_badge", "council", "agency",
                    "field", "competence_level", "meeting_link"]
    list_select_related = ["council", "field", "agency", "meeting"]
    list_filter = [
        "status", "competence_level", "forwarded_by_na", "sitting", period_filter("received_date"),
        due_filter("answer_due", ANSWERED, soon_days=SOON_DAYS, title=_("hạn trả lời")),
        "field", "agency",
    ]
    search_fields = ["code", "content", "answer", "source", "forwarding_document", "agency__name"]
    date_hierarchy = "received_date"
    autocomplete_fields = ["meeting", "agency", "merged_into", "sitting", "supervision_activity"]
    readonly_fields = ["answer_due_display", "meeting_link", "meeting_open", "merged_list", "sitting_link", "activity_link",
                       "created_by", "updated_by"]
    fieldsets = [
        (None, {"fields": ["council", "code", "meeting", "meeting_open", "source", "received_date"]}),
        (_("Liên kết"), {"fields": ["sitting", "sitting_link", "supervision_activity", "activity_link"]}),
        (_("Nội dung"), {"fields": ["content", "field", "competence_level", "merged_into", "merged_list"]}),
        (_("Chuyển và trả lời"), {"fields": ["agency", "forwarded_by_na", "forwarded_date", "forwarding_document",
                                             "answer_due_display", "answer", "answered_date", "status",
                                             "voters_informed_date", "note"]}),
    ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        without_district_level(form, obj.council_id if obj else self.get_changeform_initial_data(request).get("council"))
        return form

    def get_changeform_initial_data(self, request):
        """A new petition is first taken to be within its council's own level: a commune's since the 2025
        reform has no district above it, so the model's default «Huyện» would be wrong there."""
        from apps.core.models import Council

        initial = super().get_changeform_initial_data(request)
        if "competence_level" not in initial and initial.get("council"):
            level = Council.objects.filter(pk=initial["council"]).values_list("level", flat=True).first()
            if level in CompetenceLevel.values:
                initial["competence_level"] = level
        return initial

    @admin.display(description=_("nội dung kiến nghị"))
    def short_content(self, obj):
        # Whole: the screen cuts it to two lines with the full text on hover (fit.js), print shows it all.
        return obj.content

    @admin.display(description=_("hạn trả lời"), ordering="answer_due")
    def answer_due_badge(self, obj):
        return due_badge(obj.answer_due, obj.answered_date is not None, SOON_DAYS)

    @admin.display(description=_("hạn trả lời"))
    def answer_due_display(self, obj):
        return explained_due(obj.answer_deadline() if obj.pk else None, obj.answer_due, obj.answered_date is not None,
                             SOON_DAYS, empty="—")

    @admin.display(description=_("cuộc tiếp xúc cử tri"))
    def meeting_link(self, obj):
        return admin_link(obj.meeting) if obj.meeting_id else "—"

    # On the form, beside the «cuộc tiếp xúc cử tri» field itself: the list column keeps the short name.
    @admin.display(description=_("xem cuộc tiếp xúc cử tri"))
    def meeting_open(self, obj):
        return self.meeting_link(obj)

    @admin.display(description=_("xem kỳ họp"))
    def sitting_link(self, obj):
        return admin_link(obj.sitting) if obj.sitting_id else "—"

    @admin.display(description=_("xem cuộc giám sát"))
    def activity_link(self, obj):
        return admin_link(obj.supervision_activity) if obj.supervision_activity_id else "—"

    @admin.display(description=_("các kiến nghị đã gộp vào đây"))
    def merged_list(self, obj):
        if not obj.pk:
            return "—"
        return links(obj.merged.all(), ", ", text=lambda p: p.code or str(p))
