"""Personal data: who looked at or exported unmasked identities."""
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SensitiveAction(models.TextChoices):
    VIEWED = "viewed", _("Xem")
    EXPORTED = "exported", _("Xuất dữ liệu")


class SensitiveAccessLog(models.Model):
    """One row per look at, or export of, personal data that is otherwise masked.

    Written through apps.core.audit.log_sensitive_access; read-only in the admin and
    visible to administrators only. The username is copied so the row survives the account.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), on_delete=models.SET_NULL,
                             null=True, blank=True, related_name="+")
    username = models.CharField(_("tên đăng nhập"), max_length=150, blank=True)
    at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    action = models.CharField(_("hành động"), max_length=20, choices=SensitiveAction.choices)
    model = models.CharField(_("loại hồ sơ"), max_length=100, blank=True)
    object_id = models.CharField(_("mã bản ghi"), max_length=255, blank=True)
    description = models.CharField(_("nội dung"), max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhật ký truy cập dữ liệu cá nhân")
        verbose_name_plural = _("nhật ký truy cập dữ liệu cá nhân")
        ordering = ["-at"]
        indexes = [models.Index(fields=["user", "at"], name="sensitivelog_user_at")]

    def __str__(self):
        return f"{self.username or '—'} – {self.get_action_display()} – {self.description or self.model}"
