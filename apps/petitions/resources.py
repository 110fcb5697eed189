"""Import/export of voter petitions (xlsx), keyed by council code + petition code (KN-2022-0001).

A row without a code is a new petition and gets the next code of its council and year.
"""
from django.db.models import Count
from import_export import fields

from apps.core.importexport import (
    ChoiceWidget, CouncilScopedResource, DeadlinesOnceMixin, YesNoWidget, agency_widget, date_field, field_widget,
    text_field,
)
from apps.core.importbatch import BatchedResource
from apps.core.models import Council
from apps.core.reference_units import REFORM_DAY

from . import services
from .choices import CompetenceLevel, MeetingForm, MeetingTiming, PetitionStatus
from .models import Petition, VoterMeeting

LEVEL_COLUMN = "Thẩm quyền giải quyết"


class PetitionResource(DeadlinesOnceMixin, BatchedResource):
    row_date_columns = ("Ngày tiếp nhận",)

    code = text_field("code", "Mã kiến nghị")
    meeting = fields.Field(column_name="Cuộc tiếp xúc cử tri", readonly=True)
    source = text_field("source", "Nguồn kiến nghị")
    received_date = date_field("received_date", "Ngày tiếp nhận")
    content = text_field("content", "Nội dung kiến nghị")
    field = fields.Field(attribute="field", column_name="Lĩnh vực", widget=field_widget())
    competence_level = fields.Field(attribute="competence_level", column_name=LEVEL_COLUMN,
                                    widget=ChoiceWidget(CompetenceLevel, LEVEL_COLUMN))
    agency = fields.Field(attribute="agency", column_name="Cơ quan giải quyết", widget=agency_widget())
    forwarded_by_na = fields.Field(attribute="forwarded_by_na", column_name="Do Đoàn ĐBQH chuyển",
                                   widget=YesNoWidget("Do Đoàn ĐBQH chuyển"))
    forwarded_date = date_field("forwarded_date", "Ngày chuyển")
    forwarding_document = text_field("forwarding_document", "Số văn bản chuyển")
    answer_due = date_field("answer_due", "Hạn trả lời", readonly=True)
    answer = text_field("answer", "Nội dung trả lời")
    answered_date = date_field("answered_date", "Ngày trả lời")
    status = fields.Field(attribute="status", column_name="Tình trạng",
                          widget=ChoiceWidget(PetitionStatus, "Tình trạng"))
    voters_informed_date = date_field("voters_informed_date", "Ngày thông tin lại cho cử tri")
    note = text_field("note", "Ghi chú")

    class Meta:
        model = Petition
        fields = ("council", "code", "meeting", "source", "received_date", "content", "field", "competence_level",
                  "agency", "forwarded_by_na", "forwarded_date", "forwarding_document", "answer_due", "answer",
                  "answered_date", "status", "voters_informed_date", "note")
        export_order = fields
        import_id_fields = ("council", "code")

    def import_instance(self, instance, row, **kwargs):
        """A new row without «Thẩm quyền giải quyết», dated from the 2025 reform, is taken to be within its
        council's own level: the model's default «Huyện» no longer exists then."""
        super().import_instance(instance, row, **kwargs)
        if (instance.pk is None and not row.get(LEVEL_COLUMN) and instance.council_id
                and instance.received_date and instance.received_date >= REFORM_DAY
                and instance.competence_level in ("", CompetenceLevel.DISTRICT)):
            levels = self.__dict__.setdefault("_council_levels", {})
            if instance.council_id not in levels:
                levels[instance.council_id] = Council.objects.filter(pk=instance.council_id).values_list(
                    "level", flat=True).first()
            if levels[instance.council_id] in CompetenceLevel.values:
                instance.competence_level = levels[instance.council_id]

    def create_rows(self, objs):
        services.create(objs, self.user, self.deadline_kwargs())

    def update_rows(self, objs):
        services.update(objs, self.user, self.deadline_kwargs())

    def get_queryset(self):
        return super().get_queryset().select_related("council__admin_unit", "field", "agency", "meeting")

    def dehydrate_meeting(self, petition):
        return str(petition.meeting) if petition.meeting_id else ""


class VoterMeetingResource(CouncilScopedResource):
    """Export only: a meeting has no business key a clerk would type, so meetings are not imported."""

    row_date_columns = ("Ngày tiếp xúc",)

    date = date_field("date", "Ngày tiếp xúc")
    timing = fields.Field(attribute="timing", column_name="Thời điểm", widget=ChoiceWidget(MeetingTiming, "Thời điểm"))
    form = fields.Field(attribute="form", column_name="Hình thức", widget=ChoiceWidget(MeetingForm, "Hình thức"))
    ward = fields.Field(column_name="Tại phường, xã", readonly=True)
    location = text_field("location", "Địa điểm")
    voters_attending = fields.Field(attribute="voters_attending", column_name="Số cử tri tham dự", readonly=True)
    petition_total = fields.Field(column_name="Số kiến nghị", readonly=True)
    note = text_field("note", "Ghi chú")

    class Meta:
        model = VoterMeeting
        fields = ("council", "date", "timing", "form", "ward", "location", "voters_attending", "petition_total",
                  "note")
        export_order = fields

    def get_queryset(self):
        return super().get_queryset().select_related("council__admin_unit", "ward").annotate(
            petition_total=Count("petitions")).order_by("date", "pk")

    def dehydrate_ward(self, meeting):
        return meeting.ward.name if meeting.ward_id else ""

    def dehydrate_petition_total(self, meeting):
        return getattr(meeting, "petition_total", None)
