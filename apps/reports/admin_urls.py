"""Admin pages of the ward reports: bulk upload (preview → confirm), ward status, templates, files.

The preview keeps nothing in process memory: uploaded bytes go to default storage
(a temporary folder, safe names) and the session holds only a token and the paths,
so the preview and the confirm may be served by different processes or hosts.
The confirm re-reads and re-validates every file from storage.
"""
import datetime
import secrets
from functools import partial

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode

from apps.core.choices import CouncilLevel, Role
from apps.core.dashboard import current_half_year
from apps.core.models import Council, ReportingPeriod
from apps.core.scoping import home_council, role_of
from apps.core.uploads import safe_filename

from .choices import AttemptOutcome, WardStatus
from .importer import FileResult, WardReportImporter
from .models import WardReport
from .templates_xlsx import template_filename, templates_zip, ward_template
from .wardreports import current_reports, replaced_council_ids

try:
    from . import summary_admin
except ImportError:  # the summary page is optional
    summary_admin = None

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "ward_report_uploads"
TMP_DIR = "tmp/ward-report-uploads"
MAX_PENDING = 5  # previews kept per session; older ones are cleaned up


def urlpatterns(site):
    patterns = [
        path("reports/wardreport/upload/", site.admin_view(partial(upload_view, site=site)),
             name="reports_wardreport_upload"),
        path("reports/wardreport/upload/confirm/", site.admin_view(partial(confirm_view, site=site)),
             name="reports_wardreport_upload_confirm"),
        path("reports/wardreport/status/", site.admin_view(partial(status_view, site=site)),
             name="reports_wardreport_status"),
        path("reports/wardreport/template/", site.admin_view(template_view),
             name="reports_wardreport_template"),
        path("reports/wardreport/<int:pk>/file/", site.admin_view(file_view), name="reports_wardreport_file"),
    ]
    if summary_admin is not None:
        patterns += summary_admin.urlpatterns(site)
    return patterns


def app_list_links(request):
    """The report pages, listed first under «Báo cáo» in the app list and on the dashboard."""
    from django.urls import reverse

    links = []
    if summary_admin is not None and summary_admin.may_see_summary(request.user):
        links.append(("reports", "Báo cáo 6 tháng (tổng hợp, xuất Excel / Word)", reverse("admin:reports_summary")))
    if request.user.has_perm("reports.view_wardreport"):
        links.append(("reports", "Tình trạng báo cáo của xã, phường", reverse("admin:reports_wardreport_status")))
    if request.user.has_perm("reports.add_wardreport"):
        links.append(("reports", "Tải lên báo cáo của xã, phường (nhiều tệp)", reverse("admin:reports_wardreport_upload")))
    return list(reversed(links))


# -- the form (Django docs, "Uploading multiple files") ----------------------------------------
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
    files = MultipleFileField(label="Các tệp báo cáo (.xlsx)",
                              help_text="Chọn một hoặc nhiều tệp cùng lúc (giữ Ctrl để chọn nhiều tệp).")


# -- helpers --------------------------------------------------------------------------------
def _require(request, perm):
    if not request.user.has_perm(f"reports.{perm}"):
        raise PermissionDenied


def chosen_period(request):
    code = request.GET.get("period") or request.POST.get("period") or current_half_year()
    try:
        return ReportingPeriod.objects.from_code(code, create=False)
    except (ValueError, ReportingPeriod.DoesNotExist):
        return ReportingPeriod.objects.from_code(current_half_year())


def wards_for(user, period):
    """The ward councils this user reports for or oversees in ``period``, by code."""
    home = home_council(user)
    qs = Council.objects.overlapping(period.start_date, period.end_date).select_related("admin_unit")
    if role_of(user) == Role.WARD:
        return list(qs.filter(pk=home.pk)) if home else []
    if home is not None:
        return list(home.wards_in(period))
    if user.is_superuser:
        return list(qs.filter(level=CouncilLevel.COMMUNE, parent__isnull=False).order_by("admin_unit__code"))
    return []


def _megabytes(size):
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def _pending(request):
    return request.session.get(SESSION_KEY, {})


def _discard(request, token):
    pending = _pending(request)
    entry = pending.pop(token, None)
    request.session[SESSION_KEY] = pending
    for stored, _name in (entry or {}).get("files", []):
        if stored and default_storage.exists(stored):
            default_storage.delete(stored)
    return entry


def _period_choices():
    return ReportingPeriod.objects.filter(kind__in=["H1", "H2", "Y"]).order_by("-year", "kind")


# -- upload → preview -------------------------------------------------------------------------
def upload_view(request, site):
    _require(request, "add_wardreport")
    if request.method == "POST":
        # Previews nobody confirmed are removed here rather than by a separate periodic job.
        cleanup_stale_uploads()
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            return _preview(request, site, form.cleaned_data["files"])
    else:
        form = UploadForm()
    context = {**site.each_context(request), "title": "Tải lên báo cáo của xã, phường", "form": form,
               "status_url": reverse("admin:reports_wardreport_status"),
               "max_size": _megabytes(settings.UPLOAD_MAX_BYTES)}
    return TemplateResponse(request, "reports/upload.html", context)


def _preview(request, site, uploads):
    pending = _pending(request)
    older = sorted(pending, key=lambda t: pending[t].get("at", ""))
    for old in older[: max(0, len(older) - (MAX_PENDING - 1))]:
        _discard(request, old)
    token = secrets.token_urlsafe(16)
    importer = WardReportImporter(request.user)
    stored_files, results = [], []
    for index, upload in enumerate(uploads):
        name = safe_filename(upload.name)
        if upload.size > settings.UPLOAD_MAX_BYTES:
            result = FileResult(filename=name, outcome=AttemptOutcome.REFUSED, errors=[
                f"Tệp {name}: tệp quá lớn ({_megabytes(upload.size)}), giới hạn là "
                f"{_megabytes(settings.UPLOAD_MAX_BYTES)}. Hãy xoá các sheet, hình ảnh không cần thiết rồi tải lên lại."
            ])
            stored_files.append((None, name))
        else:
            data = upload.read()
            stored = default_storage.save(f"{TMP_DIR}/{token}/{index:03d}-{name}", ContentFile(data))
            stored_files.append((stored, name))
            result = importer.check(data, name)
        results.append(result)
    pending = _pending(request)
    pending[token] = {"files": stored_files, "at": timezone.now().isoformat(), "user": request.user.pk}
    request.session[SESSION_KEY] = pending
    context = {
        **site.each_context(request), "title": "Xem trước các tệp báo cáo", "token": token,
        "entries": [(index, result) for index, result in enumerate(results)],
        "importable": sum(1 for r in results if r.ok or r.needs_confirm),
        "upload_url": reverse("admin:reports_wardreport_upload"),
    }
    return TemplateResponse(request, "reports/upload_preview.html", context)


# -- confirm ------------------------------------------------------------------------------------
def confirm_view(request, site):
    _require(request, "add_wardreport")
    if request.method != "POST":
        return redirect("admin:reports_wardreport_upload")
    token = request.POST.get("token", "")
    entry = _pending(request).get(token)
    if not entry or entry.get("user") != request.user.pk:
        messages.error(request, "Phiên xem trước đã hết hạn hoặc đã được xác nhận. Hãy tải các tệp lên lại.")
        return redirect("admin:reports_wardreport_upload")
    if "cancel" in request.POST:
        _discard(request, token)
        messages.info(request, "Đã huỷ, không nhập tệp nào.")
        return redirect("admin:reports_wardreport_upload")
    replace = set(request.POST.getlist("replace"))
    results = []
    try:
        for index, (stored, name) in enumerate(entry["files"]):
            if stored is None or not default_storage.exists(stored):
                results.append(FileResult(filename=name, outcome=AttemptOutcome.REFUSED, errors=[
                    f"Tệp {name}: không còn tệp tạm để nhập (tệp quá lớn hoặc đã bị xoá). Hãy tải lên lại."]))
                continue
            with default_storage.open(stored, "rb") as handle:
                data = handle.read()
            importer = WardReportImporter(request.user, replace=str(index) in replace)
            results.append(importer.run(data, name))
    finally:
        _discard(request, token)
    periods = sorted({r.period.code for r in results if r.period}, reverse=True)
    context = {
        **site.each_context(request), "title": "Kết quả nhập báo cáo", "results": results,
        "imported": sum(1 for r in results if r.ok),
        "status_links": [(code, reverse("admin:reports_wardreport_status") + "?" + urlencode({"period": code}))
                         for code in periods],
        "upload_url": reverse("admin:reports_wardreport_upload"),
    }
    return TemplateResponse(request, "reports/upload_result.html", context)


# -- ward status ------------------------------------------------------------------------------------
def status_rows(user, period):
    """[(ward, state, current report or None)] for the status page and the dashboard; three queries."""
    wards = wards_for(user, period)
    reports = current_reports(wards, period)
    replaced = replaced_council_ids(period, wards)
    rows = []
    for ward in wards:
        report = reports.get(ward.pk)
        if report is None:
            state = WardStatus.MISSING
        else:
            state = WardStatus.REPLACED if ward.pk in replaced else WardStatus.REPORTED
        rows.append((ward, state, report))
    return rows


def status_view(request, site):
    _require(request, "view_wardreport")
    period = chosen_period(request)
    rows = status_rows(request.user, period)
    template_url = reverse("admin:reports_wardreport_template")
    context = {
        **site.each_context(request), "title": "Tình trạng báo cáo của xã, phường",
        "period": period, "periods": _period_choices(), "rows": [
            (ward, state, WardStatus(state).label, report,
             template_url + "?" + urlencode({"period": period.code, "ward": ward.pk}))
            for ward, state, report in rows
        ],
        "reported": sum(1 for _w, state, _r in rows if state != WardStatus.MISSING),
        "total": len(rows),
        "zip_url": template_url + "?" + urlencode({"period": period.code}),
        "upload_url": reverse("admin:reports_wardreport_upload"),
        "can_upload": request.user.has_perm("reports.add_wardreport"),
        "changelist_url": reverse("admin:reports_wardreport_changelist") + "?" + urlencode({"period__id__exact": period.pk}),
    }
    return TemplateResponse(request, "reports/ward_status.html", context)


# -- template download and report files ---------------------------------------------------------------
def template_view(request):
    _require(request, "view_wardreport")
    period = chosen_period(request)
    wards = wards_for(request.user, period)
    ward_id = request.GET.get("ward")
    if ward_id:
        ward = next((w for w in wards if str(w.pk) == ward_id), None)
        if ward is None:
            raise Http404("Không có đơn vị này trong phạm vi của bạn.")
        response = HttpResponse(ward_template(ward, period), content_type=XLSX_TYPE)
        filename = template_filename(ward, period)
    else:
        if not wards:
            raise Http404("Không có xã, phường nào trong kỳ này.")
        response = HttpResponse(templates_zip(wards, period), content_type="application/zip")
        filename = f"mau-bao-cao-{period.code}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def file_view(request, pk):
    _require(request, "view_wardreport")
    report = WardReport.objects.for_user(request.user).filter(pk=pk).first()
    if report is None or not report.source_file:
        raise Http404
    return FileResponse(report.source_file.open("rb"), as_attachment=True, filename=report.original_filename)


def cleanup_stale_uploads(older_than=datetime.timedelta(days=1)):
    """Remove preview files nobody confirmed for a day (run at each new upload); returns the number removed."""
    removed = 0
    try:
        folders, _files = default_storage.listdir(TMP_DIR)
    except (FileNotFoundError, NotImplementedError):
        return 0
    limit = timezone.now() - older_than
    for folder in folders:
        _sub, files = default_storage.listdir(f"{TMP_DIR}/{folder}")
        for name in files:
            stored = f"{TMP_DIR}/{folder}/{name}"
            try:
                stale = default_storage.get_modified_time(stored) < limit
            except NotImplementedError:
                stale = False
            if stale:
                default_storage.delete(stored)
                removed += 1
    return removed
