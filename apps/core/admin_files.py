"""Files a clerk downloads from a register, in Vietnamese.

- Export: the field list offers the columns by their Vietnamese headings (django-import-export shows
  "Council (Mã đơn vị)" and "Forwarded By Na (…)" built from attribute names), and the file is named
  in Vietnamese words with the local date: ``kien-nghi-cu-tri-30-11-2026.xlsx`` (not the model's
  class name and the UTC date).
- Import: the page offers a template (``…/import-template/``: headings, an example row, lists where
  a column takes a choice); the preview shows labels, Có/Không and dd/mm/yyyy (see
  apps.core.import_template.PreviewDiff).
"""
import re
import unicodedata

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from import_export.forms import SelectableFieldsExportForm

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_slug(text):
    """Vietnamese words as a file name: "Kiến nghị cử tri" -> "kien-nghi-cu-tri"."""
    text = str(text).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def dated_file_name(words, extension, day=None):
    """``words`` as a slug followed by the local date dd-mm-yyyy (the day the clerk sees)."""
    day = day or timezone.localdate()
    return f"{file_slug(words)}-{day:%d-%m-%Y}.{extension}"


class VietnameseExportForm(SelectableFieldsExportForm):
    """Each column offered by the heading it will have in the file."""

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        return field.column_name if field is not None and field.column_name else super()._get_field_label(
            resource, field_name)


class VietnameseFilesMixin:
    """For CouncilOwnedAdmin: Vietnamese export headings and file names, import templates."""

    export_form_class = VietnameseExportForm
    import_template_name = "council/import.html"

    def get_export_filename(self, request, queryset, file_format):
        return dated_file_name(self.model._meta.verbose_name_plural, file_format.get_extension())

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        if getattr(response, "context_data", None) is not None:
            # Row errors are keyed by field name ("received_date"): the page names the column instead.
            labels = {f.name: str(f.verbose_name) for f in self.model._meta.get_fields() if hasattr(f, "verbose_name")}
            for resource_class in self.get_import_resource_classes(request):
                labels.update({name: f.column_name for name, f in resource_class.fields.items() if f.column_name})
            response.context_data["column_labels"] = labels
        return response

    def get_urls(self):
        opts = self.model._meta
        extra = [path("import-template/", self.admin_site.admin_view(self.import_template_view),
                      name=f"{opts.app_label}_{opts.model_name}_import_template")]
        return extra + super().get_urls()

    def import_template_view(self, request):
        from .import_template import template_workbook

        if not self.has_import_permission(request):
            raise PermissionDenied
        resource_class = self.get_import_resource_classes(request)[0]
        resource = resource_class(**self.get_import_resource_kwargs(request))
        data = template_workbook(resource, request.user, self.model._meta.verbose_name_plural)
        response = HttpResponse(data, content_type=XLSX_TYPE)
        name = f"mau-nhap-{file_slug(self.model._meta.verbose_name_plural)}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
