from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingTiming(models.TextChoices):
    BEFORE_SITTING = "truoc_ky_hop", _("Trước kỳ họp")
    AFTER_SITTING = "sau_ky_hop", _("Sau kỳ họp")
    THEMATIC = "chuyen_de", _("Chuyên đề")


class MeetingForm(models.TextChoices):
    IN_PERSON = "truc_tiep", _("Trực tiếp")
    ONLINE = "truc_tuyen", _("Trực tuyến")


class CompetenceLevel(models.TextChoices):
    CENTRAL = "trung_uong", _("Trung ương")
    PROVINCE = "tinh", _("Tỉnh")
    DISTRICT = "huyen", _("Huyện")
    COMMUNE = "xa", _("Xã")


class PetitionStatus(models.TextChoices):
    """Exactly one per petition: CT03 = CT04 + CT05 + CT06 + CT07 holds by construction."""

    RESOLVED = "da_giai_quyet", _("Đã giải quyết")
    IN_PROGRESS = "dang_giai_quyet", _("Đang giải quyết")
    EXPLAINED = "da_giai_trinh", _("Đã giải trình, cung cấp thông tin")
    UNRESOLVED = "chua_giai_quyet", _("Chưa giải quyết")

    @classmethod
    def synonyms(cls):
        """Other words clerks write for these choices (matched by apps/core/choice_match.py)."""
        return {"Đã cung cấp thông tin": cls.EXPLAINED}
