"""Import/export of the sổ tiếp công dân and the sổ xử lý đơn (xlsx, keyed by council code + year + number).

- A row without a number is a new record and gets the next number of the register.
- A denouncer's name, address and ID number are exported masked for users without
  ``reception.view_denouncer_identity``; re-importing such a file leaves them untouched.
"""
from django.db import models
from import_export import fields, widgets

from apps.core.importexport import (
    ChoiceWidget, CouncilScopedResource, DeadlinesOnceMixin, WholeNumberWidget, YesNoWidget, agency_widget, date_field,
    field_widget, text_field,
)

from apps.core.importbatch import BatchedResource

from . import confidential, services
from .choices import (
    Channel, Classification, Competence, LetterContentType, LetterHandling, LetterStatus, PriorResolution, SessionKind,
    VisitHandling,
)
from .models import Letter, ReceptionSession, Visit

class IdentityField(fields.Field):
    """A denouncer's name, address or ID number: masked on the way out for users without the permission."""

    can_view = False  # set per resource instance (fields are copied per instance)

    def export(self, instance, **kwargs):
        value = super().export(instance, **kwargs)
        return value if self.can_view or not confidential.is_sealed(instance) else confidential.mask(value)


def identity_field(attribute, column):
    return IdentityField(attribute=attribute, column_name=column, widget=widgets.CharWidget(allow_blank=True))


def number_field(attribute, column, readonly=False):
    return fields.Field(attribute=attribute, column_name=column, widget=WholeNumberWidget(), readonly=readonly)


class IdentityResource(DeadlinesOnceMixin, BatchedResource):
    """Masks identity columns on export and never overwrites a hidden identity on import."""

    content_type_attribute = None

    def _can_view(self):
        return self.user is None or confidential.may_see_all(self.user)

    def __init__(self, user=None, request=None, **kwargs):
        super().__init__(user=user, **kwargs)
        self.request = request  # the export is logged with the client's address
        # Masked in the field itself: exports AND the import preview's diff (which reads field.export()).
        can_view = self._can_view()
        for field in self.fields.values():
            if isinstance(field, IdentityField):
                field.can_view = can_view

    def import_instance(self, instance, row, **kwargs):
        # Decided on the stored record, before the row's values are applied.
        self._hidden = bool(instance.pk) and confidential.is_sealed(instance) and not self._can_view()
        return super().import_instance(instance, row, **kwargs)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if getattr(self, "_hidden", False) and field.attribute in (
                *self._meta.model.IDENTITY_FIELDS, self.content_type_attribute):
            return  # masked in the user's export: keep what is stored
        return super().import_field(field, instance, row, is_m2m, **kwargs)

    def create_rows(self, objs):
        services.create(objs, self.user, self.deadline_kwargs())

    def update_rows(self, objs):
        services.update(objs, self.user, self.deadline_kwargs())

    def export(self, queryset=None, **kwargs):
        if queryset is None:
            queryset = self.get_queryset()
        if self.user is not None and confidential.may_see_all(self.user):
            sealed = queryset.filter(confidential.sealed_q(self._meta.model))
            if sealed.exists():
                confidential.log_access(self.user, confidential.EXPORTED, sealed, request=self.request)
        return super().export(queryset, **kwargs)


class LetterResource(IdentityResource):
    row_date_columns = ("Ngày nhận",)
    content_type_attribute = "content_type"

    register_year = number_field("register_year", "Năm")
    register_number = number_field("register_number", "Số thứ tự")
    received_date = date_field("received_date", "Ngày nhận")
    channel = fields.Field(attribute="channel", column_name="Nguồn đơn", widget=ChoiceWidget(Channel, "Nguồn đơn"))
    sender_name = identity_field("sender_name", "Người gửi")
    sender_address = identity_field("sender_address", "Địa chỉ")
    sender_id_number = identity_field("sender_id_number", "Số CCCD")
    is_anonymous = fields.Field(attribute="is_anonymous", column_name="Nặc danh", widget=YesNoWidget("Nặc danh"))
    signer_count = number_field("signer_count", "Số người đứng tên")
    respondent = text_field("respondent", "Người, cơ quan bị khiếu nại, tố cáo")
    prior_resolution = fields.Field(attribute="prior_resolution", column_name="Đã được giải quyết",
                                    widget=ChoiceWidget(PriorResolution, "Đã được giải quyết"))
    discard_date = date_field("discard_date", "Ngày được hủy đơn lưu")
    content_type = fields.Field(attribute="content_type", column_name="Loại đơn",
                                widget=ChoiceWidget(LetterContentType, "Loại đơn"))
    content = text_field("content", "Nội dung đơn")
    field = fields.Field(attribute="field", column_name="Lĩnh vực", widget=field_widget())
    eligible = fields.Field(attribute="eligible", column_name="Đủ điều kiện xử lý",
                            widget=YesNoWidget("Đủ điều kiện xử lý"))
    ineligible_reason = text_field("ineligible_reason", "Lý do không đủ điều kiện")
    competence = fields.Field(attribute="competence", column_name="Thẩm quyền",
                              widget=ChoiceWidget(Competence, "Thẩm quyền"))
    handling = fields.Field(attribute="handling", column_name="Hướng xử lý",
                            widget=ChoiceWidget(LetterHandling, "Hướng xử lý"))
    forwarded_agency = fields.Field(attribute="forwarded_agency", column_name="Cơ quan nhận chuyển",
                                    widget=agency_widget())
    forwarded_date = date_field("forwarded_date", "Ngày chuyển")
    forwarding_document = text_field("forwarding_document", "Số văn bản chuyển")
    processing_due = date_field("processing_due", "Hạn xử lý", readonly=True)
    agency_resolution_date = date_field("agency_resolution_date", "Ngày cơ quan giải quyết")
    chase_from = date_field("chase_from", "Đôn đốc từ ngày", readonly=True)
    reply_due = date_field("reply_due", "Hạn trả lời", readonly=True)
    reply_received_date = date_field("reply_received_date", "Ngày nhận trả lời")
    reply_summary = text_field("reply_summary", "Kết quả giải quyết")
    citizen_informed_date = date_field("citizen_informed_date", "Ngày thông báo công dân")
    status = fields.Field(attribute="status", column_name="Tình trạng", widget=ChoiceWidget(LetterStatus, "Tình trạng"))
    note = text_field("note", "Ghi chú")

    class Meta:
        model = Letter
        fields = ("council", "register_year", "register_number", "received_date", "channel", "sender_name",
                  "sender_address", "sender_id_number", "is_anonymous", "signer_count", "content_type", "content",
                  "respondent", "field", "prior_resolution", "eligible", "ineligible_reason", "competence",
                  "handling", "forwarded_agency", "forwarded_date", "forwarding_document", "processing_due",
                  "chase_from", "agency_resolution_date", "reply_due", "reply_received_date", "reply_summary",
                  "citizen_informed_date", "status", "discard_date", "note")
        export_order = fields
        import_id_fields = ("council", "register_year", "register_number")

    def get_queryset(self):
        return super().get_queryset().select_related("council__admin_unit", "field", "forwarded_agency", "visit")


class VisitResource(IdentityResource):
    row_date_columns = ("Ngày tiếp",)
    content_type_attribute = "classification"

    register_year = number_field("register_year", "Năm")
    register_number = number_field("register_number", "Số thứ tự")
    date = date_field("date", "Ngày tiếp")
    citizen_name = identity_field("citizen_name", "Họ và tên")
    citizen_address = identity_field("citizen_address", "Địa chỉ")
    citizen_id_number = identity_field("citizen_id_number", "Số CCCD")
    content = text_field("content", "Nội dung vụ việc")
    classification = fields.Field(attribute="classification", column_name="Phân loại",
                                  widget=ChoiceWidget(Classification, "Phân loại"))
    people_count = number_field("people_count", "Số người")
    handled_by = fields.Field(attribute="handled_by", column_name="Cơ quan đã giải quyết", widget=agency_widget())
    handling = fields.Field(attribute="handling", column_name="Hướng xử lý",
                            widget=ChoiceWidget(VisitHandling, "Hướng xử lý"))
    result = text_field("result", "Theo dõi kết quả")
    is_repeat = fields.Field(attribute="is_repeat", column_name="Tiếp lần 2 trở lên",
                             widget=YesNoWidget("Tiếp lần 2 trở lên"))
    note = text_field("note", "Ghi chú")

    class Meta:
        model = Visit
        fields = ("council", "register_year", "register_number", "date", "citizen_name", "citizen_address",
                  "citizen_id_number", "content", "classification", "people_count", "handled_by", "handling",
                  "result", "is_repeat", "note")
        export_order = fields
        import_id_fields = ("council", "register_year", "register_number")

    def get_queryset(self):
        return super().get_queryset().select_related("council__admin_unit", "handled_by")


class ReceptionSessionResource(CouncilScopedResource):
    """Export only: sessions have no business key a clerk would type, so they are not imported."""

    row_date_columns = ("Ngày tiếp",)

    date = date_field("date", "Ngày tiếp")
    kind = fields.Field(attribute="kind", column_name="Loại buổi tiếp", widget=ChoiceWidget(SessionKind, "Loại buổi tiếp"))
    receivers_text = text_field("receivers_text", "Người tiếp")
    venue = text_field("venue", "Địa điểm")
    visit_total = fields.Field(column_name="Số lượt tiếp", readonly=True)
    note = text_field("note", "Ghi chú")

    class Meta:
        model = ReceptionSession
        fields = ("council", "date", "kind", "receivers_text", "venue", "visit_total", "note")
        export_order = fields

    def get_queryset(self):
        return super().get_queryset().select_related("council__admin_unit").annotate(
            visits_n=models.Count("visits")).order_by("date", "pk")

    def dehydrate_visit_total(self, session):
        # Annotated by this resource's queryset, or by the admin's (the admin exports its changelist queryset).
        return getattr(session, "visit_total", getattr(session, "visits_n", None))
