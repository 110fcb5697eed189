"""xlsx import/export of core's own registers (bodies and delegates), keyed by business keys.

Neither carries a date, so each row also names its council ("Tên HĐND", export only): a unit
code reused after the 2025 reorganisation (06709) then still means the council the row was
exported from.
"""
from import_export import fields

from .choices import BodyKind
from .importbatch import BatchedResource
from .importexport import (
    COUNCIL_NAME_COLUMN, ChoiceWidget, CouncilNameWidget, YesNoWidget, text_field,
)
from .models import Body, Delegate, Term


def council_name_field():
    return fields.Field(attribute="council__name", column_name=COUNCIL_NAME_COLUMN, readonly=True)


class BodyResource(BatchedResource):
    council_name = council_name_field()
    name = text_field("name", "Tên cơ quan")
    kind = fields.Field(attribute="kind", column_name="Loại", widget=ChoiceWidget(BodyKind, "Loại"))

    class Meta:
        model = Body
        fields = ("council", "council_name", "name", "kind")
        export_order = fields
        import_id_fields = ("council", "name")


class DelegateResource(BatchedResource):
    council_name = council_name_field()
    term = fields.Field(attribute="term", column_name="Khóa", widget=CouncilNameWidget(Term, "name", "khóa"))
    full_name = text_field("full_name", "Họ và tên")
    position = text_field("position", "Chức vụ, nơi công tác")
    constituency = text_field("constituency", "Đơn vị bầu cử")
    is_full_time = fields.Field(attribute="is_full_time", column_name="Hoạt động chuyên trách",
                                widget=YesNoWidget("Hoạt động chuyên trách"))
    active = fields.Field(attribute="active", column_name="Đang là đại biểu", widget=YesNoWidget("Đang là đại biểu"))

    class Meta:
        model = Delegate
        fields = ("council", "council_name", "term", "full_name", "position", "constituency", "is_full_time",
                  "active")
        export_order = fields
        import_id_fields = ("council", "term", "full_name")

    def get_queryset(self):
        return super().get_queryset().select_related("term")
