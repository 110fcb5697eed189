"""xlsx import/export of the oversight registers, keyed by business keys (never database ids).

Follow-up rows (FollowUp) are not imported or exported here: they are entered in the
admin under their recommendation. The recommendations raised by an activity or a session
are their own register (RecommendationResource), linked back by the activity's title or
the session's topic.
"""
from import_export import fields, widgets

from apps.core.importexport import (
    CouncilNameWidget, DeadlinesOnceMixin, NameWidget, RowCouncilMixin, agency_widget, as_date, choice_field,
    date_field, text_field,
)
from apps.core.importbatch import BatchedResource
from apps.core.models import Agency, Body
from apps.core.text import clean_inline

from . import choices, services
from .models import ExplanationSession, Recommendation, SupervisionActivity


class AgencyNamesWidget(widgets.ManyToManyWidget):
    """Agencies by name, separated by ";", each checked against the catalogue."""

    def __init__(self):
        super().__init__(Agency, separator=";", field="name")
        self.one = NameWidget(Agency, label="cơ quan")

    def reset_cache(self):
        self.one._cache = {}

    def clean_objects(self, value, row=None, **kwargs):
        """The agencies named, each found once per import."""
        if value in (None, ""):
            return []
        return [self.one.clean(part, row) for part in str(value).split(";") if part.strip()]

    def clean(self, value, row=None, **kwargs):
        return Agency.objects.filter(pk__in=[agency.pk for agency in self.clean_objects(value, row, **kwargs)])

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return "; ".join(sorted(a.name for a in value.all()))


class SourceWidget(RowCouncilMixin, widgets.ForeignKeyWidget):
    """An activity (by title) or a session (by topic) of the row's council; the latest on or before the row's date."""

    def __init__(self, model, field, date_field_name, label):
        super().__init__(model, field=field)
        self.date_field_name = date_field_name
        self.label = label
        self._cache = {}  # (council, text) -> its sources, latest first: one query per source name and import

    def clean(self, value, row=None, **kwargs):
        text = clean_inline(str(value)) if value not in (None, "") else ""
        if not text:
            return None
        council = self.required_council(row, self.label, **kwargs)
        day = as_date(row.get("Ngày kiến nghị"))
        key = (council.pk, text)
        if key not in self._cache:  # latest first
            self._cache[key] = list(self.model.objects.filter(council=council, **{self.field: text})
                                    .order_by(f"-{self.date_field_name}"))
        found = next((source for source in self._cache[key] if not day or (
            getattr(source, self.date_field_name) is not None and getattr(source, self.date_field_name) <= day)), None)
        if found is None:
            raise ValueError(f"Không tìm thấy {self.label} «{text}» của {council.name}.")
        return found

    def render(self, value, obj=None, **kwargs):
        return getattr(value, self.field) if value is not None else ""


class SupervisionActivityResource(BatchedResource):
    row_date_columns = ("Ngày bắt đầu",)

    title = text_field("title", "Nội dung giám sát, khảo sát")
    activity_type = choice_field("activity_type", "Hình thức", choices.ActivityType)
    conducting_body = fields.Field(attribute="conducting_body", column_name="Chủ thể giám sát",
                                   widget=CouncilNameWidget(Body, "name", "chủ thể giám sát"))
    decision_number = text_field("decision_number", "Số quyết định, kế hoạch")
    decision_date = date_field("decision_date", "Ngày quyết định")
    supervised_agencies = fields.Field(attribute="supervised_agencies", column_name="Cơ quan chịu giám sát",
                                       widget=AgencyNamesWidget())
    supervised_text = text_field("supervised_text", "Đối tượng giám sát khác")
    fieldwork_start = date_field("fieldwork_start", "Ngày bắt đầu")
    fieldwork_end = date_field("fieldwork_end", "Ngày kết thúc")
    report_date = date_field("report_date", "Ngày báo cáo")
    conclusion = text_field("conclusion", "Kết luận")
    status = choice_field("status", "Tình trạng", choices.ActivityStatus, choices.ActivityStatus.PLANNED)

    class Meta:
        model = SupervisionActivity
        fields = ("council", "title", "activity_type", "conducting_body", "decision_number", "decision_date",
                  "supervised_agencies", "supervised_text", "fieldwork_start", "fieldwork_end", "report_date",
                  "conclusion", "status")
        import_id_fields = ("council", "title", "fieldwork_start")

    def get_queryset(self):
        return super().get_queryset().select_related("conducting_body")


class ExplanationSessionResource(DeadlinesOnceMixin, BatchedResource):
    row_date_columns = ("Ngày tổ chức",)

    topic = text_field("topic", "Vấn đề giải trình")
    conducting_body = fields.Field(attribute="conducting_body", column_name="Cơ quan tổ chức",
                                   widget=CouncilNameWidget(Body, "name", "cơ quan tổ chức"))
    persons_required = text_field("persons_required", "Người giải trình")
    held_date = date_field("held_date", "Ngày tổ chức")
    notice_date = date_field("notice_date", "Ngày gửi thông báo")
    latest_notice_date = fields.Field(attribute="latest_notice_date", column_name="Hạn thông báo (tự tính)",
                                      readonly=True)
    conclusion = text_field("conclusion", "Kết luận")

    class Meta:
        model = ExplanationSession
        fields = ("council", "topic", "conducting_body", "persons_required", "held_date", "notice_date",
                  "latest_notice_date", "conclusion")
        import_id_fields = ("council", "topic", "held_date")

    def get_queryset(self):
        return super().get_queryset().select_related("conducting_body")

    def create_rows(self, objs):
        return services.create_sessions(objs, self.user, self.deadline_kwargs())

    def update_rows(self, objs):
        services.update_sessions(objs, self.user, self.deadline_kwargs())


class RecommendationResource(DeadlinesOnceMixin, BatchedResource):
    row_date_columns = ("Ngày kiến nghị",)

    code = text_field("code", "Số hiệu")
    activity = fields.Field(attribute="activity", column_name="Từ cuộc giám sát",
                            widget=SourceWidget(SupervisionActivity, "title", "fieldwork_start", "cuộc giám sát"))
    explanation_session = fields.Field(attribute="explanation_session", column_name="Từ phiên giải trình",
                                       widget=SourceWidget(ExplanationSession, "topic", "held_date", "phiên giải trình"))
    addressee = fields.Field(attribute="addressee", column_name="Cơ quan thực hiện", widget=agency_widget())
    content = text_field("content", "Nội dung kiến nghị")
    issued_date = date_field("issued_date", "Ngày kiến nghị")
    due_date = date_field("due_date", "Hạn thực hiện")
    status = choice_field("status", "Tình trạng", choices.RecommendationStatus,
                          choices.RecommendationStatus.NOT_DUE)
    done_date = date_field("done_date", "Ngày hoàn thành")
    result = text_field("result", "Kết quả thực hiện")

    class Meta:
        model = Recommendation
        fields = ("council", "code", "activity", "explanation_session", "addressee", "content", "issued_date",
                  "due_date", "status", "done_date", "result")
        # Số hiệu is assigned on save when left empty (KN-năm-số), so an export re-imports onto the same rows.
        import_id_fields = ("council", "code")

    def get_queryset(self):
        return super().get_queryset().select_related("activity", "explanation_session", "addressee")

    def create_rows(self, objs):
        services.create(objs, self.user, self.deadline_kwargs())

    def update_rows(self, objs):
        services.update(objs, self.user, self.deadline_kwargs())
