from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    CURRENT = "current", _("Đang dùng")
    REPLACED = "replaced", _("Đã được thay thế")


class RuleOperator(models.TextChoices):
    EQ = "=", _("bằng")
    LE = "<=", _("không lớn hơn")
    GE = ">=", _("không nhỏ hơn")


class AttemptOutcome(models.TextChoices):
    IMPORTED = "imported", _("Đã nhập")
    REPLACED = "replaced", _("Đã nhập, thay thế báo cáo trước")
    UNCHANGED = "unchanged", _("Đã nhập trước đó, không thay đổi")
    REFUSED = "refused", _("Bị từ chối")
    NEEDS_CONFIRM = "needs_confirm", _("Cần xác nhận thay thế")
    CHECKED = "checked", _("Đã kiểm tra (chạy thử)")


class WardStatus(models.TextChoices):
    REPORTED = "reported", _("Đã báo cáo")
    REPLACED = "replaced", _("Đã báo cáo (có thay thế)")
    MISSING = "missing", _("Chưa báo cáo")
