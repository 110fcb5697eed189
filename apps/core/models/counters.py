"""The counters behind register numbers and KN codes (apps/core/numbering.py)."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegisterCounter(models.Model):
    """The last register number given per (council, register, year); see apps/core/numbering.py.

    Shared by the registers numbered per council and year: the sổ tiếp công dân and sổ xử lý đơn
    (reception), and the KN-yyyy-nnnn codes of voter petitions (petitions) and of recommendations
    after oversight (oversight).
    """

    class Register(models.TextChoices):
        VISIT = "visit", _("Sổ tiếp công dân")
        LETTER = "letter", _("Sổ xử lý đơn")
        PETITION = "petition", _("Sổ kiến nghị cử tri")
        RECOMMENDATION = "recommendation", _("Kiến nghị sau giám sát")

    council = models.ForeignKey("core.Council", verbose_name=_("HĐND"), on_delete=models.PROTECT, related_name="+")
    register = models.CharField(_("sổ"), max_length=20, choices=Register.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    last_number = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("bộ đếm số sổ")
        verbose_name_plural = _("bộ đếm số sổ")
        constraints = [
            # Named apart from the reception table's constraint it replaces (names are database-wide).
            models.UniqueConstraint(fields=["council", "register", "year"], name="core_registercounter_unique",
                                    violation_error_message=_("Bộ đếm của sổ này trong năm này đã có.")),
        ]

    def __str__(self):
        return f"{self.get_register_display()} {self.year}: {self.last_number}"
