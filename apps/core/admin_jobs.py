"""The "Công việc nền" page: each of the user's background jobs with its progress, its result file
to download, its error in Vietnamese and a button to run it again.

Views are plain functions wrapped in ``site.admin_view`` (login, staff, CSRF) by
``apps/core/admin_urls.py``; every query goes through ``Job.objects.for_user``.
"""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import jobs
from .job_models import Job, JobStatus

PAGE_SIZE = 50


def _job(request, pk):
    job = Job.objects.for_user(request.user).filter(pk=pk).first()
    if job is None:
        raise Http404("Không có công việc này trong phạm vi của bạn.")
    return job


def jobs_page(request, site):
    rows = list(Job.objects.for_user(request.user).select_related("council")[:PAGE_SIZE])
    context = {
        **site.each_context(request), "title": _("Công việc nền"), "jobs": rows,
        "status_url": reverse("admin:core_jobs_status"),
        "running": any(not job.finished for job in rows),
    }
    return TemplateResponse(request, "admin/core/jobs.html", context)


def jobs_status(request):
    """Progress of the user's unfinished jobs (polled by the page's script)."""
    ids = [int(x) for x in request.GET.getlist("id") if x.isdigit()][:PAGE_SIZE]
    rows = Job.objects.for_user(request.user).filter(pk__in=ids).values("pk", "status", "progress", "step")
    return JsonResponse({"jobs": [
        {"id": r["pk"], "status": r["status"], "progress": r["progress"], "step": r["step"],
         "finished": r["status"] in (JobStatus.DONE, JobStatus.FAILED)} for r in rows]})


@require_POST
def start_job(request):
    """Start a job of a registered kind from a form (e.g. the summary page's "Tạo trong nền")."""
    kind = request.POST.get("kind", "")
    try:
        job = jobs.start(kind, request.user, request.POST)
    except jobs.JobFailed as refusal:
        messages.error(request, str(refusal))
        return redirect(request.POST.get("next") or reverse("admin:core_jobs"))
    except PermissionDenied:
        raise
    messages.success(request, f"Đã đưa «{job.title}» vào hàng đợi. Tệp kết quả sẽ có ở đây khi làm xong.")
    return redirect(reverse("admin:core_jobs"))


@require_POST
def retry_job(request, pk):
    job = _job(request, pk)
    if job.status == JobStatus.DONE:
        messages.info(request, "Công việc này đã hoàn thành; không cần chạy lại.")
    else:
        jobs.retry(job)
        messages.success(request, f"Đã đưa «{job.title}» vào hàng đợi để chạy lại.")
    return redirect(reverse("admin:core_jobs"))


def download_job(request, pk):
    job = _job(request, pk)
    if job.status != JobStatus.DONE or not job.result_file:
        raise Http404("Công việc chưa có tệp kết quả.")
    if not default_storage.exists(job.result_file.name):
        raise Http404("Tệp kết quả không còn trên máy chủ; hãy tạo lại.")
    if not jobs.kind_of(job).may_download(request.user, job):
        raise PermissionDenied
    return FileResponse(default_storage.open(job.result_file.name, "rb"), as_attachment=True,
                        filename=job.result_name or job.result_file.name.rsplit("/", 1)[-1])
