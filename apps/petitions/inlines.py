"""Inlines for the OTHER side of petition links, for the sittings and oversight admins to add.

    # apps/sittings/admin.py, SittingAdmin
    from apps.petitions.inlines import PetitionsOfSittingInline, VoterMeetingsOfSittingInline
    inlines = [..., VoterMeetingsOfSittingInline, PetitionsOfSittingInline]

    # apps/oversight/admin.py, SupervisionActivityAdmin
    from apps.petitions.inlines import PetitionsOfActivityInline
    inlines = [..., PetitionsOfActivityInline]

They are read-only lists of links (the link is set on the petition's page), scoped like
every inline (ScopedInline), with their related rows fetched in one query.
"""
from django.utils.translation import gettext_lazy as _

from apps.core.admin_base import DisplayOnlyInline, admin_link, due_badge
from apps.reception.display import SOON_DAYS

from .models import Petition, VoterMeeting


class ReadOnlyLinkInline(DisplayOnlyInline):
    @staticmethod
    def link(obj):
        return admin_link(obj, obj.code if isinstance(obj, Petition) else None)


class PetitionLinkInline(ReadOnlyLinkInline):
    model = Petition
    fields = ["petition", "content", "agency", "status", "answer_due_badge"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("agency")

    def petition(self, obj):
        return self.link(obj)

    petition.short_description = _("kiến nghị")

    def answer_due_badge(self, obj):
        return due_badge(obj.answer_due, obj.answered_date is not None, SOON_DAYS)

    answer_due_badge.short_description = _("hạn trả lời")


class PetitionsOfSittingInline(PetitionLinkInline):
    fk_name = "sitting"
    verbose_name_plural = _("kiến nghị cử tri gửi đến kỳ họp")


class PetitionsOfActivityInline(PetitionLinkInline):
    fk_name = "supervision_activity"
    verbose_name_plural = _("kiến nghị cử tri được giám sát")


class VoterMeetingsOfSittingInline(ReadOnlyLinkInline):
    model = VoterMeeting
    fk_name = "sitting"
    fields = ["meeting", "timing", "form", "voters_attending"]
    readonly_fields = fields
    verbose_name_plural = _("tiếp xúc cử tri trước, sau kỳ họp")

    def meeting(self, obj):
        return self.link(obj)

    meeting.short_description = _("cuộc tiếp xúc")
