"""xlsx import/export of the sittings registers, keyed by business keys (never database ids).

Child rows (agenda items of a sitting, commitments of a question) are not imported or
exported here: they are entered in the admin under their parent.
"""
from django.db.models import Prefetch
from django.utils import timezone
from import_export import fields, widgets

from apps.core.importbatch import KEY_BATCH, BatchedResource
from apps.core.importexport import (
    CouncilNameWidget, DeadlinesOnceMixin, RowCouncilMixin, VietnameseDateWidget, WholeNumberWidget, as_date,
    choice_field, date_field, field_widget, row_date, text_field,
)
from apps.core import unitcodes
from apps.core.models import Council, Delegate, Term
from apps.core.scoping import visible_council_ids
from apps.core.text import clean_inline, normalise_unit_code

from . import choices, services
from .models import Question, Resolution, Sitting, StandingMeeting


class SittingNumberWidget(RowCouncilMixin, widgets.ForeignKeyWidget):
    """A sitting by its number ("5" or "Kỳ họp thứ 5") within the row's council and the term of ``date_column``."""

    def __init__(self, date_column):
        super().__init__(Sitting)
        self.date_column = date_column

    def reset_cache(self):
        super().reset_cache()
        self.__dict__.pop("_sittings", None)

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        digits = "".join(ch for ch in str(value).split("(")[0] if ch.isdigit())
        if not digits:
            raise ValueError(f"Kỳ họp «{value}» không hợp lệ; ghi số thứ tự kỳ họp, ví dụ 5.")
        council = self.required_council(row, "kỳ họp", **kwargs)
        cache = self.__dict__.setdefault("_sittings", {})
        key = (council.pk, int(digits))
        if key not in cache:
            cache[key] = list(Sitting.objects.filter(council=council, number=int(digits)).select_related("term"))
        day = as_date(row.get(self.date_column))
        found = cache[key]
        if len(found) > 1 and day:
            found = [s for s in found if s.term.start_date <= day and (s.term.end_date is None or day <= s.term.end_date)]
        if not found:
            raise ValueError(f"Không tìm thấy kỳ họp thứ {digits} của {council.name}.")
        return found[0]

    def render(self, value, obj=None, **kwargs):
        return value.number if value is not None else ""


class StandingMeetingDateWidget(RowCouncilMixin, widgets.ForeignKeyWidget):
    """A standing-committee meeting by its date (dd/mm/yyyy) within the row's council."""

    def __init__(self):
        super().__init__(StandingMeeting)

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        day = as_date(value)
        if day is None:
            raise ValueError(f"«{value}» không phải là ngày (viết theo dạng dd/mm/yyyy).")
        council = self.row_council(row, **kwargs)
        meeting = StandingMeeting.objects.filter(council=council, date=day).first() if council else None
        if meeting is None:
            raise ValueError(f"Không tìm thấy phiên họp Thường trực ngày {day:%d/%m/%Y}.")
        return meeting

    def render(self, value, obj=None, **kwargs):
        return value.date if value is not None else ""


class CouncilCodesWidget(widgets.ManyToManyWidget):
    """Councils by unit code, separated by commas; only councils the user may see."""

    def __init__(self):
        super().__init__(Council, separator=",", field="pk")
        self.date_columns = ()

    def reset_cache(self):
        self._candidates = {}

    def candidates(self, code, user):
        """The councils with ``code`` the user may see, looked up once per code and import."""
        cache = self.__dict__.setdefault("_candidates", {})
        key = (code, getattr(user, "pk", None))
        if key not in cache:
            qs = Council.objects.filter(admin_unit__code=code).select_related("admin_unit")
            ids = visible_council_ids(user) if user is not None else None
            cache[key] = [c for c in qs if ids is None or c.pk in ids]
        return cache[key]

    def clean_objects(self, value, row=None, **kwargs):
        if value in (None, ""):
            return []
        codes = [normalise_unit_code(part) for part in str(value).replace(";", ",").split(",") if part.strip()]
        # Codes were reused after 2025: the councils of the meeting's date (today's without one).
        day = row_date(row, self.date_columns or kwargs.get("date_columns")) or timezone.localdate()
        councils, missing = [], []
        for code in codes:
            try:
                councils.append(unitcodes.council_on(code, day, among=self.candidates(code, kwargs.get("user"))))
            except unitcodes.UnitCodeError:
                missing.append(code)
        if missing:
            raise ValueError(f"Không tìm thấy HĐND có mã: {', '.join(missing)}.")
        return councils

    def clean(self, value, row=None, **kwargs):
        return Council.objects.filter(pk__in=[c.pk for c in self.clean_objects(value, row, **kwargs)])

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return ", ".join(sorted(c.admin_unit.code for c in value.all()))


class ResolutionNumbersWidget(RowCouncilMixin, widgets.ManyToManyWidget):
    """Resolutions replaced, by number ("05/2021/NQ-HĐND; 12/NQ-HĐND"), within the row's council."""

    def __init__(self):
        super().__init__(Resolution, separator=";", field="number")

    def reset_cache(self):
        super().reset_cache()
        self._by_number = {}
        self._from_file = {}  # (council, number) -> resolutions of rows above, written with their batch

    def add_from_file(self, resolution):
        """A new resolution of a row above, which a row below may name before the batch is written."""
        self.__dict__.setdefault("_from_file", {}).setdefault((resolution.council_id, resolution.number), []).append(
            resolution)

    def clean_objects(self, value, row=None, **kwargs):
        """The resolutions named: for each number, the latest adopted on or before the row's date (the
        council's resolutions of that number looked up once per import)."""
        if value in (None, ""):
            return []
        numbers = [clean_inline(p) for p in str(value).split(";") if p.strip()]
        council = self.required_council(row, "nghị quyết bị thay thế", **kwargs)
        day = as_date(row.get("Ngày thông qua"))
        cache = self.__dict__.setdefault("_by_number", {})
        found_all = []
        for number in numbers:
            if (council.pk, number) not in cache:  # latest first
                cache[(council.pk, number)] = list(
                    Resolution.objects.filter(council=council, number=number).order_by("-adopted_date"))
            known = sorted(cache[(council.pk, number)] + self.__dict__.get("_from_file", {}).get((council.pk, number), []),
                           key=lambda r: r.adopted_date, reverse=True)
            found = next((r for r in known if not day or r.adopted_date <= day), None)
            if found is None:
                raise ValueError(f"Không tìm thấy nghị quyết số «{number}» của {council.name}.")
            found_all.append(found)
        return found_all

    def clean(self, value, row=None, **kwargs):
        return Resolution.objects.filter(pk__in=[r.pk for r in self.clean_objects(value, row, **kwargs)])

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return "; ".join(sorted(r.number for r in value.all()))


def int_field(attribute, column):
    return fields.Field(attribute=attribute, column_name=column, widget=WholeNumberWidget())


class SittingsBatchedResource(BatchedResource):
    """A sittings register written in batches through apps/sittings/services.py."""

    def create_rows(self, objs):
        return services.create(objs, self.user, self.deadline_kwargs())

    def update_rows(self, objs):
        services.update(objs, self.user, self.deadline_kwargs())


class SittingResource(SittingsBatchedResource):
    row_date_columns = ("Ngày khai mạc",)

    term = fields.Field(attribute="term", column_name="Khóa", widget=CouncilNameWidget(Term, "name", "khóa"))
    number = int_field("number", "Kỳ họp thứ")
    sitting_type = choice_field("sitting_type", "Loại kỳ họp", choices.SittingType, choices.SittingType.REGULAR)
    start_date = date_field("start_date", "Ngày khai mạc")
    end_date = date_field("end_date", "Ngày bế mạc")
    venue = text_field("venue", "Địa điểm")
    delegates_present = int_field("delegates_present", "Số đại biểu có mặt")
    delegates_total = int_field("delegates_total", "Tổng số đại biểu")
    note = text_field("note", "Ghi chú")

    class Meta:
        model = Sitting
        fields = ("council", "term", "number", "sitting_type", "start_date", "end_date", "venue",
                  "delegates_present", "delegates_total", "note")
        import_id_fields = ("council", "term", "number")

    def get_queryset(self):
        return super().get_queryset().select_related("term")


class ResolutionResource(SittingsBatchedResource):
    row_date_columns = ("Ngày thông qua",)

    number = text_field("number", "Số nghị quyết")
    adopted_date = date_field("adopted_date", "Ngày thông qua")
    sitting = fields.Field(attribute="sitting", column_name="Kỳ họp thứ", widget=SittingNumberWidget("Ngày thông qua"))
    kind = choice_field("kind", "Loại nghị quyết", choices.ResolutionKind, choices.ResolutionKind.INDIVIDUAL)
    summary = text_field("summary", "Trích yếu")
    field = fields.Field(attribute="field", column_name="Lĩnh vực", widget=field_widget())
    votes_for = int_field("votes_for", "Tán thành")
    votes_against = int_field("votes_against", "Không tán thành")
    votes_abstain = int_field("votes_abstain", "Không biểu quyết")
    status = choice_field("status", "Hiệu lực", choices.ResolutionStatus, choices.ResolutionStatus.IN_FORCE)
    effective_date = date_field("effective_date", "Ngày có hiệu lực")
    replaces = fields.Field(attribute="replaces", column_name="Thay thế nghị quyết", widget=ResolutionNumbersWidget())

    class Meta:
        model = Resolution
        fields = ("council", "number", "adopted_date", "sitting", "kind", "summary", "field", "votes_for",
                  "votes_against", "votes_abstain", "status", "effective_date", "replaces")
        # The same number with another adoption date is another resolution: the model's
        # uniqueness rule (per council and year) then reports "số nghị quyết đã dùng".
        import_id_fields = ("council", "number", "adopted_date")

    def get_queryset(self):
        return super().get_queryset().select_related("sitting", "field")

    def before_import(self, dataset, **kwargs):
        """The numbers in use in the councils and numbers of the file, read once (Resolution.number_taken)."""
        super().before_import(dataset, **kwargs)
        self._numbers_in_use = {}
        for start in range(0, len(self.business_keys), KEY_BATCH):
            keys = self.business_keys[start:start + KEY_BATCH]
            taken = Resolution.objects.filter(council__in={k["council"] for k in keys}, number__in={k["number"] for k in keys})
            for council_id, year, number, pk in taken.values_list("council_id", "year", "number", "pk"):
                self._numbers_in_use.setdefault((council_id, year, number), set()).add(pk)

    def before_clean(self, instance):
        instance._numbers_in_use = self._numbers_in_use

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        super().validate_instance(instance, import_validation_errors, validate_unique)
        if instance.pk is None and instance.number and instance.year:  # taken by this row for the rows below
            self._numbers_in_use.setdefault((instance.council_id, instance.year, instance.number), set()).add(object())
            if instance.adopted_date:  # a row below may replace it, as when rows were saved one by one
                self.fields["replaces"].widget.add_from_file(instance)


class StandingMeetingResource(SittingsBatchedResource):
    row_date_columns = ("Ngày họp",)

    date = date_field("date", "Ngày họp")
    kind = choice_field("kind", "Loại phiên họp", choices.StandingMeetingKind, choices.StandingMeetingKind.REGULAR)
    content = text_field("content", "Nội dung")
    chaired_by = text_field("chaired_by", "Chủ trì")
    participating_councils = fields.Field(attribute="participating_councils", column_name="HĐND cấp xã dự (mã)",
                                          widget=CouncilCodesWidget())
    conclusion = text_field("conclusion", "Kết luận")

    class Meta:
        model = StandingMeeting
        fields = ("council", "date", "kind", "content", "chaired_by", "participating_councils", "conclusion")
        import_id_fields = ("council", "date", "kind")

    def m2m_prefetches(self):
        # The councils' unit codes are what the column shows.
        return [Prefetch("participating_councils", queryset=Council.objects.select_related("admin_unit"))]


class QuestionResource(DeadlinesOnceMixin, SittingsBatchedResource):
    row_date_columns = ("Ngày chất vấn",)

    asked_date = date_field("asked_date", "Ngày chất vấn")
    delegate = fields.Field(attribute="delegate", column_name="Đại biểu chất vấn",
                            widget=CouncilNameWidget(Delegate, "full_name", "đại biểu"))
    respondent_name = text_field("respondent_name", "Người bị chất vấn")
    respondent_position = text_field("respondent_position", "Chức vụ")
    sitting = fields.Field(attribute="sitting", column_name="Tại kỳ họp thứ", widget=SittingNumberWidget("Ngày chất vấn"))
    standing_meeting = fields.Field(attribute="standing_meeting", column_name="Tại phiên họp Thường trực ngày",
                                    widget=StandingMeetingDateWidget())
    mode = choice_field("mode", "Hình thức", choices.QuestionMode, choices.QuestionMode.IN_PERSON)
    content = text_field("content", "Nội dung chất vấn")
    field = fields.Field(attribute="field", column_name="Lĩnh vực", widget=field_widget())
    answer_due = fields.Field(attribute="answer_due", column_name="Hạn trả lời (tự tính)",
                              widget=VietnameseDateWidget(), readonly=True)
    answered_date = date_field("answered_date", "Ngày trả lời")
    answer = text_field("answer", "Nội dung trả lời")

    class Meta:
        model = Question
        fields = ("council", "asked_date", "delegate", "respondent_name", "respondent_position", "sitting",
                  "standing_meeting", "mode", "content", "field", "answer_due", "answered_date", "answer")
        import_id_fields = ("council", "asked_date", "delegate", "respondent_name")

    def get_queryset(self):
        return super().get_queryset().select_related("delegate", "sitting", "standing_meeting", "field")
