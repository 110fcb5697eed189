"""A register export too large for a request becomes a background job, written in constant memory.

The clerk exports from a changelist as always; when the filtered list holds more than
``EXPORT_IN_REQUEST_MAX_ROWS`` rows, the export is queued instead (``QueuedExportMixin``) and
the file appears on «Công việc nền». The worker replays the clerk's request — the same admin, the
same filters and search, the same user — so scoping, masking and the access log are exactly those
of an export in the page; rows are read in keyset chunks and streamed into a write-only workbook,
so memory does not grow with the register.
"""
from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect, QueryDict
from django.test import RequestFactory
from django.urls import reverse
from openpyxl import Workbook

from . import jobs
from .scoping import home_council
from .spreadsheet import write_table_streaming

CHUNK = 2000


def in_request_limit():
    return int(getattr(settings, "EXPORT_IN_REQUEST_MAX_ROWS", 20_000))


class QueuedExportMixin:
    """For CouncilOwnedAdmin: exports past the in-request limit go to the queue."""

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        limit = in_request_limit()
        if queryset.order_by()[: limit + 1].count() <= limit:
            return super()._do_file_export(file_format, request, queryset, export_form=export_form)
        fields = self.get_export_resource_fields_from_form(export_form) if export_form is not None else None
        resource_index = 0
        if export_form is not None and export_form.cleaned_data.get("resource") not in (None, ""):
            resource_index = int(export_form.cleaned_data["resource"])
        items = export_form.cleaned_data.get("export_items") if export_form is not None else None
        job = jobs.start("register_export", request.user, {
            "model": self.model._meta.label, "query": request.GET.urlencode(), "fields": fields or [],
            "resource": resource_index, "items": [str(pk) for pk in items or []],
        })
        messages.success(request, f"Danh sách có hơn {limit:,} dòng".replace(",", ".") +
                         f": «{job.title}» được làm trong nền; tải tệp ở trang «Công việc nền» khi xong.")
        return HttpResponseRedirect(reverse("admin:core_jobs"))


def _admin_for(label):
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise jobs.JobFailed(f"Không có sổ «{label}».") from None
    model_admin = admin.site._registry.get(model)
    if model_admin is None or not isinstance(model_admin, QueuedExportMixin):
        raise jobs.JobFailed(f"Sổ «{label}» không xuất được trong nền.")
    return model_admin


def _replayed_request(model_admin, user, query):
    opts = model_admin.model._meta
    request = RequestFactory().get(reverse(f"admin:{opts.app_label}_{opts.model_name}_export"),
                                   QueryDict(query or ""))
    request.user = user
    return request


@jobs.job_kind("register_export", label="Xuất sổ")
class RegisterExport(jobs.JobKind):
    @staticmethod
    def prepare(user, data):
        model_admin = _admin_for(str(data.get("model", "")))
        request = _replayed_request(model_admin, user, data.get("query", ""))
        if not model_admin.has_export_permission(request):
            raise PermissionDenied
        title = f"Xuất {model_admin.model._meta.verbose_name_plural} (xlsx)"
        params = {key: data.get(key) for key in ("model", "query", "fields", "resource", "items")}
        return home_council(user), title, params

    @staticmethod
    def run(job, progress, workdir):
        from .importexport import SafeXLSX

        model_admin = _admin_for(job.params["model"])
        request = _replayed_request(model_admin, job.user, job.params.get("query"))
        if job.user is None or not model_admin.has_export_permission(request):
            raise jobs.JobFailed("Tài khoản không còn quyền xuất sổ này.")
        queryset = model_admin.get_export_queryset(request)
        if job.params.get("items"):
            queryset = queryset.filter(pk__in=job.params["items"])
        resource_class = model_admin.get_export_resource_classes(request)[int(job.params.get("resource") or 0)]
        resource = resource_class(**model_admin.get_export_resource_kwargs(request))
        fields = job.params.get("fields") or None
        total = max(1, queryset.order_by()[: 10 * in_request_limit()].count())

        def rows():
            done, last = 0, None
            ordered = queryset.order_by("pk")
            while True:
                chunk = ordered.filter(pk__gt=last) if last is not None else ordered
                chunk_ids = list(chunk.values_list("pk", flat=True)[:CHUNK])
                if not chunk_ids:
                    return
                # The resource's own export (scoping, masking, the access log) over one chunk at a time.
                dataset = resource.export(queryset=queryset.filter(pk__in=chunk_ids).order_by("pk"),
                                          export_fields=fields)
                yield from dataset
                done, last = done + len(chunk_ids), chunk_ids[-1]
                progress(min(95, 100 * done // total), f"Đã ghi {done:,} dòng".replace(",", "."))

        workbook = Workbook(write_only=True)
        headers = resource.get_export_headers(selected_fields=fields)
        write_table_streaming(workbook, str(model_admin.model._meta.verbose_name_plural)[:31], headers, rows())
        filename = model_admin.get_export_filename(request, queryset, SafeXLSX())
        path = jobs.output_path(workdir, filename)
        workbook.save(path)
        return filename, path
