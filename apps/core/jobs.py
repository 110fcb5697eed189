"""Running long work as background jobs.

An app declares a kind of job with ``@job_kind`` in its own ``jobs.py`` (imported by its
AppConfig.ready, so every kind is known at start-up, in the web process and in the worker):

    @job_kind("summary_export", label="Báo cáo 6 tháng")
    class SummaryExport:
        def prepare(user, data): ...  # check the request; returns (council, title, params)
        def run(job, progress): ...   # does the work; returns (filename, path of the file written)

``start(kind, user, data)`` checks and records the job and puts it on the queue when the
transaction commits (in-process when no broker is configured). ``run_job(job_id)`` is what the
worker executes: it claims the job, runs it, stores the result file in one piece and records the
outcome; a ``JobFailed`` carries a message for the clerk, anything else a generic one (and a log).
"""
import logging
import os
import shutil
import tempfile

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .job_models import Job, JobStatus
from .uploads import safe_filename

log = logging.getLogger(__name__)

KINDS = {}
GENERIC_ERROR = "Lỗi hệ thống khi chạy công việc. Hãy bấm «Chạy lại»; nếu vẫn lỗi, báo quản trị hệ thống."


class JobFailed(Exception):
    """A failure the clerk can act on; its message (Vietnamese) is shown on the jobs page."""


class JobKind:
    """Base of a kind of job. ``prepare(user, data)`` -> (council or None, title, params as JSON);
    ``run(job, progress, workdir)`` -> (download filename, path of the file written in workdir);
    ``may_download(user, job)``: a further check at download time (the job is already the user's)."""

    @staticmethod
    def prepare(user, data):
        raise NotImplementedError

    @staticmethod
    def run(job, progress, workdir):
        raise NotImplementedError

    @staticmethod
    def may_download(user, job):
        return True


def job_kind(kind, label):
    """Register a kind of job (a JobKind subclass)."""

    def register(cls):
        if kind in KINDS and KINDS[kind] is not cls:
            raise RuntimeError(f"job kind {kind!r} registered twice")
        cls.kind, cls.label = kind, label
        KINDS[kind] = cls
        return cls

    return register


def kind_of(job_or_kind):
    name = getattr(job_or_kind, "kind", job_or_kind)
    try:
        return KINDS[name]
    except KeyError:
        raise JobFailed(f"Loại công việc «{name}» không có trong hệ thống.") from None


def start(kind, user, data):
    """Check the request with the kind's ``prepare``, record the job and queue it; returns the job.

    ``prepare`` raises JobFailed (or PermissionDenied) for a request the user may not make.
    """
    spec = kind_of(kind)
    council, title, params = spec.prepare(user, data)
    job = Job.objects.create(kind=kind, title=title[:300], user=user, council=council, params=params)
    enqueue(job)
    return job


def enqueue(job):
    from .tasks import run_job_task

    # After the commit, so that a worker on another host finds the row.
    transaction.on_commit(lambda: run_job_task.delay(job.pk))


def retry(job):
    """Queue a failed job (or one whose worker died) again from the start."""
    Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED, progress=0, step="", error="", finished_at=None)
    enqueue(job)


def _progress_callback(job):
    def report(percent, step=""):
        percent = max(0, min(99, int(percent)))
        Job.objects.filter(pk=job.pk).update(progress=percent, step=str(step)[:300])

    return report


def run_job(job_id):
    """Run one job to its end. A job already finished is left alone (a message delivered twice)."""
    claimed = Job.objects.filter(pk=job_id, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1, progress=0,
        step="", error="")
    if not claimed:
        return None
    job = Job.objects.get(pk=job_id)
    workdir = tempfile.mkdtemp(prefix=f"job-{job.pk}-")
    try:
        spec = kind_of(job)
        filename, path = spec.run(job, _progress_callback(job), workdir)
        name = safe_filename(filename)
        with open(path, "rb") as handle:
            # The file reaches storage whole, after the work: a job killed before this has no file.
            stored = default_storage.save(f"jobs/{job.pk}/{name}", File(handle, name=name))
        Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE, progress=100, step="", result_file=stored,
                                             result_name=name, finished_at=timezone.now())
    except JobFailed as failure:
        _fail(job, str(failure))
    except Exception:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        _fail(job, GENERIC_ERROR)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    job.refresh_from_db()
    return job


def _fail(job, message):
    Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, step="", error=message,
                                         finished_at=timezone.now())


def output_path(workdir, filename):
    return os.path.join(workdir, safe_filename(filename))
