"""Background jobs ("Công việc nền"): long work a user started, its progress and its result file.

A job row is the whole truth about a job: the queue only carries its id. The result file is
written to storage in one piece when the work has finished, so a job that died half-way has no
file, and can be run again from the start.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def job_result_upload_to(instance, filename):
    """jobs/<safe name>: a job's result never lands outside its folder, whatever name it was given."""
    from .uploads import safe_filename

    return f"jobs/{safe_filename(filename, default='ket-qua')}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Hoàn thành")
    FAILED = "failed", _("Lỗi")


class JobQuerySet(models.QuerySet):
    def for_user(self, user):
        """A user's own jobs, and only while the job's council is one they may see (the register rule)."""
        from .scoping import visible_council_ids

        if getattr(user, "is_superuser", False) and user.is_active:
            return self
        if not getattr(user, "is_authenticated", False):
            return self.none()
        ids = visible_council_ids(user)
        return self.filter(user=user).filter(models.Q(council__isnull=True) | models.Q(council_id__in=ids))


class Job(models.Model):
    kind = models.CharField(_("loại công việc"), max_length=40)
    title = models.CharField(_("công việc"), max_length=300)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người yêu cầu"), on_delete=models.SET_NULL,
                             null=True, blank=True, related_name="+")
    council = models.ForeignKey("core.Council", verbose_name=_("HĐND"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="+")
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    status = models.CharField(_("tình trạng"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    step = models.CharField(_("đang làm"), max_length=300, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    result_file = models.FileField(_("tệp kết quả"), upload_to=job_result_upload_to, max_length=300, blank=True)
    result_name = models.CharField(_("tên tệp kết quả"), max_length=255, blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần chạy"), default=0)
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("công việc nền")
        verbose_name_plural = _("công việc nền")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="job_user_created")]

    def __str__(self):
        return self.title

    @property
    def finished(self):
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
