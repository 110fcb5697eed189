"""Bulk upload of ward workbooks: upload → preview (nothing written) → confirm or cancel."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from apps.core import jobs
from apps.core.uploads import UploadRejected, check_upload, default_max_bytes, default_max_rows, safe_filename, size_text

from .. import preview
from ..confirm_job import in_request_limit
from ..choices import AttemptOutcome
from ..forms import UploadForm
from ..importer import WardReportImporter
from ..results import FileResult
from . import require


def upload_view(request, site):
    require(request, "add_wardreport")
    if request.method == "POST":
        # Previews nobody confirmed are removed here rather than by a separate periodic job.
        preview.cleanup_stale_uploads()
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            return _preview(request, site, form.cleaned_data["files"])
    else:
        form = UploadForm()
    context = {**site.each_context(request), "title": _("Tải lên báo cáo của xã, phường"), "form": form,
               "status_url": reverse("admin:reports_wardreport_status"),
               "max_size": size_text(default_max_bytes()), "max_rows": f"{default_max_rows():,}".replace(",", ".")}
    return TemplateResponse(request, "reports/upload.html", context)


def _preview(request, site, uploads):
    token = preview.new_token(request)
    importer = WardReportImporter(request.user)
    stored_files, results = [], []
    for index, upload in enumerate(uploads):
        name = safe_filename(upload.name)
        try:
            # The upload limits (size before reading, rows before parsing): a refused file is never stored.
            data = check_upload(upload)
        except UploadRejected as refusal:
            result = FileResult(filename=name, outcome=AttemptOutcome.REFUSED, errors=[refusal.message])
            stored_files.append((None, name))
        else:
            stored_files.append((preview.store(token, index, name, data), name))
            result = importer.check(data, name)
        results.append(result)
    rows = sum(len(r.petitions) + len(r.letters) for r in results if r.ok or r.needs_confirm)
    preview.remember(request, token, stored_files, rows=rows)
    context = {
        **site.each_context(request), "title": _("Xem trước các tệp báo cáo"), "token": token,
        "entries": [(index, result) for index, result in enumerate(results)],
        "importable": sum(1 for r in results if r.ok or r.needs_confirm),
        "upload_url": reverse("admin:reports_wardreport_upload"),
    }
    return TemplateResponse(request, "reports/upload_preview.html", context)


def confirm_view(request, site):
    require(request, "add_wardreport")
    if request.method != "POST":
        return redirect("admin:reports_wardreport_upload")
    token = request.POST.get("token", "")
    entry = preview.entry_for(request, token)
    if entry is None:
        messages.error(request, _("Phiên xem trước đã hết hạn hoặc đã được xác nhận. Hãy tải các tệp lên lại."))
        return redirect("admin:reports_wardreport_upload")
    if "cancel" in request.POST:
        preview.discard(request, token)
        messages.info(request, _("Đã hủy, không nhập tệp nào."))
        return redirect("admin:reports_wardreport_upload")
    replace = set(request.POST.getlist("replace"))
    if entry.get("rows", 0) > in_request_limit():
        return _queue(request, token, entry, replace)
    results = []
    try:
        for index, (stored, name) in enumerate(entry["files"]):
            data = preview.stored_bytes(stored)
            if data is None:
                results.append(FileResult(filename=name, outcome=AttemptOutcome.REFUSED, errors=[
                    f"Tệp {name}: không còn tệp tạm để nhập (tệp quá lớn hoặc đã bị xóa). Hãy tải lên lại."]))
                continue
            importer = WardReportImporter(request.user, replace=str(index) in replace)
            results.append(importer.run(data, name))
    finally:
        preview.discard(request, token)
    # The status page of each period imported, named in words ("6 tháng đầu năm 2022"), newest first.
    by_code = {r.period.code: r.period for r in results if r.period}
    periods = [by_code[code] for code in sorted(by_code, reverse=True)]
    context = {
        **site.each_context(request), "title": _("Kết quả nhập báo cáo"), "results": results,
        "imported": sum(1 for r in results if r.ok),
        "status_links": [(p.wording, reverse("admin:reports_wardreport_status") + "?" + urlencode({"period": p.code}))
                         for p in periods],
        "upload_url": reverse("admin:reports_wardreport_upload"),
    }
    return TemplateResponse(request, "reports/upload_result.html", context)


def _queue(request, token, entry, replace):
    """A large upload is written by a background job (apps.reports.confirm_job); the clerk follows it
    on the jobs page."""
    try:
        job = jobs.start("ward_upload_confirm", request.user, {
            "files": entry["files"], "replace": sorted(replace), "rows": entry.get("rows", 0)})
    except (jobs.JobFailed, PermissionDenied) as refusal:
        preview.discard(request, token)
        messages.error(request, str(refusal) or "Bạn không có quyền nhập báo cáo của xã, phường.")
        return redirect("admin:reports_wardreport_upload")
    preview.forget(request, token)  # the files now belong to the job
    rows = f"{entry.get('rows', 0):,}".replace(",", ".")
    messages.success(request, f"Các tệp có {rows} dòng kiến nghị, đơn thư: «{job.title}» được nhập trong nền. "
                              "Theo dõi ở trang «Công việc nền»; bảng kết quả tải về ở đó khi xong.")
    return redirect("admin:core_jobs")
