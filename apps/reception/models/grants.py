"""Identity grants: who may see one denunciation's denouncer (that record only)."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .letters import Letter
from .visits import Visit


class IdentityGrantQuerySet(models.QuerySet):
    def for_record(self, obj):
        return self.filter(**{IdentityGrant.field_for(type(obj)): obj.pk})


class IdentityGrant(models.Model):
    """The person handling one denunciation may see its denouncer's identity (that record only).

    Granted by a user who may see every identity; each look through a grant is logged.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người được xem"), on_delete=models.CASCADE,
                             related_name="identity_grants")
    letter = models.ForeignKey(Letter, verbose_name=_("đơn thư"), on_delete=models.CASCADE, null=True, blank=True,
                               related_name="identity_grants")
    visit = models.ForeignKey(Visit, verbose_name=_("lượt tiếp"), on_delete=models.CASCADE, null=True, blank=True,
                              related_name="identity_grants")
    reason = models.CharField(_("lý do"), max_length=300,
                              help_text=_("Ví dụ: người được giao xử lý đơn tố cáo theo văn bản số …"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người cho phép"),
                                   on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+")
    granted_at = models.DateTimeField(_("thời điểm cho phép"), default=timezone.now, editable=False)

    objects = IdentityGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("quyền xem danh tính theo hồ sơ")
        verbose_name_plural = _("quyền xem danh tính theo hồ sơ")
        ordering = ["-granted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(letter__isnull=False, visit__isnull=True) | Q(letter__isnull=True, visit__isnull=False),
                name="identitygrant_one_record",
                violation_error_message=_("Chọn đúng một hồ sơ: một đơn thư hoặc một lượt tiếp.")),
        ]

    def __str__(self):
        return f"{self.user} – {self.record}"

    @property
    def record(self):
        return self.letter if self.letter_id else self.visit

    @staticmethod
    def field_for(model):
        return {Letter: "letter", Visit: "visit"}[model._meta.concrete_model]

    def clean(self):
        from apps.core.scoping import visible_council_ids

        record = self.record
        if record is None or not self.user_id:
            return
        ids = visible_council_ids(self.user)
        if ids is not None and record.council_id not in ids:
            raise ValidationError({"user": _("Người này không được xem hồ sơ của HĐND đó.")})
