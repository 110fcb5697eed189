"""Shared reference data: the agencies petitions and letters are forwarded to, and the fields (lĩnh vực)."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from .. import choices
from .base import NormalisedTextModel
from .councils import AdminUnit


class Agency(NormalisedTextModel):
    """Bodies that petitions and letters are forwarded to; shared reference data."""

    name = models.CharField(_("tên cơ quan"), max_length=300, unique=True)
    short_name = models.CharField(_("tên viết tắt"), max_length=50, blank=True)
    level = models.CharField(_("cấp"), max_length=20, choices=choices.AgencyLevel.choices)
    admin_unit = models.ForeignKey(AdminUnit, verbose_name=_("địa bàn"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="agencies")
    active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("cơ quan giải quyết")
        verbose_name_plural = _("cơ quan giải quyết")
        ordering = ["level", "name"]

    def __str__(self):
        return self.name


class Field(NormalisedTextModel):
    code = models.CharField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("lĩnh vực"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["name"]

    def __str__(self):
        return self.name
