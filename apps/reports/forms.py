"""Forms of the reports pages: the multi-file upload of ward workbooks, the summary's own sections."""
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SummaryNarrative


# Django docs, "Uploading multiple files".
class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".xlsx"}))
        kwargs.setdefault("allow_empty_file", True)  # an empty file gets the importer's own message
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(label=_("Các tệp báo cáo (.xlsx)"),
                              help_text=_("Chọn một hoặc nhiều tệp cùng lúc (giữ Ctrl để chọn nhiều tệp)."))


class NarrativeForm(forms.ModelForm):
    """The secretariat's own sections of the report, on the summary page: one paragraph per line."""

    class Meta:
        model = SummaryNarrative
        fields = ["assessment", "shortcomings", "directions"]
        widgets = {name: forms.Textarea(attrs={"rows": 6, "cols": 100}) for name in fields}
